"""Phase 1 of an import: every line into a record, or its errors (the careful reader).

`_Reader` gives typed access to one JSON object and records a Vietnamese message per problem,
reading every field even after a failure so that all problems of a line are reported. Case
lines, nearly the whole of a large file, are first tried by the fast reader
(`fast_parsing._fast_case`); only the lines it gives up on come here, so every message comes
from this module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from thads.cases.acts import act_problems
from thads.cases.models import CaseMode, EventType, JudgmentKind, Party
from thads.common.parameters import MAX_MONEY
from thads.complaints.models import ComplaintKind, ComplaintResult
from thads.interchange.importer import complaint_records, oversight
from thads.interchange.importer.fast_parsing import _fast_case
from thads.interchange.importer.records import (
    AMOUNT_EVENTS,
    EVENT_KEYS,
    FLAGS,
    JUDGMENT_KEYS,
    KEYS,
    PARTY_KEYS,
    RATE_RE,
    RECORD_TYPES,
    CaseRec,
    ComplaintRec,
    EventRec,
    Parsed,
    StaffRec,
    TargetRec,
    UnitRec,
    _Invalid,
)
from thads.org.models import Staff, Unit


class _Reader:
    """Typed access to one JSON object, recording a Vietnamese message per problem."""

    def __init__(self, obj: dict, errors: list[str], where: str = ""):
        self.obj = obj
        self.errors = errors
        self.where = where

    def fail(self, message: str) -> None:
        self.errors.append(f"{self.where}{message}")
        raise _Invalid

    def keys(self, name: str, spec: tuple[set[str], set[str]]) -> bool:
        """Record unknown and missing keys; False when a required key is missing (an unknown
        key is an error too, but the rest of the record is still read to report everything)."""
        required, optional = spec
        ok = True
        for key in self.obj:
            if key not in required and key not in optional and key != "type":
                self.errors.append(f"{self.where}khóa không được phép trong {name}: “{key}”.")
        for key in sorted(required - self.obj.keys()):
            self.errors.append(f"{self.where}thiếu khóa bắt buộc “{key}” trong {name}.")
            ok = False
        return ok

    def get(self, key: str, convert, *, optional: bool = False, default: Any = None):
        value = self.obj.get(key)
        if value is None:
            if optional:
                return default
            self.fail(f"“{key}” không được để trống.")
        try:
            return convert(key, value)
        except _Invalid:
            raise
        except (TypeError, ValueError):
            self.fail(f"“{key}”: giá trị không hợp lệ ({json.dumps(value, ensure_ascii=False)}).")

    # converters
    def text(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"“{key}” phải là một chuỗi không rỗng.")
        return value

    def any_text(self, key: str, value: Any) -> str:
        if not isinstance(value, str):
            self.fail(f"“{key}” phải là một chuỗi.")
        return value

    def date(self, key: str, value: Any) -> dt.date:
        if isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(
            f"“{key}”: ngày không hợp lệ {json.dumps(value, ensure_ascii=False)} "
            "(định dạng YYYY-MM-DD)."
        )

    def money(self, key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(
                f"“{key}”: số tiền phải là số nguyên không âm (đồng), không phải "
                f"{json.dumps(value, ensure_ascii=False)}."
            )
        elif value > MAX_MONEY:
            self.fail(f"“{key}”: số tiền {value} vượt quá giới hạn {MAX_MONEY} đồng.")
        return value

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            self.fail(f"“{key}” phải là true hoặc false.")
        return value

    def choice(self, choices) -> Any:
        allowed_set = _choice_set(choices)

        def convert(key: str, value: Any) -> str:
            if not isinstance(value, str) or value not in allowed_set:
                allowed = ", ".join(choices)
                self.fail(
                    f"“{key}”: giá trị không hợp lệ {json.dumps(value, ensure_ascii=False)} "
                    f"(chỉ nhận: {allowed})."
                )
            return value

        return convert


_CHOICE_SETS: dict[tuple, frozenset] = {}


def _choice_set(choices) -> frozenset:
    key = tuple(choices)
    if key not in _CHOICE_SETS:
        _CHOICE_SETS[key] = frozenset(key)
    return _CHOICE_SETS[key]


EVENT_TYPES = tuple(EventType.values)
# Choice lists computed once (the `.values` of a Django enum is rebuilt on every access).
UNIT_LEVELS = tuple(Unit.Level.values)
STAFF_TITLES = tuple(Staff.Title.values)
JUDGMENT_KIND_VALUES = tuple(JudgmentKind.values)
PARTY_ROLE_VALUES = tuple(Party.Role.values)
PARTY_KIND_VALUES = tuple(Party.Kind.values)
CASE_MODE_VALUES = tuple(CaseMode.values)
COMPLAINT_KINDS = tuple(ComplaintKind.values)
COMPLAINT_RESULTS = tuple(ComplaintResult.values)


def _parse_unit(r: _Reader, line: int) -> UnitRec:
    return UnitRec(
        line=line,
        code=r.get("code", r.text),
        name=r.get("name", r.text),
        level=r.get("level", r.choice(UNIT_LEVELS)),
        parent=r.get("parent", r.text, optional=True),
        valid_from=r.get("valid_from", r.date),
        valid_to=r.get("valid_to", r.date, optional=True),
        successor=r.get("successor", r.text, optional=True),
        short_name=r.get("short_name", r.text, optional=True),
    )


def _parse_staff(r: _Reader, line: int) -> StaffRec:
    return StaffRec(
        line=line,
        code=r.get("code", r.text),
        name=r.get("name", r.text),
        unit=r.get("unit", r.text),
        title=r.get("title", r.choice(STAFF_TITLES)),
        is_head=r.get("is_head", r.boolean, optional=True, default=False),
        valid_from=r.get("valid_from", r.date),
        valid_to=r.get("valid_to", r.date, optional=True),
    )


def _parse_target(r: _Reader, line: int) -> TargetRec:
    def year(key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2200:
            r.fail(f"“{key}”: năm báo cáo không hợp lệ ({value}).")
        return value

    def rate(key: str, value: Any) -> Decimal:
        if not isinstance(value, str) or not RATE_RE.match(value) or Decimal(value) > 100:
            r.fail(
                f"“{key}”: tỷ lệ phải là chuỗi số phần trăm từ 0 đến 100 với tối đa hai chữ số "
                f'thập phân, ví dụ "82.50" (nhận được {json.dumps(value)}).'
            )
        return Decimal(value).quantize(Decimal("0.01"))

    return TargetRec(
        line=line,
        unit=r.get("unit", r.text),
        year=r.get("year", year),
        case_rate=r.get("case_rate", rate),
        money_rate=r.get("money_rate", rate),
    )


def _parse_event(r: _Reader, seq: int) -> EventRec:
    kind = r.get("type", r.choice(EVENT_TYPES))
    on = r.get("on", r.date)
    data = r.get("data", _dict(r), optional=True, default=None)
    data = dict(data) if data else {}
    amount = None
    if "amount" in r.obj:
        if kind not in AMOUNT_EVENTS:
            r.fail(f"sự kiện {kind} không có khóa “amount”.")
        amount = r.get("amount", r.money, optional=True)
    if "reason" in r.obj:
        if kind != EventType.HOAN:
            r.fail("chỉ sự kiện hoan có khóa “reason”.")
        if "reason" in data:
            r.fail("lý do hoãn ghi ở “reason”, không ghi trong “data”.")
        data["reason"] = r.get("reason", r.choice(["thoa_thuan", "khac"]))
    to_unit = None
    if "to_unit" in r.obj:
        if kind != EventType.UY_THAC:
            r.fail("chỉ sự kiện uy_thac có khóa “to_unit”.")
        to_unit = r.get("to_unit", r.text)
    corrects = None
    if "corrects" in r.obj:

        def position(key: str, value: Any) -> int:
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < seq:
                r.fail(f"“{key}” phải là số thứ tự của một sự kiện đứng trước (1–{seq - 1}).")
            return value

        corrects = r.get("corrects", position)
    elif kind == EventType.HUY_SU_KIEN:
        r.fail("sự kiện huy_su_kien phải có khóa “corrects” (sự kiện bị hủy).")
    # The act keys (cases.acts): every key known for the type, every value of its type.
    for problem in act_problems(kind, data, on=on) if data else ():
        r.errors.append(f"{r.where}data {problem}")
    return EventRec(seq, kind, on, amount, data, corrects, to_unit)


def _dict(r: _Reader):
    def convert(key: str, value: Any) -> dict:
        if not isinstance(value, dict):
            r.fail(f"“{key}” phải là một đối tượng JSON.")
        return value

    return convert


def _parse_case(r: _Reader, line: int) -> CaseRec:
    errors = r.errors
    problems_before = len(errors)

    def judgment(key: str, value: Any) -> tuple:
        if not isinstance(value, dict):
            r.fail(f"“{key}” phải là một đối tượng JSON.")
        jr = _Reader(value, errors, "bản án: ")
        if not jr.keys("“judgment”", JUDGMENT_KEYS):
            raise _Invalid
        return (
            jr.get("court", jr.text),
            jr.get("number", jr.text),
            jr.get("date", jr.date),
            jr.get("kind", jr.choice(JUDGMENT_KIND_VALUES)),
        )

    def parties(key: str, value: Any) -> list:
        if not isinstance(value, list):
            r.fail(f"“{key}” phải là một danh sách.")
        result = []
        for i, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                r.fail(f"đương sự thứ {i} phải là một đối tượng JSON.")
            pr = _Reader(item, errors, f"đương sự thứ {i}: ")
            try:
                if not pr.keys("đương sự", PARTY_KEYS):
                    continue
                result.append(
                    (
                        pr.get("role", pr.choice(PARTY_ROLE_VALUES)),
                        pr.get("kind", pr.choice(PARTY_KIND_VALUES)),
                        pr.get("name", pr.text),
                        pr.get("id_number", pr.any_text, optional=True, default=""),
                        pr.get("address", pr.any_text, optional=True, default=""),
                    )
                )
            except _Invalid:
                continue
        return result

    def events(key: str, value: Any) -> list:
        if not isinstance(value, list):
            r.fail(f"“{key}” phải là một danh sách.")
        result = []
        for seq, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                errors.append(f"sự kiện thứ {seq} phải là một đối tượng JSON.")
                continue
            er = _Reader(item, errors, f"sự kiện thứ {seq}: ")
            try:
                if not er.keys("sự kiện", EVENT_KEYS):
                    continue
                result.append(_parse_event(er, seq))
            except _Invalid:
                continue
        return result

    def flags(key: str, value: Any) -> frozenset:
        if not isinstance(value, list) or any(f not in FLAGS for f in value):
            r.fail(f"“{key}” chỉ nhận danh sách gồm: {', '.join(FLAGS)}.")
        return frozenset(value)

    fields: dict[str, Any] = {}
    # Read every field even after a failure, so that all problems of the line are reported.
    for name, reader in [
        ("code", lambda: r.get("code", r.text)),
        ("unit", lambda: r.get("unit", r.text)),
        ("accepted_on", lambda: r.get("accepted_on", r.date)),
        ("received_on", lambda: r.get("received_on", r.date, optional=True)),
        ("decision_no", lambda: r.get("decision_no", r.text)),
        ("decision_date", lambda: r.get("decision_date", r.date)),
        ("mode", lambda: r.get("mode", r.choice(CASE_MODE_VALUES))),
        ("judgment", lambda: r.get("judgment", judgment)),
        ("flags", lambda: r.get("flags", flags, optional=True, default=frozenset())),
        ("officer", lambda: r.get("officer", r.text, optional=True)),
        ("amount", lambda: r.get("amount", r.money)),
        ("parties", lambda: r.get("parties", parties)),
        ("events", lambda: r.get("events", events, optional=True, default=[])),
        ("from_case", lambda: r.get("from_case", r.text, optional=True)),
        ("duplicate_reason", lambda: r.get("duplicate_reason", r.text, optional=True, default="")),
        ("duplicate_of", lambda: r.get("duplicate_of", r.text, optional=True)),
    ]:
        with contextlib.suppress(_Invalid):
            fields[name] = reader()
    if len(errors) > problems_before:
        raise _Invalid
    return CaseRec(line=line, **fields)


def _parse_complaint(r: _Reader, line: int) -> ComplaintRec:
    return ComplaintRec(
        line=line,
        code=r.get("code", r.text),
        unit=r.get("unit", r.text),
        kind=r.get("kind", r.choice(COMPLAINT_KINDS)),
        received_on=r.get("received_on", r.date),
        case=r.get("case", r.text, optional=True),
        resolved_on=r.get("resolved_on", r.date, optional=True),
        result=r.get("result", r.choice(COMPLAINT_RESULTS), optional=True, default=""),
    )


RECORD_KEYS = {**KEYS, **complaint_records.KEYS}
PARSERS = {
    "unit": (_parse_unit, "units"),
    "staff": (_parse_staff, "staff"),
    "target": (_parse_target, "targets"),
    "case": (_parse_case, "cases"),
    "complaint": (_parse_complaint, "complaints"),
    **{kind: (parser, "oversight") for kind, parser in oversight.PARSERS.items()},
    **{kind: (parser, "complaint_records") for kind, parser in complaint_records.PARSERS.items()},
}


def parse(lines: Iterable[str], errors: list[tuple[int, str]]) -> Parsed:
    """Phase 1: every line into a record, or its errors."""
    parsed = Parsed()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        if "\\u0000" in raw or "\x00" in raw:
            errors.append((number, "Dòng có ký tự NUL (\\u0000): không được phép trong dữ liệu."))
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append((number, f"JSON không hợp lệ: {exc.msg} (cột {exc.colno})."))
            continue
        except RecursionError:
            errors.append((number, "JSON lồng nhau quá sâu."))
            continue
        if not isinstance(obj, dict):
            errors.append((number, "Mỗi dòng phải là một đối tượng JSON."))
            continue
        if "type" not in obj:
            errors.append((number, "Thiếu khóa “type”."))
            continue
        kind = obj["type"]
        if kind not in PARSERS:
            errors.append(
                (
                    number,
                    f"Loại bản ghi không hợp lệ: {json.dumps(kind, ensure_ascii=False)} "
                    f"(chỉ nhận: {', '.join(RECORD_TYPES)}).",
                )
            )
            continue
        if kind == "case":
            record = _fast_case(obj, number)
            if record is not None:
                parsed.cases.append(record)
                continue
        messages: list[str] = []
        reader = _Reader(obj, messages)
        parser, bucket = PARSERS[kind]
        try:
            if reader.keys(f"bản ghi {kind}", RECORD_KEYS[kind]):
                getattr(parsed, bucket).append(parser(reader, number))
        except _Invalid:
            pass
        errors.extend((number, _capitalise(m)) for m in messages)
    return parsed


def _capitalise(message: str) -> str:
    return message[:1].upper() + message[1:]
