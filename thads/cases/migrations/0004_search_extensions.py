"""PostgreSQL search support: `unaccent` and `pg_trgm`, a trigram index on Party.search_name.

Nothing happens on SQLite (CreateExtension skips other databases; the index is PostgreSQL-only).
"""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

INDEX = "cases_party_search_name_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON cases_party USING gin (search_name gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_sqlite_append_only")]

    operations = [
        CreateExtension("unaccent"),
        CreateExtension("pg_trgm"),
        migrations.RunPython(create_index, drop_index),
    ]
