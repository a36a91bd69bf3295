"""On SQLite, triggers refuse UPDATE/DELETE of case events (pgtrigger does it on PostgreSQL)."""

from django.db import migrations

CREATE = [
    "CREATE TRIGGER IF NOT EXISTS case_event_no_update BEFORE UPDATE ON cases_caseevent "
    "BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;",
    "CREATE TRIGGER IF NOT EXISTS case_event_no_delete BEFORE DELETE ON cases_caseevent "
    "BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;",
]
DROP = [
    "DROP TRIGGER IF EXISTS case_event_no_update;",
    "DROP TRIGGER IF EXISTS case_event_no_delete;",
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
    dependencies = [("cases", "0002_initial")]
    operations = [migrations.RunPython(create, drop)]
