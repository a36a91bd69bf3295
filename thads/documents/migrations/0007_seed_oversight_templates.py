"""Seed oversight's templates (thads/documents/seed_oversight.py: frozen data)."""

from django.db import migrations


def seed(apps, schema_editor):
    from thads.documents.seed_oversight import rows

    Template = apps.get_model("documents", "DocumentTemplate")
    # ignore_conflicts: idempotent, so the test suite can put the rows back after a flush.
    Template.objects.bulk_create([Template(**row) for row in rows()], ignore_conflicts=True)


def unseed(apps, schema_editor):
    Template = apps.get_model("documents", "DocumentTemplate")
    Template.objects.filter(family="oversight").delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_oversight_family")]
    operations = [migrations.RunPython(seed, unseed)]
