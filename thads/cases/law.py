"""Which law governs an event: versioned by effective date, not hard-wired.

Luật THADS 2008 (Luật 26/2008/QH12, amended 2014–2025) applies until 30/06/2026;
Luật THADS số 106/2025/QH15 applies from 01/07/2026.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thads.cases.models import LawVersion

LAW_2025_EFFECTIVE = dt.date(2026, 7, 1)


@dataclass(frozen=True)
class LawRules:
    """The parameters of the rules that differ between the two laws."""

    version: str
    name: str
    # Separate book / "gửi lại yêu cầu": waiting time after the no-means decision (days).
    separate_book_wait_days: int
    separate_book_wait_days_long: int  # prisoner with ≥2 years left, unknown address
    separate_book_min_reverifications: int
    separate_book_article: str


LAW_2008 = LawRules(
    version=LawVersion.LUAT_2008,
    name="Luật THADS 2008 (sửa đổi, bổ sung)",
    separate_book_wait_days=365,
    separate_book_wait_days_long=730,
    separate_book_min_reverifications=2,
    separate_book_article="NĐ 62/2015/NĐ-CP, Điều 9 k5 (sửa đổi bởi NĐ 33/2020/NĐ-CP)",
)
LAW_2025 = LawRules(
    version=LawVersion.LUAT_2025,
    name="Luật THADS số 106/2025/QH15",
    separate_book_wait_days=730,
    separate_book_wait_days_long=730,
    separate_book_min_reverifications=2,
    separate_book_article="Luật THADS 2025, Điều 38 k4 (gửi lại yêu cầu thi hành án)",
)


def law_on(day: dt.date) -> LawRules:
    """The rules in force on `day`."""
    return LAW_2025 if day >= LAW_2025_EFFECTIVE else LAW_2008
