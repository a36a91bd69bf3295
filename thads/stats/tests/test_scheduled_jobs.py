"""The worker's scheduled statistics jobs (issue 15, item 2), each run as the worker runs it
(the task, at its slot) and checked for its effect, then run again: nothing duplicated.

- `stats.nightly` (01:30): every case compared with its facts (finds a change the incremental
  marker cannot see), the month-total delta rows folded, the month-end totals filled;
- `stats.month_start` (the 1st, 00:05): the new month's totals before the first reader.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.db.models import Count

from thads.cases import services
from thads.common import jobs
from thads.common.models import ScheduledRun
from thads.common.periods import month_period
from thads.org.models import Unit
from thads.stats import engine, freshness, tasks
from thads.stats.aggregates import GROUP_COLUMNS
from thads.stats.facts import MARKER, stale_case_ids
from thads.stats.models import AggregatePeriod, BucketAggregate, CaseFact, FillState
from thads.testing.stats import force_raw_query, two_cases

pytestmark = pytest.mark.django_db

M = 1_000_000
D = dt.date
FAR = D(2100, 1, 1)
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
JULY = D(2022, 7, 15)  # month 10 of report year 2022 (01/10/2021 – 30/09/2022)


@pytest.fixture
def cases(history):
    made = two_cases(history)
    freshness.after_load(JULY)
    return made


def _groups(period, *, raw: bool, monkeypatch) -> list:
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    if raw:
        force_raw_query(monkeypatch)
    try:
        rows = engine.compute_groups(unit_ids, period.start, period.end)
    finally:
        monkeypatch.undo()
    return sorted((g.unit_id, sorted(g.cases.items()), sorted(g.money.items())) for g in rows)


def _state() -> tuple:
    """Everything the jobs write: periods, total rows, facts."""
    return (
        sorted(AggregatePeriod.objects.values_list("start_on", "end_on")),
        BucketAggregate.objects.count(),
        sorted(CaseFact.objects.values_list("case_id", "version", "amount")),
    )


def _duplicated_groups() -> int:
    """Groups of a period held in more than one row (delta rows not folded)."""
    return (
        BucketAggregate.objects.values("period_id", *GROUP_COLUMNS)
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )


def _at(day: dt.date, hour: int, minute: int):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour, minute, 5, tzinfo=HCM)
    )


def test_nightly_finds_what_the_marker_missed_folds_the_deltas_and_runs_once(cases, monkeypatch):
    june = month_period(2022, 9)
    # A payment recorded (its delta rows reach the totals at the next refresh) and, as a bulk
    # load with triggers off would leave it, a change the incremental marker does not see.
    services.event_record(cases[0], type="thu_tien", on=D(2022, 3, 1), amount=10 * M, today=FAR)
    # (The marker exists on PostgreSQL only; SQLite always compares every case.)
    if connection.vendor == "postgresql":
        FillState.objects.filter(key=MARKER).update(history_id=10**12)
        assert stale_case_ids() == []
        freshness.after_load(JULY)  # what a reader's refresh does: misses it
    assert stale_case_ids(full=True) == [cases[0].pk]

    with _at(D(2022, 7, 16), 1, 30):
        tasks.nightly_task.enqueue()  # tests run jobs inline (the immediate backend)

    assert stale_case_ids(full=True) == []
    assert _groups(june, raw=False, monkeypatch=monkeypatch) == _groups(
        june, raw=True, monkeypatch=monkeypatch
    )
    assert _duplicated_groups() == 0
    assert AggregatePeriod.objects.filter(start_on=june.start, end_on=june.end).exists()

    before = _state()
    with _at(D(2022, 7, 16), 1, 31):
        tasks.nightly_task.enqueue()
    assert _state() == before
    assert freshness.nightly(JULY) == (0, 0)
    assert _state() == before


def test_the_deltas_are_there_before_the_nightly_fold(cases):
    """What the fold removes (so the test above could fail): a recorded event leaves delta rows."""
    services.event_record(cases[1], type="xac_minh_lai", on=D(2022, 6, 1), today=FAR)
    freshness.after_load(JULY)
    assert _duplicated_groups() > 0
    freshness.nightly(JULY)
    assert _duplicated_groups() == 0


def test_month_start_fills_the_new_month_once(cases, monkeypatch):
    august = month_period(2022, 11)
    assert not AggregatePeriod.objects.filter(end_on=august.end).exists()
    periods = AggregatePeriod.objects.count()

    with _at(D(2022, 8, 1), 0, 5):
        tasks.month_start_task.enqueue()

    assert AggregatePeriod.objects.count() == periods + 1
    assert AggregatePeriod.objects.filter(start_on=august.start, end_on=august.end).exists()
    assert _groups(august, raw=False, monkeypatch=monkeypatch) == _groups(
        august, raw=True, monkeypatch=monkeypatch
    )
    before = _state()
    with _at(D(2022, 8, 1), 0, 6):
        tasks.month_start_task.enqueue()
    assert _state() == before
    assert freshness.month_start(D(2022, 8, 1)) == (0, 0)


def test_the_schedule_queues_the_month_start_and_a_worker_runs_it_once(cases, settings):
    """The whole chain on the database queue: the worker's housekeeping enqueues the slot
    (`jobs.enqueue_due`, once however many workers ask), a worker runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ScheduledRun.objects.create(
        name="stats.month_start", slot=dt.datetime(2022, 7, 1, 0, 5, tzinfo=HCM)
    )
    ScheduledRun.objects.create(
        name="stats.nightly", slot=dt.datetime(2022, 7, 31, 1, 30, tzinfo=HCM)
    )
    ScheduledRun.objects.create(
        name="cases.reminders", slot=dt.datetime(2022, 7, 31, 6, 30, tzinfo=HCM)
    )
    with _at(D(2022, 8, 1), 0, 5):
        assert jobs.enqueue_due() == ["stats.month_start"]
        assert jobs.enqueue_due() == []  # a second worker's housekeeping
        assert jobs.run_ready() == 1
        assert jobs.run_ready() == 0
    assert AggregatePeriod.objects.filter(end_on=month_period(2022, 11).end).exists()
