"""The transition table exercised rule by rule: histories that reach any state, the parameters
each event type needs, the state an allowed event leads to (test_transitions, test_services)."""

from __future__ import annotations

import datetime as dt

from thads.cases.models import CaseMode, CaseState, EventType
from thads.cases.state import CaseSnapshot, replay
from thads.cases.transitions import RULES, CaseFacts
from thads.common.calendar import is_public_holiday, is_within_tet_window
from thads.testing.cases import ev

D = dt.date
S = CaseState
E = EventType

START = D(2024, 3, 4)  # a Monday, far from Tết 2024 and 2025


AMOUNT = 10_000_000


OTHER_UNIT = 2


def facts(**overrides) -> CaseFacts:
    values = {
        "amount": AMOUNT,
        "mode": CaseMode.THEO_DON,
        "accepted_on": START,
        "unit_id": 1,
        "has_state_budget_obligation": True,
    }
    values.update(overrides)
    return CaseFacts(**values)


class History:
    """Builds a lawful history step by step, one day apart (coercion on a lawful day)."""

    def __init__(self, start: dt.date = START):
        self.events: list = []
        self.day = start - dt.timedelta(days=1)

    @property
    def snapshot(self) -> CaseSnapshot:
        return replay(AMOUNT, self.events)

    def next_day(self, type: str, gap: int = 1) -> dt.date:
        day = self.day + dt.timedelta(days=gap)
        if type == E.CUONG_CHE:
            while day.weekday() >= 5 or is_public_holiday(day) or is_within_tet_window(day):
                day += dt.timedelta(days=1)
        return day

    def make(self, type: str, gap: int = 1, **kwargs):
        self.day = self.next_day(type, gap)
        return ev(type, self.day, **kwargs)

    def add(self, type: str, gap: int = 1, **kwargs) -> History:
        self.events.append(self.make(type, gap, **kwargs))
        return self


def prerequisites(h: History, type: str) -> None:
    if type in {E.THAM_DINH_GIA, E.THAM_DINH_GIA_LAI, E.DAU_GIA, E.GIAM_GIA, E.NHAN_TAI_SAN}:
        h.add(E.QUYET_DINH_CUONG_CHE, data={"measure": "ke_bien"})
    if type in {E.THAM_DINH_GIA_LAI, E.DAU_GIA, E.GIAM_GIA, E.NHAN_TAI_SAN}:
        h.add(E.THAM_DINH_GIA, amount=50_000_000)
    if type in {E.GIAM_GIA, E.NHAN_TAI_SAN}:
        h.add(E.DAU_GIA, data={"result": "khong_thanh"})
    if type == E.NHAN_TAI_SAN:
        for _ in range(2):
            h.add(E.GIAM_GIA)
            h.add(E.DAU_GIA, data={"result": "khong_thanh"})
    if type == E.CUONG_CHE:
        h.add(E.QUYET_DINH_CUONG_CHE, data={"measure": "khau_tru_tai_khoan"})
    if type in {E.CHI_TRA, E.XONG}:
        h.add(E.THU_TIEN, amount=AMOUNT if type == E.XONG else 1_000_000)


def params(type: str) -> dict:
    return {
        E.HOAN: {"data": {"reason": "khac"}},
        E.THU_TIEN: {"amount": 1_000_000},
        E.MIEN_GIAM: {"amount": 1_000_000},
        E.UY_THAC: {"to_unit_id": OTHER_UNIT},
        E.QUYET_DINH_CUONG_CHE: {"data": {"measure": "ke_bien"}},
        E.CUONG_CHE: {"data": {"time": "08:30"}},
        E.THAM_DINH_GIA: {"amount": 50_000_000},
        E.THAM_DINH_GIA_LAI: {"amount": 45_000_000},
        E.DAU_GIA: {"data": {"result": "thanh_cong"}},
        E.PHAN_CONG: {"data": {"officer": "A-01"}},
        E.CHI_TRA: {"amount": 1_000_000},
    }.get(type, {})


def reach(h: History, state: str) -> None:
    steps = {
        S.DANG_THI_HANH: [],
        S.CHUA_CO_DIEU_KIEN: [(E.CHUA_CO_DIEU_KIEN, {})],
        S.HOAN_THOA_THUAN: [(E.HOAN, {"data": {"reason": "thoa_thuan"}})],
        S.HOAN_KHAC: [(E.HOAN, {"data": {"reason": "khac"}})],
        S.TAM_DINH_CHI: [(E.TAM_DINH_CHI, {})],
        S.DINH_CHI: [(E.DINH_CHI, {})],
        S.UY_THAC: [(E.UY_THAC, {"to_unit_id": OTHER_UNIT})],
        S.THU_HOI: [(E.THU_HOI, {})],
        S.TRA_DON: [(E.TRA_DON, {})],
    }
    if state == S.XONG:
        remainder = h.snapshot.remainder
        if remainder:
            h.add(E.THU_TIEN, amount=remainder)
        h.add(E.XONG)
    elif state == S.SO_RIENG:
        h.add(E.CHUA_CO_DIEU_KIEN)
        h.add(E.XAC_MINH_LAI, gap=180)
        h.add(E.XAC_MINH_LAI, gap=180)
        h.add(E.SO_RIENG, gap=10)
    else:
        for type, kwargs in steps[state]:
            h.add(type, **kwargs)


PAIRS = sorted((type, state) for type, rule in RULES.items() for state in rule.allowed)


TERMINAL_EVENTS = {
    E.XONG: S.XONG,
    E.DINH_CHI: S.DINH_CHI,
    E.UY_THAC: S.UY_THAC,
    E.THU_HOI: S.THU_HOI,
    E.TRA_DON: S.TRA_DON,
    E.SO_RIENG: S.SO_RIENG,
}


def expected_state(type: str, before: CaseSnapshot, event) -> str:
    if type in TERMINAL_EVENTS:
        return TERMINAL_EVENTS[type]
    if type == E.XAC_MINH_CO_DIEU_KIEN:
        return S.DANG_THI_HANH
    if type == E.CHUA_CO_DIEU_KIEN:
        return S.CHUA_CO_DIEU_KIEN
    if type == E.HOAN:
        return S.HOAN_THOA_THUAN if event.data["reason"] == "thoa_thuan" else S.HOAN_KHAC
    if type == E.TAM_DINH_CHI:
        return S.TAM_DINH_CHI
    if type == E.TIEP_TUC:
        return S.DANG_THI_HANH  # every path here suspends a dang_thi_hanh case
    return before.state
