"""Helpers shared by the oversight interchange records (`importer.oversight`,
`importer.oversight_plans`): nested objects and lists read with their own reader, every field
read even after a failure, references to units and cases, dates written back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thads.cases.models import Case
from thads.interchange.importer.records import _Invalid

SUB_KEYS = {
    "notice": ({"number", "on"}, {"delivered_on"}),
    "court_order": ({"number", "on"}, set()),
    "published": ({"on", "where"}, set()),
    "outcome": ({"kind", "on"}, set()),
    "step": ({"kind", "on"}, {"number", "recipient", "note"}),
    "conclusion": ({"number", "on", "text"}, set()),
    "finding": ({"violation", "description"}, {"case"}),
    "recommendation": (
        {"kind", "content", "issued_on", "due_on"},
        {"people", "amount", "closed_on", "result", "follow_ups"},
    ),
    "follow_up": ({"on", "note"}, set()),
    "answer": ({"number", "on", "result"}, {"reasons", "measures"}),
    "plan_item": (
        {"target", "kind", "month"},
        {"subject", "trimmed_on", "trim_reason", "inspection"},
    ),
}


def _sub(r, key: str, spec: str, where: str, read):
    """An optional nested object read with its own reader (None when absent)."""
    value = r.obj.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        r.fail(f"“{key}” phải là một đối tượng JSON.")
    sub = type(r)(value, r.errors, where)
    if not sub.keys(f"“{key}”", SUB_KEYS[spec]):
        raise _Invalid
    return read(sub)


def _list(r, key: str, spec: str, label: str, read) -> list:
    value = r.obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        r.fail(f"“{key}” phải là một danh sách.")
    out = []
    for i, item in enumerate(value, start=1):
        if spec == "code":
            if not isinstance(item, str) or not item.strip():
                r.fail(f"{label} thứ {i} phải là một mã việc.")
            out.append(item)
            continue
        if not isinstance(item, dict):
            r.fail(f"{label} thứ {i} phải là một đối tượng JSON.")
        sub = type(r)(item, r.errors, f"{label} thứ {i}: ")
        if not sub.keys(label, SUB_KEYS[spec]):
            raise _Invalid
        out.append(read(sub))
    return out


def _bounded(r, low: int, high: int, problem: str):
    """A converter of whole numbers from `low` to `high`; `problem` says what was expected."""

    def convert(key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            r.fail(f"“{key}” {problem}")
        return value

    return convert


def _people(r):
    return _bounded(r, 0, 10_000, "phải là số nguyên không âm.")


def _fields(r, spec: list[tuple[str, Any]]) -> dict:
    """Read every field even after a failure (all problems of the line are reported)."""
    out: dict[str, Any] = {}
    failed = False
    for key, read in spec:
        try:
            out[key] = read()
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return out


def _month(r):
    return _bounded(r, 1, 12, "phải là tháng từ 1 đến 12.")


def _year(r):
    return _bounded(r, 2000, 2100, "phải là năm (2000–2100).")


def _staff(staff: dict, code: str | None):
    if not code:
        return None
    if code in staff:
        return staff[code]
    from thads.org.models import Staff

    return Staff.objects.get(code=code)


def _unit(units: dict, code: str):
    if code in units:
        return units[code]
    from thads.org.models import Unit

    return Unit.objects.get(code=code)


def _case_ids(known: dict[str, int], codes: set[str]) -> dict[str, int]:
    missing = codes - known.keys()
    found = dict(Case.objects.filter(code__in=missing).values_list("code", "pk")) if missing else {}
    return {**{c: known[c] for c in codes & known.keys()}, **found}


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
