"""What the complaint services share: the author of a write, dates not in the future."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thads.common.errors import DomainError


def author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def not_future(day: dt.date, today: dt.date | None = None) -> None:
    if day > (today or timezone.localdate()):
        raise DomainError(
            _("Không được ghi nhận ở ngày tương lai (%(day)s).") % {"day": f"{day:%d/%m/%Y}"}
        )


def not_before(day: dt.date, start: dt.date, what: str) -> None:
    if day < start:
        raise DomainError(
            _("Ngày %(day)s trước %(what)s (%(start)s).")
            % {"day": f"{day:%d/%m/%Y}", "what": what, "start": f"{start:%d/%m/%Y}"}
        )
