"""Phase 1, the fast reader: a well-formed case line into its record, or None.

A file of 100 000 cases is nearly all well-formed case lines: `_fast_case` reads such a line
with plain type checks and builds exactly the record `parsing._parse_case` would; on anything
unusual (a missing or extra key, a wrong type, a refused value) it gives up and `_parse_case`
reads the line again and reports the problems. So the messages come from one place only
(`tests/test_import_speed.py` compares both readers).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from thads.cases.acts import act_problems
from thads.cases.models import CaseMode, EventType, JudgmentKind, Party
from thads.common.parameters import MAX_MONEY
from thads.interchange.importer.records import (
    AMOUNT_EVENTS,
    EVENT_KEYS,
    FLAGS,
    JUDGMENT_KEYS,
    KEYS,
    PARTY_KEYS,
    CaseRec,
    EventRec,
)

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
EVENT_TYPE_SET = frozenset(EventType.values)
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
            if amount is not None and (type(amount) is not int or not 0 <= amount <= MAX_MONEY):
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
        if data and act_problems(kind, data, on=on):
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
    if type(amount) is not int or not 0 <= amount <= MAX_MONEY:
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
    duplicate_reason = get("duplicate_reason")
    if duplicate_reason is None:
        duplicate_reason = ""
    elif not _fast_text(duplicate_reason):
        return None
    duplicate_of = get("duplicate_of")
    if duplicate_of is not None and not _fast_text(duplicate_of):
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
        duplicate_reason=duplicate_reason,
        duplicate_of=duplicate_of,
    )
