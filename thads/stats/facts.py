"""Build and refresh the statistical facts (CaseFact + StateInterval) from case histories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from django.db import transaction
from django.db.models import F

from thads.cases.models import TERMINAL_STATES, Case, CaseEvent
from thads.cases.state import CaseSnapshot, EventLike, apply_event, effective_events
from thads.stats.models import CaseFact, StateInterval

BATCH = 2000


@dataclass(frozen=True)
class Interval:
    start_on: dt.date
    end_on: dt.date | None
    state: str
    collected_cum: int
    reduced_cum: int


def intervals_for(amount: int, accepted_on: dt.date, events: Iterable[EventLike]) -> list[Interval]:
    """Consecutive [start, end) ranges of (state, cumulative collected, cumulative reduced).

    Events of one day are applied together: the state at a date includes that day's events.
    """
    snapshot = CaseSnapshot(amount=amount)
    rows: list[Interval] = []
    start = accepted_on
    current = (snapshot.state, snapshot.collected, snapshot.reduced)
    for day, day_events in groupby(effective_events(events), key=lambda e: e.on):
        for event in day_events:
            snapshot = apply_event(snapshot, event)
        new = (snapshot.state, snapshot.collected, snapshot.reduced)
        if new == current:
            continue
        day = max(day, accepted_on)
        if day > start:
            rows.append(Interval(start, day, *current))
        start = day
        current = new
    rows.append(Interval(start, None, *current))
    return rows


def _fact_for(case: Case, closed_on: dt.date | None) -> CaseFact:
    return CaseFact(
        case_id=case.pk,
        version=case.version,
        unit_id=case.unit_id,
        officer_id=case.officer_id,
        accepted_on=case.accepted_on,
        closed_on=closed_on,
        amount=case.amount,
        kind=case.judgment.kind,
        mode=case.mode,
        is_state_budget=case.is_state_budget,
        is_bank_credit=case.is_bank_credit,
        is_corruption=case.is_corruption,
    )


@transaction.atomic
def rebuild_cases(case_ids: Sequence[int]) -> int:
    """Rewrite the facts of these cases from their events (one query per batch, not per case)."""
    total = 0
    for offset in range(0, len(case_ids), BATCH):
        chunk = list(case_ids[offset : offset + BATCH])
        cases = list(Case.objects.filter(pk__in=chunk).select_related("judgment"))
        events_by_case: dict[int, list[CaseEvent]] = {}
        for event in CaseEvent.objects.filter(case_id__in=chunk).order_by("case_id", "on", "seq"):
            events_by_case.setdefault(event.case_id, []).append(event)
        StateInterval.objects.filter(case_id__in=chunk).delete()
        CaseFact.objects.filter(case_id__in=chunk).delete()
        facts, intervals = [], []
        for case in cases:
            rows = intervals_for(case.amount, case.accepted_on, events_by_case.get(case.pk, []))
            closed_on = rows[-1].start_on if rows[-1].state in TERMINAL_STATES else None
            facts.append(_fact_for(case, closed_on))
            intervals.extend(
                StateInterval(
                    case_id=case.pk,
                    start_on=r.start_on,
                    end_on=r.end_on,
                    state=r.state,
                    collected_cum=r.collected_cum,
                    reduced_cum=r.reduced_cum,
                )
                for r in rows
            )
        CaseFact.objects.bulk_create(facts, batch_size=BATCH)
        StateInterval.objects.bulk_create(intervals, batch_size=BATCH)
        total += len(cases)
    return total


def stale_case_ids() -> list[int]:
    """Cases whose facts are missing or older than the case (version marker)."""
    return list(Case.objects.exclude(fact__version=F("version")).values_list("pk", flat=True))


def refresh_facts() -> int:
    """Bring the facts up to date before a report; returns the number of cases rebuilt."""
    ids = stale_case_ids()
    if not ids:
        return 0
    return rebuild_cases(ids)
