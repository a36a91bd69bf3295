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
