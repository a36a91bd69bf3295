"""Names outside the user's scope never show (issue 9, item 5): `?officer=` on "Việc của tôi"
and the case list, `cb=` on the drill-down — a staff code of another unit answers 404 (or is
refused by the filter), so nobody can read names or enumerate staff codes outside their scope."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thads.org.models import Staff

pytestmark = pytest.mark.django_db

OUTSIDE = ["TW-01", "CBG-KV1-02"]  # the national unit's staff, another province's


def _as(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.parametrize("code", OUTSIDE)
def test_my_cases_officer_outside_the_scope_is_404(client, shared_demo_org, code):
    name = Staff.objects.get(code=code).full_name
    response = _as(client, "truongphong").get(reverse("cases:my_cases"), {"officer": code})
    assert response.status_code == 404
    assert name not in response.content.decode()


def test_my_cases_officer_inside_the_scope_is_shown(client, shared_demo_org):
    staff = Staff.objects.get(code="TN-SC-02")
    response = _as(client, "truongphong").get(reverse("cases:my_cases"), {"officer": staff.code})
    assert response.status_code == 200
    assert staff.full_name in response.content.decode()


@pytest.mark.parametrize("code", OUTSIDE)
def test_case_list_filter_never_names_staff_outside_the_scope(client, shared_demo_org, code):
    name = Staff.objects.get(code=code).full_name
    response = _as(client, "truongphong").get(reverse("cases:list"), {"officer": code})
    assert response.status_code in (200, 404)
    assert name not in response.content.decode()


@pytest.mark.parametrize("code", OUTSIDE)
def test_drill_down_officer_outside_the_scope_is_404(client, shared_demo_org, code):
    name = Staff.objects.get(code=code).full_name
    query = {"don_vi": "TNG-KV2", "bieu": 1, "nam": 2026, "thang": 12, "cot": 0, "cb": code}
    response = _as(client, "truongphong").get(reverse("stats:drill"), query)
    assert response.status_code == 404
    assert name not in response.content.decode()
