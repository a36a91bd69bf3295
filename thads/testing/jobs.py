"""Background jobs in tests: a probe task for the queue and a `thads worker` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection
from django_tasks import task


@task()
def probe(path: str, token: str, seconds: float = 0.0) -> str:
    """Sleep, then append `token` to the file: a run interrupted before the end leaves no line."""
    time.sleep(seconds)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(token + "\n")
    return token


def database_url() -> str:
    """The URL of the database this test runs on (the worker subprocess connects to it)."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(**env: str) -> subprocess.Popen:
    """`thads worker` on the test database, beating every 0,3 s, dead after 1,5 s silent."""
    variables = dict(
        os.environ,
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="config.settings.local",
        THADS_TASKS="database",
        THADS_WORKER_HEARTBEAT="0.3",
        THADS_WORKER_STALE="1.5",
        **env,
    )
    thads = Path(sys.executable).with_name("thads")
    return subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [str(thads), "worker", "--interval", "0.2", "--no-startup-delay", "-v", "2"],
        env=variables,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition: Callable[[], bool], seconds: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s: {what}")
