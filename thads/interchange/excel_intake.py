"""Excel intake: a spreadsheet template for clerks, read into interchange case records.

The clerk downloads the template (sheet "Thụ lý", one row per việc), fills it and uploads it.
Each row becomes the same ``case`` record as a line of ``thads import``
(`../shared/spec/interchange.md`, `docs/interchange-notes.md`) and the rows go through the
importer's own validation and all-or-nothing write (``importer.parse``, ``Importer.check``,
``Importer.run``), so the rules are the importer's. The row of the spreadsheet is used as the
importer's line number: a row that cannot be read becomes an empty line, so every message of
the importer already names the row ("Dòng N: …").

Uploads are kept in ``UploadedIntake`` between the preview and the confirmation; checking and
writing run in the background (``start``/``run``, the pattern of ``thads.stats.tasks``).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thads.cases.models import CaseMode, JudgmentKind, Party
from thads.cases.selectors import next_case_code
from thads.cases.services import fold_vietnamese
from thads.common.jobs import run_after_commit
from thads.interchange.importer import Importer, ImportFailed, parse
from thads.interchange.models import UploadedIntake
from thads.org.models import Unit

logger = logging.getLogger(__name__)

SHEET = "Thụ lý"
HELP_SHEET = "Hướng dẫn"
FIRST_ROW = 2  # row 1 holds the headers
MAX_ROWS = 20000
MAX_BYTES = 10 * 1024 * 1024
PREVIEW_ROWS = 200  # rows kept for the preview table (errors are all kept)
KEEP_DAYS = 7  # uploads older than this are purged
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 18
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã việc", 18),
    Column("decision_no", "Số QĐ THA", 16, True),
    Column("decision_date", "Ngày QĐ THA", 13, True),
    Column("accepted_on", "Ngày thụ lý", 13, True),
    Column("mode", "Hình thức", 14, True),
    Column("court", "Tòa án / cơ quan ban hành", 30, True),
    Column("judgment_no", "Số bản án", 16, True),
    Column("judgment_date", "Ngày bản án", 13, True),
    Column("kind", "Loại việc", 22, True),
    Column("officer", "Mã Chấp hành viên", 16),
    Column("amount", "Số tiền (đồng)", 16, True),
    Column("ngan_sach", "Ngân sách (x)", 11),
    Column("tin_dung", "Tín dụng (x)", 11),
    Column("tham_nhung_kinh_te", "Tham nhũng - kinh tế (x)", 13),
    Column("debtor_name", "Người phải thi hành - tên", 26, True),
    Column("debtor_kind", "Người phải thi hành - loại", 14),
    Column("debtor_id", "Người phải thi hành - CCCD", 16),
    Column("debtor_address", "Người phải thi hành - địa chỉ", 30),
    Column("creditor_name", "Người được thi hành - tên", 26),
    Column("creditor_kind", "Người được thi hành - loại", 14),
    Column("creditor_id", "Người được thi hành - CCCD/mã số", 18),
    Column("creditor_address", "Người được thi hành - địa chỉ", 30),
)
FLAG_KEYS = ("ngan_sach", "tin_dung", "tham_nhung_kinh_te")


def fold(text: str) -> str:
    """Lower case without diacritics or extra spaces: how headers and list values are matched."""
    return re.sub(r"[\s_\-–/()]+", " ", fold_vietnamese(str(text))).strip()


def _labels(choices) -> list[tuple[str, str]]:
    """(value, Vietnamese label) of a TextChoices (the template is always in Vietnamese)."""
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices.choices]


MODE_LABELS = [(CaseMode.CHU_DONG.value, "Chủ động"), (CaseMode.THEO_DON.value, "Theo đơn")]
KIND_LABELS = _labels(JudgmentKind)
PARTY_KIND_LABELS = _labels(Party.Kind)


def _lookup(pairs: list[tuple[str, str]], extra: dict[str, str] | None = None) -> dict[str, str]:
    table = {}
    for value, label in pairs:
        table[fold(value)] = value
        table[fold(label)] = value
    for text, value in (extra or {}).items():
        table[fold(text)] = value
    return table


MODES = _lookup(MODE_LABELS, {"theo đơn yêu cầu": CaseMode.THEO_DON})
KINDS = _lookup(KIND_LABELS)
PARTY_KINDS = _lookup(PARTY_KIND_LABELS)
HEADERS = {fold(c.header): c for c in COLUMNS}
MARKS = {"x", "co", "1", "true"}


# ---- the template --------------------------------------------------------------------------


def template_bytes(unit: Unit) -> bytes:
    """The empty workbook: sheet "Thụ lý" (headers, lists), an instructions sheet, the lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"

    lists = wb.create_sheet("Danh mục")
    for col, values in enumerate(
        [
            [label for _v, label in MODE_LABELS],
            [label for _v, label in KIND_LABELS],
            [label for _v, label in PARTY_KIND_LABELS],
        ],
        start=1,
    ):
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=col, value=value)
    lists.sheet_state = "hidden"

    last = FIRST_ROW + MAX_ROWS - 1

    def letter(key: str) -> str:
        return get_column_letter([c.key for c in COLUMNS].index(key) + 1)

    def add_list(key: str, source: str) -> None:
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        validation.error = "Chọn một giá trị trong danh sách."
        validation.errorTitle = "Giá trị không hợp lệ"
        ws.add_data_validation(validation)
        validation.add(f"{letter(key)}{FIRST_ROW}:{letter(key)}{last}")

    add_list("mode", f"'Danh mục'!$A$1:$A${len(MODE_LABELS)}")
    add_list("kind", f"'Danh mục'!$B$1:$B${len(KIND_LABELS)}")
    add_list("debtor_kind", f"'Danh mục'!$C$1:$C${len(PARTY_KIND_LABELS)}")
    add_list("creditor_kind", f"'Danh mục'!$C$1:$C${len(PARTY_KIND_LABELS)}")
    for key in FLAG_KEYS:
        add_list(key, '"x"')
    for key in ("decision_date", "accepted_on", "judgment_date"):
        for row in range(FIRST_ROW, FIRST_ROW + 500):
            ws[f"{letter(key)}{row}"].number_format = "DD/MM/YYYY"
    for row in range(FIRST_ROW, FIRST_ROW + 500):
        ws[f"{letter('amount')}{row}"].number_format = "#,##0"

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 34
    help_ws.column_dimensions["B"].width = 90
    help_ws.append(["Mẫu nhập việc thi hành án từ Excel", ""])
    help_ws["A1"].font = Font(bold=True, size=13)
    help_ws.append(["Đơn vị", f"{unit.name} ({unit.code})"])
    help_ws.append(["", ""])
    for line in INSTRUCTIONS:
        help_ws.append(list(line))
    for row in help_ws.iter_rows(min_row=4):
        row[0].font = bold
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    wb.active = 0
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


INSTRUCTIONS = (
    ("Cách nhập", "Mỗi dòng của trang “Thụ lý” là một việc (một quyết định thi hành án). "
     "Không đổi tên hay xóa các cột tiêu đề ở dòng 1. Dòng để trống được bỏ qua."),
    ("Mã việc", "Không bắt buộc. Để trống thì hệ thống tự cấp theo dạng "
     "<mã đơn vị>/<năm thụ lý>/<số thứ tự 4 chữ số>."),
    ("Ngày", "Ghi theo dạng dd/mm/yyyy (ví dụ 05/03/2025) hoặc dùng ô ngày của Excel."),
    ("Hình thức", "Chủ động hoặc Theo đơn (chọn trong danh sách)."),
    ("Loại việc", "Chọn trong danh sách: " + ", ".join(label for _v, label in KIND_LABELS) + "."),
    ("Mã Chấp hành viên", "Không bắt buộc; mã cán bộ của Chấp hành viên được phân công."),
    ("Số tiền (đồng)", "Số nguyên không âm, có thể ghi 1.234.567 hoặc 1234567."),
    ("Ngân sách / Tín dụng / Tham nhũng - kinh tế", "Ghi x nếu việc thuộc nhóm đó."),
    ("Đương sự", "Bắt buộc có tên người phải thi hành án; loại là Cá nhân hoặc Tổ chức "
     "(để trống là Cá nhân). Người được thi hành án có thể để trống."),
    ("Kiểm tra", "Sau khi tải lên, hệ thống kiểm tra mọi dòng và hiển thị lỗi theo số dòng. "
     "Chưa có gì được ghi cho đến khi bạn xác nhận; khi xác nhận, tất cả các dòng được ghi "
     "hoặc không dòng nào được ghi."),
)  # fmt: skip


# ---- reading a workbook ----------------------------------------------------------------------


class FileRefused(Exception):
    """The file as a whole cannot be read (not a workbook, no header row, too many rows)."""


@dataclass
class Conversion:
    """The rows of a workbook as interchange lines (index = row − 1) and the rows' problems."""

    lines: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # preview (at most PREVIEW_ROWS)
    errors: list[tuple[int, str]] = field(default_factory=list)
    count: int = 0  # non-empty data rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
AMOUNT_RE = re.compile(r"^-?\d{1,3}([. ]\d{3})+$|^-?\d+$")


def read_date(value: Any) -> dt.date | None:
    """A real Excel date, "dd/mm/yyyy" (also d/m/yyyy, dd.mm.yyyy) or "yyyy-mm-dd"; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    match = DATE_RE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None


def read_amount(value: Any) -> int | None:
    """An integer number of đồng: 1234567, 1234567.0, "1.234.567", "1 234 567 đ"; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value)
    text = re.sub(r"\s*(đồng|đ|vnd)$", "", text, flags=re.IGNORECASE).replace("\u00a0", " ")
    if not AMOUNT_RE.match(text):
        return None
    return int(text.replace(".", "").replace(" ", ""))


def _header_map(header: tuple) -> dict[str, int]:
    """Column key → index in the row, by header text (any order, extra columns ignored)."""
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        column = HEADERS.get(fold(_text(value))) if value is not None else None
        if column is not None and column.key not in found:
            found[column.key] = index
    missing = [c.header for c in COLUMNS if c.required and c.key not in found]
    if missing:
        raise FileRefused(
            _("Tệp không đúng mẫu: thiếu cột %(columns)s (dòng 1 phải là dòng tiêu đề của mẫu).")
            % {"columns": ", ".join(f"“{h}”" for h in missing)}
        )
    return found


def _open_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, …
        raise FileRefused(_("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")) from exc
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    return wb, ws


class _Row:
    """The cells of one row by column key, collecting this row's messages."""

    def __init__(self, number: int, values: tuple, columns: dict[str, int]):
        self.number = number
        self.values = values
        self.columns = columns
        self.messages: list[str] = []

    def raw(self, key: str) -> Any:
        index = self.columns.get(key)
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def text(self, key: str) -> str:
        return _text(self.raw(key))

    def header(self, key: str) -> str:
        return next(c.header for c in COLUMNS if c.key == key)

    def fail(self, message: str) -> None:
        self.messages.append(message)

    def required_text(self, key: str) -> str:
        text = self.text(key)
        if not text:
            self.fail(_("Thiếu “%(column)s”.") % {"column": self.header(key)})
        return text

    def date(self, key: str) -> dt.date | None:
        value = self.raw(key)
        if value is None or _text(value) == "":
            self.fail(_("Thiếu “%(column)s”.") % {"column": self.header(key)})
            return None
        day = read_date(value)
        if day is None:
            self.fail(
                _("%(column)s không hợp lệ: “%(value)s” (ghi theo dạng dd/mm/yyyy).")
                % {"column": self.header(key), "value": _text(value)}
            )
        return day

    def choice(self, key: str, table: dict[str, str], default: str | None = None) -> str | None:
        text = self.text(key)
        if not text:
            if default is None:
                self.fail(_("Thiếu “%(column)s”.") % {"column": self.header(key)})
            return default
        value = table.get(fold(text))
        if value is None:
            self.fail(
                _("%(column)s không hợp lệ: “%(value)s” (chọn trong danh sách của mẫu).")
                % {"column": self.header(key), "value": text}
            )
        return value

    def mark(self, key: str) -> bool:
        text = self.text(key)
        if not text:
            return False
        if fold(text) in MARKS or self.raw(key) is True:
            return True
        self.fail(
            _("%(column)s: chỉ ghi x hoặc để trống, không phải “%(value)s”.")
            % {"column": self.header(key), "value": text}
        )
        return False


def _read_row(row: _Row) -> dict | None:
    """The interchange fields of one row, or None when a cell cannot be read."""
    amount_raw = row.raw("amount")
    amount = None
    if amount_raw is None or _text(amount_raw) == "":
        row.fail(_("Thiếu “%(column)s”.") % {"column": row.header("amount")})
    else:
        amount = read_amount(amount_raw)
        if amount is None:
            row.fail(
                _("Số tiền không hợp lệ: “%(value)s” (số nguyên đồng, ví dụ 1.234.567).")
                % {"value": _text(amount_raw)}
            )
        elif amount < 0:
            row.fail(_("Số tiền không được âm (%(value)s).") % {"value": _text(amount_raw)})
            amount = None
    fields = {
        "code": row.text("code"),
        "decision_no": row.required_text("decision_no"),
        "decision_date": row.date("decision_date"),
        "accepted_on": row.date("accepted_on"),
        "mode": row.choice("mode", MODES),
        "court": row.required_text("court"),
        "judgment_no": row.required_text("judgment_no"),
        "judgment_date": row.date("judgment_date"),
        "kind": row.choice("kind", KINDS),
        "officer": row.text("officer"),
        "amount": amount,
        "flags": [key for key in FLAG_KEYS if row.mark(key)],
        "debtor_name": row.text("debtor_name"),
        "debtor_kind": row.choice("debtor_kind", PARTY_KINDS, Party.Kind.CA_NHAN),
        "creditor_name": row.text("creditor_name"),
        "creditor_kind": row.choice("creditor_kind", PARTY_KINDS, Party.Kind.CA_NHAN),
    }
    if not fields["debtor_name"]:
        row.fail(
            _("Thiếu người phải thi hành án (cột “%(column)s”).")
            % {"column": row.header("debtor_name")}
        )
    accepted = fields["accepted_on"]
    if accepted and accepted > timezone.localdate():
        row.fail(_("Ngày thụ lý %(day)s ở tương lai.") % {"day": f"{accepted:%d/%m/%Y}"})
    if row.messages:
        return None
    fields["parties"] = [
        _party("phai_thi_hanh", row, "debtor", fields["debtor_kind"]),
    ]
    if fields["creditor_name"]:
        fields["parties"].append(_party("duoc_thi_hanh", row, "creditor", fields["creditor_kind"]))
    return fields


def _party(role: str, row: _Row, prefix: str, kind: str) -> dict:
    party = {"role": role, "kind": kind, "name": row.text(f"{prefix}_name")}
    if id_number := row.text(f"{prefix}_id"):
        party["id_number"] = id_number
    if address := row.text(f"{prefix}_address"):
        party["address"] = address
    return party


def _record(fields: dict, unit: Unit) -> dict:
    record = {
        "type": "case",
        "code": fields["code"],
        "unit": unit.code,
        "accepted_on": fields["accepted_on"].isoformat(),
        "decision_no": fields["decision_no"],
        "decision_date": fields["decision_date"].isoformat(),
        "mode": fields["mode"],
        "judgment": {
            "court": fields["court"],
            "number": fields["judgment_no"],
            "date": fields["judgment_date"].isoformat(),
            "kind": fields["kind"],
        },
        "amount": fields["amount"],
        "parties": fields["parties"],
    }
    if fields["flags"]:
        record["flags"] = fields["flags"]
    if fields["officer"]:
        record["officer"] = fields["officer"]
    return record


def _assign_codes(records: dict[int, dict], unit: Unit) -> None:
    """Rows without "Mã việc" get the unit's next codes "<UNIT>/<year>/<seq:04d>" in row order,
    skipping the codes written in the file (``cases.selectors.next_case_code``)."""
    taken = {r["code"] for r in records.values() if r["code"]}
    counters: dict[int, int] = {}
    for number in sorted(records):
        record = records[number]
        if record["code"]:
            continue
        year = int(record["accepted_on"][:4])
        prefix = f"{unit.code}/{year}/"
        if year not in counters:
            counters[year] = int(next_case_code(unit, year)[len(prefix) :])
        while f"{prefix}{counters[year]:04d}" in taken:
            counters[year] += 1
        record["code"] = f"{prefix}{counters[year]:04d}"
        taken.add(record["code"])
        counters[year] += 1


def convert(content: bytes, unit: Unit, progress: Progress | None = None) -> Conversion:
    """Read the workbook into interchange lines; raise FileRefused when it cannot be read."""
    wb, ws = _open_rows(content)
    try:
        rows_iter = ws.iter_rows(values_only=True)
        header = next(rows_iter, None)
        if header is None:
            raise FileRefused(_("Tệp không có dòng tiêu đề."))
        columns = _header_map(header)
        # Read the rows first: the sheet's stated dimensions may be missing or wrong.
        data = list(itertools.islice(rows_iter, MAX_ROWS * 2))
        if next(rows_iter, None) is not None:
            raise FileRefused(
                _("Tệp có quá %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_ROWS}
            )
    finally:
        wb.close()
    total = max(len(data), 1)
    step = max(total // 50, 100)
    result = Conversion(lines=[""])
    records: dict[int, dict] = {}
    for number, values in enumerate(data, start=FIRST_ROW):
        result.lines.append("")
        if progress and number % step == 0:
            progress(number / total)
        if all(v is None or _text(v) == "" for v in values):
            continue
        result.count += 1
        if result.count > MAX_ROWS:
            raise FileRefused(
                _("Tệp có quá %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_ROWS}
            )
        row = _Row(number, values, columns)
        fields = _read_row(row)
        if fields is None:
            result.errors.extend((number, m) for m in row.messages)
        else:
            records[number] = _record(fields, unit)
        if len(result.rows) < PREVIEW_ROWS:
            result.rows.append(_preview(number, row, fields))
    if result.count == 0:
        raise FileRefused(_("Tệp không có dòng dữ liệu nào (từ dòng 2 của trang “Thụ lý”)."))
    _assign_codes(records, unit)
    for number, record in records.items():
        result.lines[number - 1] = json.dumps(record, ensure_ascii=False)
    for preview in result.rows:
        if preview["row"] in records:
            preview["code"] = records[preview["row"]]["code"]
    return result


def _preview(number: int, row: _Row, fields: dict | None) -> dict:
    return {
        "row": number,
        "code": row.text("code"),
        "decision_no": row.text("decision_no"),
        "accepted_on": _shown_date(row.raw("accepted_on")),
        "judgment": row.text("judgment_no"),
        "debtor": row.text("debtor_name"),
        "officer": row.text("officer"),
        "amount": fields["amount"] if fields else None,
        "amount_text": "" if fields else _text(row.raw("amount")),
    }


def _shown_date(value: Any) -> str:
    day = read_date(value)
    return f"{day:%d/%m/%Y}" if day else _text(value)


# ---- check and write -------------------------------------------------------------------------


def row_message(row: int, message: str) -> str:
    if row <= 0:
        return message
    return _("Dòng %(row)s: %(message)s") % {"row": row, "message": message}


def check(content: bytes, unit: Unit, progress: Progress | None = None) -> Conversion:
    """Read and validate with the importer's rules; nothing is written."""
    conversion = convert(content, unit, _scaled(progress, 0.0, 0.6))
    importer = Importer()
    parsed = parse(conversion.lines, importer.errors)
    if progress:
        progress(0.7)
    importer.check(parsed)
    conversion.errors.extend(importer.errors)
    conversion.errors.sort(key=lambda e: e[0])
    return conversion


def write(content: bytes, unit: Unit, progress: Progress | None = None) -> tuple[Conversion, Any]:
    """Read, validate again (the database may have changed since the preview) and write every
    row or none (``Importer.run``: one transaction). Returns the conversion and the importer's
    result (None when there are errors, in ``conversion.errors``)."""
    conversion = convert(content, unit, _scaled(progress, 0.0, 0.4))
    if conversion.errors:
        return conversion, None
    if progress:
        progress(0.5)
    try:
        result = Importer().run(conversion.lines)
    except ImportFailed as exc:
        conversion.errors.extend(exc.errors)
        return conversion, None
    except DatabaseError:  # a concurrent intake took a code between the check and the write
        logger.exception("excel intake: write refused by the database")
        conversion.errors.append(
            (0, _("Dữ liệu đã thay đổi trong khi ghi (ví dụ trùng mã việc). Hãy kiểm tra lại."))
        )
        return conversion, None
    return conversion, result


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    return lambda f: progress(start + (end - start) * f)


# ---- uploads and background jobs -----------------------------------------------------------


def create_upload(user, unit: Unit, filename: str, content: bytes) -> UploadedIntake:
    purge(user)
    return UploadedIntake.objects.create(
        owner=user, unit=unit, filename=filename[:200], content=content
    )


def purge(user=None, *, days: int = KEEP_DAYS) -> int:
    """Delete uploads older than `days` (of one user, or of everybody) that are not running."""
    old = UploadedIntake.objects.filter(
        created_at__lt=timezone.now() - dt.timedelta(days=days)
    ).exclude(status__in=[UploadedIntake.Status.CHECKING, UploadedIntake.Status.WRITING])
    if user is not None:
        old = old.filter(owner=user)
    return old.delete()[0]


def confirm(upload: UploadedIntake, user) -> bool:
    """Queue the write of a checked upload; only its owner, only once (False otherwise)."""
    if upload.owner_id != user.pk:
        return False
    return bool(
        UploadedIntake.objects.filter(
            pk=upload.pk, owner=user, status=UploadedIntake.Status.READY
        ).update(status=UploadedIntake.Status.CONFIRMED, progress=0)
    )


def start(upload: UploadedIntake) -> None:
    """Run the upload's pending step after the request commits: in a thread (default),
    synchronously ("inline", tests) or not at all ("queue": `run_pending` picks it up)."""
    runner = getattr(
        settings,
        "INTERCHANGE_INTAKE_RUNNER",
        getattr(settings, "STATS_EXPORT_RUNNER", "thread"),
    )
    run_after_commit(run, upload.pk, runner)


def _set_progress(pk: int, fraction: float) -> None:
    UploadedIntake.objects.filter(pk=pk).update(progress=max(1, min(99, int(fraction * 100))))


STEPS = {
    UploadedIntake.Status.PENDING: UploadedIntake.Status.CHECKING,
    UploadedIntake.Status.CONFIRMED: UploadedIntake.Status.WRITING,
}


def run(pk: int) -> None:
    """Do the pending step of one upload (check, or write); failures are recorded, not raised."""
    upload = UploadedIntake.objects.filter(pk=pk).only("status").first()
    if upload is None or upload.status not in STEPS:
        return
    step = STEPS[upload.status]
    claimed = UploadedIntake.objects.filter(pk=pk, status=upload.status).update(
        status=step, progress=1
    )
    if not claimed:
        return
    upload = UploadedIntake.objects.select_related("unit").get(pk=pk)
    content = bytes(upload.content)
    progress = lambda f: _set_progress(pk, f)  # noqa: E731
    try:
        if step == UploadedIntake.Status.CHECKING:
            conversion, result = check(content, upload.unit, progress), None
        else:
            conversion, result = write(content, upload.unit, progress)
    except FileRefused as exc:
        _finish(pk, UploadedIntake.Status.INVALID, errors=[(0, str(exc))])
        return
    except Exception as exc:
        logger.exception("excel intake %s failed", pk)
        _finish(pk, UploadedIntake.Status.FAILED, errors=[(0, str(exc)[:2000])])
        return
    if conversion.errors:
        status = UploadedIntake.Status.INVALID
    elif step == UploadedIntake.Status.CHECKING:
        status = UploadedIntake.Status.READY
    else:
        status = UploadedIntake.Status.DONE
    _finish(
        pk,
        status,
        errors=conversion.errors,
        rows=conversion.rows,
        row_count=conversion.count,
        summary=_("Đã thụ lý %(n)s việc.") % {"n": result.cases} if result else "",
    )


def _finish(pk: int, status: str, *, errors, **fields) -> None:
    UploadedIntake.objects.filter(pk=pk).update(
        status=status,
        progress=100,
        errors=[[row, message] for row, message in errors],
        finished_at=timezone.now(),
        **fields,
    )


def run_pending(limit: int = 10) -> int:
    """Run up to `limit` waiting uploads (a worker process or a timer calls this)."""
    ids = list(
        UploadedIntake.objects.filter(
            status__in=[UploadedIntake.Status.PENDING, UploadedIntake.Status.CONFIRMED]
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        run(pk)
    return len(ids)
