"""Seed the template catalogue, version 1 (thads/documents/seed_v1.py: frozen data)."""

from django.db import migrations


def seed(apps, schema_editor):
    from thads.documents.seed_v1 import rows

    Template = apps.get_model("documents", "DocumentTemplate")
    # ignore_conflicts: idempotent, so the test suite can put the rows back after a flush.
    Template.objects.bulk_create([Template(**row) for row in rows()], ignore_conflicts=True)


def unseed(apps, schema_editor):
    from thads.documents.seed_v1 import TEMPLATES

    Template = apps.get_model("documents", "DocumentTemplate")
    Template.objects.filter(code__in=[t["code"] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
