"""Form definitions are data; the `thads report` command follows the interchange contract."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thads.common.periods import month_end, month_period, report_year_of
from thads.org.models import Unit
from thads.stats.buckets import CASE_KEYS, MONEY_KEYS
from thads.stats.layout import build_form, definition_for, evaluate
from thads.stats.models import FormDefinition

pytestmark = pytest.mark.django_db
M = 1_000_000


def test_periods():
    assert month_end(2022, 1) == dt.date(2021, 10, 31)
    assert month_end(2022, 3) == dt.date(2021, 12, 31)
    assert month_end(2022, 5) == dt.date(2022, 2, 28)
    assert month_end(2024, 5) == dt.date(2024, 2, 29)
    assert month_end(2022, 12) == dt.date(2022, 9, 30)
    assert report_year_of(dt.date(2021, 10, 1)) == 2022
    assert report_year_of(dt.date(2022, 9, 30)) == 2022
    with pytest.raises(ValueError):
        month_end(2022, 13)


def test_expressions():
    values = {"xong": 3, "dinh_chi": 1, "co_dieu_kien": 8, "giam": 2}
    assert evaluate("xong + dinh_chi - giam", values) == 2
    assert evaluate("rate(xong + dinh_chi; co_dieu_kien)", values) == Decimal("50.00")
    assert evaluate("rate(xong; giam - giam)", values) is None
    with pytest.raises(ValueError):
        evaluate("xong * 2", values)
    with pytest.raises(ValueError):
        evaluate("unknown_key", values)


def test_a_new_circular_is_a_new_definition_not_new_code():
    old = definition_for("1", dt.date(2025, 1, 1))
    FormDefinition.objects.create(
        code="1",
        name="Biểu 01 mới",
        circular="Thông tư 05/2026/TT-BTP",
        effective_from=dt.date(2026, 7, 1),
        measure="cases",
        rows_by="unit",
        columns=[{"no": "1", "header": "Tổng số thụ lý", "expr": "tong_thu_ly", "group": ""}],
    )
    assert definition_for("1", dt.date(2026, 6, 30)) == old
    assert definition_for("1", dt.date(2026, 7, 1)).circular == "Thông tư 05/2026/TT-BTP"


def test_default_definitions_evaluate_on_real_buckets(history):
    history(
        "TN-SC",
        "2021-11-01",
        10 * M,
        [("xac_minh_co_dieu_kien", "2021-11-20"), ("thu_tien", "2022-01-10", 4 * M)],
    )
    history(
        "TN-SC",
        "2021-11-02",
        6 * M,
        [
            ("xac_minh_co_dieu_kien", "2021-11-20"),
            ("quyet_dinh_cuong_che", "2021-12-01", {"data": {"measure": "ke_bien"}}),
            ("cuong_che", "2021-12-15", {"data": {"time": "08:30"}}),
        ],
    )
    unit = Unit.objects.get(code="TN")
    period = month_period(2022, 12)
    form1 = build_form("1", unit, period)
    headers = [c["header"] for c in form1.columns]
    assert headers[0] == "Tổng số thụ lý"
    assert form1.total.values[0] == 2
    rate_col = next(i for i, c in enumerate(form1.columns) if c["expr"].startswith("rate("))
    assert form1.total.values[rate_col] == Decimal("0.00")
    form2 = build_form("2", unit, period)
    xong_col = next(i for i, c in enumerate(form2.columns) if c["expr"] == "xong")
    assert form2.total.values[xong_col] == 4 * M
    assert form2.definition.money_unit == "nghin_dong"
    form7 = build_form("7", unit, period)
    by_no = dict(zip([c["no"] for c in form7.columns], form7.total.values, strict=True))
    assert by_no["4"] == 1 and by_no["7"] == 1 and by_no["8"] == 0 and by_no["9"] == 1
    assert all(c.ok for c in form7.checks)
    form3 = build_form("3", unit, period)
    assert form3.total.values[0] == 0  # no state-budget case


def test_report_command_json_has_every_key(history):
    history(
        "TN-SC",
        "2021-11-01",
        10 * M,
        [("xac_minh_co_dieu_kien", "2021-11-20"), ("thu_tien", "2022-01-10", 4 * M)],
    )
    out = StringIO()
    call_command("report", "money", "--unit", "TN", "--year", "2022", "--month", "12", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["from"] == "2021-10-01" and payload["to"] == "2022-09-30"
    assert set(payload) == {"unit", "year", "from", "to", "form", "rows", "total", "checks"}
    for row in [*payload["rows"], payload["total"]]:
        assert set(MONEY_KEYS) <= set(row)
        assert isinstance(row["xong"], int)
    assert payload["total"]["xong"] == 4 * M
    assert payload["total"]["ty_le_tien"] == "40.00"
    out = StringIO()
    call_command(
        "report",
        "cases",
        "--unit",
        "TN",
        "--year",
        "2022",
        "--as-of",
        "2021-12-31",
        "--by",
        "officer",
        stdout=out,
    )
    payload = json.loads(out.getvalue())
    assert set(CASE_KEYS) <= set(payload["total"])
    assert payload["total"]["ty_le_viec"] == "0.00"
    out = StringIO()
    call_command(
        "report",
        "cases",
        "--unit",
        "TN",
        "--year",
        "2022",
        "--month",
        "1",
        "--format",
        "csv",
        stdout=out,
    )
    assert out.getvalue().splitlines()[0].startswith("unit,name,chuyen_sang")


def test_report_command_errors_in_vietnamese(demo_org):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("report", "cases", "--unit", "XX", "--year", "2022", "--month", "1")
    with pytest.raises(CommandError, match="không thuộc năm báo cáo"):
        call_command("report", "cases", "--unit", "TN", "--year", "2022", "--as-of", "2023-01-01")


def test_every_seeded_form_prints_each_header_group_once():
    """A group's header spans its columns once: a group split by another reads twice (form 8's
    letters did, "Đơn tiếp nhận" on both sides of "Không thuộc thẩm quyền")."""
    from thads.stats.documents import header_layout

    definitions = list(FormDefinition.objects.all())
    assert {d.code for d in definitions} >= {"1", "2", "8", "9", "10", "12"}
    for definition in definitions:
        top, _bottom = header_layout(definition.columns, officer_rows=False)
        groups = [cell.text for cell in top if cell.rowspan == 1]  # a group over its columns
        assert len(groups) == len(set(groups)), (definition, groups)
