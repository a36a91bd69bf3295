"""The safe upload reader: bounded before reading, malformed files refused in Vietnamese."""

from __future__ import annotations

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thads.common.uploads import UploadRefused, read_xlsx_rows, upload_bytes
from thads.testing.hostile_files import (
    declared_dimension,
    readable,
    rows_workbook,
    small_workbook,
    truncated_sheet,
    zip_bomb,
)


def test_reads_the_values_of_the_named_or_first_sheet():
    content = small_workbook([["Mã", "Tên"], ["A", 5]], title="Thụ lý")
    assert read_xlsx_rows(content, max_rows=10, max_columns=3, sheet="Thụ lý") == [
        ("Mã", "Tên", None),
        ("A", 5, None),
    ]
    assert read_xlsx_rows(content, max_rows=10, max_columns=1, sheet="Khác") == [("Mã",), ("A",)]


@pytest.mark.parametrize("ref", ["A1:XFD3000", "A1:XFD1048576"])
def test_a_declared_dimension_is_not_trusted(ref):
    content = declared_dimension(small_workbook(), ref)
    assert len(content) < 10_000
    tracemalloc.start()
    try:
        rows = read_xlsx_rows(content, max_rows=100, max_columns=5)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == [("Mã", "Tên", None, None, None), ("A", "B", None, None, None)]
    assert peak < 20 * 1024 * 1024  # openpyxl alone padded this file to hundreds of MB


def test_a_truncated_sheet_is_refused_in_vietnamese():
    content = truncated_sheet(rows_workbook(50))
    assert readable(content)  # it opens: the damage shows only while reading the rows
    with pytest.raises(UploadRefused) as refused:
        read_xlsx_rows(content, max_rows=100, max_columns=5)
    assert refused.value.message.startswith("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ")


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 broken", "Mã,Tên\n".encode(), b"\0" * 100])
def test_what_is_not_a_workbook_is_refused(content):
    with pytest.raises(UploadRefused, match="không phải là bảng tính Excel"):
        read_xlsx_rows(content, max_rows=100, max_columns=5)


def test_a_zip_bomb_is_refused_before_unpacking():
    content = zip_bomb(30 * 1024 * 1024)
    assert len(content) < 100_000
    with pytest.raises(UploadRefused, match="quá lớn khi giải nén") as refused:
        read_xlsx_rows(content, max_rows=100, max_columns=5, max_unpacked=10 * 1024 * 1024)
    assert refused.value.kind == "size"


def test_too_many_rows_are_refused():
    content = rows_workbook(30)
    assert len(read_xlsx_rows(content, max_rows=31, max_columns=2)) == 31
    with pytest.raises(UploadRefused, match="quá 30 dòng") as refused:
        read_xlsx_rows(content, max_rows=30, max_columns=2)
    assert refused.value.kind == "rows"


def test_upload_bytes_are_bounded():
    assert upload_bytes(SimpleUploadedFile("a.xlsx", b"x" * 10), 10) == b"x" * 10
    with pytest.raises(UploadRefused, match="Tệp quá lớn"):
        upload_bytes(SimpleUploadedFile("a.xlsx", b"x" * 11), 10)
