"""Build and refresh the statistical facts (CaseFact + StateInterval) from case histories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from thads.cases.models import TERMINAL_STATES, Case, CaseEvent
from thads.cases.state import CaseSnapshot, EventLike, apply_event, effective_events
from thads.stats import aggregates
from thads.stats.models import CaseFact, FillState, StateInterval

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
def facts_rebuild(case_ids: Sequence[int]) -> int:
    """Rewrite the facts of these cases from their events (one query per batch, not per case).

    The month-end totals (`stats.aggregates`) follow: the cases' old contribution is subtracted
    before their facts are deleted and the new one added after they are written.
    """
    aggregates.lock(shared=True)
    total = 0
    for offset in range(0, len(case_ids), BATCH):
        chunk = list(case_ids[offset : offset + BATCH])
        # Locked: two refreshes of one case must not both subtract its old contribution.
        cases = list(
            Case.objects.select_for_update(of=("self",))
            .filter(pk__in=chunk)
            .select_related("judgment")
            .order_by("pk")
        )
        aggregates.apply_delta(chunk, -1)
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
        aggregates.apply_delta(chunk, 1)
        total += len(cases)
    return total


# Changes of the last minutes are looked at again by every refresh: a transaction still open
# when the marker moved may commit history rows with smaller ids.
HISTORY_OVERLAP = dt.timedelta(minutes=10)
MARKER = "facts"


def _history_ids() -> tuple[int | None, int | None]:
    """(newest cases_casehistory id, newest id older than HISTORY_OVERLAP) — PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT MAX(pgh_id) FROM cases_casehistory),"
            " (SELECT MAX(pgh_id) FROM cases_casehistory WHERE pgh_created_at < %s)",
            [timezone.now() - HISTORY_OVERLAP],
        )
        return cursor.fetchone()


def stale_case_ids(*, full: bool = False) -> list[int]:
    """Cases whose facts are missing or older than the case (version marker).

    On PostgreSQL every change of a case writes a pghistory row (`cases_casehistory`); past the
    first full pass only the cases with history rows after the marker are compared, an index
    range scan instead of a scan of every case. `full=True` compares every case.
    """
    marker = FillState.objects.filter(key=MARKER).first()
    since = marker.history_id if marker and not full else None
    if connection.vendor != "postgresql" or since is None:
        return list(Case.objects.exclude(fact__version=F("version")).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id FROM cases_case c LEFT JOIN stats_casefact f ON f.case_id = c.id"
            " WHERE c.id IN (SELECT pgh_obj_id FROM cases_casehistory WHERE pgh_id > %s)"
            " AND (f.version IS NULL OR f.version <> c.version)",
            [since],
        )
        return [r[0] for r in cursor.fetchall()]


def refresh_facts(*, full: bool = False) -> int:
    """Bring the facts up to date before a report; returns the number of cases rebuilt."""
    newest = settled = None
    if connection.vendor == "postgresql":
        newest, settled = _history_ids()
    ids = stale_case_ids(full=full)
    rebuilt = facts_rebuild(ids) if ids else 0
    if connection.vendor == "postgresql":
        marker = FillState.objects.filter(key=MARKER).first()
        old = marker.history_id if marker else None
        # Move forward only to history older than the overlap; an empty history is id 0.
        new = settled if settled is not None else (0 if newest is None else None)
        if new is not None and (old is None or new > old):
            FillState.objects.update_or_create(
                key=MARKER, defaults={"history_id": new, "refreshed_at": timezone.now()}
            )
        elif old is None:
            FillState.objects.update_or_create(
                key=MARKER, defaults={"history_id": 0, "refreshed_at": timezone.now()}
            )
    return rebuilt
