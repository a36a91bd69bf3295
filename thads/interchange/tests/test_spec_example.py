"""The interchange spec's own example imports into an empty database as written; a province
whose parent is null is a root of its file (docs/interchange-notes.md)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction

from thads.cases.models import Case
from thads.complaints.models import Complaint
from thads.interchange.exporter import export_lines
from thads.interchange.importer import ImportFailed, import_lines
from thads.org.models import Staff, Unit
from thads.targets.models import Target
from thads.testing.interchange import SPEC_EXAMPLE_LINES

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)


def test_spec_example_imports_into_an_empty_database_and_round_trips():
    assert not Unit.objects.filter(code="X-KV1").exists()
    with transaction.atomic():
        result = import_lines(SPEC_EXAMPLE_LINES, today=TODAY)
        assert (result.units, result.staff, result.targets, result.cases, result.complaints) == (
            3,
            1,
            1,
            1,
            1,
        )
        province = Unit.objects.get(code="TN")
        assert province.parent is None  # the top of its own installation
        assert Unit.objects.get(code="TN-SC").parent == province
        case = Case.objects.get(code="TN-SC/2021/0123")
        assert (case.collected, case.state) == (250_000_000, "xong")
        assert Staff.objects.filter(code="TN-SC-01").exists()
        assert Target.objects.filter(unit__code="TN-SC", year=2021).exists()
        assert Complaint.objects.get(code="TN/KN/2022/007").case == case
        text = "".join(export_lines())
        transaction.set_rollback(True)
    assert not Unit.objects.filter(code="X-KV1").exists()
    exported = [json.loads(line) for line in text.splitlines()]
    assert next(r for r in exported if r.get("code") == "TN")["parent"] is None
    import_lines(text.splitlines(), today=TODAY)
    assert "".join(export_lines()) == text


def test_a_root_province_joins_the_installations_national_unit(demo_org):
    national = demo_org["TW"]
    line = {
        "type": "unit", "code": "HB", "name": "Thi hành án dân sự tỉnh Hòa Bình",
        "parent": None, "level": "province", "valid_from": "2025-07-01", "valid_to": None,
        "successor": None,
    }  # fmt: skip
    import_lines([json.dumps(line, ensure_ascii=False)], today=TODAY)
    assert Unit.objects.get(code="HB").parent == national


def test_a_local_office_still_needs_a_parent():
    line = {
        "type": "unit", "code": "X-KV1", "name": "Phòng Thi hành án dân sự khu vực 1",
        "parent": None, "level": "local", "valid_from": "2025-07-01", "valid_to": None,
        "successor": None,
    }  # fmt: skip
    with pytest.raises(ImportFailed) as failed:
        import_lines([json.dumps(line, ensure_ascii=False)], today=TODAY)
    assert failed.value.errors == [(1, "Đơn vị “X-KV1”: Đơn vị này phải có đơn vị cấp trên.")]
    assert not Unit.objects.filter(code="X-KV1").exists()
