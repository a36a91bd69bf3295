"""Interchange records of the complaints register: `letter` (with its senders), `matter` (with
its steps) and `reception` (a citizen reception session) — docs/interchange-notes.md.

Each record is a flat list of fields (`FIELDS`): read with the importer's `_Reader` (every
problem of a line reported), checked against the file and the database (codes unique, units,
staff, cases, letters and sessions known), written in the import's transaction after the cases
(sessions, then letters, then matters), and exported in a fixed order, so that export → import
→ export gives the same file. A letter that is exactly what a `complaint` record imports as
(`complaints.imports`) is still exported as that one `complaint` line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from thads.complaints.imports import legacy_letter_fields, legacy_matters
from thads.complaints.models import (
    Complaint,
    ComplaintKind,
    ComplaintResult,
    Handling,
    IneligibleReason,
    LetterChannel,
    LetterSubject,
    LimitationStage,
    Matter,
    MatterKind,
    MatterOutcome,
    MatterStep,
    ReceptionForm,
    ReceptionSession,
    Sender,
    StepKind,
    SubjectRole,
)
from thads.complaints.services.letters import paper_number_used
from thads.complaints.services.reception import COUNTS as SESSION_COUNTS
from thads.interchange.importer.records import _Invalid

TYPES = ("letter", "matter", "reception")

# Field kinds: "code" a non-empty string (required), "text" any string (default ""), "date",
# "bool", "nbool" (true, false or null), "count" an integer ≥ 0, a tuple of choices (blank ""
# allowed unless the field is required), and references "unit", "staff", "case", "letter",
# "reception" (a code, or null).
REFS = ("unit", "staff", "case", "letter", "reception")


def _choices(enum, blank: bool = True) -> tuple[str, ...]:
    return (*enum.values, "") if blank else tuple(enum.values)


# (key, model attribute, kind, required)
FIELDS: dict[str, list[tuple[str, str, Any, bool]]] = {
    "reception": [
        ("key", "", "code", True),
        ("unit", "unit", "unit", True),
        ("held_on", "held_on", "date", True),
        ("form", "form", _choices(ReceptionForm, blank=False), True),
        ("place", "place", "text", False),
        ("host", "host", "staff", False),
        ("by_leader", "by_leader", "bool", False),
        *[(name, name, "count", False) for name in SESSION_COUNTS],
        ("content", "content", "text", False),
        ("outcome", "outcome", "text", False),
    ],
    "letter": [
        ("code", "code", "code", True),
        ("unit", "unit", "unit", True),
        ("kind", "kind", _choices(ComplaintKind, blank=False), True),
        ("received_on", "received_on", "date", True),
        ("channel", "channel", _choices(LetterChannel, blank=False), True),
        ("forwarded_by", "forwarded_by", "text", False),
        ("summary", "summary", "text", False),
        ("subject", "subject", _choices(LetterSubject, blank=False), True),
        ("subject_detail", "subject_detail", "text", False),
        ("case", "case", "case", False),
        ("duplicate_of", "duplicate_of", "letter", False),
        ("is_vuot_cap", "is_vuot_cap", "bool", False),
        ("is_dong_nguoi", "is_dong_nguoi", "bool", False),
        ("reception", "reception", "reception", False),
        ("stage", "stage", _choices(LimitationStage), False),
        ("decision_known_on", "decision_known_on", "date", False),
        ("obstacle_days", "obstacle_days", "count", False),
        ("obstacle_reason", "obstacle_reason", "text", False),
        ("handled_on", "handled_on", "date", False),
        ("competent", "competent", "nbool", False),
        ("eligible", "eligible", "nbool", False),
        ("ineligible_reason", "ineligible_reason", _choices(IneligibleReason), False),
        ("handling", "handling", _choices(Handling), False),
        ("sent_to", "sent_to", "text", False),
        ("paper_no", "paper_no", "text", False),
        ("resolved_on", "resolved_on", "date", False),
        ("result", "result", _choices(ComplaintResult), False),
    ],
    "matter": [
        ("code", "code", "code", True),
        ("letter", "letter", "letter", True),
        ("kind", "kind", _choices(MatterKind, blank=False), True),
        ("instance", "instance", "count", False),
        ("stage", "stage", _choices(LimitationStage), False),
        ("summary", "summary", "text", False),
        ("case", "case", "case", False),
        ("subject_role", "subject_role", _choices(SubjectRole, blank=False), True),
        ("subject_unit", "subject_unit", "unit", True),
        ("subject_staff", "subject_staff", "staff", False),
        ("resolver_unit", "resolver_unit", "unit", True),
        ("verifier", "verifier", "staff", False),
        ("accepted_on", "accepted_on", "date", True),
        ("deadline_on", "deadline_on", "date", True),
        ("extended_until", "extended_until", "date", False),
        ("extension_reason", "extension_reason", "text", False),
        ("suspended_on", "suspended_on", "date", False),
        ("suspension_ended_on", "suspension_ended_on", "date", False),
        ("resolved_on", "resolved_on", "date", False),
        ("outcome", "outcome", _choices(MatterOutcome), False),
        ("decision_no", "decision_no", "text", False),
        ("measures", "measures", "text", False),
    ],
}
# Nested lists: key → (required keys, optional keys) of each item.
NESTED = {
    "letter": ("senders", ({"name"}, {"id_number", "address", "phone", "is_representative",
                                      "authorisation"})),
    "matter": ("steps", ({"kind", "on"}, {"note"})),
}  # fmt: skip


def keys(kind: str) -> tuple[set[str], set[str]]:
    """(required, optional) keys of a record type, for `records.KEYS`."""
    required = {key for key, _attr, _k, req in FIELDS[kind] if req}
    optional = {key for key, _attr, _k, req in FIELDS[kind] if not req}
    if kind in NESTED:
        optional.add(NESTED[kind][0])
    return required, optional


KEYS = {kind: keys(kind) for kind in TYPES}


# ---- phase 1: parse ----------------------------------------------------------------------------


def _count(r) -> Callable[[str, Any], int]:
    def convert(key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000:
            r.fail(f"“{key}” phải là số nguyên không âm.")
        return value

    return convert


def _nbool(r) -> Callable[[str, Any], bool | None]:
    def convert(key: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            r.fail(f"“{key}” phải là true, false hoặc null.")
        return value

    return convert


def _read(r, key: str, kind: Any, required: bool) -> Any:
    if isinstance(kind, tuple):
        value = r.get(key, r.choice(kind), optional=not required, default="")
        if required and value == "":
            r.fail(f"“{key}” không được để trống.")
        return value
    if kind == "code":
        return r.get(key, r.text)
    if kind == "text":
        return r.get(key, r.any_text, optional=True, default="")
    if kind == "date":
        return r.get(key, r.date, optional=not required)
    if kind == "bool":
        return r.get(key, r.boolean, optional=True, default=False)
    if kind == "nbool":
        return r.get(key, _nbool(r), optional=True)
    if kind == "count":
        return r.get(key, _count(r), optional=True, default=None if key == "instance" else 0)
    return r.get(key, r.text, optional=not required)  # a reference


def _nested(r, kind: str) -> list[dict]:
    name, spec = NESTED[kind]
    value = r.obj.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        r.fail(f"“{name}” phải là một danh sách.")
    out = []
    for i, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            r.fail(f"“{name}” thứ {i} phải là một đối tượng JSON.")
        sub = type(r)(item, r.errors, f"{name} thứ {i}: ")
        if not sub.keys(f"“{name}”", spec):
            raise _Invalid
        if kind == "letter":
            out.append({
                "name": sub.get("name", sub.text),
                "id_number": sub.get("id_number", sub.any_text, optional=True, default=""),
                "address": sub.get("address", sub.any_text, optional=True, default=""),
                "phone": sub.get("phone", sub.any_text, optional=True, default=""),
                "is_representative": sub.get("is_representative", sub.boolean, optional=True,
                                             default=False),
                "authorisation": sub.get("authorisation", sub.any_text, optional=True,
                                         default=""),
            })  # fmt: skip
        else:
            out.append({
                "kind": sub.get("kind", sub.choice(tuple(StepKind.values))),
                "on": sub.get("on", sub.date),
                "note": sub.get("note", sub.any_text, optional=True, default=""),
            })  # fmt: skip
    return out


def _parser(kind: str):
    def parse(r, line: int) -> dict:
        out: dict[str, Any] = {"type": kind, "line": line}
        failed = False
        for key, _attr, field_kind, required in FIELDS[kind]:
            try:
                out[key] = _read(r, key, field_kind, required)
            except _Invalid:
                failed = True
        if kind in NESTED:
            try:
                out[NESTED[kind][0]] = _nested(r, kind)
            except _Invalid:
                failed = True
        if failed:
            raise _Invalid
        return out

    return parse


PARSERS = {kind: _parser(kind) for kind in TYPES}


# ---- phase 2: references and rules --------------------------------------------------------------


def refs(records: list[dict], ref_kind: str) -> set[str]:
    """Every code of kind `ref_kind` ("unit", "staff", "case"…) the records refer to."""
    out: set[str] = set()
    for rec in records:
        for key, _attr, kind, _req in FIELDS[rec["type"]]:
            if kind == ref_kind and rec.get(key):
                out.add(rec[key])
    return out


def check(checker, records: list[dict], legacy_letters: set[str]) -> None:
    """Codes unique in the file and the database; every unit, staff, case, letter and session
    known (in the file or the database); the models' own order of dates."""
    err = checker.err
    own = {kind: {r[FIELDS[kind][0][0]] for r in records if r["type"] == kind} for kind in TYPES}
    taken = {
        "letter": set(
            Complaint.objects.filter(code__in=own["letter"]).values_list("code", flat=True)
        ),
        "matter": set(Matter.objects.filter(code__in=own["matter"]).values_list("code", flat=True)),
        "reception": set(),
    }
    known_letters = own["letter"] | legacy_letters
    missing = refs(records, "letter") - known_letters
    known_letters |= set(Complaint.objects.filter(code__in=missing).values_list("code", flat=True))
    seen: dict[tuple[str, str], int] = {}
    for rec in records:
        line, kind = rec["line"], rec["type"]
        code = rec[FIELDS[kind][0][0]]
        if (kind, code) in seen or (kind == "letter" and code in legacy_letters):
            err(line, f"Mã “{code}” bị trùng (đã có ở dòng {seen.get((kind, code), '?')}).")
        seen.setdefault((kind, code), line)
        if code in taken[kind]:
            err(line, f"Mã “{code}” đã có trong cơ sở dữ liệu.")
        for key, _attr, ref_kind, _req in FIELDS[kind]:
            value = rec.get(key)
            if not value or ref_kind not in REFS:
                continue
            if ref_kind == "unit":
                checker._unit_known(line, value)
            elif ref_kind == "staff" and value not in checker.file_staff | checker.db_staff:
                err(line, f"Không tìm thấy cán bộ “{value}”.")
            elif ref_kind == "case" and value not in checker.file_cases | checker.db_cases:
                err(line, f"Không tìm thấy việc “{value}”.")
            elif ref_kind == "letter" and value not in known_letters:
                err(line, f"Không tìm thấy đơn “{value}”.")
            elif ref_kind == "reception" and value not in own["reception"]:
                err(line, f"Không tìm thấy buổi tiếp công dân “{value}” trong tệp.")
        _rules(rec, lambda message, line=line: err(line, message), checker.today)


def _rules(rec: dict, err, today: dt.date) -> None:
    dates = [v for k, v in rec.items() if isinstance(v, dt.date)]
    if any(d > today for d in dates):
        err("Không được ghi nhận ngày ở tương lai.")
    kind = rec["type"]
    if kind == "letter":
        for key in ("handled_on", "resolved_on"):
            if rec[key] and rec[key] < rec["received_on"]:
                err(f"“{key}” không được trước ngày nhận đơn.")
        if bool(rec["handling"]) != bool(rec["handled_on"]):
            err("“handling” và “handled_on” phải đi cùng nhau.")
        if rec["duplicate_of"] == rec["code"]:
            err("Đơn không thể trùng với chính nó.")
    elif kind == "matter":
        if rec["resolved_on"] and rec["resolved_on"] < rec["accepted_on"]:
            err("Ngày giải quyết xong không được trước ngày thụ lý.")
        if bool(rec["resolved_on"]) != bool(rec["outcome"]):
            err("“resolved_on” và “outcome” phải đi cùng nhau.")
        if rec["deadline_on"] < rec["accepted_on"]:
            err("Hạn giải quyết không được trước ngày thụ lý.")
    elif rec["group_people"] > rec["people"]:
        err("Số người trong đoàn đông người không được lớn hơn số người.")


# ---- phase 3: write ---------------------------------------------------------------------------


class _Lookup:
    """Codes → ids: what the import wrote so far, else the database (one query per kind)."""

    def __init__(self, units: dict, staff: dict, case_ids: dict[str, int]):
        self.ids: dict[str, dict[str, int]] = {
            "unit": {c: u.pk for c, u in units.items()},
            "staff": {c: s.pk for c, s in staff.items() if getattr(s, "pk", None)},
            "case": dict(case_ids),
            "letter": {},
            "reception": {},
        }

    def load(self, kind: str, model, codes: set[str]) -> None:
        missing = codes - self.ids[kind].keys()
        if missing:
            self.ids[kind].update(model.objects.filter(code__in=missing).values_list("code", "pk"))

    def fields(self, rec: dict) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, attr, kind, _req in FIELDS[rec["type"]]:
            if not attr:
                continue
            value = rec[key]
            if kind in REFS:
                out[f"{attr}_id"] = self.ids[kind][value] if value else None
            else:
                out[attr] = value
        return out


def write(records: list[dict], units: dict, staff: dict, case_ids: dict[str, int]) -> int:
    """Sessions, letters (duplicates after the letter they repeat), matters and their steps."""
    from thads.org.models import Staff, Unit

    by_kind = {kind: [r for r in records if r["type"] == kind] for kind in TYPES}
    look = _Lookup(units, staff, case_ids)
    look.load("unit", Unit, refs(records, "unit"))
    look.load("staff", Staff, refs(records, "staff"))
    look.load("case", _case_model(), refs(records, "case"))
    for rec in by_kind["reception"]:
        look.ids["reception"][rec["key"]] = ReceptionSession.objects.create(**look.fields(rec)).pk
    look.load("letter", Complaint, refs(records, "letter"))
    pending = list(by_kind["letter"])
    while pending:
        ready = [
            r for r in pending if not r["duplicate_of"] or r["duplicate_of"] in look.ids["letter"]
        ]
        for rec in ready or pending[:1]:
            letter = Complaint.objects.create(**look.fields(rec))
            look.ids["letter"][letter.code] = letter.pk
            paper_number_used(letter)
            Sender.objects.bulk_create(
                Sender(letter=letter, position=i, **s) for i, s in enumerate(rec["senders"], 1)
            )
        pending = [r for r in pending if r["code"] not in look.ids["letter"]]
    for rec in by_kind["matter"]:
        matter = Matter.objects.create(**look.fields(rec))
        MatterStep.objects.bulk_create(MatterStep(matter=matter, **s) for s in rec["steps"])
    return len(records)


def _case_model():
    from thads.cases.models import Case

    return Case


# ---- export -----------------------------------------------------------------------------------


def _value(obj, attr: str, kind: Any) -> Any:
    if kind in REFS:
        related = getattr(obj, attr)
        return related.code if related is not None else None
    value = getattr(obj, attr)
    return value.isoformat() if isinstance(value, dt.date) else value


def _record(kind: str, obj, **extra) -> dict:
    rec: dict[str, Any] = {"type": kind}
    for key, attr, field_kind, _req in FIELDS[kind]:
        rec[key] = extra[key] if key in extra else _value(obj, attr, field_kind)
    return rec


def session_key(session: ReceptionSession, ordinal: int) -> str:
    """A reception session's code in a file: unit, day and its order that day."""
    return f"{session.unit.code}/{session.held_on.isoformat()}/{ordinal}"


def export(owned: set[int] | None, legacy: Callable[[Complaint], dict]) -> Iterator[dict]:
    """Sessions, then letters (a `complaint` record when the letter is exactly one), then
    matters, for the units in `owned` (None: all), each in a fixed order."""
    sessions = ReceptionSession.objects.select_related("unit", "host")
    letters = Complaint.objects.select_related(
        "unit", "case", "duplicate_of", "reception__unit"
    ).prefetch_related(
        "senders",
        "matters__steps",
        "matters__case",
        "matters__subject_unit",
        "matters__subject_staff",
        "matters__resolver_unit",
        "matters__verifier",
    )
    if owned is not None:
        sessions = sessions.filter(unit_id__in=owned)
        letters = letters.filter(unit_id__in=owned)
    keys: dict[int, str] = {}
    ordinals: dict[tuple[int, dt.date], int] = {}
    for s in sessions.order_by("unit__code", "held_on", "pk"):
        n = ordinals[(s.unit_id, s.held_on)] = ordinals.get((s.unit_id, s.held_on), 0) + 1
        keys[s.pk] = session_key(s, n)
        yield _record("reception", s, key=keys[s.pk])
    matters: list[dict] = []
    deadlines: dict = {}
    for letter in letters.order_by("code"):
        rec = letter_record(letter, keys)
        own = [matter_record(m) for m in sorted(letter.matters.all(), key=lambda m: m.code)]
        candidate = legacy(letter)
        if legacy_shape(candidate, letter, keys, deadlines) == (rec, own):
            yield candidate
            continue
        yield rec
        matters += own
    yield from matters


def letter_record(
    letter: Complaint, session_keys: dict[int, str], senders: list[Sender] | None = None
) -> dict:
    key = session_keys.get(letter.reception_id) if letter.reception_id else None
    rec = _record("letter", letter, reception=key)
    if senders is None:
        senders = sorted(letter.senders.all(), key=lambda s: (s.position, s.pk))
    rec["senders"] = [
        {"name": s.name, "id_number": s.id_number, "address": s.address, "phone": s.phone,
         "is_representative": s.is_representative, "authorisation": s.authorisation}
        for s in senders
    ]  # fmt: skip
    return rec


def matter_record(matter: Matter) -> dict:
    rec = _record("matter", matter)
    rec["steps"] = [
        {"kind": s.kind, "on": s.on.isoformat(), "note": s.note}
        for s in sorted(matter.steps.all(), key=lambda s: (s.on, s.pk))
    ]
    return rec


def legacy_shape(
    complaint: dict, letter: Complaint, session_keys: dict[int, str], deadlines: dict
) -> tuple[dict, list[dict]]:
    """The letter and matter records a `complaint` record imports as (complaints.imports)."""
    received = dt.date.fromisoformat(complaint["received_on"])
    resolved = complaint["resolved_on"] and dt.date.fromisoformat(complaint["resolved_on"])
    result = complaint.get("result", "")
    twin = Complaint(
        code=letter.code,
        unit=letter.unit,
        kind=letter.kind,
        received_on=received,
        case=letter.case,
        resolved_on=resolved or None,
        result=result,
        **legacy_letter_fields(result, received, resolved or None),
    )
    matters = legacy_matters([twin], deadlines)
    for m in matters:
        m.subject_unit = m.resolver_unit = letter.unit
        m.case = letter.case
    return letter_record(twin, session_keys, []), [matter_record_unsaved(m) for m in matters]


def matter_record_unsaved(matter: Matter) -> dict:
    """`matter_record` of a matter not in the database (no steps)."""
    rec = _record("matter", matter)
    rec["steps"] = []
    return rec
