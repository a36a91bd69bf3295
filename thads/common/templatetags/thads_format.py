"""Display filters: money `1.234.567 đ`, rates `83,99%`, following the active language."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import get_format, number_format

from thads.common import money

register = template.Library()


@register.filter
def vnd(value: int | None) -> str:
    """Integer đồng -> '1.234.567 đ'."""
    if value is None or value == "":
        return "—"
    return f"{number_format(int(value), force_grouping=True)} đ"


@register.filter
def number(value: int | None) -> str:
    """Integer -> '1.234.567'."""
    if value is None or value == "":
        return "—"
    return number_format(int(value), force_grouping=True)


@register.filter
def thousands(value: int | None) -> str:
    """Đồng -> nghìn đồng, grouped, as the money forms print it."""
    if value is None:
        return "—"
    return number_format(money.to_thousands(value), force_grouping=True)


@register.filter
def percent(value: Decimal | None) -> str:
    """Decimal('83.99') -> '83,99%'; None (zero base) -> '—'."""
    return money.format_rate(value, decimal_sep=get_format("DECIMAL_SEPARATOR"))


@register.filter
def person(user) -> str:
    """An account as people know it: its owner's name, never the login when a name is known."""
    if user is None or user == "":
        return "—"
    return user.get_full_name() or user.get_username()


@register.filter
def lookup(mapping, key):
    """{{ labels|lookup:key }}: the label of a code; the code itself when none is known."""
    try:
        return mapping.get(key, key)
    except AttributeError:
        return key
