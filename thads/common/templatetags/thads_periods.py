"""Report months and periods by name in templates.

{{ year|report_month:k }}, {{ period|period_label }}, {{ period|period_range }},
{% report_months year as choices %}.
"""

from __future__ import annotations

from django import template
from django.utils import timezone

from thads.common import periods

register = template.Library()


@register.filter
def report_month(year, month) -> str:
    """{{ 2027|report_month:3 }} → "Tháng 12/2026"; "" when either is missing or invalid."""
    try:
        return periods.month_name(int(year), int(month))
    except (TypeError, ValueError):
        return ""


@register.filter
def period_label(period) -> str:
    """ "Tháng 12/2026 — tháng thứ 3 của năm báo cáo 2027 (đang diễn ra: … đến hết ngày …)"."""
    if period is None:
        return ""
    return periods.period_label(period, timezone.localdate())


@register.filter
def period_range(period) -> str:
    """ "từ ngày 01/10/2026 đến ngày 02/12/2026" (a running period ends today)."""
    if period is None:
        return ""
    return periods.range_text(period, timezone.localdate())


@register.simple_tag
def report_months(year) -> list[tuple[int, str]]:
    """[(1, "Tháng 10/2026"), …, (12, "Tháng 9/2027")] for the month pickers."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = periods.report_year_of(timezone.localdate())
    return [(k, periods.month_name(year, k)) for k in range(1, 13)]


@register.filter
def calendar_month(month) -> int | str:
    """{{ 3|calendar_month }} → 12: month k of a report year is calendar month k + 9 (mod 12)."""
    try:
        return (int(month) + 8) % 12 + 1
    except (TypeError, ValueError):
        return ""
