"""Working days: statutory holidays, Tết, make-up Saturdays and configured announcements."""

import datetime as dt

import pytest

from thads.common.calendar import (
    add_calendar_days,
    add_working_days,
    holiday_name,
    is_public_holiday,
    is_within_tet_window,
    is_working_day,
    lunar_new_year,
    working_days_between,
)

D = dt.date


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(n) for n in range((end - start).days + 1)]


@pytest.mark.parametrize("day", days(D(2025, 1, 27), D(2025, 1, 31)), ids=str)
def test_tet_2025_weekdays_are_days_off(day):
    assert not is_working_day(day)
    assert is_public_holiday(day)


@pytest.mark.parametrize("day", days(D(2026, 2, 16), D(2026, 2, 20)), ids=str)
def test_tet_2026_weekdays_are_days_off(day):
    assert not is_working_day(day)
    assert is_public_holiday(day)


@pytest.mark.parametrize("day", [D(2025, 1, 24), D(2025, 2, 3), D(2026, 2, 13), D(2026, 2, 23)])
def test_working_days_around_tet(day):
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [D(2025, 9, 1), D(2025, 9, 2), D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)],
    ids=str,
)
def test_national_day_holidays(day):
    assert not is_working_day(day)
    assert holiday_name(day)


def test_national_day_2026_substitute_day_is_named():
    assert "thay cho" in holiday_name(D(2026, 8, 31))
    assert is_working_day(D(2025, 9, 3))
    assert is_working_day(D(2026, 9, 3))


@pytest.mark.parametrize("day", [D(2025, 4, 26), D(2026, 8, 22)], ids=str)
def test_make_up_saturdays_are_working_days(day):
    assert day.weekday() == 5
    assert is_working_day(day)
    assert not is_public_holiday(day)


def test_day_off_swapped_for_make_up_saturday():
    assert not is_working_day(D(2025, 5, 2))


def test_ordinary_weekend_is_not_a_working_day():
    assert not is_working_day(D(2025, 3, 8))
    assert not is_working_day(D(2025, 3, 9))
    assert is_working_day(D(2025, 3, 10))


def test_add_working_days_across_tet_2025():
    # Friday 24/01/2025 + 1 working day: the weekend and the Tết week are skipped.
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    # QĐ THA within 5 working days of Thursday 23/01/2025.
    assert add_working_days(D(2025, 1, 23), 5) == D(2025, 2, 6)


def test_add_working_days_across_tet_2026():
    assert add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)


def test_add_working_days_across_a_weekend_and_zero():
    assert add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 10)
    assert add_working_days(D(2025, 3, 7), 0) == D(2025, 3, 7)
    with pytest.raises(ValueError):
        add_working_days(D(2025, 3, 7), -1)


def test_add_working_days_counts_the_make_up_saturday():
    # Friday 25/04/2025 + 1: Saturday 26/04/2025 is a make-up working day.
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)


def test_add_calendar_days_ends_on_a_working_day():
    # Thursday 08/05/2025 + 10 days = Sunday 18/05: the period ends on Monday 19/05.
    assert add_calendar_days(D(2025, 5, 8), 10) == D(2025, 5, 19)
    # Friday 17/01/2025 + 10 = Monday 27/01, a Tết day off: ends Monday 03/02.
    assert add_calendar_days(D(2025, 1, 17), 10) == D(2025, 2, 3)
    # Sunday 20/04/2025 + 10 = 30/04; 01/05, 02/05 (swapped) and the weekend are off too.
    assert add_calendar_days(D(2025, 4, 20), 10) == D(2025, 5, 5)
    # A working last day is kept.
    assert add_calendar_days(D(2025, 5, 5), 10) == D(2025, 5, 15)
    with pytest.raises(ValueError):
        add_calendar_days(D(2025, 5, 5), -1)


def test_working_days_between():
    assert working_days_between(D(2025, 1, 24), D(2025, 2, 3)) == 1
    assert working_days_between(D(2025, 2, 3), D(2025, 1, 24)) == -1
    assert working_days_between(D(2025, 3, 10), D(2025, 3, 10)) == 0


def test_lunar_new_year():
    assert lunar_new_year(2025) == D(2025, 1, 29)
    assert lunar_new_year(2026) == D(2026, 2, 17)


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (D(2025, 1, 14), True),  # 15 days before Mùng 1 (29/01/2025)
        (D(2025, 1, 13), False),
        (D(2025, 2, 13), True),  # 15 days after
        (D(2025, 2, 14), False),
        (D(2026, 2, 2), True),  # Mùng 1 is 17/02/2026
        (D(2026, 3, 4), True),
        (D(2026, 3, 5), False),
        (D(2025, 7, 1), False),
        (D(2025, 12, 31), False),
    ],
    ids=str,
)
def test_is_within_tet_window(day, inside):
    assert is_within_tet_window(day) is inside


def test_tet_window_is_configurable():
    assert is_within_tet_window(D(2025, 1, 20), days=10)
    assert not is_within_tet_window(D(2025, 1, 18), days=10)


def test_extra_day_off_from_settings(settings):
    day = D(2025, 3, 10)  # an ordinary Monday
    assert is_working_day(day)
    settings.THADS_EXTRA_DAYS_OFF = ["2025-03-10"]
    assert not is_working_day(day)
    assert is_public_holiday(day)
    assert holiday_name(day) == "Ngày nghỉ theo thông báo"
    assert add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 11)


def test_extra_working_day_from_settings(settings):
    day = D(2025, 3, 8)  # an ordinary Saturday
    assert not is_working_day(day)
    settings.THADS_EXTRA_WORKING_DAYS = ["2025-03-08"]
    assert is_working_day(day)
    assert add_working_days(D(2025, 3, 7), 1) == day
