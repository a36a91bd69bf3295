"""A month-end period someone asks for before its totals are stored.

Filling a national month takes ~10–20 s (`aggregates.materialise_periods`); the worker's
`stats.month_start` does it before anyone asks. When a reader comes first (the worker was down on
the 1st, a past month nobody opened), the filling is queued for the worker, once, and the reader
is answered at once from the month end before plus the cases changed since (`stats.asof`), or by
the raw query — the same numbers (`engine.compute_groups`). Without a live worker (inline tasks,
the command line on its own) the reader fills the period, as the next readers need it.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from thads.common import jobs
from thads.common.replica import on_primary
from thads.stats import aggregates


@task()
def materialise_task(start: str, end: str) -> None:
    """The month-end totals of one period a reader asked for first (`queue_materialise`)."""
    aggregates.materialise_period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def queue_materialise(start: dt.date, end: dt.date) -> bool:
    """Leave the filling of the month-end totals (start, end) to the worker: True when a worker
    is running (queued once: a job already waiting or running for that period is enough), False
    when nobody would run the job soon (inline tasks, no live worker)."""
    if not jobs.durable() or not jobs.alive_workers():
        return False
    args = [start.isoformat(), end.isoformat()]
    waiting = DBTaskResult.objects.filter(
        task_path=materialise_task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    if not any(queued.get("args") == args for queued in waiting):
        jobs.enqueue(materialise_task, *args)
    return True


@on_primary()
def period_id_for(start: dt.date, end: dt.date) -> int | None:
    """The stored period (S, T) for a reader; a month-end period not stored yet is queued for
    the worker (None: the caller answers without it) or, with no worker, filled here. On the
    primary, as `aggregates.period_id_for`: a lagging replica would queue the job again."""
    found = aggregates.period_id_for(start, end, materialise=False)
    if found is not None or not aggregates.is_month_end_period(start, end):
        return found
    if queue_materialise(start, end):
        return None
    return aggregates.materialise_period(start, end)
