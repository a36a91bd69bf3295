"""What `/healthz` checks: the database answers, every migration is applied, a worker is alive.

Each check returns (ok, detail). The migration check reads the migration graph from disk, so a
process remembers a positive answer (migrations do not get un-applied under a running server;
an upgrade restarts it).
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from thads.common import jobs

_migrated: set[str] = set()


def database(alias: str = DEFAULT_DB_ALIAS) -> tuple[bool, str]:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not reachable"
        return False, type(exc).__name__
    return True, "ok"


def migrations(alias: str = DEFAULT_DB_ALIAS) -> tuple[bool, str]:
    if alias in _migrated:
        return True, "ok"
    try:
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return False, type(exc).__name__
    if plan:
        return False, f"{len(plan)} pending"
    _migrated.add(alias)
    return True, "ok"


def worker() -> tuple[bool, str]:
    """A `thads worker` beat within `THADS_WORKER_STALE` seconds ("inline": no queue, jobs run
    in the request)."""
    if not jobs.durable():
        return True, "inline"
    alive = jobs.alive_workers()
    if not alive:
        return False, "none alive"
    return True, f"{len(alive)} alive"
