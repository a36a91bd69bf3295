"""The report-year calendar: the year runs 01/10/N−1 – 30/09/N; monthly reports are cumulative.

One module for every app that needs it (case filters, statistics, targets, submission, demo data).

Thông tư 05/2024/TT-BTP (and TT 06/2019/TT-BTP, Điều 4): month k of year N ends on the last
day of the k-th month counted from October (k = 1 → October, 12 → September).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    year: int
    start: dt.date
    end: dt.date
    month: int | None = None

    @property
    def day_before_start(self) -> dt.date:
        return self.start - dt.timedelta(days=1)

    def label(self) -> str:
        if self.month:
            return (
                f"{self.month} tháng năm {self.year} "
                f"(từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y})"
            )
        return f"năm {self.year} (từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y})"


def year_start(year: int) -> dt.date:
    return dt.date(year - 1, 10, 1)


def year_end(year: int) -> dt.date:
    return dt.date(year, 9, 30)


def report_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """Report year N runs from 01/10/(N−1) to 30/09/N."""
    return year_start(year), year_end(year)


def report_year_of(day: dt.date) -> int:
    """The report year a date belongs to (01/10/2021 → 2022)."""
    return day.year + 1 if day.month >= 10 else day.year


def current_month(today: dt.date) -> int:
    """Month k of the report year containing `today` (October = 1)."""
    return (today.month - 10) % 12 + 1


def month_end(year: int, month: int) -> dt.date:
    """Last day of month `month` (1 = October) of report year `year`."""
    if not 1 <= month <= 12:
        raise ValueError("Tháng báo cáo phải từ 1 đến 12.")
    calendar_month = (month + 8) % 12 + 1  # 1 → 10, 3 → 12, 4 → 1, 12 → 9
    calendar_year = year - 1 if calendar_month >= 10 else year
    last = calendar.monthrange(calendar_year, calendar_month)[1]
    return dt.date(calendar_year, calendar_month, last)


def month_period(year: int, month: int) -> Period:
    return Period(year=year, start=year_start(year), end=month_end(year, month), month=month)


def as_of_period(year: int, as_of: dt.date) -> Period:
    if not year_start(year) <= as_of <= year_end(year):
        raise ValueError(
            f"Ngày {as_of:%d/%m/%Y} không thuộc năm báo cáo {year} "
            f"({year_start(year):%d/%m/%Y} – {year_end(year):%d/%m/%Y})."
        )
    return Period(year=year, start=year_start(year), end=as_of)


# ---- names of months and periods, as the screens say them ----------------------------------


def calendar_month(year: int, month: int) -> tuple[int, int]:
    """(calendar year, calendar month) of month `month` (1 = October) of report year `year`."""
    end = month_end(year, month)
    return end.year, end.month


def month_name(year: int, month: int) -> str:
    """Month 3 of report year 2027 → "Tháng 12/2026"."""
    from django.utils.translation import gettext as _

    cal_year, cal_month = calendar_month(year, month)
    return _("Tháng %(month)s/%(year)s") % {"month": cal_month, "year": cal_year}


def month_label(year: int, month: int) -> str:
    """ "Tháng 12/2026 — tháng thứ 3 của năm báo cáo 2027"."""
    from django.utils.translation import gettext as _

    return _("%(name)s — tháng thứ %(k)s của năm báo cáo %(year)s") % {
        "name": month_name(year, month),
        "k": month,
        "year": year,
    }


def is_running(period: Period, today: dt.date) -> bool:
    """The period has begun and its last day is still ahead: its figures go up to today."""
    return period.start <= today < period.end


def period_label(period: Period, today: dt.date) -> str:
    """How a screen names the period: the month by name, or the year up to a day; a running
    period says so and up to which day its figures go (never a last day still to come)."""
    from django.utils.translation import gettext as _

    if period.month:
        text = month_label(period.year, period.month)
    else:
        text = _("Năm báo cáo %(year)s, đến ngày %(day)s") % {
            "year": period.year,
            "day": f"{period.end:%d/%m/%Y}",
        }
    day = {"day": f"{today:%d/%m/%Y}"}
    if today < period.start:
        text += " " + _("(chưa bắt đầu)")
    elif is_running(period, today) and period.month and today < period.end.replace(day=1):
        text += " " + _("(tháng chưa đến: số liệu đến hết ngày %(day)s)") % day
    elif is_running(period, today):
        text += " " + _("(đang diễn ra: số liệu đến hết ngày %(day)s)") % day
    return text


def range_text(period: Period, today: dt.date) -> str:
    """ "từ ngày 01/10/2026 đến ngày 02/12/2026" — a running period ends today, not later."""
    from django.utils.translation import gettext as _

    end = today if is_running(period, today) else period.end
    return _("từ ngày %(start)s đến ngày %(end)s") % {
        "start": f"{period.start:%d/%m/%Y}",
        "end": f"{end:%d/%m/%Y}",
    }
