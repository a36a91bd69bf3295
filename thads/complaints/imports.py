"""The interchange's `complaint` record (one letter) in the register's terms, for bulk import.

Meaning (docs/interchange-notes.md): with `result` "chuyen" the letter was forwarded to the
competent body (a letter, not a matter); otherwise it was accepted on `received_on` and is one
matter resolved by the receiving unit, resolved when `resolved_on` is set, with `result` as its
outcome. The deadline comes from the rule table in force on the day of acceptance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from thads.complaints import rules
from thads.complaints.models import Complaint, ComplaintResult, Handling, Matter


def legacy_letter_fields(result: str, received_on: dt.date, resolved_on: dt.date | None) -> dict:
    """How the letter was handled, from the record's result."""
    if result == ComplaintResult.CHUYEN:
        return {
            "competent": False,
            "handling": Handling.CHUYEN_DON,
            "handled_on": resolved_on or received_on,
        }
    return {"competent": True, "eligible": True, "handling": Handling.THU_LY,
            "handled_on": received_on}  # fmt: skip


def legacy_matters(
    letters: Iterable[Complaint], deadlines: dict[tuple[str, dt.date], dt.date] | None = None
) -> list[Matter]:
    """The matters of accepted legacy letters (unsaved, for bulk_create); `deadlines` caches
    the rule table's deadline per (kind, day) across calls."""
    deadlines = {} if deadlines is None else deadlines
    matters = []
    for letter in letters:
        if letter.handling != Handling.THU_LY:
            continue
        instance = 1 if letter.kind == "khieu_nai" else None
        memo = (letter.kind, letter.received_on)
        if memo not in deadlines:
            deadlines[memo] = rules.resolve_deadline(letter.kind, instance, "", letter.received_on)[
                0
            ]
        matters.append(
            Matter(
                code=letter.code,
                letter=letter,
                kind=letter.kind,
                instance=instance,
                case_id=letter.case_id,
                subject_role="officer",
                subject_unit_id=letter.unit_id,
                resolver_unit_id=letter.unit_id,
                accepted_on=letter.received_on,
                deadline_on=deadlines[memo],
                resolved_on=letter.resolved_on,
                outcome=letter.result if letter.resolved_on else "",
            )
        )
    return matters
