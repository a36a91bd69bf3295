"""The one safe reader of uploaded spreadsheets (the Excel intake, the targets, any later one).

An upload is bounded before it is read:

- bytes: `upload_bytes` refuses a file larger than the limit without reading it whole;
- the archive: an XLSX is a zip; its declared unpacked size is checked first (a 5 kB file may
  unpack to gigabytes), and anything that is not a readable zip is refused;
- the sheet: the dimension the file *declares* (``<dimension ref="A1:XFD1048576"/>``) is never
  trusted — openpyxl would pad every row to it (a 4,7 kB file declaring ``A1:XFD3000`` took
  500 MB). The reader forgets it, reads at most `max_columns` columns and stops after
  `max_rows` rows;
- malformed content (a truncated sheet, bad XML, a broken zip member) is refused with a
  Vietnamese message, never a 500.

Every refusal is an `UploadRefused` (a `DomainError`): its message is shown to the user.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from thads.common.errors import DomainError

# What an archive may unpack to, all members together (setting THADS_UPLOAD_MAX_UNPACKED).
MAX_UNPACKED = 200 * 1024 * 1024


class UploadRefused(DomainError):
    """The uploaded file cannot be read safely; nothing was written.

    `kind`: "size", "unreadable" or "rows" (for callers that word the refusal their way)."""

    def __init__(self, message: str, *, kind: str = "unreadable"):
        super().__init__(message)
        self.kind = kind


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g}".replace(".", ",")


def upload_bytes(upload: Any, max_bytes: int) -> bytes:
    """The content of an uploaded file (Django `UploadedFile`), at most `max_bytes`."""
    too_big = UploadRefused(
        _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": _megabytes(max_bytes)}, kind="size"
    )
    if getattr(upload, "size", 0) and upload.size > max_bytes:
        raise too_big
    content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise too_big
    return content


def _unreadable() -> UploadRefused:
    return UploadRefused(
        _("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng; hãy lưu lại tệp.")
    )


def _check_archive(content: bytes, max_unpacked: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _unreadable() from exc
    if unpacked > max_unpacked:
        raise UploadRefused(
            _("Tệp quá lớn khi giải nén (tối đa %(mb)s MB); hãy chia thành nhiều tệp.")
            % {"mb": _megabytes(max_unpacked)},
            kind="size",
        )


def read_xlsx_rows(
    content: bytes,
    *,
    max_rows: int,
    max_columns: int,
    sheet: str | None = None,
    max_unpacked: int | None = None,
) -> list[tuple]:
    """The values of one sheet (`sheet` if the workbook has it, else the first), row by row
    from row 1, each row exactly `max_columns` long. Refuses more than `max_rows` rows."""
    from openpyxl import load_workbook

    if max_unpacked is None:
        max_unpacked = getattr(settings, "THADS_UPLOAD_MAX_UNPACKED", MAX_UNPACKED)
    _check_archive(content, max_unpacked)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parse error of a hostile file is a refusal
        raise _unreadable() from exc
    try:
        ws = wb[sheet] if sheet and sheet in wb.sheetnames else wb.worksheets[0]
        ws.reset_dimensions()  # never pad to the declared dimension
        rows = ws.iter_rows(max_col=max_columns, values_only=True)
        data = list(itertools.islice(rows, max_rows + 1))
    except UploadRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - truncated XML, broken member, bad value
        raise _unreadable() from exc
    finally:
        wb.close()
    if len(data) > max_rows:
        raise UploadRefused(
            _("Tệp có quá %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": max_rows}, kind="rows"
        )
    return data
