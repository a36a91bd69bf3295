"""The one reader of request parameters and typed amounts: hostile values get a clear answer.

- `has_control_characters`: NUL and the other C0 control characters (tab, line feed and
  carriage return aside) are never part of a parameter a person typed; PostgreSQL refuses NUL in
  text outright. `web.middleware.HostileInputMiddleware` answers 400 to any request carrying one
  in its path, its query or its form, before a view runs.
- `parse_money`: whole đồng typed on a screen, in an Excel cell or an import line — ASCII digits
  only (``"²".isdigit()`` is True and ``int("١٢٣")`` is 123: neither is a test for "a number a
  clerk typed"), grouped by dots or spaces, never negative, at most `MAX_MONEY`.
- `int_param`: an integer query parameter (a year, a month, a column, a page): ASCII digits
  within bounds, else the default.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from thads.common.errors import DomainError

# Below PostgreSQL's bigint (9 223 372 036 854 775 807) with room for sums of a few amounts;
# far above any judgment (the largest ones are a few hundred trillion đồng).
MAX_MONEY = 10**18 - 1
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MONEY = re.compile(r"[0-9]{1,3}(?:[.\s\u00a0][0-9]{3})*|[0-9]+", re.ASCII)
ASCII_INT = re.compile(r"-?[0-9]{1,18}", re.ASCII)


def has_control_characters(text: str) -> bool:
    return bool(CONTROL.search(text))


def parse_money(value: Any) -> int:
    """ "1.234.567", "1 234 567", "1234567 đ" → 1234567; refused with a Vietnamese message."""
    if isinstance(value, bool):
        raise DomainError(_("Số tiền phải là số nguyên đồng, ví dụ 1.234.567."))
    if isinstance(value, int):
        amount = value
    else:
        text = str(value).strip().removesuffix("đ").strip()
        if text.startswith("-"):
            raise DomainError(_("Số tiền không được âm."))
        if not MONEY.fullmatch(text):
            raise DomainError(_("Số tiền phải là số nguyên đồng, ví dụ 1.234.567."))
        amount = int(re.sub(r"[.\s\u00a0]", "", text))
    if amount < 0:
        raise DomainError(_("Số tiền không được âm."))
    if amount > MAX_MONEY:
        raise DomainError(
            _("Số tiền quá lớn (tối đa %(max)s đồng).")
            % {"max": f"{MAX_MONEY:,}".replace(",", ".")}
        )
    return amount


def int_param(
    value: str | None,
    default: int | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """An integer query parameter, or `default` when absent, malformed or out of bounds."""
    if value is None or not ASCII_INT.fullmatch(value.strip()):
        return default
    number = int(value.strip())
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return default
    return number
