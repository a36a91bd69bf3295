"""Hostile spreadsheets for the upload tests: a declared dimension far larger than the data,
a truncated sheet, a zip bomb, too many rows, something that is not a workbook."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import load_workbook

from thads.common.spreadsheets import new_workbook, workbook_bytes


def small_workbook(rows: list[list] | None = None, title: str | None = None) -> bytes:
    wb = new_workbook()
    ws = wb.active
    if title:
        ws.title = title
    for row in rows or [["Mã", "Tên"], ["A", "B"]]:
        ws.append(row)
    return workbook_bytes(wb)


def _rewrite_sheet(content: bytes, change) -> bytes:
    """The same workbook with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(info, data)
    return out.getvalue()


def declared_dimension(content: bytes, ref: str = "A1:XFD1048576") -> bytes:
    """The workbook claiming `ref` as its used range (a few bytes; openpyxl trusted it)."""

    def change(xml: bytes) -> bytes:
        text = xml.decode()
        if "<dimension" in text:
            text = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', text)
        else:
            text = text.replace("<sheetData", f'<dimension ref="{ref}"/><sheetData', 1)
        return text.encode()

    return _rewrite_sheet(content, change)


def truncated_sheet(content: bytes) -> bytes:
    """The first sheet's XML cut in the middle of its rows (loads, fails while reading)."""
    return _rewrite_sheet(content, lambda xml: xml[: max(xml.find(b"</row>") + 20, 1)])


def zip_bomb(unpacked: int) -> bytes:
    """A valid workbook carrying an extra member that unpacks to `unpacked` bytes."""
    source = zipfile.ZipFile(io.BytesIO(small_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/padding.bin", b"\0" * unpacked)
    return out.getvalue()


def rows_workbook(count: int, title: str | None = None) -> bytes:
    return small_workbook([["Mã", "Tên"]] + [[f"M{i}", "x"] for i in range(count)], title)


def readable(content: bytes) -> bool:
    try:
        load_workbook(io.BytesIO(content), read_only=True).close()
    except Exception:  # noqa: BLE001
        return False
    return True
