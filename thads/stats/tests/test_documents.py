"""Printed exports: the XLSX holds the numbers of `thads report` as the form prints them."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zlib

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from thads.common.money import to_thousands
from thads.common.periods import month_period
from thads.org.models import Unit
from thads.stats import documents

pytestmark = pytest.mark.django_db
FIRST_DATA_ROW = 11  # 7 heading lines, 2 header rows, the column numbers row


def thads_report(tmp_path, measure, by, fmt="json"):
    out = tmp_path / f"r.{fmt}"
    call_command(
        "report", measure, unit="TNG", year=2026, month=4, by=by, format=fmt, output=str(out)
    )
    return out


def sheet(path):
    return load_workbook(path).active


def printed(value, money):
    if value is None:
        return None
    return int(to_thousands(value)) if money else value


@pytest.mark.parametrize(
    ("measure", "by"),
    [("cases", "unit"), ("money", "unit"), ("cases", "officer"), ("money", "officer")],
)
def test_xlsx_numbers_equal_the_json_report(tmp_path, cases, measure, by):  # noqa: F811
    payload = json.loads(thads_report(tmp_path, measure, by).read_text())
    ws = sheet(thads_report(tmp_path, measure, by, "xlsx"))
    money = measure == "money"
    form = {"cases": {"unit": "1", "officer": "4"}, "money": {"unit": "2", "officer": "5"}}
    from thads.stats.layout import definition_for

    columns = definition_for(form[measure][by], dt.date(2026, 1, 31)).columns
    header = [ws.cell(row=10, column=c).value for c in range(1, len(columns) + 3)]
    assert header == ["A", "B", *[c["no"] for c in columns]]

    def check(row_no, expected):
        for i, column in enumerate(columns):
            value = ws.cell(row=row_no, column=3 + i).value
            expr = column["expr"]
            if expr.startswith("rate("):
                key = "ty_le_tien" if money else "ty_le_viec"
                want = expected[key]
                assert (None if value is None else f"{value:.2f}") == want, (row_no, expr)
            else:
                assert value == printed(expected[expr], money), (row_no, expr)

    assert ws.cell(row=FIRST_DATA_ROW, column=2).value == "Tổng cộng"
    check(FIRST_DATA_ROW, payload["total"])
    # Data rows: units (form 1, 2) or officers under a unit heading (form 4, 5).
    row_no = FIRST_DATA_ROW + 1
    for expected in payload["rows"]:
        if by == "officer":
            while ws.cell(row=row_no, column=1).value in documents.ROMAN:
                row_no += 1  # unit heading
        assert ws.cell(row=row_no, column=2).value == expected["name"]
        check(row_no, expected)
        row_no += 1
    cells = [c.value for row in ws.iter_rows() for c in row if c.value]
    text = "\n".join(str(c) for c in cells)
    assert f"Biểu số 0{form[measure][by]}/TK-THADS" in text
    assert "Ban hành kèm theo Thông tư 05/2024/TT-BTP" in text
    assert "Đơn vị báo cáo: Thi hành án dân sự tỉnh Thái Nguyên" in text
    assert "Từ ngày 01/10/2025 đến ngày 31/01/2026" in text
    assert ("Đơn vị tính: nghìn đồng" if money else "Đơn vị tính: việc") in text
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    assert re.search(r"Thái Nguyên, ngày \d\d tháng \d\d năm \d{4}", text)
    # Merged group headers ("Có điều kiện thi hành" over several columns), landscape print.
    assert any(r.min_row == 8 and r.max_col - r.min_col >= 3 for r in ws.merged_cells.ranges)
    assert ws.page_setup.orientation == "landscape"
    assert ws.cell(row=FIRST_DATA_ROW, column=3).number_format == "#,##0"


def test_money_rounding_convention(cases):  # noqa: F811
    """A 2.500 đ case prints as 3 nghìn đồng (half up), as the forms print money."""
    unit = Unit.objects.get(code="TNG-KV3")
    data = documents.render("xlsx", "2", unit, month_period(2026, 4))
    ws = load_workbook(io.BytesIO(data)).active
    # TNG-KV3: 30.000.000 đ + 2.500 đ accepted in the period → 30.002,5 → 30.003 nghìn đồng.
    assert ws.cell(row=FIRST_DATA_ROW, column=3).value == 30_003


def test_signature_place_and_date(demo_org):
    doc_unit = Unit.objects.get(code="TNG-KV2")
    assert documents.place_of(doc_unit) == "Thái Nguyên"
    assert documents.place_of(Unit.objects.get(code="TN-SC")) == "Thái Nguyên"
    assert documents.place_of(Unit.objects.get(code="TW")) == "Hà Nội"
    assert (
        documents.signed_date_text("Thái Nguyên", dt.date(2026, 2, 5))
        == "Thái Nguyên, ngày 05 tháng 02 năm 2026"
    )


def test_header_layout_merges_groups():
    columns = [
        {"no": "1", "header": "Tổng số", "expr": "a", "group": ""},
        {"no": "2", "header": "Năm trước", "expr": "b", "group": "Trong đó"},
        {"no": "3", "header": "Mới", "expr": "c", "group": "Trong đó"},
        {"no": "4", "header": "Khác", "expr": "d", "group": ""},
    ]
    top, bottom = documents.header_layout(columns, officer_rows=False)
    assert [(h.text, h.col, h.colspan, h.rowspan) for h in top] == [
        ("STT", 0, 1, 2),
        ("Đơn vị", 1, 1, 2),
        ("Tổng số", 2, 1, 2),
        ("Trong đó", 3, 2, 1),
        ("Khác", 5, 1, 2),
    ]
    assert [(h.text, h.col) for h in bottom] == [("Năm trước", 3), ("Mới", 4)]


def _pdf_titles(data: bytes) -> list[str]:
    """Every /Title of a WeasyPrint PDF (metadata and bookmarks), UTF-16 hex or literal."""
    chunks = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    titles = []
    for chunk in chunks:
        for hexa in re.findall(rb"/Title\s*<([0-9A-Fa-f]+)>", chunk):
            titles.append(bytes.fromhex(hexa.decode()).decode("utf-16"))
        titles += [t.decode("latin-1") for t in re.findall(rb"/Title\s*\((.*?)\)", chunk)]
    return titles


def test_pdf_is_a_pdf_naming_the_unit(tmp_path, cases):  # noqa: F811
    path = thads_report(tmp_path, "cases", "unit", "pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert any("Thi hành án dân sự tỉnh Thái Nguyên" in t for t in _pdf_titles(data))


def test_pdf_fetcher_refuses_the_network():
    fetcher = documents.url_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("http://example.com/font.woff")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")


def test_csv_of_form_7_and_bad_format(cases):  # noqa: F811
    unit = Unit.objects.get(code="TNG")
    data = documents.render("csv", "7", unit, month_period(2026, 4)).decode("utf-8-sig")
    # The screen's CSV speaks Vietnamese (the `thads report` command keeps its keys).
    assert data.splitlines()[0].startswith(
        'Mã đơn vị,Tên đơn vị,"(1) Biện pháp bảo đảm – Phong tỏa tài khoản, tài sản"'
    )
    with pytest.raises(ValueError):
        documents.render("doc", "1", unit, month_period(2026, 4))


def test_xlsx_sheet_is_named_in_vietnamese(cases):  # noqa: F811
    unit = Unit.objects.get(code="TNG")
    wb = load_workbook(io.BytesIO(documents.render("xlsx", "1", unit, month_period(2026, 4))))
    assert wb.sheetnames == ["Biểu 01"]


@pytest.mark.parametrize(("form", "money"), [("1", False), ("2", True), ("4", False)])
def test_screen_csv_has_vietnamese_headers_and_exact_values(cases, form, money):  # noqa: F811
    """The screen's download speaks Vietnamese; `thads report --format csv` keeps its keys."""
    import csv

    unit = Unit.objects.get(code="TNG")
    data = documents.render("csv", form, unit, month_period(2026, 4)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    header = rows[0]
    assert header[:2] == [
        "Mã đơn vị",
        "Tên đơn vị, Chấp hành viên" if form == "4" else "Tên đơn vị",
    ]
    assert all(re.fullmatch(r"[a-z_]+", h) is None for h in header), header  # no bare keys
    assert "chuyen_sang" not in data and "ty_le" not in data
    if money:
        assert any(h.endswith("(đồng)") for h in header)
    assert any(h.endswith("(%)") for h in header)
    assert rows[-1][1].startswith("Tổng cộng")
    table = documents.build_form(form, unit, month_period(2026, 4))
    first = len(header) - len(table.columns)
    values = rows[-1][first:]
    for value, expected in zip(values, table.total.values, strict=True):
        if expected is None:
            assert value == ""
        elif isinstance(expected, int):
            assert value == str(expected)  # money in đồng, exact
        else:
            assert value == f"{expected:.2f}".replace(".", ",")
