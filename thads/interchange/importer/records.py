"""The records of an interchange file, as the importer reads them, and what an import returns.

The keys and choices follow `../shared/spec/interchange.md`; the readers (`parsing`,
`fast_parsing`) turn each line into one of these plain records, the checks resolve their
references, the writers turn them into rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from thads.cases.models import STATISTICAL_EVENTS, EventType

RECORD_TYPES = (
    "unit",
    "staff",
    "target",
    "case",
    "complaint",
    "admin_judgment",
    "inspection",
    "procuracy_act",
    "inspection_plan",
    "exemption_dossier",
    "letter",
    "matter",
    "reception",
)
FLAGS = ("ngan_sach", "tin_dung", "tham_nhung_kinh_te")
# The one obligation written for every imported case (the format has no obligation records).
OBLIGATION_DESCRIPTION = "Nghĩa vụ thi hành án theo bản án, quyết định"
WORK_EVENTS = frozenset(EventType.values) - STATISTICAL_EVENTS
# Extra keys of an event besides on, type, data, corrects (see docs/interchange-notes.md).
AMOUNT_EVENTS = frozenset({EventType.THU_TIEN, EventType.MIEN_GIAM}) | WORK_EVENTS
RATE_RE = re.compile(r"^\d{1,3}(\.\d{1,2})?$")

KEYS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required, optional)
    "unit": (
        {"code", "name", "level", "valid_from"},
        {"parent", "valid_to", "successor", "short_name"},
    ),
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
        # duplicate_reason / duplicate_of: a case of a judgment and obligation already taken
        # (`cases.duplicates`, docs/interchange-notes.md).
        {
            "received_on",
            "flags",
            "officer",
            "events",
            "from_case",
            "duplicate_reason",
            "duplicate_of",
        },
    ),
    "complaint": (
        {"code", "unit", "kind", "received_on"},
        {"case", "resolved_on", "result"},
    ),
}
# Oversight records (importer.oversight): administrative judgments, inspections, procuracy acts,
# inspection plans, exemption dossiers.
KEYS.update({
    "admin_judgment": (
        {"code", "unit", "court", "number", "judgment_date", "instance", "doc_type", "kind",
         "received_on", "plaintiff", "obliged_name", "obliged_body", "has_content"},
        {"content", "officer", "notice", "obliged_received_on", "court_order", "published",
         "outcome", "not_done_reason", "steps"},
    ),
    "inspection": (
        {"code", "inspecting_unit", "unit", "kind", "decision_no", "decision_on", "team", "scope",
         "period_from", "period_to"},
        {"conclusion", "files", "findings", "recommendations"},
    ),
    "procuracy_act": (
        {"unit", "kind", "level", "procuracy", "number", "act_on", "received_on", "content",
         "answer_due"},
        {"decisions", "decision_received_on", "cases", "answer_rule", "answer"},
    ),
    "inspection_plan": ({"unit", "year", "decision_no", "approved_on"}, {"items"}),
    "exemption_dossier": (
        {"case", "eligible_on", "amount_requested"},
        {"sent_on", "court_accepted_on", "decided_on", "decision_no", "result", "event_on"},
    ),
})  # fmt: skip
JUDGMENT_KEYS = ({"court", "number", "date", "kind"}, set())
PARTY_KEYS = ({"role", "kind", "name"}, {"id_number", "address"})
EVENT_KEYS = ({"on", "type"}, {"amount", "reason", "to_unit", "data", "corrects"})


class _Invalid(Exception):
    """One field was refused; the message is already recorded (parsing and oversight)."""


class ImportFailed(Exception):
    """The file was refused; `errors` lists every (line, message), in line order."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = sorted(errors, key=lambda e: e[0])
        first = "; ".join(f"line {line}: {message}" for line, message in self.errors[:5])
        super().__init__(f"{len(self.errors)} lỗi: {first}")


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
    short_name: str | None = None


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
    # Why it is accepted although the same judgment and obligation were (`cases.duplicates`),
    # and the code of the case it repeats (found by the checks when not given).
    duplicate_reason: str = ""
    duplicate_of: str | None = None
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
    oversight: list[dict] = field(default_factory=list)  # importer.oversight records
    # importer.complaint_records: letters, matters, reception sessions
    complaint_records: list[dict] = field(default_factory=list)


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
    oversight: int = 0
    complaint_records: int = 0

    def summary(self) -> str:
        return (
            f"Đã nhập: {self.units} đơn vị, {self.staff} cán bộ ({self.postings} quá trình "
            f"công tác), {self.targets} chỉ tiêu, {self.judgments} bản án mới, {self.cases} "
            f"việc ({self.events} sự kiện), {self.complaints} đơn thư"
            + (
                f", {self.complaint_records} bản ghi đơn, vụ việc, buổi tiếp công dân"
                if self.complaint_records
                else ""
            )
            + (
                f", {self.oversight} bản ghi theo dõi thi hành án hành chính, kiểm tra, kiểm sát."
                if self.oversight
                else "."
            )
        )
