"""Database guards that no statement can slip past (issue 9, item 6).

Append-only tables refuse UPDATE and DELETE row by row (pgtrigger.Protect on PostgreSQL,
triggers on SQLite), but PostgreSQL's ``TRUNCATE`` fires no row trigger: a single statement
would empty the case history or the money ledger. Every append-only table therefore gets a
statement-level ``BEFORE TRUNCATE`` trigger that refuses it.

The tables are found, not listed: every model derived from `common.models.AppendOnly` and every
model with a pgtrigger `Protect` against deletes — a table added later is guarded as soon as
it is migrated. The triggers are (re)installed after every ``migrate`` (`post_migrate`,
idempotent). SQLite has no TRUNCATE (its "DELETE FROM t" fires the row triggers).

Tests that empty the database between transactional tests lift the guard for the flush only
(`conftest.py`).
"""

from __future__ import annotations

from django.apps import apps
from django.db import connections

FUNCTION = "thads_refuse_truncate"


def guarded_tables() -> list[str]:
    import pgtrigger

    from thads.common.models import AppendOnly

    tables = set()
    for model in apps.get_models():
        if model._meta.abstract or not model._meta.managed or model._meta.proxy:
            continue
        protected = any(
            isinstance(t, pgtrigger.Protect) and "DELETE" in str(t.operation).upper()
            for t in getattr(model._meta, "triggers", [])
        )
        if issubclass(model, AppendOnly) or protected:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _trigger(table: str) -> str:
    return f"{table}_no_truncate"


def install_truncate_guards(using: str = "default") -> int:
    """Create the guard on every append-only table (PostgreSQL); returns how many."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    tables = guarded_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'Bảng % chỉ được ghi thêm: không được TRUNCATE.', TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        for table in tables:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger(table)} ON {quoted}")
            cursor.execute(
                f"CREATE TRIGGER {_trigger(table)} BEFORE TRUNCATE ON {quoted} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
    return len(tables)


def remove_truncate_guards(using: str = "default") -> None:
    """Lift the guards (only for emptying a test database)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in guarded_tables():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger(table)} ON {quoted}")


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    install_truncate_guards(using)
