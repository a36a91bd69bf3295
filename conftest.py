"""Fixtures shared by every app's tests.

`demo_org` builds the demo province (thads.org.demo) plus a second province for access tests,
inside the test's transaction. `shared_demo_org` builds the same once per test module (the
access matrix runs hundreds of requests against it); each test still rolls back its own changes.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from thads.org import demo, services
from thads.org.models import Role, Staff, Unit

OTHER_PROVINCE = "CBG"


def pytest_sessionstart(session):
    """`make test` compiles the catalogues; a bare `pytest` must not test stale ones."""
    from thads.common.i18n import compile_catalogues

    compile_catalogues(stale_only=True)


OTHER_LOCAL = "CBG-KV1"


def build_other_province(national: Unit) -> dict[str, Unit]:
    """A second province, one Phòng THADS khu vực, three staff: never in Thái Nguyên's scope."""
    province = services.unit_create(
        code=OTHER_PROVINCE,
        name="Thi hành án dân sự tỉnh Cao Bằng",
        level=Unit.Level.PROVINCE,
        parent=national,
        valid_from=demo.REFORM,
    )
    local = services.unit_create(
        code=OTHER_LOCAL,
        name="Phòng Thi hành án dân sự khu vực 1 – Cao Bằng",
        level=Unit.Level.LOCAL,
        parent=province,
        valid_from=demo.REFORM,
    )
    for code, name, title, unit, role in [
        ("CBG-LD01", "Hoàng Văn Quân", Staff.Title.LANH_DAO, province, Role.PROVINCIAL_LEADER),
        ("CBG-KV1-01", "Nông Văn Bình", Staff.Title.CHV_TRUNG_CAP, local, Role.HEAD),
        ("CBG-KV1-02", "Bế Thị Hạnh", Staff.Title.CHV_SO_CAP, local, Role.OFFICER),
    ]:
        services.staff_create(
            code=code,
            full_name=name,
            title=title,
            unit=unit,
            valid_from=demo.REFORM,
            is_head=role in {Role.HEAD, Role.PROVINCIAL_LEADER},
            role=role,
            username=code.lower(),
            password=demo.DEMO_PASSWORD,
        )
    return {OTHER_PROVINCE: province, OTHER_LOCAL: local}


def build_all() -> dict[str, Unit]:
    units = demo.build_org()
    units.update(build_other_province(units["TW"]))
    return units


@pytest.fixture
def demo_org(db) -> dict[str, Unit]:
    """The demo province and the other province, by unit code."""
    return build_all()


@pytest.fixture(scope="module")
def shared_demo_org(django_db_setup, django_db_blocker):
    """`demo_org` built once for a module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        units = build_all()
        yield units
        transaction.set_rollback(True)


# ---- transactional tests: the flush between them ------------------------------------------
#
# A transactional test (live server, threads) ends with Django's `flush`, which empties every
# table. Two things must survive it: the append-only guards (SQLite triggers refuse the DELETEs
# of a flush; PostgreSQL's TRUNCATE is not stopped by row triggers) and the reference data that
# migrations seed (form definitions, the fee schedule). Both are handled here, once, for every
# test, instead of per test module.

REFERENCE_DATA_MIGRATIONS = [
    ("thads.stats.migrations.0003_default_forms", "seed"),
    ("thads.ledger.migrations.0003_fee_schedule_tt216", "seed"),
]


def _sqlite_triggers(cursor) -> list[tuple[str, str]]:
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    return cursor.fetchall()


def reseed_reference_data() -> None:
    """Put back the rows data migrations install (idempotent: get_or_create / update_or_create)."""
    import importlib

    from django.apps import apps as django_apps

    for module, function in REFERENCE_DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture(scope="session", autouse=True)
def _flush_keeps_guards_and_reference_data():
    from django.core.management.commands.flush import Command as FlushCommand
    from django.db import connections

    original = FlushCommand.handle

    def handle(self, **options):
        connection = connections[options.get("database") or "default"]
        saved: list[tuple[str, str]] = []
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
                    for _name, sql in saved:
                        cursor.execute(sql)
            reseed_reference_data()

    FlushCommand.handle = handle
    yield
    FlushCommand.handle = original
