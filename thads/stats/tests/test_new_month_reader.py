"""A reader who asks first for a month whose totals are not stored (issue 15 §3: ≤ 10 s).

With a worker running, the filling (~20 s for a national month) is queued for the worker and the
reader is answered at once from the month end before plus the cases changed since (or the raw
query for the first month of a report year): the same numbers. Without a worker (inline tasks,
no live heartbeat), the reader fills them, as the next readers need them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from thads.cases import services
from thads.common import jobs
from thads.common.models import WorkerHeartbeat
from thads.common.periods import month_period
from thads.org.models import Unit
from thads.stats import engine, freshness, month_fill
from thads.stats.models import AggregatePeriod
from thads.testing.stats import force_raw_query, two_cases

pytestmark = pytest.mark.django_db

M = 1_000_000
D = dt.date
FAR = D(2100, 1, 1)
JULY = D(2022, 7, 15)  # month 10 of report year 2022: months 1–10 stored by after_load
AUGUST = month_period(2022, 11)  # the new month: its neighbour (July) is stored
OCTOBER = month_period(2023, 1)  # the first month of the next report year: no neighbour


@pytest.fixture
def cases(history):
    made = [
        *two_cases(history),
        history("TN-SC", "2022-08-03", 7 * M, [("xac_minh_co_dieu_kien", "2022-08-20")]),
    ]
    freshness.after_load(JULY)
    # Changed in August, after July's totals: the correction must carry it.
    services.event_record(made[0], type="thu_tien", on=D(2022, 8, 10), amount=15 * M, today=FAR)
    return made


@pytest.fixture
def worker(settings):
    """The database queue with a live worker (its heartbeat); the test runs its jobs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    jobs.beat("worker-1", timezone.now())


def _groups(period, monkeypatch=None) -> list:
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    if monkeypatch is not None:
        force_raw_query(monkeypatch)
    try:
        rows = engine.compute_groups(unit_ids, period.start, period.end)
    finally:
        if monkeypatch is not None:
            monkeypatch.undo()
    return sorted((g.unit_id, sorted(g.cases.items()), sorted(g.money.items())) for g in rows)


def _stored(period) -> bool:
    return AggregatePeriod.objects.filter(start_on=period.start, end_on=period.end).exists()


def _queued() -> list:
    return [
        r.args_kwargs["args"]
        for r in DBTaskResult.objects.filter(task_path=month_fill.materialise_task.module_path)
    ]


@pytest.mark.parametrize("period", [AUGUST, OCTOBER], ids=["neighbour stored", "first month"])
def test_with_a_worker_the_first_reader_is_answered_and_the_worker_fills_the_month(
    cases, worker, monkeypatch, period
):
    expected = _groups(period, monkeypatch)
    assert not _stored(period)

    assert _groups(period) == expected
    assert not _stored(period)  # the reader did not fill it
    args = [period.start.isoformat(), period.end.isoformat()]
    assert _queued() == [args]
    assert _groups(period) == expected  # a second reader before the worker ran
    assert _queued() == [args]  # queued once

    assert jobs.run_ready() == 1
    assert _stored(period)
    assert _groups(period) == expected  # now from the stored totals
    assert len(_queued()) == 1


def test_the_correction_is_what_answers_the_reader(cases, worker, monkeypatch):
    """The August reader reads July's stored totals (so the test above could fail on them):
    without the correction of the cases changed since, the numbers differ."""
    monkeypatch.setattr(engine, "corrected_sql", lambda *a, **k: None)
    with_raw_only = _groups(AUGUST)
    monkeypatch.undo()
    assert with_raw_only == _groups(AUGUST)  # the raw fallback agrees
    july = month_period(2022, 10)
    assert _groups(july) != _groups(AUGUST)


def test_without_a_live_worker_the_reader_fills_the_month(cases, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    jobs.beat("gone", timezone.now() - dt.timedelta(hours=2))
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - dt.timedelta(hours=1))  # stopped
    expected = _groups(AUGUST, monkeypatch)
    assert _groups(AUGUST) == expected
    assert _stored(AUGUST)
    assert _queued() == []


def test_with_inline_tasks_the_reader_fills_the_month(cases, monkeypatch):
    expected = _groups(AUGUST, monkeypatch)
    assert _groups(AUGUST) == expected
    assert _stored(AUGUST)
    assert _queued() == []
