"""Build and refresh the statistical facts (CaseFact + StateInterval) from case histories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from thads.cases.deadlines import case_deadlines
from thads.cases.models import TERMINAL_STATES, Case, CaseEvent
from thads.cases.state import CaseSnapshot, EventLike, apply_event, effective_events
from thads.common.replica import on_primary
from thads.common.request_memo import first_in_request
from thads.stats import aggregates
from thads.stats.models import CaseFact, FillState, OpenDeadline, StateInterval

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


@dataclass(frozen=True, slots=True)
class _Event:
    """An event read as a tuple (no model instance): what `apply_event` needs."""

    pk: int
    type: str
    on: dt.date
    seq: int
    amount: int | None
    data: dict
    corrects_id: int | None
    to_unit_id: int | None


EVENT_FIELDS = ("pk", "type", "on", "seq", "amount", "data", "corrects_id", "to_unit_id")
CASE_FIELDS = (
    "pk", "version", "unit_id", "officer_id", "accepted_on", "amount", "judgment__kind", "mode",
    "is_state_budget", "is_bank_credit", "is_corruption", "received_on", "decision_date",
)  # fmt: skip
FACT_COLUMNS = (
    "case_id", "version", "unit_id", "officer_id", "accepted_on", "closed_on", "amount", "kind",
    "mode", "is_state_budget", "is_bank_credit", "is_corruption",
)  # fmt: skip
INTERVAL_COLUMNS = ("case_id", "start_on", "end_on", "state", "collected_cum", "reduced_cum")
DEADLINE_COLUMNS = ("case_id", "kind", "due", "law_day")


@dataclass(frozen=True, slots=True)
class _CaseDates:
    """What `cases.deadlines.case_deadlines` reads of a case (no model instance)."""

    pk: int
    amount: int
    received_on: dt.date | None
    decision_date: dt.date


def open_deadline_rows(case: _CaseDates, events: list[_Event]) -> list[tuple]:
    """The deadlines not yet met of an open case, as `OpenDeadline` rows (none for a closed
    one). Every event counts: events are never dated after the day they are recorded. A period
    not ended by an event (the voluntary period, Luật THADS 2008 Điều 45 k1) is kept: its
    readers end it after its last day (`stats.deadlines`)."""
    deadlines = case_deadlines(case, events, today=dt.date.max, periods_open=True)  # type: ignore[arg-type]
    return [(case.pk, d.kind, d.due, d.law_day) for d in deadlines if d.done_on is None]


def _write(model, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert plain rows: COPY on PostgreSQL, one executemany elsewhere (no model instances)."""
    if not rows:
        return
    table = model._meta.db_table
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


def _case_rows(
    case: Sequence, events: Sequence[EventLike], facts: list, intervals: list, deadlines: list
) -> None:
    """Append the fact, the intervals and the open deadlines of one case (`case`: the values of
    CASE_FIELDS; `events`: all its events, corrections included, in any order)."""
    pk, version, unit_id, officer_id, accepted_on, amount, *rest = case
    *rest, received_on, decision_date = rest
    rows = intervals_for(amount, accepted_on, events)
    closed_on = rows[-1].start_on if rows[-1].state in TERMINAL_STATES else None
    facts.append((pk, version, unit_id, officer_id, accepted_on, closed_on, amount, *rest))
    intervals.extend(
        (pk, r.start_on, r.end_on, r.state, r.collected_cum, r.reduced_cum) for r in rows
    )
    if closed_on is None:
        dates = _CaseDates(pk, amount, received_on, decision_date)
        deadlines.extend(open_deadline_rows(dates, events))  # type: ignore[arg-type]


FactRows = tuple[list[tuple], list[tuple], list[tuple]]  # facts, intervals, open deadlines


def fact_rows(cases: Iterable[tuple[Sequence, Sequence[EventLike]]]) -> FactRows:
    """The rows `facts_rebuild` would write for these cases, from what the caller holds: the
    values of CASE_FIELDS of each case and all its events (`EventLike`: `pk` and `corrects_id`
    need only identify events within the case). Pure: no query."""
    facts: list[tuple] = []
    intervals: list[tuple] = []
    deadlines: list[tuple] = []
    for case, events in cases:
        _case_rows(case, events, facts, intervals, deadlines)
    return facts, intervals, deadlines


@transaction.atomic
def facts_insert(rows: FactRows) -> int:
    """Write the facts of new cases (none stored yet) computed by `fact_rows`: set-based, nothing
    read back; the month-end totals stored follow (`aggregates.apply_delta`), as in
    `facts_rebuild`."""
    aggregates.lock(shared=True)
    facts, intervals, deadlines = rows
    _write(CaseFact, FACT_COLUMNS, facts)
    _write(StateInterval, INTERVAL_COLUMNS, intervals)
    _write(OpenDeadline, DEADLINE_COLUMNS, deadlines)
    ids = [fact[0] for fact in facts]
    for offset in range(0, len(ids), BATCH):
        aggregates.apply_delta(ids[offset : offset + BATCH], 1)
    return len(facts)


@transaction.atomic
def facts_rebuild(case_ids: Sequence[int]) -> int:
    """Rewrite the facts of these cases from their events, set-based: cases and events read as
    tuples one batch at a time, facts and intervals written with COPY on PostgreSQL (no model
    instances: ~100 000 imported cases in seconds, not a minute).

    The month-end totals (`stats.aggregates`) follow: the cases' old contribution is subtracted
    before their facts are deleted and the new one added after they are written.
    """
    aggregates.lock(shared=True)
    total = 0
    for offset in range(0, len(case_ids), BATCH):
        chunk = list(case_ids[offset : offset + BATCH])
        # Locked: two refreshes of one case must not both subtract its old contribution.
        list(Case.objects.select_for_update().filter(pk__in=chunk).values_list("pk"))
        cases = list(Case.objects.filter(pk__in=chunk).order_by("pk").values_list(*CASE_FIELDS))
        aggregates.apply_delta(chunk, -1)
        events_by_case: dict[int, list[_Event]] = {}
        events = (
            CaseEvent.objects.filter(case_id__in=chunk)
            .order_by("case_id", "on", "seq")
            .values_list("case_id", *EVENT_FIELDS)
        )
        for case_id, *fields in events.iterator(chunk_size=BATCH * 10):
            events_by_case.setdefault(case_id, []).append(_Event(*fields))
        StateInterval.objects.filter(case_id__in=chunk).delete()
        OpenDeadline.objects.filter(case_id__in=chunk).delete()
        CaseFact.objects.filter(case_id__in=chunk).delete()
        facts, intervals, deadlines = [], [], []
        for case in cases:
            _case_rows(case, events_by_case.get(case[0], []), facts, intervals, deadlines)
        _write(CaseFact, FACT_COLUMNS, facts)
        _write(StateInterval, INTERVAL_COLUMNS, intervals)
        _write(OpenDeadline, DEADLINE_COLUMNS, deadlines)
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


@on_primary()
def refresh_facts(*, full: bool = False) -> int:
    """Bring the facts up to date before a report; returns the number of cases rebuilt. Once
    per page (`common.request_memo`): a page's several reports read the same facts."""
    if not full and not first_in_request("stats.refresh_facts"):
        return 0
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
