"""Held money (tạm thu, tạm giữ): received by the unit, released (returned, paid in, paid out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.common.errors import DomainError
from thads.ledger.models import (
    HeldKind,
    HeldMoney,
    HeldMoneyRelease,
)
from thads.ledger.services.rules import author, not_future, positive_amount
from thads.org.models import Unit


@transaction.atomic
def held_money_receive(
    unit: Unit,
    *,
    kind: str,
    amount: int,
    received_on: dt.date,
    source: str,
    by: Any = None,
    case: Case | None = None,
    description: str = "",
    today: dt.date | None = None,
) -> HeldMoney:
    """Nhận tiền tạm thu, tạm giữ (Luật THADS 2008, Điều 68; NĐ 62/2015): held until released."""
    if kind not in HeldKind.values:
        raise DomainError(_("Loại tiền phải là tạm thu hoặc tạm giữ."))
    amount = positive_amount(amount)
    source = (source or "").strip()
    if not source:
        raise DomainError(_("Phải ghi người nộp hoặc nơi chuyển tiền."))
    not_future(received_on, today)
    if not unit.is_valid_on(received_on):
        raise DomainError(
            _("Đơn vị %(unit)s không hoạt động vào ngày %(day)s.")
            % {"unit": unit.name, "day": f"{received_on:%d/%m/%Y}"}
        )
    if case is not None and case.unit_id != unit.pk:
        raise DomainError(_("Việc thi hành án không thuộc đơn vị giữ tiền."))
    held = HeldMoney(
        unit=unit,
        case=case,
        kind=kind,
        amount=amount,
        received_on=received_on,
        source=source,
        description=(description or "").strip(),
        recorded_by=author(by),
    )
    held.save()
    return held


@transaction.atomic
def held_money_release(
    held: HeldMoney,
    *,
    released_on: dt.date,
    reason: str,
    by: Any = None,
    today: dt.date | None = None,
) -> HeldMoneyRelease:
    """Xử lý tiền tạm thu, tạm giữ (trả lại, chuyển thu, nộp ngân sách): ends the holding."""
    held = HeldMoney.objects.select_for_update().get(pk=held.pk)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Phải ghi nội dung xử lý khoản tiền."))
    if HeldMoneyRelease.objects.filter(held=held).exists():
        raise DomainError(_("Khoản tiền này đã được xử lý trước đó."))
    not_future(released_on, today)
    if released_on < held.received_on:
        raise DomainError(_("Ngày xử lý không được trước ngày nhận tiền."))
    release = HeldMoneyRelease(
        held=held, released_on=released_on, reason=reason, recorded_by=author(by)
    )
    release.save()
    return release
