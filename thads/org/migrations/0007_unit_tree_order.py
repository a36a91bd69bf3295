"""`Unit.tree_order`: the order units are listed in (the tree depth first, siblings by code),
instead of the id path compared as text ("/1/96/100/" before "/1/96/97/"); filled here for the
units already there."""

import re
from collections import defaultdict

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


def _code_key(code):
    # A frozen copy of thads.org.services.code_key / tree_orders as of this migration.
    return [int(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+)", code))]


def fill(apps, schema_editor):
    Unit = apps.get_model("org", "Unit")
    children = defaultdict(list)
    for pk, parent_id, code in Unit.objects.values_list("pk", "parent_id", "code"):
        children[parent_id].append((_code_key(code), code, pk))
    pending = [(None, "")]
    while pending:
        parent_id, prefix = pending.pop()
        for rank, (_key, _code, pk) in enumerate(sorted(children[parent_id]), start=1):
            order = f"{prefix}{rank:05d}."
            Unit.objects.filter(pk=pk).update(tree_order=order)
            pending.append((pk, order))


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0006_membership_role_inspection_office'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='unit',
            options={'ordering': ['tree_order'], 'verbose_name': 'Đơn vị', 'verbose_name_plural': 'Đơn vị'},
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='unit',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='unit',
            name='update_update',
        ),
        migrations.AddField(
            model_name='unit',
            name='tree_order',
            field=models.CharField(db_index=True, default='', editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name='unithistory',
            name='tree_order',
            field=models.CharField(default='', editable=False, max_length=255),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='unit',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "org_unithistory" ("code", "created_at", "created_by_id", "id", "level", "name", "parent_id", "path", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "short_name", "successor_id", "tree_order", "updated_at", "updated_by_id", "valid_from", "valid_to", "version") VALUES (NEW."code", NEW."created_at", NEW."created_by_id", NEW."id", NEW."level", NEW."name", NEW."parent_id", NEW."path", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."short_name", NEW."successor_id", NEW."tree_order", NEW."updated_at", NEW."updated_by_id", NEW."valid_from", NEW."valid_to", NEW."version"); RETURN NULL;', hash='2cdc767a6632076999d822d34e49004706a5fbe6', operation='INSERT', pgid='pgtrigger_insert_insert_4c104', table='org_unit', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='unit',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "org_unithistory" ("code", "created_at", "created_by_id", "id", "level", "name", "parent_id", "path", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "short_name", "successor_id", "tree_order", "updated_at", "updated_by_id", "valid_from", "valid_to", "version") VALUES (NEW."code", NEW."created_at", NEW."created_by_id", NEW."id", NEW."level", NEW."name", NEW."parent_id", NEW."path", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."short_name", NEW."successor_id", NEW."tree_order", NEW."updated_at", NEW."updated_by_id", NEW."valid_from", NEW."valid_to", NEW."version"); RETURN NULL;', hash='e843f463e727f67a8f04ce302e4c217bea0568b9', operation='UPDATE', pgid='pgtrigger_update_update_f1e85', table='org_unit', when='AFTER')),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
