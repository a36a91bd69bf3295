"""`thads export`: write the database (or one unit's part of it) as JSON Lines.

Writes exactly what `importer` reads, in a deterministic order (by codes, never by database
keys), so that export → import into an empty database → export gives the same bytes.
Cases are streamed in chunks: one query for the cases, then one each for their parties, their
events and the codes they refer to — never one query per case.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from thads.cases.models import Case, CaseEvent, EventType, Party
from thads.complaints.models import Complaint
from thads.interchange.importer import complaint_records, oversight_export
from thads.org.models import Membership, Unit
from thads.targets.models import Target

CHUNK = 2000


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def scope_units(code: str | None) -> tuple[set[int] | None, set[int] | None]:
    """(units whose records are written, units whose cases/targets/complaints are written).

    For `--unit CODE`: the cases of the unit's subtree and of every unit that rolls up to it
    through the successor mapping; unit records for those, their ancestors and every unit they
    refer to (successor, parent), so the file imports into an empty database.
    """
    if code is None:
        return None, None
    root = Unit.objects.get(code=code)
    units = {u.pk: u for u in Unit.objects.all()}
    children = defaultdict(list)
    predecessors = defaultdict(list)
    for u in units.values():
        if u.parent_id:
            children[u.parent_id].append(u.pk)
        if u.successor_id:
            predecessors[u.successor_id].append(u.pk)
    owned: set[int] = set()
    stack = [root.pk]
    while stack:
        pk = stack.pop()
        if pk in owned:
            continue
        owned.add(pk)
        stack.extend(children[pk])
        stack.extend(predecessors[pk])
    return owned, set(owned)


def _close_units(written: set[int], extra: set[int]) -> set[int]:
    units = {u.pk: u for u in Unit.objects.all()}
    result = set(written)
    stack = list(written | extra)
    while stack:
        pk = stack.pop()
        result.add(pk)
        u = units[pk]
        for ref in (u.parent_id, u.successor_id):
            if ref and ref not in result:
                stack.append(ref)
    return result


def export_lines(unit: str | None = None) -> Iterator[str]:
    """Every record, one JSON line each: units, staff, targets, cases, the complaints register
    (reception sessions, letters — a `complaint` record when a letter is exactly one — and
    matters), then the oversight records (administrative judgments, inspections, procuracy
    acts)."""
    owned, _ = scope_units(unit)
    cases = Case.objects.all()
    postings = Membership.objects.select_related("staff", "unit")
    targets = Target.objects.select_related("unit")
    if owned is not None:
        cases = cases.filter(unit_id__in=owned)
        staff_ids = set(
            Membership.objects.filter(unit_id__in=owned).values_list("staff_id", flat=True)
        )
        staff_ids |= set(
            cases.filter(officer__isnull=False).values_list("officer_id", flat=True).distinct()
        )
        postings = postings.filter(staff_id__in=staff_ids)
        targets = targets.filter(unit_id__in=owned)
        referenced = set(postings.values_list("unit_id", flat=True))
        referenced |= set(
            CaseEvent.objects.filter(case__unit_id__in=owned, to_unit__isnull=False).values_list(
                "to_unit_id", flat=True
            )
        )
        unit_ids = _close_units(owned, referenced)
        units = Unit.objects.filter(pk__in=unit_ids)
    else:
        units = Unit.objects.all()
    yield from _units(units)
    for m in postings.order_by("staff__code", "valid_from"):
        yield _line(
            {
                "type": "staff",
                "code": m.staff.code,
                "name": m.staff.full_name,
                "unit": m.unit.code,
                "title": m.staff.title,
                "is_head": m.is_head,
                "valid_from": _date(m.valid_from),
                "valid_to": _date(m.valid_to),
            }
        )
    for t in targets.order_by("unit__code", "year"):
        yield _line(
            {
                "type": "target",
                "unit": t.unit.code,
                "year": t.year,
                "case_rate": f"{t.case_rate:.2f}",
                "money_rate": f"{t.money_rate:.2f}",
            }
        )
    yield from _cases(cases, owned)
    for record in complaint_records.export(owned, _complaint_record):
        yield _line(record)
    for record in oversight_export.export(owned):
        yield _line(record)


def _complaint_record(c: Complaint) -> dict:
    """A letter as the `complaint` record of the spec (written when it is exactly one)."""
    record = {
        "type": "complaint",
        "code": c.code,
        "unit": c.unit.code,
        "kind": c.kind,
        "received_on": _date(c.received_on),
        "case": c.case.code if c.case_id else None,
        "resolved_on": _date(c.resolved_on),
    }
    if c.result:
        record["result"] = c.result
    return record


def _units(units) -> Iterator[str]:
    rows = list(units.select_related("parent", "successor").order_by("code"))
    for u in rows:
        yield _line(
            {
                "type": "unit",
                "code": u.code,
                "name": u.name,
                "short_name": u.short_name or None,
                "parent": u.parent.code if u.parent_id else None,
                "level": u.level,
                "valid_from": _date(u.valid_from),
                "valid_to": _date(u.valid_to),
                "successor": u.successor.code if u.successor_id else None,
            }
        )


def _cases(cases, owned: set[int] | None) -> Iterator[str]:
    unit_codes = dict(Unit.objects.values_list("pk", "code"))
    codes = cases.order_by("code").values_list("code", flat=True)
    all_codes = list(codes.iterator(chunk_size=CHUNK))
    for start in range(0, len(all_codes), CHUNK):
        chunk = all_codes[start : start + CHUNK]
        rows = list(
            Case.objects.filter(code__in=chunk)
            .select_related("judgment", "officer", "from_case", "duplicate_of")
            .order_by("code")
        )
        ids = [c.pk for c in rows]
        parties = defaultdict(list)
        for p in Party.objects.filter(case_id__in=ids).order_by("case_id", "position", "pk"):
            parties[p.case_id].append(p)
        events = defaultdict(list)
        for e in CaseEvent.objects.filter(case_id__in=ids).order_by("case_id", "seq"):
            events[e.case_id].append(e)
        for case in rows:
            yield _line(_case_record(case, parties[case.pk], events[case.pk], unit_codes, owned))


def _case_record(case: Case, parties, events, unit_codes, owned) -> dict:
    flags = [
        flag
        for flag, on in (
            ("ngan_sach", case.is_state_budget),
            ("tin_dung", case.is_bank_credit),
            ("tham_nhung_kinh_te", case.is_corruption),
        )
        if on
    ]
    record: dict = {
        "type": "case",
        "code": case.code,
        "unit": unit_codes[case.unit_id],
        "accepted_on": _date(case.accepted_on),
    }
    if case.received_on:
        record["received_on"] = _date(case.received_on)
    j = case.judgment
    record.update(
        {
            "decision_no": case.decision_no,
            "decision_date": _date(case.decision_date),
            "mode": case.mode,
            "judgment": {
                "court": j.court,
                "number": j.number,
                "date": _date(j.date),
                "kind": j.kind,
            },
            "flags": flags,
            "officer": case.officer.code if case.officer_id else None,
            "amount": case.amount,
            "parties": [_party(p) for p in parties],
            "events": _events(events, unit_codes),
        }
    )
    if case.from_case_id and (owned is None or case.from_case.unit_id in owned):
        record["from_case"] = case.from_case.code
    # Accepted although the same judgment and obligation were (`cases.duplicates`): the reason,
    # and the case it repeats when that case is written too.
    if case.duplicate_reason:
        record["duplicate_reason"] = case.duplicate_reason
    if case.duplicate_of_id and (owned is None or case.duplicate_of.unit_id in owned):
        record["duplicate_of"] = case.duplicate_of.code
    return record


def _party(p: Party) -> dict:
    item = {"role": p.role, "kind": p.kind, "name": p.name}
    if p.id_number:
        item["id_number"] = p.id_number
    if p.address:
        item["address"] = p.address
    return item


def _events(events: list[CaseEvent], unit_codes: dict[int, str]) -> list[dict]:
    # Positions in the list are 1-based and follow `seq`; `corrects` names a position.
    position = {e.pk: i for i, e in enumerate(events, start=1)}
    result = []
    for e in events:
        item: dict = {"on": _date(e.on), "type": e.type}
        data = dict(e.data or {})
        if e.amount is not None:
            item["amount"] = e.amount
        if e.type == EventType.HOAN and "reason" in data:
            item["reason"] = data.pop("reason")
        if e.to_unit_id:
            item["to_unit"] = unit_codes[e.to_unit_id]
        if data:
            item["data"] = data
        if e.corrects_id:
            item["corrects"] = position[e.corrects_id]
        result.append(item)
    return result
