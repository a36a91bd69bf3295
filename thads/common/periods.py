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
