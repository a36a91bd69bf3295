"""Background jobs without a broker: one runner for every kind of job.

An app registers its kind of job once (`register`, in its AppConfig.ready): how to list the
jobs waiting and how to run one. `run_after_commit` starts one job after the request commits;
`run_pending` (a worker process, a timer: `thads runjobs`) runs the jobs waiting, of every kind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction


@dataclass(frozen=True)
class JobKind:
    name: str
    pending: Callable[[int], Iterable[int]]  # ids of up to `limit` waiting jobs, oldest first
    run: Callable[[int], None]  # does one job; records its own failure, never raises


KINDS: dict[str, JobKind] = {}


def register(
    name: str, *, pending: Callable[[int], Iterable[int]], run: Callable[[int], None]
) -> None:
    KINDS[name] = JobKind(name, pending, run)


def run_pending(limit: int = 10) -> int:
    """Run up to `limit` waiting jobs of each kind; returns how many ran."""
    done = 0
    for kind in KINDS.values():
        for pk in list(kind.pending(limit)):
            kind.run(pk)
            done += 1
    return done


def run_after_commit(run: Callable[[int], None], pk: int, runner: str = "thread") -> None:
    """Run `run(pk)` once the current transaction commits.

    "thread" (default): in a daemon thread with its own database connection; "inline": in the
    request itself (tests); "queue": not at all — `run_pending()` picks the job up.
    """
    if runner == "queue":
        return
    if runner == "inline":
        transaction.on_commit(lambda: run(pk))
        return

    def in_thread() -> None:
        try:
            run(pk)
        finally:
            connection.close()

    transaction.on_commit(lambda: threading.Thread(target=in_thread, daemon=True).start())
