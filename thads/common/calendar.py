"""Vietnamese working-day calendar.

Statutory holidays and the days off / make-up Saturdays already announced by the government
come from the `holidays` package (Bộ luật Lao động 2019, Điều 112: Tết Dương lịch, Tết Nguyên
đán by the lunar calendar, Giỗ Tổ Hùng Vương 10/3 âm lịch, 30/4, 1/5, Quốc khánh 2/9 and the
day next to it). Announcements the package does not know yet are configured in settings:
THADS_EXTRA_DAYS_OFF and THADS_EXTRA_WORKING_DAYS (ISO dates).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from holidays.calendars.chinese import _ChineseLunisolar


@lru_cache(maxsize=64)
def _vn_year(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year, language="vi")


def _configured() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    from django.conf import settings

    def parse(values: list[str]) -> frozenset[dt.date]:
        return frozenset(dt.date.fromisoformat(v) for v in values)

    return (
        parse(getattr(settings, "THADS_EXTRA_DAYS_OFF", [])),
        parse(getattr(settings, "THADS_EXTRA_WORKING_DAYS", [])),
    )


def holiday_name(day: dt.date) -> str | None:
    """The Vietnamese name of the holiday on `day`, or None."""
    off, _ = _configured()
    name = _vn_year(day.year).get(day)
    if name is None and day in off:
        return "Ngày nghỉ theo thông báo"
    return name


def is_public_holiday(day: dt.date) -> bool:
    """A statutory holiday or an announced day off (Bộ luật Lao động 2019, Điều 112)."""
    return holiday_name(day) is not None


def is_working_day(day: dt.date) -> bool:
    """Monday–Friday that is not a day off, or an announced make-up working Saturday."""
    off, work = _configured()
    if day in work:
        return True
    if day in off:
        return False
    return _vn_year(day.year).is_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the triggering day itself not counted).

    A deadline "trong thời hạn 05 ngày làm việc" (e.g. Luật THADS Điều 36 for the QĐ THA)
    ends on the 5th working day after the day of the triggering event.
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def add_calendar_days(start: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` calendar days counted from the day after `start`.

    A period in "ngày" (calendar days) whose last day is a weekend day or a day off ends on
    the next working day (Bộ luật Dân sự 2015, Điều 148 k5; applied to THADS periods by
    practice, chưa xác minh — oversight.md §0).
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    end = start + dt.timedelta(days=days)
    while not is_working_day(end):
        end += dt.timedelta(days=1)
    return end


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Number of working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        count += is_working_day(current)
    return count


def lunar_new_year(year: int) -> dt.date:
    """Mùng 1 Tết Nguyên đán in the given Gregorian year (lunar calendar)."""
    return _ChineseLunisolar().lunar_new_year_date(year)[0]


def is_within_tet_window(day: dt.date, days: int = 15) -> bool:
    """True within `days` days before or after Mùng 1 Tết.

    Luật THADS 2008, Điều 46 k1 / NĐ 62/2015 Điều 8: no coercion within 15 days before and
    after Tết Nguyên đán.
    """
    for year in (day.year - 1, day.year, day.year + 1):
        tet = lunar_new_year(year)
        if abs((day - tet).days) <= days:
            return True
    return False
