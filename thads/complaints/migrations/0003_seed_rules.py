"""Seed the rule table (thads.complaints.rule_defaults); on SQLite, triggers keep matter steps
append-only (pgtrigger does it on PostgreSQL)."""

import datetime as dt

from django.db import migrations

from thads.complaints.rule_defaults import RULES

CREATE = [
    "CREATE TRIGGER IF NOT EXISTS matter_step_no_update BEFORE UPDATE ON complaints_matterstep "
    "BEGIN SELECT RAISE(ABORT, 'matter steps are append-only'); END;",
    "CREATE TRIGGER IF NOT EXISTS matter_step_no_delete BEFORE DELETE ON complaints_matterstep "
    "BEGIN SELECT RAISE(ABORT, 'matter steps are append-only'); END;",
]
DROP = [
    "DROP TRIGGER IF EXISTS matter_step_no_update;",
    "DROP TRIGGER IF EXISTS matter_step_no_delete;",
]


def seed(apps, schema_editor):
    Rule = apps.get_model("complaints", "ComplaintRule")
    for kind, key, label, start, days, count, resolver, source, verified in RULES:
        Rule.objects.update_or_create(
            kind=kind,
            key=key,
            effective_from=dt.date.fromisoformat(start),
            defaults=dict(
                label=label,
                days=days,
                day_count=count,
                resolver=resolver,
                source=source,
                verified=verified,
            ),
        )
    # schema_editor is None when the test suite re-seeds after a flush (triggers kept apart).
    if schema_editor is not None and schema_editor.connection.vendor == "sqlite":
        for sql in CREATE:
            schema_editor.execute(sql)


def unseed(apps, schema_editor):
    apps.get_model("complaints", "ComplaintRule").objects.all().delete()
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_letters_matters_rules_reception")]
    operations = [migrations.RunPython(seed, unseed)]
