"""Background jobs without a broker: run a job's function after the request commits."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection, transaction


def run_after_commit(run: Callable[[int], None], pk: int, runner: str = "thread") -> None:
    """Run `run(pk)` once the current transaction commits.

    "thread" (default): in a daemon thread with its own database connection; "inline": in the
    request itself (tests); "queue": not at all — a `run_pending()` caller picks the job up.
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
