"""Cases with conditions left pending too long ("có điều kiện thi hành nhưng còn để kéo dài").

One definition, shared by the leaders' bottleneck list (`targets.bottlenecks`, list a) and the
inspection office's one-click surprise inspection (`oversight`): "có điều kiện chưa xong" =
verified to have the means (`is_classified`) and in state đang thi hành or hoãn theo thỏa thuận
(the "chuyển kỳ sau có điều kiện" of statistics.md); "quá một năm" = the QĐ THA is dated more
than one year before `as_of` (exactly one year is not listed; 29/02 → 28/02 the year before).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from thads.cases.law import add_months
from thads.cases.models import Case, CaseState

WITH_CONDITIONS_OPEN = (CaseState.DANG_THI_HANH, CaseState.HOAN_THOA_THUAN)


def with_conditions_open(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(is_classified=True, state__in=WITH_CONDITIONS_OPEN)


def one_year_before(day: dt.date) -> dt.date:
    return add_months(day, -12)


def over_one_year(cases: QuerySet[Case], as_of: dt.date) -> QuerySet[Case]:
    """Có điều kiện chưa xong, QĐ THA dated before the same day one year earlier."""
    return with_conditions_open(cases).filter(decision_date__lt=one_year_before(as_of))
