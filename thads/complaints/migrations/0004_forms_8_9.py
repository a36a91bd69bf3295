"""Forms 8 and 9 as form definitions of the statistics (thads.complaints.form_defaults;
idempotent: `seed` is rerun after a test flush, thads.testing.reference_data)."""

from django.db import migrations


def seed(apps, schema_editor):
    from thads.complaints.form_defaults import CIRCULARS, FORMS

    FormDefinition = apps.get_model("stats", "FormDefinition")
    for circular, effective in CIRCULARS:
        for form in FORMS:
            FormDefinition.objects.update_or_create(
                code=form["code"],
                effective_from=effective,
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
    apps.get_model("stats", "FormDefinition").objects.filter(code__in=["8", "9"]).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_seed_rules"), ("stats", "0012_complaint_measures")]
    operations = [migrations.RunPython(seed, unseed)]
