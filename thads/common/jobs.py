"""Durable background work: django-tasks with its database backend (`django_tasks_db`).

A job is a row of the queue table written in the transaction that asks for it (an export, an
Excel intake, a statistics refresh), so it is never lost: it survives a restart of the web server
and of the worker. `thads worker` runs the queue (`SELECT … FOR UPDATE SKIP LOCKED` on
PostgreSQL: any number of workers on any number of machines share it). Each worker beats a
heartbeat row; a task left "running" by a worker that stopped beating (killed, machine
restarted) is put back in the queue by another worker, up to `MAX_ATTEMPTS` times — task
functions are written so that running one again after an interruption does the work once
(their writes and their "done" mark commit together).

Settings: `TASKS` (django-tasks), `THADS_WORKER_HEARTBEAT` and `THADS_WORKER_STALE` (seconds).
With the immediate backend (tests, `THADS_TASKS=inline`) a task runs when the request commits.
The same `Task` objects move to Django 6's `django.tasks` unchanged.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from thads.common.models import ScheduledRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def durable() -> bool:
    """True when jobs go through the database queue (a worker runs them), False when they
    run in the request (immediate backend)."""
    return isinstance(task_backends["default"], DatabaseBackend)


def enqueue(task: Any, *args: Any) -> None:
    """Ask for `task(*args)`: queued in the current transaction (database backend: the job and
    what it works on commit together), or run once the transaction commits (immediate)."""
    if durable():
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))


# --- workers: heartbeat, interrupted tasks, what is alive -----------------------------------


def heartbeat_seconds() -> float:
    return float(getattr(settings, "THADS_WORKER_HEARTBEAT", 5))


def stale_seconds() -> float:
    return float(getattr(settings, "THADS_WORKER_STALE", 60))


def beat(worker_id: str, started_at: dt.datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )


def alive_workers() -> list[WorkerHeartbeat]:
    since = timezone.now() - dt.timedelta(seconds=stale_seconds())
    return list(WorkerHeartbeat.objects.filter(seen_at__gte=since).order_by("-seen_at"))


def recover_interrupted() -> int:
    """Put back in the queue the tasks marked running by a worker that is no longer alive;
    a task that interrupted its worker `MAX_ATTEMPTS` times is marked failed. Returns the
    number of tasks requeued."""
    alive = {w.worker_id for w in alive_workers()}
    requeued = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running:
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                result.set_failed(
                    RuntimeError(f"worker stopped during {len(result.worker_ids)} attempts")
                )
                logger.error("task %s failed: its workers kept dying", result.pk)
                continue
            result.status = TaskResultStatus.READY
            result.save(update_fields=["status"])
            requeued += 1
            logger.warning("task %s (%s) requeued: its worker stopped", result.pk, result.task_path)
        WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - dt.timedelta(days=1)).delete()
    return requeued


# --- scheduled jobs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    name: str
    task: Any
    hour: int
    minute: int = 0
    day: int | None = None  # day of the month (monthly), None = every day

    def last_slot(self, now: dt.datetime) -> dt.datetime:
        """The latest slot at or before `now` (local time)."""
        local = timezone.localtime(now)
        slot = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        if self.day is None:
            return slot if slot <= local else slot - dt.timedelta(days=1)
        slot = slot.replace(day=self.day)
        if slot > local:
            previous = slot.replace(day=1) - dt.timedelta(days=1)
            slot = previous.replace(day=self.day, hour=self.hour, minute=self.minute)
        return slot


SCHEDULES: dict[str, Schedule] = {}


def schedule(name: str, task: Any, *, hour: int, minute: int = 0, day: int | None = None) -> None:
    """Register a job run every day (or on `day` of every month) at hour:minute, local time."""
    SCHEDULES[name] = Schedule(name, task, hour, minute, day)


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every scheduled job whose latest slot has not been enqueued yet — once, however
    many workers call this (unique slot row). A schedule never seen before starts at its next
    slot (a new installation does not run last night's job). Returns the names enqueued."""
    now = now or timezone.now()
    done = []
    for item in SCHEDULES.values():
        slot = item.last_slot(now)
        first = not ScheduledRun.objects.filter(name=item.name).exists()
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=item.name, slot=slot)
                if not first:
                    item.task.enqueue()
                    done.append(item.name)
        except IntegrityError:
            continue
    return done


# --- running tasks in this process (`thads worker --batch`, tests) -------------------------


def run_ready(worker_id: str = "inline", *, limit: int | None = None) -> int:
    """Run the tasks waiting in the queue in this process; returns how many ran."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.utils import exclusive_transaction

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ran = 0
    while limit is None or ran < limit:
        tasks = DBTaskResult.objects.ready().filter(backend_name="default")
        with exclusive_transaction(tasks.db):
            result = tasks.get_locked()
            if result is not None:
                result.claim(worker_id)
        if result is None:
            break
        worker.run_task(result)
        ran += 1
    return ran
