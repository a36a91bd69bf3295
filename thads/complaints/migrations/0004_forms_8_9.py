"""Forms 8 and 9 as form definitions of the statistics (thads.complaints.form_defaults)."""

from django.db import migrations


def seed(apps, schema_editor):
    from thads.complaints.form_defaults import CIRCULARS, FORMS

    FormDefinition = apps.get_model("stats", "FormDefinition")
    for circular, effective in CIRCULARS:
        for form in FORMS:
            FormDefinition.objects.update_or_create(
                code=form["code"],
                effective_from=effective,
                defaults={**{k: v for k, v in form.items() if k != "code"}, "circular": circular},
            )


def unseed(apps, schema_editor):
    apps.get_model("stats", "FormDefinition").objects.filter(code__in=["8", "9"]).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_seed_rules"), ("stats", "0012_complaint_measures")]
    operations = [migrations.RunPython(seed, unseed)]
