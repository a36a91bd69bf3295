"""Which law governs an event: versioned by effective date, not hard-wired.

Luật THADS 2008 (Luật 26/2008/QH12, amended 2014–2025) applies until 30/06/2026;
Luật THADS số 106/2025/QH15 applies from 01/07/2026.

Periods counted in months or years end on the corresponding day of the last month or year
(Bộ luật Dân sự 2015, Điều 148 k3–k4); when that month has no such day (29/02, 31/...), on the
last day of that month. `add_months` implements it; never approximate a year by 365 days.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from thads.cases.models import LawVersion

LAW_2025_EFFECTIVE = dt.date(2026, 7, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day `months` later, clamped to the month's last day (31/01 + 1 → 28/02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class LawRules:
    """The parameters of the rules that differ between the two laws."""

    version: str
    name: str
    # Separate book / "gửi lại yêu cầu": waiting time after the no-means decision (months).
    separate_book_wait_months: int
    separate_book_wait_months_long: int  # prisoner with ≥2 years left, unknown address
    separate_book_min_reverifications: int
    separate_book_article: str
    # How citations name the law ("Luật THADS 2008, Điều 44"); `LAW_NOTE` says which applies when.
    short_name: str = ""

    def separate_book_wait(self, long: bool) -> int:
        """Months to wait after the decision that the debtor cannot pay."""
        return self.separate_book_wait_months_long if long else self.separate_book_wait_months

    def separate_book_from(self, no_means_since: dt.date, long: bool) -> dt.date:
        """The first day the waiting time of the separate book is over under this law."""
        return add_months(no_means_since, self.separate_book_wait(long))


LAW_2008 = LawRules(
    version=LawVersion.LUAT_2008,
    name="Luật THADS 2008 (sửa đổi, bổ sung)",
    separate_book_wait_months=12,
    separate_book_wait_months_long=24,
    separate_book_min_reverifications=2,
    separate_book_article="NĐ 62/2015/NĐ-CP, Điều 9 k5 (sửa đổi bởi NĐ 33/2020/NĐ-CP)",
    short_name="Luật THADS 2008",
)
LAW_2025 = LawRules(
    version=LawVersion.LUAT_2025,
    name="Luật THADS số 106/2025/QH15",
    separate_book_wait_months=24,
    separate_book_wait_months_long=24,
    separate_book_min_reverifications=2,
    separate_book_article="Luật THADS 2025, Điều 38 k4 (gửi lại yêu cầu thi hành án)",
    short_name="Luật THADS 2025",
)
LAWS = (LAW_2008, LAW_2025)
# Shown wherever citations of both laws may meet (the case page, deadline lists).
LAW_NOTE = gettext_lazy(
    "Căn cứ pháp lý theo ngày của từng việc: đến 30/06/2026 áp dụng Luật THADS 2008 (Luật Thi "
    "hành án dân sự số 26/2008/QH12, sửa đổi, bổ sung); từ 01/07/2026 áp dụng Luật THADS 2025 "
    "(Luật Thi hành án dân sự số 106/2025/QH15)."
)

# Grounds of a no-means decision that stretch the periods (Luật THADS 2008, Điều 44 k2):
# the debtor serves a prison term with 2 years or more left, or the new address is unknown.
LONG_GROUNDS = frozenset({"tu", "khong_ro_dia_chi"})


def law_on(day: dt.date) -> LawRules:
    """The rules in force on `day`."""
    return LAW_2025 if day >= LAW_2025_EFFECTIVE else LAW_2008


def separate_book_eligible_on(
    no_means_since: dt.date, long: bool, reverifications: Sequence[dt.date] = ()
) -> dt.date | None:
    """The first day a case may go to the separate book, whichever law is then in force.

    The law applied is the one in force on the day of the transfer, so a case decided under the
    2008 law whose one-year wait ends after 30/06/2026 waits two years (Luật 106/2025, Điều 38
    k4). `reverifications` are the days of the re-verifications since the no-means decision;
    None when there are not yet enough of them.
    """
    dates = sorted(reverifications)
    for law in LAWS:
        needed = law.separate_book_min_reverifications
        if len(dates) < needed:
            candidate = None
        else:
            candidate = law.separate_book_from(no_means_since, long)
            if needed:
                candidate = max(candidate, dates[needed - 1])
        if candidate is not None and law_on(candidate) == law:
            return candidate
        # Otherwise the transfer would fall under the next law: try its own conditions.
    return None
