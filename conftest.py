"""pytest setup for every app's tests.

Fixtures live in the testing plugin `thads/testing/` (registered below), one module per app:
`org` (`demo_org`, `shared_demo_org`), `cases` (`units`, `make_case`, `record`, `ev`, `new_case`,
`login`), `transitions`, `stats` (`history`, `year_2022`, `cases`), `ledger`, `targets`,
`interchange`, `browser` (`browser`, `page`). Test modules import helpers from there, never
from one another.
"""

from __future__ import annotations

import pytest

pytest_plugins = [
    "thads.testing.org",
    "thads.testing.cases",
    "thads.testing.stats",
    "thads.testing.ledger",
    "thads.testing.targets",
    "thads.testing.interchange",
    "thads.testing.documents",
    "thads.testing.browser",
    "thads.testing.api",
    "thads.testing.oversight",
]


def pytest_sessionstart(session):
    """`make test` compiles the catalogues; a bare `pytest` must not test stale ones."""
    from thads.common.i18n import compile_catalogues

    compile_catalogues(stale_only=True)


# ---- transactional tests: the flush between them ------------------------------------------
#
# A transactional test (live server, threads) ends with Django's `flush`, which empties every
# table. Two things must survive it: the append-only guards (SQLite triggers refuse the DELETEs
# of a flush; PostgreSQL's TRUNCATE is not stopped by row triggers) and the reference data that
# migrations seed (form definitions, the fee schedule). Both are handled here, once, for every
# test, instead of per test module; the statement-level TRUNCATE guards of `common.db_guards`
# are lifted for the flush only.


def _sqlite_triggers(cursor) -> list[tuple[str, str]]:
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    return cursor.fetchall()


@pytest.fixture(scope="session", autouse=True)
def _flush_keeps_guards_and_reference_data():
    from django.core.management.commands.flush import Command as FlushCommand
    from django.db import connections

    original = FlushCommand.handle

    def handle(self, **options):
        from thads.common.db_guards import install_truncate_guards, remove_truncate_guards
        from thads.testing.reference_data import reseed_reference_data

        using = options.get("database") or "default"
        connection = connections[using]
        saved: list[tuple[str, str]] = []
        remove_truncate_guards(using)  # PostgreSQL: the statement guards refuse TRUNCATE
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                saved = _sqlite_triggers(cursor)
                for name, _sql in saved:
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        try:
            return original(self, **options)
        finally:
            if saved:
                with connection.cursor() as cursor:
                    # flush's post_migrate may have put some back already (the db guards).
                    existing = {name for name, _sql in _sqlite_triggers(cursor)}
                    for name, sql in saved:
                        if name not in existing:
                            cursor.execute(sql)
            install_truncate_guards(using)
            reseed_reference_data()  # thads.testing.reference_data

    FlushCommand.handle = handle
    yield
    FlushCommand.handle = original
