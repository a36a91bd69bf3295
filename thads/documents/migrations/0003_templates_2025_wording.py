"""The 2025-law rows of the template catalogue cite Luật 106/2025 by name, not the 2008 law's
articles (thads/documents/seed_v2.py: frozen data)."""

from django.db import migrations


def seed(apps, schema_editor):
    from thads.documents.seed_v2 import rows

    Template = apps.get_model("documents", "DocumentTemplate")
    # An update of the same rows: idempotent, run again after a test flush (reference_data).
    for row in rows():
        Template.objects.filter(code=row["code"], valid_from=row["valid_from"]).update(
            body=row["body"], legal_basis=row["legal_basis"], source=row["source"]
        )


def unseed(apps, schema_editor):
    from thads.documents.seed_v1 import LAW_2025_FROM, rows

    Template = apps.get_model("documents", "DocumentTemplate")
    for row in rows():
        if row["valid_from"] == LAW_2025_FROM:
            Template.objects.filter(code=row["code"], valid_from=row["valid_from"]).update(
                body=row["body"], legal_basis=row["legal_basis"], source=row["source"]
            )


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_seed_templates")]
    operations = [migrations.RunPython(seed, unseed)]
