"""On SQLite, triggers refuse UPDATE/DELETE of ledger entries (pgtrigger does it on PostgreSQL)."""

from django.db import migrations

TABLES = [
    "ledger_receipt",
    "ledger_payout",
    "ledger_fee",
    "ledger_heldmoney",
    "ledger_heldmoneyrelease",
]


def _sql(table):
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;",
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;",
    ]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            for sql in _sql(table):
                schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete;")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
