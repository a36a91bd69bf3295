"""Decimal numbers typed on the screens, read strictly in the language of the screen.

On a Vietnamese screen "82,5" is eighty-two and a half and the dot groups thousands ("1.000" is
one thousand); the English screen uses the opposite signs. Input that cannot be read safely —
"82.5" or "1.000" typed on the Vietnamese screen (is "1.000" one or one thousand?) — is refused
with a message, never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from thads.common.errors import DomainError


def parse_decimal(text: str, label: str, *, decimal: str = ",", group: str = ".") -> Decimal:
    """ "82,50" → 82.50, "1.234,5" → 1234.5 (Vietnamese signs by default).

    Refused with a DomainError: an empty value; digits grouped other than by three; a decimal
    part written with the grouping sign ("82.5"); a single group without a decimal part
    ("1.000"), which is ambiguous — in a percentage it is almost always a typo.
    """
    value = str(text).strip().removesuffix("%").strip().replace("\u00a0", "").replace(" ", "")
    if not value:
        raise DomainError(_("%(label)s: chưa nhập.") % {"label": label})
    d, g = re.escape(decimal), re.escape(group)
    integer = value.split(decimal)[0]
    if decimal not in value and re.fullmatch(rf"\d{{1,3}}{g}\d{{3}}", integer):
        raise DomainError(
            _(
                "%(label)s: “%(value)s” không rõ là số nào (dấu “%(group)s” dùng để tách hàng "
                "nghìn). Nhập phần thập phân sau dấu “%(decimal)s”, ví dụ %(example)s."
            )
            % {
                "label": label,
                "value": text,
                "group": group,
                "decimal": decimal,
                "example": f"82{decimal}50",
            }
        )
    if not re.fullmatch(rf"(?:\d{{1,3}}(?:{g}\d{{3}})+|\d+)(?:{d}\d+)?", value):
        raise DomainError(
            _(
                "%(label)s: “%(value)s” không hợp lệ — phần thập phân viết sau dấu “%(decimal)s”, "
                "ví dụ %(example)s."
            )
            % {"label": label, "value": text, "decimal": decimal, "example": f"82{decimal}50"}
        )
    try:
        return Decimal(value.replace(group, "").replace(decimal, "."))
    except InvalidOperation:  # pragma: no cover - the pattern above already refuses it
        raise DomainError(_("%(label)s: không hợp lệ.") % {"label": label}) from None


def parse_screen_decimal(text: str, label: str) -> Decimal:
    """`parse_decimal` with the signs of the active language (vi: "82,50"; en: "82.50")."""
    return parse_decimal(
        text,
        label,
        decimal=get_format("DECIMAL_SEPARATOR"),
        group=get_format("THOUSAND_SEPARATOR"),
    )
