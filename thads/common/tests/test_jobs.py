"""The durable queue (`common.jobs`): enqueue in the transaction, interrupted tasks put back,
scheduled jobs once per slot, a worker in this process."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from thads.common import jobs
from thads.common.models import ScheduledRun, WorkerHeartbeat
from thads.testing.jobs import probe

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert jobs.durable()


def test_tests_run_jobs_inline_by_default():
    assert not jobs.durable()


def test_apps_register_their_scheduled_jobs():
    assert {"stats.nightly", "stats.month_start"} <= set(jobs.SCHEDULES)


def test_a_job_is_queued_with_the_transaction_that_asks_for_it(queue, tmp_path):
    path = tmp_path / "out"
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue(probe, str(path), "lost")
        raise RuntimeError("the request failed")
    assert not DBTaskResult.objects.exists()
    jobs.enqueue(probe, str(path), "kept")
    assert DBTaskResult.objects.ready().count() == 1
    assert jobs.run_ready() == 1
    assert path.read_text() == "kept\n"
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_inline_jobs_run_when_the_request_commits(tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "out"
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(probe, str(path), "now")
        assert not path.exists()
    assert path.read_text() == "now\n"


def _running(worker_ids: list[str]) -> DBTaskResult:
    result = probe.enqueue("/dev/null", "x").db_result
    DBTaskResult.objects.filter(pk=result.pk).update(
        status=TaskResultStatus.RUNNING, worker_ids=worker_ids, started_at=timezone.now()
    )
    return result


def test_tasks_of_a_dead_worker_go_back_to_the_queue(queue):
    jobs.beat("alive", timezone.now())
    kept = _running(["alive"])
    lost = _running(["dead"])
    hopeless = _running(["dead", "dead2", "dead3"])
    assert jobs.recover_interrupted() == 1
    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[kept.pk] == TaskResultStatus.RUNNING
    assert status[lost.pk] == TaskResultStatus.READY
    assert status[hopeless.pk] == TaskResultStatus.FAILED  # its workers kept dying


def test_a_worker_silent_too_long_is_dead(queue, settings):
    settings.THADS_WORKER_STALE = 60
    jobs.beat("old", timezone.now())
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - dt.timedelta(seconds=61))
    jobs.beat("new", timezone.now())
    assert [w.worker_id for w in jobs.alive_workers()] == ["new"]


def test_schedule_slots():
    nightly = jobs.Schedule("n", probe, hour=1, minute=30)
    at = dt.datetime(2026, 12, 2, 1, 0, tzinfo=HCM)
    assert nightly.last_slot(at) == dt.datetime(2026, 12, 1, 1, 30, tzinfo=HCM)
    assert nightly.last_slot(at.replace(hour=2)) == dt.datetime(2026, 12, 2, 1, 30, tzinfo=HCM)
    monthly = jobs.Schedule("m", probe, hour=0, minute=5, day=1)
    assert monthly.last_slot(dt.datetime(2026, 12, 1, 0, 4, tzinfo=HCM)) == dt.datetime(
        2026, 11, 1, 0, 5, tzinfo=HCM
    )
    assert monthly.last_slot(dt.datetime(2026, 12, 2, tzinfo=HCM)) == dt.datetime(
        2026, 12, 1, 0, 5, tzinfo=HCM
    )


class _Task:
    def __init__(self) -> None:
        self.calls = 0

    def enqueue(self) -> None:
        self.calls += 1


def test_a_scheduled_job_is_enqueued_once_per_slot(queue, monkeypatch):
    monkeypatch.setattr(jobs, "SCHEDULES", {})
    task = _Task()
    jobs.schedule("t.nightly", task, hour=1)
    day1 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=HCM)
    # A new installation starts at the next slot: last night's job is not run.
    assert jobs.enqueue_due(day1) == []
    assert jobs.enqueue_due(day1) == []
    assert task.calls == 0
    # The next night: once, however many workers ask.
    day2 = day1 + dt.timedelta(days=1)
    assert jobs.enqueue_due(day2) == ["t.nightly"]
    assert jobs.enqueue_due(day2) == []
    assert task.calls == 1
    assert ScheduledRun.objects.filter(name="t.nightly").count() == 2
