"""Units' short names: what rankings and charts print ("KV2", "TP. Sông Công")."""

from __future__ import annotations

import datetime as dt
import importlib
import json

import pytest
from django.apps import apps as django_apps

from thads.interchange.exporter import export_lines
from thads.interchange.importer import ImportFailed, import_lines
from thads.org import services
from thads.org.models import Unit, abbreviate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Phòng Thi hành án dân sự khu vực 2 – Thái Nguyên", "KV2"),
        ("Phòng Thi hành án dân sự khu vực 12 – Hà Nội", "KV12"),
        ("Chi cục Thi hành án dân sự thành phố Sông Công", "TP. Sông Công"),
        ("Chi cục Thi hành án dân sự thị xã Phổ Yên", "TX. Phổ Yên"),
        ("Chi cục Thi hành án dân sự huyện Đại Từ", "H. Đại Từ"),
        ("Chi cục THADS quận Ba Đình", "Q. Ba Đình"),
        ("Thi hành án dân sự tỉnh Thái Nguyên", "Thái Nguyên"),
        ("Cục Thi hành án dân sự tỉnh Thái Nguyên", "Cục THADS Thái Nguyên"),
        ("Cục Quản lý Thi hành án dân sự – Bộ Tư pháp", "Cục Quản lý THADS"),
        ("Văn phòng", "Văn phòng"),
    ],
)
def test_abbreviate(name, short):
    assert abbreviate(name) == short


def test_the_demo_units_have_distinct_short_names(demo_org):
    labels = [u.label for u in Unit.objects.filter(code__startswith="TNG-")]
    assert sorted(labels) == ["KV1", "KV2", "KV3", "KV4", "KV5"]
    assert Unit.objects.get(code="TN-SC").short_name == "TP. Sông Công"


def test_a_given_short_name_is_kept_and_a_blank_one_falls_back(demo_org):
    unit = services.unit_create(
        code="TNG-X",
        name="Phòng Thi hành án dân sự khu vực 9 – Thái Nguyên",
        short_name="Khu vực Đại Từ",
        level=Unit.Level.LOCAL,
        parent=Unit.objects.get(code="TNG"),
        valid_from=dt.date(2025, 7, 1),
    )
    assert unit.label == "Khu vực Đại Từ"
    Unit.objects.filter(pk=unit.pk).update(short_name="")
    assert Unit.objects.get(pk=unit.pk).label == "KV9"


def test_the_data_migration_fills_existing_units(demo_org):
    migration = importlib.import_module("thads.org.migrations.0003_fill_unit_short_names")
    Unit.objects.update(short_name="")
    migration.fill(django_apps, None)
    assert Unit.objects.get(code="TNG-KV2").short_name == "KV2"
    assert Unit.objects.get(code="TN-PY").short_name == "TX. Phổ Yên"


def _unit_line(**extra) -> str:
    record = {
        "type": "unit",
        "code": "XX",
        "name": "Thi hành án dân sự tỉnh Xa Xôi",
        "parent": None,
        "level": "national",
        "valid_from": "2025-07-01",
        "valid_to": None,
        "successor": None,
        **extra,
    }
    return json.dumps(record, ensure_ascii=False)


def test_interchange_carries_the_short_name_both_ways():
    import_lines([_unit_line(short_name="Xa Xôi (mới)")])
    assert Unit.objects.get(code="XX").short_name == "Xa Xôi (mới)"
    exported = [json.loads(line) for line in export_lines()]
    assert [r["short_name"] for r in exported if r.get("type") == "unit"] == ["Xa Xôi (mới)"]


def test_a_file_without_short_names_still_imports_and_derives_them():
    import_lines([_unit_line()])
    assert Unit.objects.get(code="XX").short_name == "Xa Xôi"


def test_a_too_long_short_name_is_refused_with_its_line():
    with pytest.raises(ImportFailed, match="dài quá 60 ký tự"):
        import_lines([_unit_line(short_name="x" * 61)])
    assert not Unit.objects.exists()
