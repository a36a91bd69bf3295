"""On SQLite, triggers refuse UPDATE/DELETE of the administration log (pgtrigger does it on
PostgreSQL)."""

from django.db import migrations

TABLE = "org_adminlogentry"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{op.lower()} BEFORE {op} ON {TABLE} "
                "BEGIN SELECT RAISE(ABORT, 'the administration log is append-only'); END;"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_{op};")


class Migration(migrations.Migration):
    dependencies = [("org", "0004_admin_log")]
    operations = [migrations.RunPython(create, drop)]
