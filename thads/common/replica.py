"""Report reads on a PostgreSQL streaming replica (issue 15, item 7), off unless configured.

`DATABASE_REPLICA_URL` adds the database alias `replica` and sets `THADS_REPORT_DATABASE` to it
(config/settings/base.py). Then, and only then:

- the report screens (`web.middleware.ReportReadsMiddleware`: statistics forms and drill-downs,
  the cockpit, the bottleneck lists — GET only) and the worker's form exports run inside
  `report_reads()`: the ORM reads go to the replica (`ReportReadRouter.db_for_read`) and so do
  the statistics engine's SQL queries (`report_connection()`, raw SQL no router sees);
- what writes stays on the primary: every write (`db_for_write` is the default), every read in a
  transaction of the primary (it must see its own writes), and the functions marked
  `on_primary` — the facts refresh and the filling of month-end totals a report may trigger, with
  the reads they decide on.

A report read from the replica is as old as the replica's lag (usually under a second on a
streaming replica); the facts it reads are refreshed on the primary first.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_reading_reports: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "thads_report_reads", default=False
)


def report_alias() -> str:
    """The alias report reads go to: `THADS_REPORT_DATABASE` (default: the primary)."""
    alias = getattr(settings, "THADS_REPORT_DATABASE", DEFAULT_DB_ALIAS)
    return alias if alias in settings.DATABASES else DEFAULT_DB_ALIAS


def enabled() -> bool:
    return report_alias() != DEFAULT_DB_ALIAS


@contextlib.contextmanager
def report_reads() -> Iterator[None]:
    """Within: reads go to the replica, when one is configured."""
    token = _reading_reports.set(enabled())
    try:
        yield
    finally:
        _reading_reports.reset(token)


@contextlib.contextmanager
def on_primary() -> Iterator[None]:
    """Within (or, as `@on_primary()`, for the decorated function): reads on the primary."""
    token = _reading_reports.set(False)
    try:
        yield
    finally:
        _reading_reports.reset(token)


def reading_replica() -> bool:
    """True inside `report_reads()` with a replica configured, outside any transaction of the
    primary."""
    return _reading_reports.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block


def report_connection():
    """The connection for the statistics engine's SQL: the replica inside `report_reads()`."""
    return connections[report_alias() if reading_replica() else DEFAULT_DB_ALIAS]


class ReportReadRouter:
    """Django database router (`DATABASE_ROUTERS`): reads inside `report_reads()` to the
    replica; everything else to the default database. The replica is never migrated (it
    replays the primary)."""

    def db_for_read(self, model, **hints) -> str | None:
        return report_alias() if reading_replica() else None

    def db_for_write(self, model, **hints) -> str | None:
        return None

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica holds the same rows: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        return False if db == REPLICA else None
