"""Give the existing units (the demo province, imported ones) their usual short names."""

import re

from django.db import migrations

PREFIXES = (("thành phố ", "TP. "), ("thị xã ", "TX. "), ("huyện ", "H. "), ("quận ", "Q. "), ("tỉnh ", ""))


def abbreviate(name: str) -> str:
    # A frozen copy of thads.org.models.abbreviate as of this migration.
    text = " ".join(name.split())
    match = re.search(r"khu vực\s+(\d+)", text, flags=re.IGNORECASE)
    if match:
        return f"KV{match.group(1)}"
    for marker in ("Thi hành án dân sự", "THADS"):
        if marker in text:
            break
    else:
        return text
    head, _sep, place = text.partition(marker)
    place = place.split(" – ")[0].strip(" –-")
    head = head.strip()
    for long, short in PREFIXES:
        if place.lower().startswith(long):
            place = short + place[len(long) :]
            break
    if head.startswith("Cục Quản lý"):
        return "Cục Quản lý THADS"
    if head.startswith("Cục"):
        return f"Cục THADS {place}".strip()
    return place or text


def fill(apps, schema_editor):
    Unit = apps.get_model("org", "Unit")
    for unit in Unit.objects.filter(short_name=""):
        unit.short_name = abbreviate(unit.name)[:60]
        unit.save(update_fields=["short_name"])


class Migration(migrations.Migration):
    dependencies = [("org", "0002_unit_short_name")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
