"""The one way to write spreadsheets (XLSX and CSV): user text is never a live formula.

A value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken by
Excel and LibreOffice as a formula when the file is opened (``=HYPERLINK(…)`` in a decision
number, ``=cmd|' /C calc'!A0`` in a payer's name: "CSV/formula injection", OWASP). So:

- XLSX: `new_workbook()` gives a workbook whose `save` first turns every formula-looking text
  cell into a plain text cell (stored as a string, with Excel's quote prefix) — whatever way the
  value was put in (``ws.append``, ``ws.cell``, ``ws["A1"] = …``). Nothing in THADS writes a
  formula on purpose; `workbook_bytes(wb)` saves to bytes.
- CSV: `csv_writer(out)` / `csv_dict_writer(out, …)` write every text field through
  `csv_text`, which puts an apostrophe before a dangerous first character (OWASP's advice).

The architecture test (`common/tests/test_spreadsheets.py`) fails on any ``openpyxl.Workbook``
or ``csv.writer`` used elsewhere.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# A signed plain number ("-1.50", a difference in points) is a number, not a formula.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def is_dangerous(value: Any) -> bool:
    """Would a spreadsheet read this text as a formula?"""
    return (
        isinstance(value, str)
        and value.startswith(DANGEROUS_FIRST)
        and not PLAIN_NUMBER.fullmatch(value)
    )


def csv_text(value: Any) -> Any:
    """A CSV field: dangerous text gets a leading apostrophe; line breaks become "\n" (quoted
    by the writer: a lone "\r" would end the row in a reader); other values unchanged."""
    if not isinstance(value, str):
        return value
    text = "'" + value if is_dangerous(value) else value
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _neutralise_cell(cell: Cell) -> None:
    if cell.data_type == "f" or is_dangerous(cell.value):
        text = cell.value if isinstance(cell.value, str) else str(cell.value)
        cell.value = None
        cell._value = text  # bypass openpyxl's "starts with = → formula" guess
        cell.data_type = "s"
        cell.quotePrefix = True


def neutralise(wb: Workbook) -> None:
    """Turn every formula-looking cell of `wb` into text (idempotent)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell, Cell) and cell.value is not None:
                    _neutralise_cell(cell)


class SafeWorkbook(Workbook):
    """An openpyxl workbook that never saves user text as a formula."""

    def save(self, filename: Any) -> None:
        neutralise(self)
        super().save(filename)


def new_workbook() -> SafeWorkbook:
    return SafeWorkbook()


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as XLSX bytes, neutralised."""
    neutralise(wb)
    out = io.BytesIO()
    Workbook.save(wb, out)
    return out.getvalue()


class _SafeWriter:
    def __init__(self, writer: Any):
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_text(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class _SafeDictWriter:
    def __init__(self, writer: csv.DictWriter):
        self._writer = writer

    def writeheader(self) -> Any:
        return self._writer.writeheader()

    def writerow(self, row: dict) -> Any:
        return self._writer.writerow({k: csv_text(v) for k, v in row.items()})


def csv_writer(out: Any, **kwargs: Any) -> _SafeWriter:
    """`csv.writer` whose fields go through `csv_text`."""
    return _SafeWriter(csv.writer(out, **kwargs))


def csv_dict_writer(out: Any, fieldnames: list[str], **kwargs: Any) -> _SafeDictWriter:
    """`csv.DictWriter` whose fields go through `csv_text`."""
    return _SafeDictWriter(csv.DictWriter(out, fieldnames=fieldnames, **kwargs))
