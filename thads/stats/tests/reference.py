"""A slow, obviously-correct statistics computation, case by case, straight from the contract.

Used only by tests to check the set-based engine (`stats.engine`) on hand-made and random
histories. Never used by screens or commands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from thads.cases.models import Case, CaseEvent
from thads.cases.state import replay
from thads.stats.buckets import BASE_KEYS, MONEY_BASE_KEYS


def case_contribution(
    amount: int, accepted_on: dt.date, events: list, start: dt.date, end: dt.date
) -> tuple[dict[str, int], dict[str, int]] | None:
    """(case buckets, money buckets) of one case in a report over [start, end], or None."""
    if accepted_on > end:
        return None
    before = replay(amount, events, until=start - dt.timedelta(days=1))
    is_new = accepted_on >= start
    if not is_new and not before.is_open:
        return None  # finished, terminated, entrusted, returned or in the separate book before S
    at_end = replay(amount, events, until=end)
    cases = dict.fromkeys(BASE_KEYS, 0)
    money = dict.fromkeys(MONEY_BASE_KEYS, 0)
    if is_new:
        cases["thu_ly_moi"] = 1
        money["thu_ly_moi"] = amount
        collected_before = reduced_before = 0
    else:
        cases["chuyen_sang"] = 1
        money["chuyen_sang"] = before.remainder
        collected_before, reduced_before = before.collected, before.reduced
    cases[at_end.state] = 1
    money["xong"] = at_end.collected - collected_before
    money["giam"] = at_end.reduced - reduced_before
    if at_end.state != "xong":
        money[at_end.state] += at_end.remainder
    return cases, money


def reference_totals(
    cases: Iterable[Case], start: dt.date, end: dt.date
) -> tuple[dict[str, int], dict[str, int]]:
    total_cases = dict.fromkeys(BASE_KEYS, 0)
    total_money = dict.fromkeys(MONEY_BASE_KEYS, 0)
    for case in cases:
        events = list(CaseEvent.objects.filter(case=case))
        contribution = case_contribution(case.amount, case.accepted_on, events, start, end)
        if contribution is None:
            continue
        for key, value in contribution[0].items():
            total_cases[key] += value
        for key, value in contribution[1].items():
            total_money[key] += value
    return total_cases, total_money
