"""What the case screens say: Vietnamese, people's names, the law named consistently.

Regressions of issue 10: "Please submit at least 1 form." on an empty intake; "payer: …" and
officer codes in the timeline; "Luật THADS 2008" and "Luật 106/2025" side by side without
saying which applies when.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from thads.cases import services
from thads.cases.selectors import event_details, timeline
from thads.ledger import services as ledger_services
from thads.org.models import Staff
from thads.testing.cases import login, new_case
from thads.testing.text_checks import english_words, raw_codes, visible_text

pytestmark = pytest.mark.django_db


def test_an_empty_intake_is_refused_in_vietnamese(client, shared_demo_org):
    login(client, "thuky")
    url = reverse("cases:intake", args=["TNG-KV2"])
    data = {
        "so_viec": "1",
        "j-court": "Tòa án nhân dân tỉnh Thái Nguyên",
        "j-number": "1/2025/DS-ST",
        "j-date": "06/01/2025",
        "j-kind": "dan_su",
        "c0-decision_no": "9/QĐ-THA",
        "c0-decision_date": "06/01/2025",
        "c0-accepted_on": "06/01/2025",
        "c0-mode": "chu_dong",
        # Untouched rows as the browser posts them (the selects keep their first choice).
        "c0-p-TOTAL_FORMS": "3",
        "c0-p-INITIAL_FORMS": "0",
        "c0-o-TOTAL_FORMS": "3",
        "c0-o-INITIAL_FORMS": "0",
        **{f"c0-p-{i}-kind": "ca_nhan" for i in range(3)},
        **{f"c0-o-{i}-priority": "khac" for i in range(3)},
    }
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Phải nhập ít nhất 1 đương sự" in page
    assert "Phải nhập ít nhất 1 nghĩa vụ thi hành" in page
    text = visible_text(page)
    assert english_words(text) == [], english_words(text)


def test_djangos_own_form_messages_are_vietnamese_too():
    """The messages Django's Vietnamese catalogue leaves in English (thads/locale/vi)."""
    formset = forms.formset_factory(forms.Form, min_num=2, validate_min=True)
    data = {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"}
    with translation.override("vi"):
        errors = formset(data).non_form_errors()
        assert list(errors) == ["Phải nhập ít nhất 2 mục."]


def test_the_timeline_names_people_never_codes_or_keys(client, shared_demo_org):
    case = new_case(amount=3_000_000, officer="TN-SC-02")
    on = dt.date(2025, 8, 5)
    ledger_services.payment_record(case, amount=1_000_000, received_on=on, payer="Lê Văn Tám")
    case.refresh_from_db()
    services.case_assign(case, officer=Staff.objects.get(code="TN-SC-03"), on=on)
    details = [d for entry in timeline(case) for d in entry.details]
    assert ("Người nộp tiền", "Lê Văn Tám") in details
    assert ("Chấp hành viên", "Vũ Đức Thắng") in details
    assert ("Chấp hành viên trước đó", "Nguyễn Thị Hoa") in details
    login(client, "truongphong")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    text = visible_text(page)
    assert raw_codes(text, list(Staff.objects.values_list("code", flat=True))) == []
    assert "payer" not in text and "TN-SC-03" not in text


def test_unknown_or_internal_keys_are_not_shown_raw():
    assert event_details({"payout": 12, "self_settled": False, "obligation": 7}) == []
    assert event_details({"officer": "TN-SC-02"}, {"officer": {"TN-SC-02": "Nguyễn Thị Hoa"}}) == [
        ("Chấp hành viên", "Nguyễn Thị Hoa")
    ]


def test_the_law_is_cited_by_one_name_each_and_says_which_applies_when(client, shared_demo_org):
    case = new_case(accepted_on=dt.date(2026, 6, 1))
    services.event_record(case, type="thong_bao", on=dt.date(2026, 6, 2))
    case.refresh_from_db()
    services.event_record(case, type="xac_minh", on=dt.date(2026, 7, 2))
    login(client, "chv")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Luật THADS 2008, Điều 39" in page  # the notice of 02/06/2026
    assert "Luật THADS 2025" in page  # the verification of 02/07/2026
    assert "106/2025/QH15" in page and "đến 30/06/2026" in page and "từ 01/07/2026" in page
    # One name per law: not "Luật THADS số 106/2025/QH15" as a citation beside "Luật THADS 2008".
    timeline_html = page[page.index('data-testid="timeline"') :]
    timeline_html = timeline_html[: timeline_html.index("</table>")]
    assert "Luật THADS số 106/2025/QH15" not in timeline_html
