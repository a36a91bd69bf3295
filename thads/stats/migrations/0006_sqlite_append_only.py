"""On SQLite, triggers refuse UPDATE/DELETE of report transitions and frozen snapshots
(pgtrigger does it on PostgreSQL)."""

from django.db import migrations

TABLES = ("stats_submissionevent", "stats_reportsnapshot", "stats_snapshotcase")
CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
    for table in TABLES
    for op in ("UPDATE", "DELETE")
]
DROP = [
    f"DROP TRIGGER IF EXISTS {table}_no_{op.lower()};"
    for table in TABLES
    for op in ("UPDATE", "DELETE")
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("stats", "0005_export_job")]
    operations = [migrations.RunPython(create, drop)]
