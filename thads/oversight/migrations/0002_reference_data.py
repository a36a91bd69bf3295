"""The deadline rules and the definitions of forms 6, 10 and 12 (data, idempotent: `seed` is
also run after a test flush, see conftest.py); on SQLite, triggers refuse UPDATE/DELETE of the
append-only tables (pgtrigger does it on PostgreSQL)."""

import datetime as dt

from django.db import migrations

APPEND_ONLY = (
    "oversight_adminjudgmentstep",
    "oversight_finding",
    "oversight_recommendationfollowup",
)


def seed(apps, schema_editor):
    from thads.oversight.form_defaults import CIRCULARS, FORMS
    from thads.oversight.rule_defaults import RULES

    rule_model = apps.get_model("oversight", "DeadlineRule")
    for key, label, since, days, day_kind, source, verified in RULES:
        rule_model.objects.update_or_create(
            key=key,
            effective_from=dt.date.fromisoformat(since),
            defaults={
                "label": label,
                "days": days,
                "day_kind": day_kind,
                "source": source,
                "verified": verified,
            },
        )
    definition = apps.get_model("stats", "FormDefinition")
    for circular, since in CIRCULARS:
        for form in FORMS:
            definition.objects.update_or_create(
                code=form["code"],
                effective_from=dt.date.fromisoformat(since),
                defaults={
                    "name": form["name"],
                    "circular": circular,
                    "measure": form["measure"],
                    "rows_by": "unit",
                    "money_unit": "",
                    "filters": {},
                    "columns": form["columns"],
                },
            )


def unseed(apps, schema_editor):
    apps.get_model("stats", "FormDefinition").objects.filter(code__in=["6", "10", "12"]).delete()
    apps.get_model("oversight", "DeadlineRule").objects.all().delete()


def triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in APPEND_ONLY:
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
            )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in APPEND_ONLY:
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op};")


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0001_initial"),
        ("stats", "0010_aggregate_counted_money"),
    ]
    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(triggers, drop_triggers),
    ]
