"""Form 8's letter columns regrouped (complaints.form_defaults.FORM_8): the first layout printed
the group "Đơn tiếp nhận" twice, split by "Không thuộc thẩm quyền". Same buckets, so the
numbers do not change; no report snapshot keeps a column number (they keep the bucket keys)."""

from django.db import migrations


def regroup(apps, schema_editor):
    import importlib

    importlib.import_module("thads.complaints.migrations.0004_forms_8_9").seed(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0006_letter_paper_no")]
    operations = [migrations.RunPython(regroup, migrations.RunPython.noop)]
