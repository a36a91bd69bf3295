"""Law versions by date, calendar-month periods, the separate-book day under both laws."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases.law import (
    LAW_2008,
    LAW_2025,
    add_months,
    law_on,
    separate_book_eligible_on,
)
from thads.cases.transitions import article_for

D = dt.date


def test_law_by_effective_date():
    assert law_on(D(2026, 6, 30)) is LAW_2008
    assert law_on(D(2026, 7, 1)) is LAW_2025
    assert law_on(D(2009, 7, 1)) is LAW_2008


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 3, 5), 12, D(2025, 3, 5)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2023, 3, 1), 12, D(2024, 3, 1)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),
        (D(2025, 12, 15), 24, D(2027, 12, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_separate_book_waits():
    assert LAW_2008.separate_book_from(D(2024, 3, 5), long=False) == D(2025, 3, 5)
    assert LAW_2008.separate_book_from(D(2024, 3, 5), long=True) == D(2026, 3, 5)
    assert LAW_2025.separate_book_from(D(2026, 7, 5), long=False) == D(2028, 7, 5)
    assert LAW_2025.separate_book_from(D(2026, 7, 5), long=True) == D(2028, 7, 5)


def test_separate_book_day_needs_the_reverifications():
    assert separate_book_eligible_on(D(2024, 3, 5), False, [D(2024, 9, 5)]) is None
    # The second re-verification after the year is over sets the day.
    two = [D(2024, 9, 5), D(2025, 4, 1)]
    assert separate_book_eligible_on(D(2024, 3, 5), False, two) == D(2025, 4, 1)
    assert separate_book_eligible_on(D(2024, 3, 5), False, two[::-1]) == D(2025, 4, 1)


def test_separate_book_day_under_the_law_then_in_force():
    two = [D(2025, 3, 1), D(2025, 9, 1)]
    # One year ends 01/03/2026, still under the 2008 law.
    assert separate_book_eligible_on(D(2025, 3, 1), False, two) == D(2026, 3, 1)
    # One year would end 01/09/2026, under Luật 106/2025: two years.
    assert separate_book_eligible_on(D(2025, 9, 1), False, [D(2026, 3, 1), D(2026, 6, 1)]) == (
        D(2027, 9, 1)
    )
    # A late second re-verification after 01/07/2026 brings the case under the new law too.
    late = [D(2025, 9, 1), D(2026, 7, 2)]
    assert separate_book_eligible_on(D(2025, 3, 1), False, late) == D(2027, 3, 1)


def test_articles_follow_the_law_in_force():
    assert article_for("so_rieng", D(2026, 6, 30)) == LAW_2008.separate_book_article
    assert article_for("so_rieng", D(2026, 7, 1)) == LAW_2025.separate_book_article
    assert article_for("thu_tien", D(2026, 6, 30)) == "Luật THADS 2008, Điều 47"
    assert article_for("thu_tien", D(2026, 7, 1)) == "Luật THADS 2025"
