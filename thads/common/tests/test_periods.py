"""The report-year calendar (Thông tư 05/2024/TT-BTP): 01/10/N−1 – 30/09/N, month 1 = October."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.common.periods import (
    as_of_period,
    current_month,
    month_end,
    report_year_bounds,
    report_year_of,
)

D = dt.date


def test_report_year_bounds():
    assert report_year_bounds(2026) == (D(2025, 10, 1), D(2026, 9, 30))


@pytest.mark.parametrize(
    ("day", "year", "month"),
    [
        (D(2025, 10, 1), 2026, 1),
        (D(2025, 12, 31), 2026, 3),
        (D(2026, 1, 1), 2026, 4),
        (D(2026, 9, 30), 2026, 12),
    ],
)
def test_report_year_and_month_of_a_day(day, year, month):
    assert report_year_of(day) == year
    assert current_month(day) == month
    assert month_end(year, month) >= day


def test_a_cut_off_outside_the_year_is_refused():
    with pytest.raises(ValueError, match="không thuộc năm báo cáo 2026"):
        as_of_period(2026, D(2026, 10, 1))
