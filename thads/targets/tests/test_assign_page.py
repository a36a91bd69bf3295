"""Giving targets on the screen: Vietnamese decimals read strictly (“1.000” is refused, never
saved as 1,00 %), an official target changed only with a reason, the change log naming people."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from thads.common.errors import DomainError
from thads.common.numbers import parse_decimal, parse_screen_decimal
from thads.org.access import access_for
from thads.org.models import Unit
from thads.targets import services
from thads.targets.models import Target, TargetChange

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "value"),
    [("82,50", D("82.50")), ("82,5", D("82.5")), ("82", D("82")), ("1.234,5", D("1234.5")),
     ("100 %", D("100")), ("12.345.678", D("12345678"))],
)  # fmt: skip
def test_vietnamese_decimals(text, value):
    assert parse_decimal(text, "Tỷ lệ") == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.000", "không rõ là số nào"),
        ("82.5", "phần thập phân viết sau dấu “,”"),
        ("82.50", "phần thập phân viết sau dấu “,”"),
        ("8,2,5", "không hợp lệ"),
        ("1.00,5", "không hợp lệ"),
        ("abc", "không hợp lệ"),
        ("", "chưa nhập"),
    ],
)
def test_ambiguous_or_foreign_decimals_are_refused_with_a_clear_message(text, message):
    with pytest.raises(DomainError, match=message):
        parse_decimal(text, "Chỉ tiêu về việc (%)")


def test_the_english_screen_reads_english_decimals():
    with translation.override("en"):
        assert parse_screen_decimal("82.50", "Rate") == D("82.50")
        with pytest.raises(DomainError):
            parse_screen_decimal("1,000", "Rate")


def _login(client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def test_a_target_typed_1_000_is_refused_not_saved_as_1_percent(client, shared_demo_org):
    _login(client, "lanhdao")
    kv1 = Unit.objects.get(code="TNG-KV1")
    url = reverse("targets:assign", args=["TNG"])
    response = client.post(url, {"nam": 2026, f"u{kv1.pk}-case": "1.000", f"u{kv1.pk}-money": "40"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chưa lưu gì vì có lỗi" in page and "không rõ là số nào" in page
    assert not Target.objects.exists()


def test_changing_an_official_target_needs_a_reason_kept_in_the_log(client, shared_demo_org):
    user = _login(client, "lanhdao")
    kv1 = Unit.objects.get(code="TNG-KV1")
    url = reverse("targets:assign", args=["TNG"])
    first = {"nam": 2026, f"u{kv1.pk}-case": "82,50", f"u{kv1.pk}-money": "40"}
    assert client.post(url, first).status_code == 302  # giving it the first time: no reason
    changed = {**first, f"u{kv1.pk}-case": "85"}
    refused = client.post(url, changed)
    assert "phải ghi lý do" in refused.content.decode()
    assert Target.objects.get(unit=kv1, year=2026).case_rate == D("82.50")
    unchanged = client.post(url, {**first, f"u{kv1.pk}-case": "82,50"})
    assert unchanged.status_code == 302  # saving the same values again needs none
    saved = client.post(url, {**changed, "reason": "Điều chỉnh theo Công văn số 12/CV"})
    assert saved.status_code == 302
    last = TargetChange.objects.filter(unit=kv1, field="case_rate").order_by("id").last()
    assert (last.old_value, last.new_value) == (D("82.50"), D("85.00"))
    assert last.reason == "Điều chỉnh theo Công văn số 12/CV"
    # The change log names the person, not the account.
    page = client.get(url, {"nam": 2026}).content.decode()
    assert user.get_full_name() == "Nguyễn Xuân Tùng"
    assert "Nguyễn Xuân Tùng" in page
    assert ">lanhdao<" not in page


def test_an_import_carries_the_other_systems_decisions_without_a_reason(shared_demo_org):
    user = get_user_model().objects.get(username="lanhdao")
    access = access_for(user)
    kv1 = Unit.objects.get(code="TNG-KV1")
    services.target_set(access, kv1, 2026, case_rate="80", money_rate="40", by=user)
    with pytest.raises(DomainError, match="phải ghi lý do"):
        services.target_set(access, kv1, 2026, case_rate="81", money_rate="40", by=user)
    services.target_set(
        access, kv1, 2026, case_rate="81", money_rate="40", by=user, source="import"
    )
    assert Target.objects.get(unit=kv1, year=2026).case_rate == D("81.00")
