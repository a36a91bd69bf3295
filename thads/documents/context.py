"""What a template's placeholders read: the case, its parties and money, the act, as text.

Every value is already written as on paper — dates dd/mm/yyyy, money "10.000.000 đồng (Mười
triệu đồng)", choices by their label, a ground with its citation — so that template bodies
(data) stay plain text with `{{ placeholders }}`. A value the case does not have renders as
"…" (to be completed by hand), never as an empty hole or a raw code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from thads.cases import acts
from thads.cases.law import law_on
from thads.cases.models import Case, EventType, Party
from thads.common.money import amount_in_words, group_thousands
from thads.org.letterhead import procuracy_name, unit_on
from thads.org.models import Unit

MISSING = "…"
NOT_SOLD = "không có (đấu giá không thành)"


def money_text(value: int | None) -> str:
    """10000000 → '10.000.000 đồng (Mười triệu đồng)'."""
    if value is None:
        return MISSING
    return f"{group_thousands(value)} đồng ({amount_in_words(value)})"


def day_text(value: dt.date | str | None) -> str:
    if not value:
        return MISSING
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{day:%d/%m/%Y}"


def _party_line(party: Party) -> str:
    who = "Tổ chức" if party.kind == Party.Kind.TO_CHUC else "Ông (bà)"
    line = f"{who}: {party.name}"
    if party.id_number:
        line += f"; số định danh: {party.id_number}"
    return line + (f"; địa chỉ: {party.address}" if party.address else "")


def act_values(event_type: str, act: dict, law_version: str) -> dict[str, str]:
    """The act's fields as written on paper (labels for choices, dd/mm/yyyy, money in words)."""
    values: dict[str, str] = {}
    for f in (*acts.act_fields(event_type), *acts.COMMON_FIELDS):
        value = act.get(f.key)
        if value in (None, ""):
            continue
        if f.kind == acts.DATE:
            values[f.key] = day_text(value)
        elif f.kind == acts.MONEY:
            values[f.key] = money_text(int(value))
        elif f.kind == acts.CHOICE and f.key == "ground":
            known = acts.grounds(event_type, law_version)
            label, cite = known[value][1], known[value][0]
            values[f.key] = label
            values["ground_cite"] = cite
        elif f.kind == acts.CHOICE:
            values[f.key] = str(dict(f.choices).get(value, value))
        else:
            values[f.key] = str(value)
    if event_type == EventType.DAU_GIA and act.get("result") == "khong_thanh":
        # A failed auction sold nothing: its notice says so, not a blank (Luật THADS 2008,
        # Điều 104: the price is then reduced).
        values.setdefault("sale_price", NOT_SOLD)
    return values


def case_context(
    case: Case,
    *,
    day: dt.date,
    event_type: str = "",
    act: dict | None = None,
    amount: int | None = None,
    to_unit: Unit | None = None,
) -> dict[str, Any]:
    """The placeholders of a document of `case` dated `day` about the act `act`."""
    law = law_on(day)
    unit = unit_on(case.unit, day)
    parties = list(case.parties.all())
    debtors = [p for p in parties if p.role == Party.Role.PHAI_THI_HANH]
    creditors = [p for p in parties if p.role == Party.Role.DUOC_THI_HANH]
    obligations = list(case.obligations.all())
    judgment = case.judgment
    officer = case.officer.full_name if case.officer_id else MISSING
    values = act_values(event_type, act or {}, law.version)
    return {
        "case_code": case.code,
        "unit_name": unit.name,
        "procuracy": procuracy_name(unit),
        "law": law.short_name,
        "law_name": law.name,
        "doc_day": day_text(day),
        "judgment": (
            f"Bản án, quyết định số {judgment.number} ngày {judgment.date:%d/%m/%Y} "
            f"của {judgment.court}"
        ),
        "court": judgment.court,
        "decision": f"Quyết định thi hành án số {case.decision_no} ngày "
        f"{case.decision_date:%d/%m/%Y}",
        "decision_no": case.decision_no,
        "decision_date": day_text(case.decision_date),
        "mode": case.get_mode_display().lower(),
        "debtor": ", ".join(p.name for p in debtors) or MISSING,
        "debtor_line": "; ".join(_party_line(p) for p in debtors) or MISSING,
        "debtor_address": debtors[0].address if debtors and debtors[0].address else MISSING,
        "creditor": ", ".join(p.name for p in creditors) or MISSING,
        "creditor_line": "; ".join(_party_line(p) for p in creditors) or MISSING,
        "obligations_text": "; ".join(
            f"{o.description}: {money_text(o.amount)}" if o.amount is not None else o.description
            for o in obligations
        )
        or MISSING,
        "amount_text": money_text(case.amount),
        "collected_text": money_text(case.collected),
        "remainder_text": money_text(case.remainder),
        "officer": officer,
        "act": values,
        "ground": values.get("ground", MISSING),
        "ground_cite": values.get("ground_cite", MISSING),
        "event_amount_text": money_text(amount),
        "to_unit": to_unit.name if to_unit else MISSING,
    }


def blank_context() -> dict[str, Any]:
    """A blank form: every placeholder prints as a line to fill in."""
    return {}
