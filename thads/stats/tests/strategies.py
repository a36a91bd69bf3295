"""Hypothesis strategies: random LAWFUL case histories, built with the transition table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import strategies as st

from thads.cases.law import law_on
from thads.cases.models import CaseMode, EventType
from thads.cases.state import CaseSnapshot, apply_event
from thads.cases.transitions import CaseFacts, Context, TransitionError, check_event

# Event types the generator may use (the statistical ones and a few work events).
CANDIDATES = [
    EventType.XAC_MINH_CO_DIEU_KIEN,
    EventType.CHUA_CO_DIEU_KIEN,
    EventType.XAC_MINH_LAI,
    EventType.HOAN,
    EventType.TAM_DINH_CHI,
    EventType.TIEP_TUC,
    EventType.THU_TIEN,
    EventType.THU_TIEN,
    EventType.MIEN_GIAM,
    EventType.XONG,
    EventType.DINH_CHI,
    EventType.THU_HOI,
    EventType.TRA_DON,
    EventType.SO_RIENG,
]


@dataclass
class PlannedEvent:
    type: str
    on: dt.date
    amount: int | None = None
    data: dict | None = None
    seq: int = 0
    pk: int | None = None
    corrects_id: int | None = None
    to_unit_id: int | None = None


@dataclass
class PlannedCase:
    unit_code: str
    accepted_on: dt.date
    amount: int
    mode: str
    state_budget: bool
    officer_code: str | None
    events: list[PlannedEvent]


UNITS = ["TN-SC", "TN-PY", "TN-DT"]
OFFICERS = {
    "TN-SC": ["TN-SC-02", "TN-SC-03", None],
    "TN-PY": ["TN-PY-02", None],
    "TN-DT": ["TN-DT-02", "TN-DT-03"],
}


@st.composite
def lawful_case(draw) -> PlannedCase:
    unit = draw(st.sampled_from(UNITS))
    accepted = dt.date(2019, 10, 1) + dt.timedelta(days=draw(st.integers(0, 4 * 365)))
    amount = draw(st.integers(0, 50)) * 1_000_000
    mode = draw(st.sampled_from([CaseMode.CHU_DONG, CaseMode.THEO_DON]))
    state_budget = mode == CaseMode.CHU_DONG and draw(st.booleans())
    facts = CaseFacts(
        amount=amount, mode=mode, accepted_on=accepted, has_state_budget_obligation=state_budget
    )
    snapshot = CaseSnapshot(amount=amount)
    events: list[PlannedEvent] = []
    day = accepted
    for seq in range(1, draw(st.integers(0, 8)) + 1):
        day = day + dt.timedelta(days=draw(st.integers(0, 200)))
        if day >= dt.date(2025, 6, 30):
            break
        kind = draw(st.sampled_from(CANDIDATES))
        amount_ = None
        data = {}
        if kind in (EventType.THU_TIEN, EventType.MIEN_GIAM):
            if snapshot.remainder <= 0:
                continue
            amount_ = draw(st.integers(1, max(1, snapshot.remainder // 1_000_000))) * 1_000_000
            amount_ = min(amount_, snapshot.remainder)
        if kind == EventType.HOAN:
            data = {"reason": draw(st.sampled_from(["thoa_thuan", "khac"]))}
        event = PlannedEvent(type=kind, on=day, amount=amount_, data=data, seq=seq)
        try:
            check_event(Context(facts, snapshot, list(events), event, law_on(day)))
        except TransitionError:
            continue
        snapshot = apply_event(snapshot, event)
        events.append(event)
        if not snapshot.is_open:
            break
    officer = draw(st.sampled_from(OFFICERS[unit]))
    return PlannedCase(unit, accepted, amount, mode, state_budget, officer, events)
