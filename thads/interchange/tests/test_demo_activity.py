"""Issue 10 item 12: every screen of the demo has something true to show — complaints and
citizen reception (forms 8, 9, the clerk's register), oversight (forms 6, 10, 12: THAHC,
inspections, the procuracy, exemptions) and the documents' registers — for TNG-KV2 and the
province in the running report year, written through the apps' services (numbers, steps,
deadlines, history), without moving a case or a rate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.urls import reverse

from thads.cases.models import Case, CaseEvent
from thads.common.periods import current_month, month_period, report_year_of, year_start
from thads.complaints import selectors as complaint_selectors
from thads.complaints.models import Complaint, Matter, MatterStep, ReceptionSession
from thads.documents import selectors as document_selectors
from thads.documents.models import Document
from thads.interchange import demo_cases, demo_complaints, demo_documents, demo_oversight
from thads.org.access import access_for
from thads.org.models import Unit
from thads.oversight.models import (
    AdminJudgment,
    ExemptionDossier,
    Inspection,
    InspectionPlan,
    ProcuracyAct,
    Recommendation,
)
from thads.stats import exports
from thads.targets.cockpit import build_cockpit
from thads.testing.cases import login
from thads.testing.org import build_all

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 2)  # report year 2027, its third month
YEAR = report_year_of(TODAY)
COUNT = 1500


def _rates() -> list:
    tng = Unit.objects.get(code="TNG")
    out = []
    for period in (month_period(YEAR - 1, 12), month_period(YEAR, current_month(TODAY))):
        total = build_cockpit(tng, period, trend=False).total
        out.append((total.cases.rate, total.money.rate, total.cases.done, total.money.done))
    return out


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo's cases, then its complaints, oversight and documents; the rates and the cases'
    events before and after."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_all()
        demo_cases.load(TODAY, count=COUNT)
        before = (_rates(), CaseEvent.objects.count(), Case.objects.count())
        results = (
            demo_complaints.load(TODAY),
            demo_oversight.load(TODAY),
            demo_documents.load(TODAY),
        )
        after = (_rates(), CaseEvent.objects.count(), Case.objects.count())
        yield {"before": before, "after": after, "results": results}
        transaction.set_rollback(True)


def _total(form: str, code: str) -> dict:
    unit = Unit.objects.get(code=code)
    return exports.form_payload(form, unit, month_period(YEAR, current_month(TODAY)))["total"]


def test_the_forms_of_the_running_year_have_figures(demo):
    # Letters are received by the unit; since the reform the province's head resolves the
    # complaints about a regional office (its kiến nghị, phản ánh stay with it).
    letters = _total("8", "TNG-KV2")
    assert letters["don_tiep_nhan"] > 0 and letters["don_thuoc_tq"] > 0
    assert letters["don_chuyen"] > 0 and letters["don_trung"] > 0 and letters["viec_moi"] > 0
    matters = _total("8", "TNG")
    assert matters["viec_moi"] > 0 and matters["da_giai_quyet"] > 0
    assert matters["dang_giai_quyet"] > 0 and matters["qua_han"] > 0
    for code in ("TNG-KV2", "TNG"):
        reception = _total("9", code)
        assert sum(v for k, v in reception.items() if isinstance(v, int)) > 0, code
        oversight = _total("10", code)
        assert oversight["vks_nhan"] > 0, code
        thahc = _total("12", code)
        assert thahc["phai_theo_doi"] > 0 and thahc["xong"] > 0 and thahc["chua_xong"] > 0, code
        assert thahc["khong_theo_doi"] > 0 and thahc["co_qd_buoc"] > 0, code
    assert _total("10", "TNG")["kt_dot_xuat"] == 1  # the surprise inspection of this year
    assert _total("6", "TNG")["du_dieu_kien"] > 0 and _total("6", "TNG")["khong_chap_nhan"] > 0


def test_letters_at_every_stage(demo):
    kv2 = Complaint.objects.filter(unit__code="TNG-KV2", received_on__gte=year_start(YEAR))
    assert {"", "thu_ly", "chuyen_don", "luu_don"} <= set(kv2.values_list("handling", flat=True))
    assert kv2.filter(duplicate_of__isnull=False).exists()
    assert kv2.filter(resolved_on__isnull=True, handling="thu_ly").exists()
    kinds = set(Complaint.objects.filter(unit__code="TNG-KV2").values_list("kind", flat=True))
    assert {"khieu_nai", "to_cao", "kien_nghi", "phan_anh"} <= kinds
    outcomes = set(Matter.objects.values_list("outcome", flat=True))
    assert {"dung", "sai", "dung_mot_phan", "rut", "tra_loi", ""} <= outcomes
    # The second instance: forwarded by the province, resolved by the national office.
    second = Matter.objects.filter(instance=2, resolver_unit__code="TW")
    assert second.filter(subject_unit__code="TNG-KV2", resolved_on__isnull=False).exists()
    assert second.filter(resolved_on__isnull=True).exists()
    assert Complaint.objects.filter(unit__code="TNG", sent_to__startswith="Cục").exists()
    # Verification, dialogue, suspension and withdrawal left their steps, with who wrote them.
    steps = set(MatterStep.objects.values_list("kind", flat=True))
    assert {"thu_ly", "giao_xac_minh", "xac_minh", "doi_thoai", "tam_dung", "rut_don"} <= steps
    assert not MatterStep.objects.filter(recorded_by__isnull=True).exists()
    # Registered by the clerk, handled by the head: the history keeps each step.
    mine = Complaint.objects.filter(unit__code="TNG-KV2", created_by__username="thuky")
    assert mine.count() >= 20
    if connection.vendor == "postgresql":  # pghistory's triggers (PostgreSQL only)
        handled = mine.filter(handling="thu_ly").first()
        history = apps.get_model("complaints", "ComplaintHistory")
        assert history.objects.filter(pgh_obj=handled).count() >= 2


def test_reception_sessions(demo):
    sessions = ReceptionSession.objects.filter(unit__code__in=["TNG-KV2", "TNG"])
    assert sessions.filter(by_leader=True, form="dinh_ky").count() >= 12
    assert sessions.filter(groups__gt=0).exists()
    assert Complaint.objects.filter(reception__isnull=False, is_dong_nguoi=True).exists()
    assert sessions.filter(held_on__gte=year_start(YEAR)).exists()


def test_oversight_records(demo):
    assert AdminJudgment.objects.filter(unit__code="TNG-KV2", court_order_no__gt="").exists()
    plan = InspectionPlan.objects.get(unit__code="TNG")
    assert plan.items.filter(trimmed_on__isnull=False).exists()
    planned = Inspection.objects.get(unit__code="TNG-KV2", plan_item__isnull=False)
    assert planned.files.exists() and planned.findings.exists() and planned.conclusion_on
    recommendations = Recommendation.objects.filter(inspection=planned)
    assert recommendations.filter(closed_on__isnull=False).exists()
    assert recommendations.filter(closed_on__isnull=True, due_on__lt=TODAY).exists()
    assert Inspection.objects.filter(kind="dot_xuat", decision_on__gte=year_start(YEAR)).exists()
    acts = ProcuracyAct.objects.filter(unit__code="TNG-KV2")
    assert acts.filter(kind="kien_nghi", answered_on__isnull=False).exists()
    assert acts.filter(kind="khang_nghi", answered_on__isnull=True).exists()
    # Each reduction already on a case has its dossier, linked to the event (not recorded
    # twice: the cases' events are unchanged, test_no_case_and_no_rate_moves).
    reductions = CaseEvent.objects.filter(
        type="mien_giam",
        on__gte=year_start(YEAR - 1),
        case__unit__code__in=["TNG-KV2", "TNG"],
        corrected_by__isnull=True,
    ).select_related("case")
    expected = [e for e in reductions if e.on >= e.case.accepted_on + dt.timedelta(days=30)]
    linked = ExemptionDossier.objects.filter(event__in=reductions, result="giam")
    assert sorted(d.event_id for d in linked) == sorted(e.pk for e in expected)
    assert ExemptionDossier.objects.filter(result="", court_accepted_on__isnull=False).exists()


def test_registers_show_rows(demo, client):
    kv2 = Unit.objects.get(code="TNG-KV2")
    clerk = login(client, "thuky")
    page = client.get(reverse("complaints:register", args=["TNG-KV2"]) + f"?nam={YEAR}")
    assert page.status_code == 200
    letter = Complaint.objects.filter(unit=kv2, received_on__gte=year_start(YEAR)).first()
    assert letter.code in page.content.decode()
    access = access_for(clerk, TODAY)
    rows = complaint_selectors.register_page(
        access, [kv2.pk], year_start=year_start(YEAR), year_end=TODAY
    )
    assert rows.count() >= 10
    issued = document_selectors.register(access, kv2, year=TODAY.year)
    assert issued.count() >= 10
    assert {"QĐ", "TB", "CV"} <= set(issued.values_list("series", flat=True))
    # Numbers of each register follow the documents' dates.
    for series in ("QĐ", "TB", "CV"):
        dates = [d.doc_date for d in issued.filter(series=series).order_by("number")]
        assert dates == sorted(dates), series
    head = login(client, "truongphong")
    waiting = document_selectors.waiting_for_signature(access_for(head, TODAY), kv2)
    assert [d.template.code for d in waiting] == ["qd-phan-cong"]
    assert Document.objects.filter(status="issued", sent_to_procuracy_on__isnull=False).exists()


def test_no_case_and_no_rate_moves(demo):
    assert demo["before"] == demo["after"]


def test_the_pages_of_the_demo_records_answer(demo, client):
    """The registers and each kind of record the demo made, as the unit's head, the
    province's leader and its inspection office see them."""
    letter = Complaint.objects.filter(unit__code="TNG-KV2", handling="thu_ly").first()
    matter = Matter.objects.filter(steps__kind="doi_thoai", resolver_unit__code="TNG").first()
    session = ReceptionSession.objects.filter(groups__gt=0).first()
    judgment = AdminJudgment.objects.filter(court_order_no__gt="").first()
    act = ProcuracyAct.objects.filter(unit__code="TNG-KV2").first()
    document = Document.objects.filter(unit__code="TNG-KV2", status="issued").first()
    pages = {
        "truongphong": [
            reverse("complaints:register", args=["TNG-KV2"]) + f"?nam={YEAR}",
            reverse("complaints:letter", args=[letter.pk]),
            reverse("complaints:sessions", args=["TNG-KV2"]),
            reverse("oversight:thahc_list", args=["TNG-KV2"]),
            reverse("oversight:thahc_detail", args=[judgment.pk]),
            reverse("oversight:procuracy_list", args=["TNG-KV2"]),
            reverse("oversight:procuracy_detail", args=[act.pk]),
            reverse("documents:register", args=["TNG-KV2"]),
            reverse("documents:detail", args=[document.pk]),
        ],
        "lanhdao": [
            reverse("complaints:matters", args=["TNG"]),
            reverse("complaints:matter", args=[matter.pk]),
            reverse("complaints:session", args=[session.pk]),
            reverse("oversight:inspections", args=["TNG"]),
            reverse("oversight:inspection_detail", args=[Inspection.objects.first().pk]),
            reverse("oversight:exemptions", args=["TNG"]),
        ],
        "phongkiemtra": [reverse("oversight:plan", args=["TNG"])],
    }
    for username, urls in pages.items():
        login(client, username)
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)


def test_the_case_page_reads_each_panels_rows_once(demo, client):
    """The case with the most documents, and a case under complaint: each panel's rows in one
    read, nothing read again per row (a document's case, a matter's letter)."""
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    by_documents = Case.objects.annotate(n=Count("documents")).order_by("-n", "pk").first()
    assert by_documents.n >= 2
    under_complaint = Case.objects.filter(complaint_matters__isnull=False).first()
    login(client, "lanhdao")
    for case in (by_documents, under_complaint):
        url = reverse("cases:detail", args=[case.pk])
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        for document in case.documents.all():
            assert reverse("documents:detail", args=[document.pk]) in html
        for matter in case.complaint_matters.all():
            assert matter.code in html
        for table in (
            "documents_document",
            "documents_documenttemplate",
            "complaints_matter",
            "cases_case",
        ):
            reads = [q for q in captured if f'FROM "{table}"' in q["sql"]]
            assert len(reads) <= 1, f"{case}: {table}: {len(reads)} reads"
