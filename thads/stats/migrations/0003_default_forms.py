from django.db import migrations


def seed(apps, schema_editor):
    from thads.stats.form_defaults import CIRCULARS, DEFAULT_FORMS

    FormDefinition = apps.get_model("stats", "FormDefinition")
    for circular, effective in CIRCULARS:
        for form in DEFAULT_FORMS:
            FormDefinition.objects.update_or_create(
                code=form["code"],
                effective_from=effective,
                defaults={**{k: v for k, v in form.items() if k != "code"}, "circular": circular},
            )


class Migration(migrations.Migration):
    dependencies = [("stats", "0002_form_definitions")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
