"""Seed the enforcement-fee schedule of TT 216/2016/TT-BTC, one row per base-salary change.

A copy of thads.ledger.fees.DEFAULT_SCHEDULES at the time of writing (a migration never imports
code that may change). The bands above 5 tỷ and the base salaries are [unverified].
"""

import datetime as dt

from django.db import migrations

TIERS = [
    {"up_to": 5_000_000_000, "rate": "0.03"},
    {"up_to": 7_000_000_000, "rate": "0.02"},
    {"up_to": 10_000_000_000, "rate": "0.01"},
    {"up_to": 15_000_000_000, "rate": "0.005"},
    {"up_to": None, "rate": "0.0001"},
]
BASE_SALARY = [
    (dt.date(2017, 1, 1), 1_210_000, "NĐ 47/2016/NĐ-CP"),
    (dt.date(2017, 7, 1), 1_300_000, "NĐ 47/2017/NĐ-CP"),
    (dt.date(2018, 7, 1), 1_390_000, "NĐ 72/2018/NĐ-CP"),
    (dt.date(2019, 7, 1), 1_490_000, "NĐ 38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP"),
]


def seed(apps, schema_editor):
    FeeSchedule = apps.get_model("ledger", "FeeSchedule")
    for start, salary, decree in BASE_SALARY:
        FeeSchedule.objects.get_or_create(
            valid_from=start,
            defaults={
                "legal_basis": f"TT 216/2016/TT-BTC, Điều 4; lương cơ sở theo {decree}",
                "tiers": TIERS,
                "exempt_up_to": 2 * salary,
                "exempt_priorities": [],
                "reduced_numerator": 1,
                "reduced_denominator": 3,
                "note": "Mức phí các bậc trên 5 tỷ đồng và mức lương cơ sở cần đối chiếu văn bản.",
            },
        )


def unseed(apps, schema_editor):
    FeeSchedule = apps.get_model("ledger", "FeeSchedule")
    FeeSchedule.objects.filter(valid_from__in=[s for s, _, _ in BASE_SALARY]).delete()


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_sqlite_append_only")]
    operations = [migrations.RunPython(seed, unseed)]
