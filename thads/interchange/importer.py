"""`thads import`: read a JSON Lines file, validate everything, then write it set-based.

The contract is `../shared/spec/interchange.md` (and `docs/interchange-notes.md` for the
choices it leaves open). Three phases:

1. parse every line into plain records (syntax, keys, types, dates, amounts, choices);
2. resolve references after reading (records come in any order) against the file and the
   database, check the unit hierarchy (``Unit.clean``), staff postings, duplicates, and replay
   every case history through ``cases.transitions.validate_history`` (pure, no query);
3. only when there is no error at all: write in one transaction with ``bulk_create`` in batches.

Every error is reported as ``(line, message)``; nothing is written when there is one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pgtrigger
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from thads.cases.law import law_on
from thads.cases.models import (
    STATISTICAL_EVENTS,
    Case,
    CaseEvent,
    CaseMode,
    EventType,
    Judgment,
    JudgmentKind,
    Obligation,
    Party,
)
from thads.cases.services import fold_vietnamese
from thads.cases.transitions import CaseFacts, TransitionError, validate_history
from thads.complaints.models import Complaint, ComplaintKind, ComplaintResult
from thads.org import services as org_services
from thads.org.models import Membership, Staff, Unit
from thads.targets.models import Target, TargetChange

BATCH = 2000
CHUNK = 900  # values per `IN (...)` lookup (below SQLite's variable limit)

RECORD_TYPES = ("unit", "staff", "target", "case", "complaint")
FLAGS = ("ngan_sach", "tin_dung", "tham_nhung_kinh_te")
OBLIGATION_DESCRIPTION = "Nghĩa vụ thi hành án theo bản án, quyết định"
WORK_EVENTS = frozenset(EventType.values) - STATISTICAL_EVENTS
# Extra keys of an event besides on, type, data, corrects (see docs/interchange-notes.md).
AMOUNT_EVENTS = frozenset({EventType.THU_TIEN, EventType.MIEN_GIAM}) | WORK_EVENTS
RATE_RE = re.compile(r"^\d{1,3}(\.\d{1,2})?$")

KEYS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required, optional)
    "unit": ({"code", "name", "level", "valid_from"}, {"parent", "valid_to", "successor"}),
    "staff": ({"code", "name", "unit", "title", "valid_from"}, {"is_head", "valid_to"}),
    "target": ({"unit", "year", "case_rate", "money_rate"}, set()),
    "case": (
        {
            "code",
            "unit",
            "accepted_on",
            "decision_no",
            "decision_date",
            "mode",
            "judgment",
            "amount",
            "parties",
        },
        {"received_on", "flags", "officer", "events", "from_case"},
    ),
    "complaint": (
        {"code", "unit", "kind", "received_on"},
        {"case", "resolved_on", "result"},
    ),
}
JUDGMENT_KEYS = ({"court", "number", "date", "kind"}, set())
PARTY_KEYS = ({"role", "kind", "name"}, {"id_number", "address"})
EVENT_KEYS = ({"on", "type"}, {"amount", "reason", "to_unit", "data", "corrects"})


class ImportFailed(Exception):
    """The file was refused; `errors` lists every (line, message), in line order."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = sorted(errors, key=lambda e: e[0])
        first = "; ".join(f"line {line}: {message}" for line, message in self.errors[:5])
        super().__init__(f"{len(self.errors)} lỗi: {first}")


# ---- records -------------------------------------------------------------------------------


@dataclass
class UnitRec:
    line: int
    code: str
    name: str
    level: str
    parent: str | None
    valid_from: dt.date
    valid_to: dt.date | None
    successor: str | None


@dataclass
class StaffRec:
    line: int
    code: str
    name: str
    unit: str
    title: str
    is_head: bool
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass
class TargetRec:
    line: int
    unit: str
    year: int
    case_rate: Decimal
    money_rate: Decimal


class EventRec:
    """One event of a case in the file; also the `EventLike` the validator replays."""

    __slots__ = ("pk", "seq", "type", "on", "amount", "data", "corrects_id", "to_unit_id")

    def __init__(self, seq, type, on, amount, data, corrects, to_unit):
        self.pk = seq
        self.seq = seq
        self.type = type
        self.on = on
        self.amount = amount
        self.data = data
        self.corrects_id = corrects
        self.to_unit_id = to_unit  # a unit code while validating


@dataclass
class CaseRec:
    line: int
    code: str
    unit: str
    accepted_on: dt.date
    received_on: dt.date | None
    decision_no: str
    decision_date: dt.date
    mode: str
    judgment: tuple[str, str, dt.date, str]
    flags: frozenset[str]
    officer: str | None
    amount: int
    parties: list[tuple[str, str, str, str, str]]
    events: list[EventRec]
    from_case: str | None
    snapshot: Any = None
    # The outcome of validate_history when it was computed ahead (`_prevalidate`), else None.
    validated: Any = None


@dataclass
class ComplaintRec:
    line: int
    code: str
    unit: str
    kind: str
    received_on: dt.date
    case: str | None
    resolved_on: dt.date | None
    result: str


@dataclass
class Parsed:
    units: list[UnitRec] = field(default_factory=list)
    staff: list[StaffRec] = field(default_factory=list)
    targets: list[TargetRec] = field(default_factory=list)
    cases: list[CaseRec] = field(default_factory=list)
    complaints: list[ComplaintRec] = field(default_factory=list)


@dataclass
class ImportResult:
    units: int = 0
    staff: int = 0
    postings: int = 0
    targets: int = 0
    judgments: int = 0
    cases: int = 0
    events: int = 0
    complaints: int = 0

    def summary(self) -> str:
        return (
            f"Đã nhập: {self.units} đơn vị, {self.staff} cán bộ ({self.postings} quá trình "
            f"công tác), {self.targets} chỉ tiêu, {self.judgments} bản án mới, {self.cases} "
            f"việc ({self.events} sự kiện), {self.complaints} đơn thư."
        )


# ---- phase 1: parse ------------------------------------------------------------------------


class _Invalid(Exception):
    """One field was refused; the message is already recorded."""


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


# ---- fast path for case records -------------------------------------------------------------
# A file of 100 000 cases is nearly all well-formed case lines: `_fast_case` reads such a line
# with plain type checks and builds exactly the record `_parse_case` would; on anything unusual
# (a missing or extra key, a wrong type, a refused value) it gives up and `_parse_case` reads the
# line again and reports the problems. So the messages come from one place only.

CASE_REQUIRED, _CASE_OPTIONAL = KEYS["case"]
CASE_ALLOWED = frozenset(CASE_REQUIRED | _CASE_OPTIONAL | {"type"})
CASE_REQUIRED = frozenset(CASE_REQUIRED)
JUDGMENT_FIELDS = frozenset(JUDGMENT_KEYS[0])
PARTY_REQUIRED = frozenset(PARTY_KEYS[0])
PARTY_ALLOWED = frozenset(PARTY_KEYS[0] | PARTY_KEYS[1])
EVENT_ALLOWED = frozenset(EVENT_KEYS[0] | EVENT_KEYS[1])
CASE_MODES = frozenset(CaseMode.values)
JUDGMENT_KINDS = frozenset(JudgmentKind.values)
PARTY_ROLES = frozenset(Party.Role.values)
PARTY_KINDS = frozenset(Party.Kind.values)
EVENT_TYPE_SET = frozenset(EVENT_TYPES)
HOAN_REASONS = frozenset({"thoa_thuan", "khac"})
NO_FLAGS: frozenset[str] = frozenset()


def _fast_text(value: Any) -> bool:
    return type(value) is str and bool(value.strip())


def _fast_date(value: Any) -> dt.date | None:
    if type(value) is str and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _fast_events(value: Any) -> list[EventRec] | None:
    if value is None:
        return []
    if type(value) is not list:
        return None
    result = []
    for seq, item in enumerate(value, start=1):
        if type(item) is not dict or not item.keys() <= EVENT_ALLOWED:
            return None
        if "on" not in item or "type" not in item:
            return None
        kind = item["type"]
        if type(kind) is not str or kind not in EVENT_TYPE_SET:
            return None
        on = _fast_date(item["on"])
        if on is None:
            return None
        data = item.get("data")
        if data is None:
            data = {}
        elif type(data) is dict:
            data = dict(data) if data else {}
        else:
            return None
        amount = None
        if "amount" in item:
            if kind not in AMOUNT_EVENTS:
                return None
            amount = item["amount"]
            if amount is not None and (type(amount) is not int or amount < 0):
                return None
        if "reason" in item:
            reason = item["reason"]
            if (
                kind != EventType.HOAN
                or "reason" in data
                or type(reason) is not str
                or reason not in HOAN_REASONS
            ):
                return None
            data["reason"] = reason
        to_unit = None
        if "to_unit" in item:
            to_unit = item["to_unit"]
            if kind != EventType.UY_THAC or not _fast_text(to_unit):
                return None
        corrects = None
        if "corrects" in item:
            corrects = item["corrects"]
            if type(corrects) is not int or not 1 <= corrects < seq:
                return None
        elif kind == EventType.HUY_SU_KIEN:
            return None
        result.append(EventRec(seq, kind, on, amount, data, corrects, to_unit))
    return result


def _fast_parties(value: Any) -> list[tuple[str, str, str, str, str]] | None:
    if type(value) is not list:
        return None
    result = []
    for item in value:
        if type(item) is not dict:
            return None
        keys = item.keys()
        if not (keys >= PARTY_REQUIRED and keys <= PARTY_ALLOWED):
            return None
        role, kind, name = item["role"], item["kind"], item["name"]
        id_number, address = item.get("id_number"), item.get("address")
        if (
            type(role) is not str
            or role not in PARTY_ROLES
            or type(kind) is not str
            or kind not in PARTY_KINDS
            or not _fast_text(name)
        ):
            return None
        if id_number is None:
            id_number = ""
        elif type(id_number) is not str:
            return None
        if address is None:
            address = ""
        elif type(address) is not str:
            return None
        result.append((role, kind, name, id_number, address))
    return result


def _fast_case(obj: dict, line: int) -> CaseRec | None:
    """The record `_parse_case` would build from a valid case line, or None (then it reads it)."""
    keys = obj.keys()
    if not (keys >= CASE_REQUIRED and keys <= CASE_ALLOWED):
        return None
    get = obj.get
    code, unit, decision_no = obj["code"], obj["unit"], obj["decision_no"]
    if not (_fast_text(code) and _fast_text(unit) and _fast_text(decision_no)):
        return None
    accepted_on = _fast_date(obj["accepted_on"])
    decision_date = _fast_date(obj["decision_date"])
    if accepted_on is None or decision_date is None:
        return None
    received_on = get("received_on")
    if received_on is not None:
        received_on = _fast_date(received_on)
        if received_on is None:
            return None
    mode = obj["mode"]
    if type(mode) is not str or mode not in CASE_MODES:
        return None
    j = obj["judgment"]
    if type(j) is not dict or j.keys() != JUDGMENT_FIELDS:
        return None
    court, number, j_kind = j["court"], j["number"], j["kind"]
    j_date = _fast_date(j["date"])
    if (
        not _fast_text(court)
        or not _fast_text(number)
        or j_date is None
        or type(j_kind) is not str
        or j_kind not in JUDGMENT_KINDS
    ):
        return None
    flags = get("flags")
    if flags is None:
        flags = NO_FLAGS
    elif type(flags) is list and all(type(f) is str and f in FLAGS for f in flags):
        flags = frozenset(flags)
    else:
        return None
    officer = get("officer")
    if officer is not None and not _fast_text(officer):
        return None
    amount = obj["amount"]
    if type(amount) is not int or amount < 0:
        return None
    parties = _fast_parties(obj["parties"])
    if parties is None:
        return None
    events = _fast_events(get("events"))
    if events is None:
        return None
    from_case = get("from_case")
    if from_case is not None and not _fast_text(from_case):
        return None
    return CaseRec(
        line=line,
        code=code,
        unit=unit,
        accepted_on=accepted_on,
        received_on=received_on,
        decision_no=decision_no,
        decision_date=decision_date,
        mode=mode,
        judgment=(court, number, j_date, j_kind),
        flags=flags,
        officer=officer,
        amount=amount,
        parties=parties,
        events=events,
        from_case=from_case,
    )


PARSERS = {
    "unit": (_parse_unit, "units"),
    "staff": (_parse_staff, "staff"),
    "target": (_parse_target, "targets"),
    "case": (_parse_case, "cases"),
    "complaint": (_parse_complaint, "complaints"),
}


def parse(lines: Iterable[str], errors: list[tuple[int, str]]) -> Parsed:
    """Phase 1: every line into a record, or its errors."""
    parsed = Parsed()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append((number, f"JSON không hợp lệ: {exc.msg} (cột {exc.colno})."))
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
            if reader.keys(f"bản ghi {kind}", KEYS[kind]):
                getattr(parsed, bucket).append(parser(reader, number))
        except _Invalid:
            pass
        errors.extend((number, _capitalise(m)) for m in messages)
    return parsed


def _capitalise(message: str) -> str:
    return message[:1].upper() + message[1:]


# ---- phase 2: resolve and check ------------------------------------------------------------


def _chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing(model, field_name: str, values: Iterable[str]) -> dict[str, Any]:
    values = sorted(set(values))
    found: dict[str, Any] = {}
    for chunk in _chunks(values):
        for obj in model.objects.filter(**{f"{field_name}__in": chunk}):
            found[getattr(obj, field_name)] = obj
    return found


def _valid_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day <= valid_to)


def _messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


class Importer:
    def __init__(self, today: dt.date | None = None):
        self.today = today or timezone.localdate()
        self.errors: list[tuple[int, str]] = []

    def err(self, line: int, message: str) -> None:
        self.errors.append((line, message))

    # ----- entry point
    def run(self, lines: Iterable[str]) -> ImportResult:
        parsed = parse(lines, self.errors)
        self.check(parsed)
        if self.errors:
            raise ImportFailed(self.errors)
        return self.write(parsed)

    # ----- references
    def check(self, p: Parsed) -> None:
        referenced_units = {u.code for u in p.units}
        referenced_units |= {u.parent for u in p.units if u.parent}
        referenced_units |= {u.successor for u in p.units if u.successor}
        referenced_units |= {s.unit for s in p.staff} | {t.unit for t in p.targets}
        referenced_units |= {c.unit for c in p.cases} | {c.unit for c in p.complaints}
        referenced_units |= {e.to_unit_id for c in p.cases for e in c.events if e.to_unit_id}
        self.db_units = _existing(Unit, "code", referenced_units)
        self.file_units: dict[str, UnitRec] = {}
        self._check_units(p.units)
        self._check_staff(p.staff, p.cases)
        self._check_targets(p.targets)
        self._check_cases(p.cases)
        self._check_complaints(p.complaints)

    def unit_validity(self, code: str) -> tuple[dt.date, dt.date | None] | None:
        if code in self.file_units:
            u = self.file_units[code]
            return u.valid_from, u.valid_to
        if code in self.db_units:
            u = self.db_units[code]
            return u.valid_from, u.valid_to
        return None

    def unit_level(self, code: str) -> str:
        if code in self.file_units:
            return self.file_units[code].level
        return self.db_units[code].level

    def _unit_known(self, line: int, code: str, what: str = "đơn vị") -> bool:
        if code in self.file_units or code in self.db_units:
            return True
        self.err(line, f"Không tìm thấy {what} “{code}” (trong tệp hoặc cơ sở dữ liệu).")
        return False

    def _check_units(self, units: list[UnitRec]) -> None:
        for u in units:
            if u.code in self.file_units:
                first = self.file_units[u.code].line
                self.err(u.line, f"Mã đơn vị “{u.code}” bị trùng (đã có ở dòng {first}).")
            elif u.code in self.db_units:
                self.err(u.line, f"Mã đơn vị “{u.code}” đã có trong cơ sở dữ liệu.")
            else:
                self.file_units[u.code] = u
        # Unsaved Unit objects with temporary negative keys, so that Unit.clean (cycles,
        # validity inside the parent, successor valid the day after) runs unchanged.
        fakes: dict[str, Unit] = {}
        for i, u in enumerate(self.file_units.values(), start=1):
            fake = Unit(
                code=u.code,
                name=u.name,
                level=u.level,
                valid_from=u.valid_from,
                valid_to=u.valid_to,
            )
            fake.pk = -i
            fakes[u.code] = fake

        def resolve(code: str) -> Unit | None:
            return fakes.get(code) or self.db_units.get(code)

        broken: set[str] = set()
        for u in self.file_units.values():
            for code, what in ((u.parent, "đơn vị cấp trên"), (u.successor, "đơn vị kế thừa")):
                if code and resolve(code) is None:
                    self.err(u.line, f"Không tìm thấy {what} “{code}”.")
                    broken.add(u.code)
            if u.code in broken:
                continue
            fake = fakes[u.code]
            fake.parent = resolve(u.parent) if u.parent else None
            fake.successor = resolve(u.successor) if u.successor else None
        for u in self.file_units.values():
            if u.code in broken:
                continue
            try:
                fakes[u.code].clean()
            except ValidationError as exc:
                for message in _messages(exc):
                    self.err(u.line, f"Đơn vị “{u.code}”: {message}")
            except RecursionError:  # pragma: no cover - clean() stops at cycles itself
                self.err(u.line, f"Đơn vị “{u.code}”: vòng lặp trong cây đơn vị.")

    def _check_staff(self, staff: list[StaffRec], cases: list[CaseRec]) -> None:
        self.db_staff = _existing(
            Staff, "code", {s.code for s in staff} | {c.officer for c in cases if c.officer}
        )
        self.file_staff: dict[str, list[StaffRec]] = defaultdict(list)
        for s in staff:
            if s.code in self.db_staff:
                self.err(s.line, f"Mã cán bộ “{s.code}” đã có trong cơ sở dữ liệu.")
                continue
            postings = self.file_staff[s.code]
            if postings:
                first = postings[0]
                if (s.name, s.title) != (first.name, first.title):
                    self.err(
                        s.line,
                        f"Cán bộ “{s.code}”: họ tên và chức danh phải giống dòng {first.line} "
                        "(các bản ghi cùng mã là các quá trình công tác của cùng một người).",
                    )
            if s.valid_to and s.valid_to < s.valid_from:
                self.err(s.line, "Ngày kết thúc không được trước ngày bắt đầu.")
            elif self._unit_known(s.line, s.unit):
                valid_from, valid_to = self.unit_validity(s.unit)
                if s.valid_from < valid_from or (
                    valid_to and (s.valid_to is None or s.valid_to > valid_to)
                ):
                    self.err(
                        s.line,
                        f"Thời gian công tác phải nằm trong thời gian hiệu lực của đơn vị "
                        f"“{s.unit}”.",
                    )
            for other in postings:
                end, other_end = s.valid_to or dt.date.max, other.valid_to or dt.date.max
                if s.valid_from <= other_end and other.valid_from <= end:
                    self.err(
                        s.line,
                        f"Cán bộ “{s.code}”: quá trình công tác trùng thời gian với dòng "
                        f"{other.line}.",
                    )
            postings.append(s)

    def _check_targets(self, targets: list[TargetRec]) -> None:
        seen: dict[tuple[str, int], int] = {}
        db_ids = {u.pk for u in self.db_units.values()}
        existing = {
            (t.unit.code, t.year)
            for chunk in _chunks(sorted(db_ids))
            for t in Target.objects.filter(unit_id__in=chunk).select_related("unit")
        }
        for t in targets:
            self._unit_known(t.line, t.unit)
            key = (t.unit, t.year)
            if key in seen:
                self.err(
                    t.line,
                    f"Chỉ tiêu của “{t.unit}” năm {t.year} bị trùng (đã có ở dòng {seen[key]}).",
                )
            elif key in existing:
                self.err(t.line, f"Chỉ tiêu của “{t.unit}” năm {t.year} đã có trong cơ sở dữ liệu.")
            seen.setdefault(key, t.line)

    def _officer_title(self, code: str) -> str | None:
        if code in self.file_staff:
            return self.file_staff[code][0].title
        if code in self.db_staff:
            return self.db_staff[code].title
        return None

    def _check_cases(self, cases: list[CaseRec]) -> None:
        codes = [c.code for c in cases]
        from_codes = {c.from_case for c in cases if c.from_case}
        self.db_cases = _existing(Case, "code", set(codes) | from_codes)
        self.file_cases: dict[str, CaseRec] = {}
        for c in cases:
            if c.code in self.file_cases:
                first = self.file_cases[c.code].line
                self.err(c.line, f"Mã việc “{c.code}” bị trùng (đã có ở dòng {first}).")
            elif c.code in self.db_cases:
                self.err(c.line, f"Mã việc “{c.code}” đã có trong cơ sở dữ liệu.")
            else:
                self.file_cases[c.code] = c
        self._check_judgments(cases)
        self._check_entrusting(cases)
        if len(cases) >= PARALLEL_CASES and hasattr(os, "fork") and (os.cpu_count() or 1) > 1:
            self._prevalidate_in_two(cases)
        for c in cases:
            self._check_case(c)

    def _prevalidate_in_two(self, cases: list[CaseRec]) -> None:
        """Replay the histories of the second half of the cases in a forked child (it has the
        records already), the first half here; the child sends back only the outcomes. If it
        fails for any reason, `_check_case` replays those histories itself."""
        half, today = len(cases) // 2, self.today

        def second_half() -> list:
            _prevalidate(cases[half:], today)
            return [c.validated for c in cases[half:]]

        receive = _in_child(second_half)
        try:
            _prevalidate(cases[:half], today)
        finally:
            outcomes = receive()  # always reap the child
        if outcomes is not None and len(outcomes) == len(cases) - half:
            for c, validated in zip(cases[half:], outcomes, strict=True):
                c.validated = validated

    def _check_judgments(self, cases: list[CaseRec]) -> None:
        numbers = sorted({c.judgment[1] for c in cases})
        self.db_judgments: dict[tuple, Judgment] = {}
        for chunk in _chunks(numbers):
            for j in Judgment.objects.filter(number__in=chunk):
                self.db_judgments[(j.court, j.number, j.date)] = j
        kinds: dict[tuple, tuple[str, int]] = {}
        for c in cases:
            court, number, date, kind = c.judgment
            key = (court, number, date)
            if key in self.db_judgments and self.db_judgments[key].kind != kind:
                self.err(
                    c.line,
                    f"Bản án {number} đã được nhập với loại việc khác "
                    f"({self.db_judgments[key].kind}).",
                )
            elif key in kinds and kinds[key][0] != kind:
                self.err(
                    c.line,
                    f"Bản án {number} có loại việc khác với dòng {kinds[key][1]} "
                    f"({kinds[key][0]}).",
                )
            kinds.setdefault(key, (kind, c.line))

    def _check_entrusting(self, cases: list[CaseRec]) -> None:
        # The sending cases in the database: their entrusting events and existing receivers.
        db_senders = self.db_cases
        sent_to: dict[str, set[str]] = defaultdict(set)
        taken: set[str] = set()
        sender_ids = {case.pk: code for code, case in db_senders.items()}
        for chunk in _chunks(sorted(sender_ids)):
            for case_id, to_code in CaseEvent.objects.filter(
                case_id__in=chunk, type=EventType.UY_THAC
            ).values_list("case_id", "to_unit__code"):
                sent_to[sender_ids[case_id]].add(to_code)
            for from_id in Case.objects.filter(from_case_id__in=chunk).values_list(
                "from_case_id", flat=True
            ):
                taken.add(sender_ids[from_id])
        for code, rec in self.file_cases.items():
            for e in rec.events:
                if e.type == EventType.UY_THAC and e.to_unit_id:
                    sent_to[code].add(e.to_unit_id)
        receivers: dict[str, int] = {}
        for c in cases:
            if not c.from_case:
                continue
            if c.from_case == c.code:
                self.err(c.line, "Việc không thể nhận ủy thác từ chính nó.")
                continue
            if c.from_case not in self.file_cases and c.from_case not in self.db_cases:
                self.err(c.line, f"Không tìm thấy việc ủy thác “{c.from_case}” (from_case).")
                continue
            if c.from_case in receivers:
                self.err(
                    c.line,
                    f"Việc “{c.from_case}” đã được nhận ủy thác ở dòng {receivers[c.from_case]}.",
                )
            elif c.from_case in taken:
                self.err(
                    c.line,
                    f"Việc “{c.from_case}” đã có việc nhận ủy thác trong cơ sở dữ liệu.",
                )
            elif c.unit not in sent_to.get(c.from_case, set()):
                self.err(
                    c.line,
                    f"Việc “{c.from_case}” không có sự kiện ủy thác (uy_thac) cho đơn vị "
                    f"“{c.unit}”.",
                )
            receivers.setdefault(c.from_case, c.line)
        # Chains of entrusting must not loop (A from B, B from A).
        for c in cases:
            seen = {c.code}
            current = c.from_case
            while current and current in self.file_cases:
                if current in seen:
                    self.err(c.line, "Chuỗi ủy thác tạo thành vòng lặp.")
                    break
                seen.add(current)
                current = self.file_cases[current].from_case

    def _check_case(self, c: CaseRec) -> None:
        line = c.line
        if self._unit_known(line, c.unit):
            valid_from, valid_to = self.unit_validity(c.unit)
            if not _valid_on(valid_from, valid_to, c.accepted_on):
                self.err(
                    line,
                    f"Đơn vị “{c.unit}” không hoạt động vào ngày thụ lý {c.accepted_on:%d/%m/%Y}.",
                )
        judgment_date = c.judgment[2]
        if c.decision_date < judgment_date or c.accepted_on < judgment_date:
            self.err(
                line,
                "Ngày thụ lý và ngày ra quyết định thi hành án không được trước ngày bản án "
                f"({judgment_date:%d/%m/%Y}).",
            )
        if not any(p[0] == Party.Role.PHAI_THI_HANH for p in c.parties):
            self.err(line, "Việc thi hành án phải có ít nhất một người phải thi hành án.")
        if c.officer:
            title = self._officer_title(c.officer)
            if title is None:
                self.err(line, f"Không tìm thấy Chấp hành viên “{c.officer}”.")
            elif not title.startswith("chap_hanh_vien"):
                self.err(line, f"Cán bộ “{c.officer}” không phải Chấp hành viên.")
        corrected: set[int] = set()
        for e in c.events:
            if e.corrects_id is not None:
                if e.corrects_id in corrected:
                    self.err(
                        line,
                        f"Sự kiện thứ {e.seq}: sự kiện thứ {e.corrects_id} đã được sửa trước đó.",
                    )
                    return
                corrected.add(e.corrects_id)
            if e.to_unit_id:
                label = f"Sự kiện thứ {e.seq} ({e.type} ngày {e.on:%d/%m/%Y})"
                validity = self.unit_validity(e.to_unit_id)
                if validity is None:
                    self.err(line, f"{label}: không tìm thấy đơn vị nhận ủy thác “{e.to_unit_id}”.")
                    return
                if not _valid_on(*validity, e.on):
                    self.err(
                        line,
                        f"{label}: đơn vị “{e.to_unit_id}” không hoạt động vào ngày "
                        f"{e.on:%d/%m/%Y}.",
                    )
                    return
        outcome = c.validated or _validate(c, self.today)
        if outcome[0] == "ok":
            c.snapshot = outcome[1]
        else:
            _error, index, text, article = outcome
            event = c.events[index]
            message = text + (f" ({article})" if article else "")
            self.err(
                line,
                f"sự kiện thứ {event.seq} ({event.type} ngày {event.on:%d/%m/%Y}): {message}",
            )

    def _check_complaints(self, complaints: list[ComplaintRec]) -> None:
        codes = {c.code for c in complaints}
        db_codes = set()
        for chunk in _chunks(sorted(codes)):
            db_codes |= set(Complaint.objects.filter(code__in=chunk).values_list("code", flat=True))
        case_refs = {c.case for c in complaints if c.case} - self.file_cases.keys()
        self.db_cases.update(_existing(Case, "code", case_refs - self.db_cases.keys()))
        seen: dict[str, int] = {}
        for c in complaints:
            if c.code in seen:
                self.err(c.line, f"Mã đơn “{c.code}” bị trùng (đã có ở dòng {seen[c.code]}).")
            elif c.code in db_codes:
                self.err(c.line, f"Mã đơn “{c.code}” đã có trong cơ sở dữ liệu.")
            seen.setdefault(c.code, c.line)
            self._unit_known(c.line, c.unit)
            if c.case and c.case not in self.file_cases and c.case not in self.db_cases:
                self.err(c.line, f"Không tìm thấy việc “{c.case}”.")
            if bool(c.result) != bool(c.resolved_on):
                self.err(
                    c.line,
                    "Đơn đã giải quyết phải có cả “resolved_on” và “result”; đơn chưa giải "
                    "quyết không có cả hai.",
                )
            if c.resolved_on and c.resolved_on < c.received_on:
                self.err(c.line, "Ngày giải quyết không được trước ngày nhận đơn.")
            if c.resolved_on and c.resolved_on > self.today or c.received_on > self.today:
                self.err(c.line, "Không được ghi nhận ngày ở tương lai.")

    # ---- phase 3: write ------------------------------------------------------------------

    @transaction.atomic
    def write(self, p: Parsed) -> ImportResult:
        result = ImportResult()
        units = dict(self.db_units)
        result.units = self._write_units(units)
        staff = dict(self.db_staff)
        result.staff, result.postings = self._write_staff(units, staff)
        Target.objects.bulk_create(
            [
                Target(
                    unit=units[t.unit], year=t.year, case_rate=t.case_rate, money_rate=t.money_rate
                )
                for t in p.targets
            ],
            batch_size=BATCH,
        )
        # The targets' change log (who set what, when) records an import like any other change.
        TargetChange.objects.bulk_create(
            [
                TargetChange(
                    unit=units[t.unit],
                    year=t.year,
                    field=field_name,
                    old_value=None,
                    new_value=value,
                    source="import",
                )
                for t in p.targets
                for field_name, value in (("case_rate", t.case_rate), ("money_rate", t.money_rate))
            ],
            batch_size=BATCH,
        )
        result.targets = len(p.targets)
        case_ids = {code: case.pk for code, case in self.db_cases.items()}
        if connection.vendor == "postgresql":
            result.judgments, result.cases, result.events = _CopyWriter(self).write(
                p.cases, units, staff, case_ids
            )
        else:
            result.judgments = self._write_judgments(p.cases)
            result.cases, result.events = self._write_cases(p.cases, units, staff, case_ids)
        Complaint.objects.bulk_create(
            [
                Complaint(
                    code=c.code,
                    unit=units[c.unit],
                    kind=c.kind,
                    received_on=c.received_on,
                    case_id=case_ids[c.case] if c.case else None,
                    resolved_on=c.resolved_on,
                    result=c.result,
                )
                for c in p.complaints
            ],
            batch_size=BATCH,
        )
        result.complaints = len(p.complaints)
        return result

    def _write_units(self, units: dict[str, Unit]) -> int:
        pending = dict(self.file_units)
        created = 0
        while pending:
            ready = [
                u
                for u in pending.values()
                if (not u.parent or u.parent in units) and (not u.successor or u.successor in units)
            ]
            for u in sorted(ready, key=lambda u: u.code):
                units[u.code] = org_services.unit_create(
                    code=u.code,
                    name=u.name,
                    level=u.level,
                    parent=units[u.parent] if u.parent else None,
                    valid_from=u.valid_from,
                    valid_to=u.valid_to,
                    successor=units[u.successor] if u.successor else None,
                )
                del pending[u.code]
                created += 1
            if not ready:  # pragma: no cover - cycles were refused in phase 2
                raise RuntimeError("unit cycle")
        return created

    def _write_staff(self, units: dict[str, Unit], staff: dict[str, Staff]) -> tuple[int, int]:
        people = [
            Staff(code=code, full_name=recs[0].name, title=recs[0].title)
            for code, recs in self.file_staff.items()
        ]
        Staff.objects.bulk_create(people, batch_size=BATCH)
        staff.update({s.code: s for s in people})
        postings = [
            Membership(
                staff=staff[code],
                unit=units[r.unit],
                role=org_services.default_role(r.title, r.is_head, units[r.unit].level),
                is_head=r.is_head,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
            )
            for code, recs in self.file_staff.items()
            for r in recs
        ]
        Membership.objects.bulk_create(postings, batch_size=BATCH)
        return len(people), len(postings)

    def _write_judgments(self, cases: list[CaseRec]) -> int:
        new: dict[tuple, Judgment] = {}
        for c in cases:
            court, number, date, kind = c.judgment
            key = (court, number, date)
            if key not in self.db_judgments and key not in new:
                new[key] = Judgment(court=court, number=number, date=date, kind=kind)
        Judgment.objects.bulk_create(list(new.values()), batch_size=BATCH)
        self.judgment_ids = {key: j.pk for key, j in self.db_judgments.items()}
        self.judgment_ids.update({key: j.pk for key, j in new.items()})
        return len(new)

    def _write_cases(
        self,
        cases: list[CaseRec],
        units: dict[str, Unit],
        staff: dict[str, Staff],
        case_ids: dict[str, int],
    ) -> tuple[int, int]:
        unit_ids = {code: u.pk for code, u in units.items()}
        staff_ids = {code: s.pk for code, s in staff.items()}
        # Waves: a receiving case is written after the case it was entrusted from.
        depth: dict[str, int] = {}

        def depth_of(c: CaseRec) -> int:
            if c.code not in depth:
                parent = self.file_cases.get(c.from_case) if c.from_case else None
                depth[c.code] = depth_of(parent) + 1 if parent else 0
            return depth[c.code]

        waves: dict[int, list[CaseRec]] = defaultdict(list)
        for c in cases:
            waves[depth_of(c)].append(c)
        batches = [
            wave[start : start + BATCH]
            for _depth, wave in sorted(waves.items())
            for start in range(0, len(wave), BATCH)
        ]
        events_total = 0
        for batch in batches:
            rows = []
            for c in batch:
                s = c.snapshot
                rows.append(
                    Case(
                        code=c.code,
                        unit_id=unit_ids[c.unit],
                        judgment_id=self.judgment_ids[c.judgment[:3]],
                        decision_no=c.decision_no,
                        decision_date=c.decision_date,
                        accepted_on=c.accepted_on,
                        received_on=c.received_on,
                        mode=c.mode,
                        officer_id=staff_ids[c.officer] if c.officer else None,
                        is_state_budget="ngan_sach" in c.flags,
                        is_bank_credit="tin_dung" in c.flags,
                        is_corruption="tham_nhung_kinh_te" in c.flags,
                        from_case_id=case_ids[c.from_case] if c.from_case else None,
                        amount=c.amount,
                        state=s.state,
                        is_classified=s.is_classified,
                        collected=s.collected,
                        reduced=s.reduced,
                        closed_on=s.closed_on,
                    )
                )
            Case.objects.bulk_create(rows)
            parties, obligations = [], []
            for c, row in zip(batch, rows, strict=True):
                case_ids[c.code] = row.pk
                for position, (role, kind, name, id_number, address) in enumerate(c.parties):
                    parties.append(
                        Party(
                            case_id=row.pk,
                            role=role,
                            kind=kind,
                            name=name,
                            id_number=id_number,
                            address=address,
                            search_name=fold_vietnamese(name),
                            position=position,
                        )
                    )
                obligations.append(
                    Obligation(
                        case_id=row.pk,
                        description=OBLIGATION_DESCRIPTION,
                        amount=c.amount,
                        priority=Obligation.Priority.KHAC,
                        is_state_budget="ngan_sach" in c.flags,
                    )
                )
            Party.objects.bulk_create(parties, batch_size=BATCH * 2)
            Obligation.objects.bulk_create(obligations, batch_size=BATCH)
            events_total += self._write_events(batch, rows, unit_ids)
        return len(cases), events_total

    def _write_events(self, batch: list[CaseRec], rows: list[Case], unit_ids: dict) -> int:
        # Waves again: an event that corrects another is written after it (append-only, so
        # `corrects` cannot be filled in later).
        pending: list[tuple[CaseEvent, int | None, dict]] = []
        for c, row in zip(batch, rows, strict=True):
            by_seq: dict[int, CaseEvent] = {}
            for e in c.events:
                event = CaseEvent(
                    case_id=row.pk,
                    seq=e.seq,
                    type=e.type,
                    on=e.on,
                    amount=e.amount,
                    data=e.data,
                    law_version=law_on(e.on).version,
                    to_unit_id=unit_ids[e.to_unit_id] if e.to_unit_id else None,
                )
                by_seq[e.seq] = event
                pending.append((event, e.corrects_id, by_seq))
        total = len(pending)
        while pending:
            wave = [
                (event, corrects, by_seq)
                for event, corrects, by_seq in pending
                if corrects is None or by_seq[corrects].pk is not None
            ]
            for event, corrects, by_seq in wave:
                if corrects is not None:
                    event.corrects_id = by_seq[corrects].pk
            CaseEvent.objects.bulk_create([w[0] for w in wave], batch_size=BATCH * 2)
            pending = [item for item in pending if item[0].pk is None]
        return total


# ---- two processes for many cases ---------------------------------------------------------

PARALLEL_CASES = 20_000  # below this, one process (a fork costs more than it saves)


def _validate(c: CaseRec, today: dt.date) -> tuple:
    """("ok", snapshot) or ("error", event index, message, article) of one case's history."""
    facts = CaseFacts(
        amount=c.amount,
        mode=c.mode,
        accepted_on=c.accepted_on,
        unit_id=c.unit,
        has_state_budget_obligation="ngan_sach" in c.flags,
    )
    try:
        return ("ok", validate_history(facts, c.events, today=today))
    except TransitionError as exc:
        return ("error", exc.index, str(exc.message), str(exc.article) if exc.article else "")


def _prevalidate(cases: list[CaseRec], today: dt.date) -> None:
    """Replay every history ahead of the checks; an unexpected failure is left to the checks."""
    for c in cases:
        try:
            c.validated = _validate(c, today)
        except Exception:  # noqa: BLE001 - `_check_case` replays it again and raises
            c.validated = None


def _in_child(work) -> Any:
    """Run `work()` in a forked process; returns a function giving its result, or None."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return lambda: None
    if pid == 0:  # pragma: no cover - the child (coverage does not follow the fork)
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)  # no atexit, no database connection closing: the parent owns it
    os.close(write_end)

    def receive() -> Any:
        with os.fdopen(read_end, "rb") as source:
            data = source.read()
        _pid, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return None
        try:
            return pickle.loads(data)  # noqa: S301 - our own child's data
        except Exception:  # noqa: BLE001 - read the half again in this process
            return None

    return receive


# ---- PostgreSQL: COPY ------------------------------------------------------------------------
# Judgments, cases, parties, obligations and events are written with COPY (psycopg 3
# `cursor.copy`), keys allocated beforehand from the tables' sequences so that every reference
# (judgment, entrusting case, corrected event) is known before writing; the foreign keys are
# checked at commit (Django creates them DEFERRABLE INITIALLY DEFERRED).
#
# Row history: the pghistory insert triggers of the four tracked tables are skipped
# (`pgtrigger.ignore`) and the same history rows are written afterwards with one
# `INSERT … SELECT` per table: same columns, label "insert", the context the trigger would have
# attached (`_pgh_attach_context()`, e.g. a request's or a command's `pghistory.context`) and
# NOW(), the transaction's time, as the trigger would.

HISTORY_INSERT_TRIGGERS = (
    "cases.Judgment:insert_insert",
    "cases.Case:insert_insert",
    "cases.Party:insert_insert",
    "cases.Obligation:insert_insert",
)
TRACKED = ("created_at", "updated_at", "created_by_id", "updated_by_id", "version")
JUDGMENT_COLUMNS = ("id", *TRACKED, "court", "number", "date", "kind")
CASE_COLUMNS = (
    "id",
    *TRACKED,
    "code",
    "unit_id",
    "judgment_id",
    "decision_no",
    "decision_date",
    "accepted_on",
    "received_on",
    "mode",
    "officer_id",
    "is_state_budget",
    "is_bank_credit",
    "is_corruption",
    "from_case_id",
    "amount",
    "steering_note",
    "state",
    "is_classified",
    "collected",
    "reduced",
    "closed_on",
)
PARTY_COLUMNS = (
    *TRACKED,
    "case_id",
    "role",
    "kind",
    "name",
    "id_number",
    "address",
    "search_name",
    "position",
)
OBLIGATION_COLUMNS = (
    *TRACKED,
    "case_id",
    "description",
    "amount",
    "priority",
    "is_state_budget",
    "payee_id",
    "position",
)
EVENT_COLUMNS = (
    "id",
    "case_id",
    "seq",
    "type",
    "on",
    "recorded_at",
    "recorded_by_id",
    "amount",
    "data",
    "law_version",
    "corrects_id",
    "to_unit_id",
)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


class _CopyWriter:
    def __init__(self, importer: Importer):
        self.importer = importer

    def write(
        self,
        cases: list[CaseRec],
        units: dict[str, Unit],
        staff: dict[str, Staff],
        case_ids: dict[str, int],
    ) -> tuple[int, int, int]:
        imp = self.importer
        unit_ids = {code: u.pk for code, u in units.items()}
        staff_ids = {code: s.pk for code, s in staff.items()}
        now = timezone.now()
        tracked = (now, now, None, None, 1)
        new_judgments: dict[tuple, str] = {}
        for c in cases:
            key = c.judgment[:3]
            if key not in imp.db_judgments and key not in new_judgments:
                new_judgments[key] = c.judgment[3]
        events_total = sum(len(c.events) for c in cases)
        with pgtrigger.ignore(*HISTORY_INSERT_TRIGGERS), connection.cursor() as cursor:
            cursor.execute("SELECT _pgh_attach_context()")
            context_id = cursor.fetchone()[0]
            foreign_keys = self.deferred_foreign_keys(cursor)
            if foreign_keys:
                # Checked at the end of each COPY instead of at commit: the same checks, but
                # a queue of a million deferred checks at commit took twice as long.
                cursor.execute(f"SET CONSTRAINTS {foreign_keys} IMMEDIATE")
            judgment_ids = self.allocate(cursor, Judgment, len(new_judgments))
            new_case_ids = self.allocate(cursor, Case, len(cases))
            event_ids = iter(self.allocate(cursor, CaseEvent, events_total))
            judgment_pk = {key: j.pk for key, j in imp.db_judgments.items()}
            judgment_pk.update(zip(new_judgments, judgment_ids, strict=True))
            for c, pk in zip(cases, new_case_ids, strict=True):
                case_ids[c.code] = pk

            self.copy(
                cursor,
                Judgment,
                JUDGMENT_COLUMNS,
                (
                    (pk, *tracked, court, number, date, kind)
                    for ((court, number, date), kind), pk in zip(
                        new_judgments.items(), judgment_ids, strict=True
                    )
                ),
            )
            self.copy(
                cursor,
                Case,
                CASE_COLUMNS,
                (
                    (
                        case_ids[c.code],
                        *tracked,
                        c.code,
                        unit_ids[c.unit],
                        judgment_pk[c.judgment[:3]],
                        c.decision_no,
                        c.decision_date,
                        c.accepted_on,
                        c.received_on,
                        c.mode,
                        staff_ids[c.officer] if c.officer else None,
                        "ngan_sach" in c.flags,
                        "tin_dung" in c.flags,
                        "tham_nhung_kinh_te" in c.flags,
                        case_ids[c.from_case] if c.from_case else None,
                        c.amount,
                        "",
                        c.snapshot.state,
                        c.snapshot.is_classified,
                        c.snapshot.collected,
                        c.snapshot.reduced,
                        c.snapshot.closed_on,
                    )
                    for c in cases
                ),
            )
            self.copy(
                cursor,
                Party,
                PARTY_COLUMNS,
                (
                    (
                        *tracked,
                        case_ids[c.code],
                        role,
                        kind,
                        name,
                        id_number,
                        address,
                        fold_vietnamese(name),
                        position,
                    )
                    for c in cases
                    for position, (role, kind, name, id_number, address) in enumerate(c.parties)
                ),
            )
            self.copy(
                cursor,
                Obligation,
                OBLIGATION_COLUMNS,
                (
                    (
                        *tracked,
                        case_ids[c.code],
                        OBLIGATION_DESCRIPTION,
                        c.amount,
                        Obligation.Priority.KHAC.value,
                        "ngan_sach" in c.flags,
                        None,
                        0,
                    )
                    for c in cases
                ),
            )
            self.copy(
                cursor,
                CaseEvent,
                EVENT_COLUMNS,
                lines=self.event_lines(cases, case_ids, event_ids, unit_ids, now),
            )
            self.history(cursor, Judgment, "id", judgment_ids, context_id)
            self.history(cursor, Case, "id", new_case_ids, context_id)
            self.history(cursor, Party, "case_id", new_case_ids, context_id)
            self.history(cursor, Obligation, "case_id", new_case_ids, context_id)
            if foreign_keys:
                cursor.execute(f"SET CONSTRAINTS {foreign_keys} DEFERRED")
        return len(new_judgments), len(cases), events_total

    @staticmethod
    def event_lines(cases, case_ids, event_ids, unit_ids, now) -> Iterator[str]:
        """The events as lines of COPY text, formatted here (the bulk of the rows: 8 a case).

        Every value is a number, a date, a timestamp, a choice code or `json.dumps` output
        (ASCII, control characters already escaped), so the only character COPY needs escaped
        is the backslash.
        """
        versions: dict[dt.date, str] = {}
        recorded_at = now.isoformat()
        for c in cases:
            case_id = case_ids[c.code]
            ids: dict[int, int] = {}
            for e in c.events:
                pk = ids[e.seq] = next(event_ids)
                version = versions.get(e.on)
                if version is None:
                    version = versions[e.on] = law_on(e.on).version
                data = json.dumps(e.data).replace("\\", "\\\\") if e.data else "{}"
                amount = "\\N" if e.amount is None else e.amount
                corrects = "\\N" if e.corrects_id is None else ids[e.corrects_id]
                to_unit = unit_ids[e.to_unit_id] if e.to_unit_id else "\\N"
                yield (
                    f"{pk}\t{case_id}\t{e.seq}\t{e.type}\t{e.on}\t{recorded_at}\t\\N\t"
                    f"{amount}\t{data}\t{version}\t{corrects}\t{to_unit}\n"
                )

    @staticmethod
    def deferred_foreign_keys(cursor) -> str:
        """The initially deferred foreign keys of the tables written here, quoted, joined."""
        tables = [m._meta.db_table for m in (Judgment, Case, Party, Obligation, CaseEvent)]
        cursor.execute(
            "SELECT n.nspname, c.conname FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE c.contype = 'f' AND c.condeferrable AND c.condeferred "
            "AND c.conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        return ", ".join(f"{_quote(schema)}.{_quote(name)}" for schema, name in cursor.fetchall())

    @staticmethod
    def allocate(cursor, model, count: int) -> range | list[int]:
        """`count` fresh keys from the table's sequence."""
        if not count:
            return []
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column]
        )
        sequence = cursor.fetchone()[0]
        # Usually one consecutive range (nobody else took a key meanwhile): only its bounds
        # travel; otherwise every key.
        cursor.execute(
            "WITH k AS (SELECT nextval(%s::regclass) AS id FROM generate_series(1, %s)) "
            "SELECT min(id), max(id), CASE WHEN max(id) - min(id) + 1 = count(*) THEN NULL "
            "ELSE array_agg(id ORDER BY id) END FROM k",
            [sequence, count],
        )
        first, last, keys = cursor.fetchone()
        return keys if keys is not None else range(first, last + 1)

    @staticmethod
    def copy(
        cursor,
        model,
        columns: tuple[str, ...],
        rows: Iterable[tuple] = (),
        lines: Iterable[str] = (),
    ) -> None:
        """COPY tuples (formatted by psycopg) or ready lines of COPY text."""
        table = _quote(model._meta.db_table)
        names = ", ".join(_quote(c) for c in columns)
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(row)
            chunk: list[str] = []
            for line in lines:
                chunk.append(line)
                if len(chunk) == 4096:
                    copy.write("".join(chunk))
                    chunk.clear()
            if chunk:
                copy.write("".join(chunk))

    @staticmethod
    def history(cursor, model, key: str, ids: range | list[int], context_id) -> None:
        """The row-history rows the skipped insert trigger would have written, set-based."""
        if not ids:
            return
        history = apps.get_model(model._meta.app_label, f"{model.__name__}History")
        special = {
            "pgh_context_id": "%s::uuid",
            "pgh_created_at": "NOW()",
            "pgh_label": "'insert'",
            "pgh_obj_id": _quote(model._meta.pk.column),
        }
        columns = [f.column for f in history._meta.concrete_fields if f.column != "pgh_id"]
        values = [special.get(c, _quote(c)) for c in columns]
        params: list[Any] = [context_id]
        if isinstance(ids, range):  # consecutive keys: all of them are ours
            where = f"{_quote(key)} BETWEEN %s AND %s"
            params += [ids[0], ids[-1]]
        else:
            where = f"{_quote(key)} = ANY(%s)"
            params.append(list(ids))
        table, source = _quote(history._meta.db_table), _quote(model._meta.db_table)
        sql = (
            f"INSERT INTO {table} ({', '.join(map(_quote, columns))}) "  # noqa: S608 - model names
            f"SELECT {', '.join(values)} FROM {source} WHERE {where} "
            f"ORDER BY {_quote(model._meta.pk.column)}"
        )
        cursor.execute(
            sql,
            params,
        )


def import_lines(lines: Iterable[str], *, today: dt.date | None = None) -> ImportResult:
    """Validate and import JSON Lines; raise ImportFailed with every error, writing nothing."""
    return Importer(today=today).run(lines)
