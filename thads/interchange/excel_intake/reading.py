"""Reading a filled workbook into interchange case records, row by row (the row is the line
number the importer's messages name)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases.codes import case_code_allocate, case_code_preview, series_year
from thads.cases.models import Party
from thads.common.errors import DomainError
from thads.common.identity import identity_number_clean
from thads.common.parameters import MAX_MONEY
from thads.common.uploads import UploadRefused, read_xlsx_rows
from thads.interchange.excel_intake.columns import (
    COLUMNS,
    FIRST_ROW,
    FLAG_KEYS,
    HEADERS,
    KINDS,
    MARKS,
    MAX_COLUMNS,
    MAX_ROWS,
    MODES,
    PARTY_KINDS,
    PREVIEW_ROWS,
    SHEET,
    Progress,
    fold,
)
from thads.org.models import Unit


class FileRefused(Exception):
    """The file as a whole cannot be read (not a workbook, no header row, too many rows)."""


@dataclass
class Conversion:
    """The rows of a workbook as interchange lines (index = row − 1) and the rows' problems."""

    lines: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # preview (at most PREVIEW_ROWS)
    errors: list[tuple[int, str]] = field(default_factory=list)
    count: int = 0  # non-empty data rows
    generated: list[int] = field(default_factory=list)  # rows whose code the intake gives


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


AMOUNT_RE = re.compile(r"^-?[0-9]{1,3}([. ][0-9]{3})+$|^-?[0-9]+$")


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
        return value if abs(value) <= MAX_MONEY else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) <= MAX_MONEY else None
    text = _text(value)
    text = re.sub(r"\s*(đồng|đ|vnd)$", "", text, flags=re.IGNORECASE).replace("\u00a0", " ")
    if not AMOUNT_RE.match(text):
        return None
    amount = int(text.replace(".", "").replace(" ", ""))
    return amount if abs(amount) <= MAX_MONEY else None


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


def _read_rows(content: bytes) -> list[tuple]:
    """The sheet's rows through the safe reader (`common.uploads`): bounded, never a 500."""
    try:
        return read_xlsx_rows(
            content, sheet=SHEET, max_rows=MAX_ROWS * 2 + 1, max_columns=MAX_COLUMNS
        )
    except UploadRefused as exc:
        if exc.kind == "rows":  # say how many data rows the intake takes
            raise FileRefused(
                _("Tệp có quá %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_ROWS}
            ) from exc
        raise FileRefused(exc.message) from exc


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

    def identity(self, prefix: str, kind: str | None) -> str:
        """The party's CCCD / CMND / tax code in canonical form (`common.identity`)."""
        key = f"{prefix}_id"
        try:
            return identity_number_clean(self.text(key), organisation=kind == Party.Kind.TO_CHUC)
        except DomainError as exc:
            self.fail(f"{self.header(key)}: {exc.message}")
            return ""

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
    for prefix in ("debtor", "creditor"):
        fields[f"{prefix}_id"] = row.identity(prefix, fields[f"{prefix}_kind"])
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
    if id_number := row.identity(prefix, kind):  # checked in `_read_row`: canonical here
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


def _assign_codes(
    records: dict[int, dict], unit: Unit, *, allocate: bool, taken: set[str]
) -> list[int]:
    """Rows without "Mã việc" get the next codes of the unit's series (`cases.codes`: report
    year of the acceptance) in row order, skipping the codes written in the file.

    For the preview (`allocate=False`) the codes are what the counter would give now; the
    write (`allocate=True`, inside the import's transaction) takes them from the locked
    counter, so two intakes at once never get the same number. Returns the rows coded here.
    """
    taken = taken | {r["code"] for r in records.values() if r["code"]}
    offsets: dict[int, int] = defaultdict(int)
    coded = []
    for number in sorted(records):
        record = records[number]
        if record["code"]:
            continue
        accepted = dt.date.fromisoformat(record["accepted_on"])
        while True:
            if allocate:
                code = case_code_allocate(unit, accepted)
            else:
                year = series_year(accepted)
                code = case_code_preview(unit, accepted, offsets[year])
                offsets[year] += 1
            if code not in taken:
                break
        record["code"] = code
        taken.add(code)
        coded.append(number)
    return coded


def allocate_codes(conversion: Conversion, unit: Unit) -> None:
    """Give the rows coded for the preview their final codes (inside ``transaction.atomic``)."""
    generated = set(conversion.generated)
    taken = {
        json.loads(line)["code"]
        for number, line in enumerate(conversion.lines, start=1)
        if line and number not in generated
    }
    records = {number: json.loads(conversion.lines[number - 1]) for number in generated}
    for record in records.values():
        record["code"] = ""
    _assign_codes(records, unit, allocate=True, taken=taken)
    for number, record in records.items():
        conversion.lines[number - 1] = json.dumps(record, ensure_ascii=False)


def convert(content: bytes, unit: Unit, progress: Progress | None = None) -> Conversion:
    """Read the workbook into interchange lines; raise FileRefused when it cannot be read."""
    rows = _read_rows(content)
    if not rows:
        raise FileRefused(_("Tệp không có dòng tiêu đề."))
    columns = _header_map(rows[0])
    data = rows[1:]
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
    result.generated = _assign_codes(records, unit, allocate=False, taken=set())
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
