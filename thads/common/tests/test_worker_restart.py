"""`thads worker` for real (subprocesses on the PostgreSQL test database): a job survives the
worker being killed in the middle of it and completes once; two workers share the queue and run
each job once (SKIP LOCKED)."""

from __future__ import annotations

import signal

import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from thads.testing.jobs import probe, start_worker, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="workers in other processes need a server"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _status(result_id) -> str:
    return DBTaskResult.objects.get(pk=result_id).status


def _stop(process) -> str:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        out, _err = process.communicate(timeout=30)
    except Exception:
        process.kill()
        out, _err = process.communicate()
    return out.decode(errors="replace")


def test_a_job_survives_a_killed_worker_and_completes_once(queue, tmp_path):
    path = tmp_path / "probe.txt"
    result = probe.enqueue(str(path), "done", 3.0).db_result
    first = start_worker()
    try:
        wait_for(lambda: _status(result.pk) == TaskResultStatus.RUNNING, 60, "first claim")
        first.kill()  # SIGKILL in the middle of the job: no goodbye, the heartbeat stops
        first.wait(10)
        assert not path.exists()
        assert _status(result.pk) == TaskResultStatus.RUNNING  # left behind by the dead worker
        second = start_worker()
        try:
            wait_for(lambda: _status(result.pk) == TaskResultStatus.SUCCESSFUL, 90, "retry")
        finally:
            log = _stop(second)
    finally:
        _stop(first)
    assert path.read_text() == "done\n", log  # once
    row = DBTaskResult.objects.get(pk=result.pk)
    assert len(row.worker_ids) == 2 and row.worker_ids[0] != row.worker_ids[1]
    assert "requeued: its worker stopped" in log


def test_two_workers_share_the_queue_and_run_each_job_once(queue, tmp_path):
    path = tmp_path / "probe.txt"
    ids = [probe.enqueue(str(path), f"job{n}", 0.2).db_result.pk for n in range(12)]
    workers = [start_worker(), start_worker()]
    try:
        wait_for(
            lambda: (
                DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.SUCCESSFUL).count()
                == 12
            ),
            120,
            "12 jobs",
        )
    finally:
        logs = [_stop(w) for w in workers]
    lines = path.read_text().split()
    assert sorted(lines) == sorted(f"job{n}" for n in range(12)), logs
    # Claimed once each: no job was taken by both workers.
    assert all(len(DBTaskResult.objects.get(pk=pk).worker_ids) == 1 for pk in ids)
