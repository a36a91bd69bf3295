"""Checks every ledger write shares: the author, a positive amount, no date in the future."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thads.common.errors import DomainError

ORDER_ARTICLE = "Luật THADS 2008, Điều 47 k1"


def author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def positive_amount(amount: Any) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise DomainError(_("Số tiền phải là số nguyên dương (đồng)."))
    return amount


def not_future(day: dt.date, today: dt.date | None) -> None:
    today = today or timezone.localdate()
    if day > today:
        raise DomainError(
            _("Không được ghi nhận ở ngày tương lai (%(day)s).") % {"day": f"{day:%d/%m/%Y}"}
        )
