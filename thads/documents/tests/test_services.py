"""Draft → issue: a draft moves nothing; issuing numbers it from the unit's series and records
the act's event in the same transaction; an issued document never changes, it is replaced."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thads.cases.deadlines import case_deadlines
from thads.common.errors import DomainError
from thads.common.periods import as_of_period, report_year_of
from thads.documents import services
from thads.documents.models import Document
from thads.documents.rendering import template_in_force
from thads.stats.exports import form_payload
from thads.testing.cases import login, new_case, staff

D = dt.date
DAY = D(2025, 9, 1)
TODAY = D(2025, 9, 10)
pytestmark = pytest.mark.django_db
HOAN = {"reason": "khac", "ground": "om_nang", "until": "2025-12-01"}


def _draft(case, code="qd-hoan", act=None, day=DAY, **kw):
    return services.document_draft(
        case, template=template_in_force(code, day), doc_date=day, act=act or HOAN, **kw
    )


def _issue(document, signer="TN-SC-01"):
    document.refresh_from_db()
    return services.document_issue(
        document, signer=staff(signer), expected_version=document.version, today=TODAY
    )


def _decided(case) -> int:
    """The case's QĐ THA number: the unit's decisions of the year are numbered after it."""
    return int(case.decision_no.split("/")[0])


def _official_forms(case) -> list[dict]:
    """Forms 1 and 2 (cases and money) of the case's unit, as `thads report` gives them."""
    period = as_of_period(report_year_of(TODAY), TODAY)
    return [form_payload(code, case.unit, period) for code in ("1", "2")]


def test_a_draft_moves_no_statistic_and_no_deadline(shared_demo_org):
    case = new_case()
    before = (case.state, case.version, case_deadlines(case, today=TODAY))
    forms_before = _official_forms(case)
    draft = _draft(case)
    case.refresh_from_db()
    assert draft.number is None and draft.event is None and draft.is_draft
    assert not case.events.exists()
    assert (case.state, case.version, case_deadlines(case, today=TODAY)) == before
    assert _official_forms(case) == forms_before
    # Issued, the same hoãn moves the forms: the comparison above can fail.
    _issue(draft)
    assert _official_forms(case) != forms_before


def test_issue_numbers_the_series_and_records_the_act(shared_demo_org):
    # Both cases typed first: a QĐ THA typed after the issue could not take the number issued
    # (cases.act_numbers.decision_number_claim).
    case, other = new_case(), new_case()
    first = _issue(_draft(case))
    n = max(_decided(case), _decided(other)) + 1
    assert first.number == n and first.year == 2025
    assert first.number_display == f"{n}/QĐ-PTHADS"
    event = first.event
    assert event.type == "hoan" and event.on == DAY
    assert event.data["doc_no"] == f"{n}/QĐ-PTHADS"
    assert event.data["until"] == "2025-12-01"
    assert event.data["signer"] == staff("TN-SC-01").full_name
    case.refresh_from_db()
    assert case.state == "hoan_khac"
    # The next decision of the unit takes the next number; a notice has its own series.
    assert _issue(_draft(other)).number == n + 1
    notice = _issue(_draft(other, code="tb-nhan-yeu-cau", act={}))
    assert notice.number_display == "1/TB-PTHADS" and notice.event is None


def test_an_incomplete_act_is_not_issued_and_takes_no_number(shared_demo_org):
    case = new_case()
    draft = _draft(case, act={"reason": "khac", "ground": "om_nang"})
    with pytest.raises(DomainError, match="Hoãn đến ngày"):
        _issue(draft)
    draft.refresh_from_db()
    assert draft.is_draft and draft.number is None and not case.events.exists()
    complete = _draft(case)
    assert _issue(complete).number == _decided(case) + 1  # the refused issue gave its number back


def test_an_issued_document_never_changes_it_is_replaced(shared_demo_org):
    case = new_case()
    issued = _issue(_draft(case))
    with pytest.raises(DomainError, match="không được sửa"):
        services.document_update_draft(
            issued, doc_date=DAY, act=HOAN, expected_version=issued.version
        )
    with pytest.raises(DomainError, match="không được xóa"):
        services.document_discard(issued, expected_version=issued.version)
    corrected = {**HOAN, "until": "2026-01-15"}
    replacement = _issue(_draft(case, act=corrected, replaces=issued))
    assert replacement.replaces == issued and replacement.number == issued.number + 1
    assert replacement.event.corrects == issued.event  # the old act no longer counts
    issued.refresh_from_db()
    assert issued.act["until"] == "2025-12-01"  # kept as it was
    with pytest.raises(DomainError, match="đã có văn bản thay thế"):
        _draft(case, replaces=issued)


def test_an_auction_records_its_price(shared_demo_org):
    from thads.cases.services import event_record

    case = new_case(amount=500_000_000)
    for type_, extra in (
        ("xac_minh_co_dieu_kien", {}),
        ("quyet_dinh_cuong_che", {"data": {"measure": "ke_bien"}}),
        ("tham_dinh_gia", {"amount": 600_000_000}),
    ):
        event_record(case, type=type_, on=D(2025, 8, 20), today=TODAY, **extra)
    act = {"organisation": "Công ty Đấu giá Hợp danh Bắc Thái", "starting_price": 600_000_000,
           "result": "thanh_cong", "sale_price": 615_000_000}  # fmt: skip
    document = _issue(_draft(case, code="tb-dau-gia", act=act), signer="TN-SC-02")
    assert document.event.type == "dau_gia"
    assert document.event.data["sale_price"] == 615_000_000


def test_officer_cannot_issue_what_only_the_head_signs(client, shared_demo_org):
    case = new_case()
    draft = _draft(case)
    url = reverse("documents:issue", args=[draft.pk])
    login(client, "chv")
    assert client.get(reverse("documents:detail", args=[draft.pk])).status_code == 200
    assert client.post(url, {"version": draft.version}).status_code == 403
    seizure = _draft(case, code="qd-phong-toa", act={"bank": "Agribank", "account": "123"})
    response = client.post(
        reverse("documents:issue", args=[seizure.pk]), {"version": seizure.version}
    )
    assert response.status_code == 302  # the officer's own power (Điều 20, 67)
    login(client, "truongphong")
    assert client.post(url, {"version": draft.version}).status_code == 302
    draft.refresh_from_db()
    # One series per unit and year: the officer's freezing decision took the number before.
    assert draft.number_display == f"{_decided(case) + 2}/QĐ-PTHADS"
    assert draft.signer.code == "TN-SC-01"


def test_the_head_sees_what_waits_for_signature(client, shared_demo_org):
    case = new_case()
    _draft(case)
    login(client, "truongphong")
    html = client.get(reverse("web:home")).content.decode()
    assert 'data-testid="panel-to-sign"' in html and case.code in html


def test_register_lists_searches_and_exports(client, shared_demo_org):
    case = new_case(debtor="Đặng Văn Lâm")
    issued = _issue(_draft(case))
    services.document_mark_sent(issued, sent_on=TODAY, expected_version=issued.version)
    login(client, "truongphong")
    url = reverse("documents:register", args=["TNG-KV2"])
    html = client.get(url, {"q": "lam"}).content.decode()
    assert issued.number_display in html
    assert issued.number_display not in client.get(url, {"q": "khong-co"}).content.decode()
    response = client.get(url, {"loai": "QĐ", "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0][1] == issued.number_display and rows[0][6] == "Đặng Văn Lâm"
    assert rows[0][2].date() == DAY and rows[0][8].date() == TODAY
    procuracy = client.get(reverse("documents:procuracy_register", args=["TNG-KV2"]))
    assert "10/09/2025" in procuracy.content.decode()
    printed = client.get(url, {"xuat": "in"}).content.decode()
    assert issued.number_display in printed and "Xuất Excel" not in printed


def test_download_docx_and_pdf(client, shared_demo_org):
    from thads.testing.documents import docx_text

    case = new_case()
    issued = _issue(_draft(case))
    login(client, "chv")
    docx = client.get(reverse("documents:download", args=[issued.pk, "docx"]))
    assert f"Số: {issued.number_display}" in docx_text(docx.content)
    pdf = client.get(reverse("documents:download", args=[issued.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert Document.objects.filter(pk=issued.pk, status="issued").exists()
