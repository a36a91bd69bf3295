"""The register screens on the demo organisation: entering, listing, handling a letter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thads.complaints.models import Complaint, Matter
from thads.testing.cases import login

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 9, 3)


def _post_letter(client, **extra):
    data = {
        "received_on": "03/09/2025",
        "kind": "khieu_nai",
        "channel": "truc_tiep",
        "subject": "decision",
        "subject_detail": "Quyết định kê biên số 12/QĐ-CCTHADS",
        "summary": "Khiếu nại việc kê biên nhà đất",
        "obstacle_days": "0",
        "s-TOTAL_FORMS": "2",
        "s-INITIAL_FORMS": "0",
        "s-0-name": "Phạm Văn Hải",
        "s-0-address": "Phường Phan Đình Phùng",
        "s-1-name": "",
        **extra,
    }
    return client.post(reverse("complaints:letter_new", args=["TNG-KV2"]), data)


def test_clerk_registers_and_head_accepts(client, shared_demo_org):
    login(client, "thuky")
    response = _post_letter(client)
    letter = Complaint.objects.get(summary="Khiếu nại việc kê biên nhà đất")
    assert response.status_code == 302 and response.url == reverse(
        "complaints:letter", args=[letter.pk]
    )
    page = client.get(reverse("complaints:register", args=["TNG-KV2"]) + "?nam=2025")
    assert letter.code in page.content.decode()
    assert client.get(reverse("complaints:letter_handle", args=[letter.pk])).status_code == 403
    login(client, "truongphong")
    response = client.post(
        reverse("complaints:letter_handle", args=[letter.pk]),
        {
            "version": letter.version,
            "on": "05/09/2025",
            "competent": "1",
            "eligible": "1",
            "handling": "thu_ly",
            "matter_kinds": ["khieu_nai"],
            "instance": "1",
            "subject_role": "officer",
        },
    )
    assert response.status_code == 302
    matter = Matter.objects.get(letter=letter)
    assert matter.accepted_on == dt.date(2025, 9, 5)
    detail = client.get(reverse("complaints:letter", args=[letter.pk])).content.decode()
    assert matter.code in detail and "Phạm Văn Hải" in detail


def test_bad_input_changes_nothing(client, shared_demo_org):
    login(client, "thuky")
    response = _post_letter(client, **{"s-0-name": "", "summary": "Đơn không người gửi"})
    assert response.status_code == 400
    assert "ít nhất một người gửi" in response.content.decode()
    assert not Complaint.objects.filter(summary="Đơn không người gửi").exists()


def test_rules_page_marks_unverified_rules(client, shared_demo_org):
    login(client, "chv")
    page = client.get(reverse("complaints:rules")).content.decode()
    assert "Luật THADS 2008 (sửa đổi 2014), Điều 140 khoản 2" in page
    assert "chưa xác minh" in page and "3 ngày làm việc" in page


def test_the_register_reads_the_rules_once_not_per_letter(client, shared_demo_org):
    """The handling deadline of every row comes from one read of the rule table: five more
    letters on the page, not one query more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thads.complaints import services
    from thads.org.models import Unit

    unit = Unit.objects.get(code="TNG-KV2")
    url = reverse("complaints:register", args=["TNG-KV2"]) + "?nam=2025"

    def enter(n: int) -> None:
        for i in range(n):
            services.letter_register(
                unit,
                services.LetterInput(
                    kind="khieu_nai",
                    received_on=DAY - dt.timedelta(days=i),
                    senders=[services.SenderInput("Trần Văn Bình")],
                    summary=f"Đơn đếm truy vấn {i}",
                ),
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    login(client, "thuky")
    enter(1)
    queries()  # the session and the caches warm up
    before = queries()
    enter(5)
    assert "Đơn đếm truy vấn 4" in client.get(url).content.decode()
    assert queries() == before


def _letter_accepted(*kinds: str):
    """A complaint letter at Phòng THADS khu vực 2 accepted (thụ lý) on DAY as matters of these
    kinds, about the unit itself."""
    from thads.complaints import services
    from thads.org.models import Unit

    unit = Unit.objects.get(code="TNG-KV2")
    letter = services.letter_register(
        unit,
        services.LetterInput(
            kind="khieu_nai", received_on=DAY, senders=[services.SenderInput("Lê Thị Hoa")]
        ),
    )
    services.letter_handle(
        letter,
        services.HandlingInput(
            on=DAY,
            handling="thu_ly",
            matters=[services.MatterInput(kind=k, subject_unit=unit) for k in kinds],
        ),
        expected_version=letter.version,
    )
    return letter


def test_the_matter_page_offers_what_the_kind_of_matter_allows(client, shared_demo_org):
    """A complaint may be suspended and extended and is decided right / wrong / partly right; a
    petition is only answered (`rules.may_suspend`, `may_extend`, `decision_outcomes`, which the
    services enforce too)."""
    letter = _letter_accepted("khieu_nai", "kien_nghi")
    complaint = letter.matters.get(kind="khieu_nai")
    petition = letter.matters.get(kind="kien_nghi")
    login(client, "lanhdao")  # resolves both (the complaint goes to the province since 07/2025)

    def offered(matter) -> str:
        return client.get(reverse("complaints:matter", args=[matter.pk])).content.decode()

    def decide_form(matter) -> str:
        url = reverse("complaints:matter_action", args=[matter.pk, "giai-quyet"])
        return client.get(url).content.decode()

    page = offered(complaint)
    assert "/tam-dung/" in page and "/gia-han/" in page
    page = offered(petition)
    assert "/giai-quyet/" in page
    assert "/tam-dung/" not in page and "/gia-han/" not in page
    assert 'value="dung_mot_phan"' in decide_form(complaint)
    form = decide_form(petition)
    assert 'value="tra_loi"' in form and 'value="dung_mot_phan"' not in form


def test_a_letter_naming_a_case_or_letter_the_clerk_cannot_read_is_refused(client, shared_demo_org):
    """`selectors.letter_links`: the related case and the earlier letter are looked up among
    what the user may read; one out of scope is refused exactly as a code nobody used, field by
    field, and nothing is entered."""
    from thads.testing.cases import new_case

    elsewhere = new_case("CBG-KV1", officer=None)
    login(client, "thuky")
    for code in (elsewhere.code, "KHONG-CO-VIEC"):
        response = _post_letter(
            client, case_code=code, duplicate_code="KHONG/CO/DON", summary=f"Đơn nêu việc {code}"
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "Không có việc thi hành án mã này." in page
        assert "Không có đơn số này trong sổ." in page
    assert not Complaint.objects.filter(summary__startswith="Đơn nêu việc").exists()


def test_the_officer_complained_of_is_placed_in_the_unit_he_served_on_the_letters_day(
    shared_demo_org,
):
    """An officer moved to another unit since: a letter received while he served in the first
    is resolved there (its head is competent), a later letter in the new unit."""
    from thads.complaints.views.letters import staff_unit
    from thads.org.models import Membership, Staff

    kv2, kv3 = shared_demo_org["TNG-KV2"], shared_demo_org["TNG-KV3"]
    officer = Staff.objects.create(
        code="TEST-MOVED", full_name="Đỗ Văn Chuyển", title="chap_hanh_vien_so_cap"
    )
    Membership.objects.create(
        staff=officer, unit=kv2, role="officer", valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2025, 12, 31),
    )  # fmt: skip
    Membership.objects.create(
        staff=officer, unit=kv3, role="officer", valid_from=dt.date(2026, 1, 1)
    )
    assert staff_unit(officer, dt.date(2025, 9, 3)) == kv2
    assert staff_unit(officer, dt.date(2026, 2, 3)) == kv3
    assert staff_unit(officer, dt.date(2023, 5, 1)) == kv3  # no posting then: the latest
    assert staff_unit(None, dt.date(2026, 2, 3)) is None


def test_the_matter_steps_have_a_visible_title_and_say_when_none_is_recorded(
    client, shared_demo_org
):
    """A matter imported from the old records (`legacy_matters`) carries no step: the page
    showed a bare header row under no title. The table is titled on screen, and an empty one
    says so."""
    from thads.complaints import services
    from thads.complaints.imports import legacy_matters
    from thads.complaints.models import Handling
    from thads.org.models import Unit

    unit = Unit.objects.get(code="TNG-KV2")
    letter = services.letter_register(
        unit,
        services.LetterInput(
            kind="khieu_nai", received_on=DAY, senders=[services.SenderInput("Lê Thị Hoa")]
        ),
    )
    letter.handling = Handling.THU_LY
    (matter,) = legacy_matters([letter])
    matter.save()
    login(client, "truongphong")
    page = client.get(reverse("complaints:matter", args=[matter.pk])).content.decode()
    assert "<h2>Các bước giải quyết</h2>" in page
    steps = page[page.index('data-testid="matter-steps"') :]
    assert "Chưa ghi bước giải quyết nào." in steps[: steps.index("</table>")]


def test_the_matter_and_letter_pages_say_what_was_wrong(client, shared_demo_org):
    """ "Khiếu nại sai · 15/01/2026", not a bare "Sai" beside "Kết quả" (`Matter.outcome_label`,
    `Complaint.result_label`)."""
    from thads.complaints import services

    letter = _letter_accepted("khieu_nai")
    matter = letter.matters.get()
    decided_on = DAY + dt.timedelta(days=9)
    services.matter_decide(matter, on=decided_on, outcome="sai", decision_no="07/QĐ-GQKN",
                           measures="", expected_version=matter.version)  # fmt: skip
    login(client, "lanhdao")
    day = decided_on.strftime("%d/%m/%Y")
    page = client.get(reverse("complaints:matter", args=[matter.pk])).content.decode()
    assert f"Khiếu nại sai · {day}" in page
    page = client.get(reverse("complaints:letter", args=[letter.pk])).content.decode()
    assert f"{day} · Khiếu nại sai" in page


def test_the_matter_pages_back_link_answers_for_whoever_reads_it(client, shared_demo_org):
    """A complaint received at Phòng THADS khu vực 2 and resolved by the province: the
    district's head reads it and goes back to the register of the letter (the province's list
    answers 404 for them); the provincial leader goes back to the province's matters."""
    letter = _letter_accepted("khieu_nai")
    matter = letter.matters.get()
    assert matter.resolver_unit.code == "TNG"
    for username, back in (
        ("truongphong", reverse("complaints:register", args=["TNG-KV2"])),
        ("lanhdao", reverse("complaints:matters", args=["TNG"])),
    ):
        login(client, username)
        page = client.get(reverse("complaints:matter", args=[matter.pk])).content.decode()
        assert f'<p class="page-back"><a href="{back}">' in page
        assert client.get(back).status_code == 200
