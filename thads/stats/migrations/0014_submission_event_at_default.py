# A step's time may be given (the demo's past months): auto_now_add becomes a default. The
# column does not change, so only Django's state moves (on SQLite an AlterField would rebuild
# the table and break the append-only triggers that name it).

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0013_open_deadlines"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="submissionevent",
                    name="at",
                    field=models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="Lúc"
                    ),
                ),
            ]
        ),
    ]
