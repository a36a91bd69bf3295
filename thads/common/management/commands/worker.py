"""`thads worker`: run the background jobs (exports, Excel intake, statistics, scheduled jobs).

django-tasks' database worker (`db_worker`: SKIP LOCKED, graceful stop on SIGTERM after the task
in hand) plus, in a thread, what makes the queue durable here: the heartbeat, putting back the
tasks of workers that died (`jobs.recover_interrupted`) and the scheduled jobs
(`jobs.enqueue_due`). Run as many as wanted, on any machine that reaches the database.
"""

from __future__ import annotations

import logging
import threading

from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from thads.common import jobs

logger = logging.getLogger("thads.worker")


class Housekeeping(threading.Thread):
    """Heartbeat, recovery and schedules every `THADS_WORKER_HEARTBEAT` seconds, with its own
    database connection, while the main thread runs tasks (a long task keeps beating)."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="thads-worker-housekeeping", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stop = threading.Event()

    def tick(self) -> None:
        jobs.beat(self.worker_id, self.started_at)
        jobs.recover_interrupted()
        for name in jobs.enqueue_due():
            logger.info("scheduled job %s enqueued", name)

    def run(self) -> None:
        while not self.stop.wait(jobs.heartbeat_seconds()):
            try:
                self.tick()
            except Exception:  # the database may be away for a moment; try again next beat
                logger.exception("worker housekeeping failed")
            finally:
                connection.close()


class Command(db_worker.Command):
    help = "Chạy các tác vụ nền (xuất biểu, nhập Excel, thống kê, tác vụ định kỳ)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)

    def handle(self, *args, **options) -> None:
        housekeeping = Housekeeping(options["worker_id"])
        housekeeping.tick()  # alive before the first task is claimed
        connection.close()
        housekeeping.start()
        try:
            super().handle(*args, **options)
        finally:
            housekeeping.stop.set()
            jobs.WorkerHeartbeat.objects.filter(worker_id=options["worker_id"]).delete()
