"""Replay (`cases.state`): hand-made histories and a hypothesis property on lawful sequences."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads.cases.law import add_months, law_on
from thads.cases.models import CaseMode, CaseState, EventType
from thads.cases.state import CaseSnapshot, apply_event, effective_events, replay
from thads.cases.transitions import (
    COERCION_MEASURES,
    CaseFacts,
    Context,
    TransitionError,
    allowed_events,
    check_event,
    validate_history,
)
from thads.common.calendar import is_public_holiday, is_within_tet_window
from thads.testing.cases import ev

D = dt.date
E = EventType
S = CaseState


# ---- hand-made histories ---------------------------------------------------------------------


def test_replay_until_a_date():
    events = [
        ev(E.XAC_MINH_CO_DIEU_KIEN, D(2024, 3, 5)),
        ev(E.THU_TIEN, D(2024, 4, 1), amount=300),
        ev(E.MIEN_GIAM, D(2024, 5, 1), amount=200),
        ev(E.THU_TIEN, D(2024, 6, 1), amount=500),
        ev(E.XONG, D(2024, 6, 1)),
    ]
    assert replay(1_000, events, until=D(2024, 3, 31)) == CaseSnapshot(
        amount=1_000, is_classified=True, last_verification_on=D(2024, 3, 5)
    )
    mid = replay(1_000, events, until=D(2024, 5, 31))
    assert (mid.collected, mid.reduced, mid.remainder, mid.state) == (
        300,
        200,
        500,
        S.DANG_THI_HANH,
    )
    end = replay(1_000, events)
    assert (end.state, end.closed_on, end.remainder, end.is_open) == (
        S.XONG,
        D(2024, 6, 1),
        0,
        False,
    )


def test_events_are_replayed_in_date_then_sequence_order():
    late = ev(E.XONG, D(2024, 6, 2), seq=1)
    paid = ev(E.THU_TIEN, D(2024, 6, 1), amount=1_000, seq=2)
    assert replay(1_000, [late, paid]).state == S.XONG
    assert [e.type for e in effective_events([late, paid])] == [E.THU_TIEN, E.XONG]


def test_corrections_replace_and_voids_remove():
    wrong = ev(E.THU_TIEN, D(2024, 6, 1), amount=900)
    fixed = ev(E.THU_TIEN, D(2024, 6, 1), amount=400, corrects_id=wrong.pk)
    other = ev(E.THU_TIEN, D(2024, 6, 2), amount=100)
    void = ev(E.HUY_SU_KIEN, D(2024, 6, 3), corrects_id=other.pk)
    assert replay(1_000, [wrong, fixed, other, void]).collected == 400
    assert effective_events([wrong, fixed, other, void]) == [fixed]


def test_postponement_remembers_the_state_to_resume():
    s = CaseSnapshot(amount=10)
    s = apply_event(s, ev(E.CHUA_CO_DIEU_KIEN, D(2024, 1, 1)))
    s = apply_event(s, ev(E.HOAN, D(2024, 2, 1), data={"reason": "thoa_thuan"}))
    assert (s.state, s.resume_state) == (S.HOAN_THOA_THUAN, S.CHUA_CO_DIEU_KIEN)
    s = apply_event(s, ev(E.TAM_DINH_CHI, D(2024, 3, 1)))
    assert (s.state, s.resume_state) == (S.TAM_DINH_CHI, S.CHUA_CO_DIEU_KIEN)
    s = apply_event(s, ev(E.TIEP_TUC, D(2024, 4, 1)))
    assert (s.state, s.resume_state) == (S.CHUA_CO_DIEU_KIEN, None)


def test_work_events_do_not_move_the_buckets():
    s = CaseSnapshot(amount=10)
    for kind in (E.THONG_BAO, E.VAN_DONG, E.KHIEU_NAI, E.PHAN_CONG, E.NIEM_YET):
        assert apply_event(s, ev(kind, D(2024, 1, 1))) == s


# ---- property: random lawful sequences ---------------------------------------------------------

START = D(2024, 1, 2)
CLOSING = {E.XONG, E.DINH_CHI, E.UY_THAC, E.THU_HOI, E.TRA_DON, E.SO_RIENG}
TIMES = ["06:00", "08:30", "14:00", "21:59"]


def _lawful_coercion_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5 or is_public_holiday(day) or is_within_tet_window(day):
        day += dt.timedelta(days=1)
    return day


def _candidate(draw, kind: str, day: dt.date, snapshot: CaseSnapshot, prior: list, facts):
    """An event of `kind` with parameters valid for it (prerequisites may still be missing)."""
    amount = None
    data: dict = {}
    to_unit_id = None
    if kind in (E.THU_TIEN, E.MIEN_GIAM):
        if snapshot.remainder <= 0:
            return None
        amount = draw(st.integers(1, snapshot.remainder))
    elif kind == E.CHI_TRA:
        paid = sum(e.amount or 0 for e in prior if e.type == E.CHI_TRA)
        if snapshot.collected - paid <= 0:
            return None
        amount = draw(st.integers(1, snapshot.collected - paid))
    elif kind in (E.THAM_DINH_GIA, E.THAM_DINH_GIA_LAI):
        amount = draw(st.integers(1, 10**10))
    elif kind == E.HOAN:
        data = {"reason": draw(st.sampled_from(["thoa_thuan", "khac"]))}
    elif kind == E.CHUA_CO_DIEU_KIEN:
        data = {"ground": draw(st.sampled_from([None, "tu", "khong_ro_dia_chi"]))}
    elif kind == E.QUYET_DINH_CUONG_CHE:
        data = {"measure": draw(st.sampled_from(sorted(COERCION_MEASURES)))}
    elif kind == E.CUONG_CHE:
        day = _lawful_coercion_day(day)
        data = {"time": draw(st.sampled_from(TIMES))}
    elif kind == E.DAU_GIA:
        data = {"result": draw(st.sampled_from(["thanh_cong", "khong_thanh"]))}
    elif kind == E.UY_THAC:
        to_unit_id = 2
    elif kind == E.PHAN_CONG:
        data = {"officer": "A-01"}
    elif kind == E.SO_RIENG and snapshot.no_means_since is not None:
        day = max(day, add_months(snapshot.no_means_since, 24))
    elif kind in (E.XAC_MINH, E.XAC_MINH_CO_DIEU_KIEN):
        data = {"can_uy_thac": draw(st.booleans())}
    return ev(kind, day, amount=amount, data=data, to_unit_id=to_unit_id)


@st.composite
def lawful_histories(draw):
    amount = draw(st.one_of(st.just(0), st.integers(1, 10**11)))
    facts = CaseFacts(
        amount=amount,
        mode=draw(st.sampled_from(CaseMode.values)),
        accepted_on=START,
        unit_id=1,
        has_state_budget_obligation=draw(st.booleans()),
    )
    events: list = []
    snapshot = CaseSnapshot(amount=amount)
    day = START
    for _ in range(draw(st.integers(0, 30))):
        day = day + dt.timedelta(days=draw(st.integers(0, 120)))
        # Now and then, void or correct a payment instead of a new event.
        payments = [e for e in effective_events(events) if e.type == E.THU_TIEN]
        if payments and draw(st.integers(0, 9)) == 0:
            target = draw(st.sampled_from(payments))
            fix = draw(st.one_of(st.none(), st.integers(1, target.amount)))
            kind = E.HUY_SU_KIEN if fix is None else E.THU_TIEN
            candidate = ev(kind, max(day, target.on), amount=fix, corrects_id=target.pk)
            if fix is not None:
                candidate.on = target.on
            try:
                snapshot = validate_history(facts, [*events, candidate])
            except TransitionError:
                continue
            events.append(candidate)
            continue
        options = allowed_events(facts, snapshot)
        # Closing events are rarer, so that long lives (seizure, auction, separate book) occur.
        ongoing = [k for k in options if k not in CLOSING]
        if ongoing and draw(st.integers(0, 7)):
            options = ongoing
        kind = draw(st.sampled_from(options))
        prior = effective_events(events)
        candidate = _candidate(draw, kind, day, snapshot, prior, facts)
        if candidate is None:
            continue
        ctx = Context(facts, snapshot, prior, candidate, law_on(candidate.on))
        try:
            check_event(ctx)
        except TransitionError:
            continue  # a prerequisite is missing (e.g. auction before valuation)
        events.append(candidate)
        snapshot = apply_event(snapshot, candidate)
        day = candidate.on
    return facts, events, snapshot


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lawful_histories())
def test_lawful_sequences(history):
    facts, events, incremental = history
    final = validate_history(facts, events)
    assert final == incremental
    assert final.state in S.values
    assert replay(facts.amount, events) == final
    assert 0 <= final.collected + final.reduced <= facts.amount
    assert final.remainder >= 0
    assert (final.closed_on is not None) == (not final.is_open)
    days = sorted({e.on for e in events} | {START, D(2030, 1, 1)})
    previous = None
    for day in days:
        snapshot = replay(facts.amount, events, until=day)
        assert snapshot.remainder >= 0
        if previous is not None:
            assert snapshot.collected >= previous.collected
            assert snapshot.reduced >= previous.reduced
        previous = snapshot


def test_snapshot_replace_is_dataclasses_replace():
    """The fast `state.replace` gives what `dataclasses.replace` gives, field by field, for
    every field changed alone and all together; an unknown field is refused as it is there;
    the result is a CaseSnapshot equal, hashable and frozen like one built by `__init__`."""
    import dataclasses

    import pytest

    from thads.cases.state import replace

    base = CaseSnapshot(amount=90, state=CaseState.HOAN_KHAC, collected=5, history=("a",))
    changes = {
        "amount": 1, "state": CaseState.XONG, "is_classified": True, "collected": 7,
        "reduced": 3, "paid_out": 2, "first_collected_on": D(2024, 1, 2),
        "closed_on": D(2024, 2, 3), "resume_state": CaseState.DANG_THI_HANH,
        "no_means_since": D(2023, 5, 6), "reverifications": 2,
        "last_verification_on": D(2023, 7, 8), "history": ("a", "b"),
    }  # fmt: skip
    assert set(changes) == {f.name for f in dataclasses.fields(CaseSnapshot)}
    for name, value in [*changes.items(), (None, None)]:
        change = changes if name is None else {name: value}
        fast, slow = replace(base, **change), dataclasses.replace(base, **change)
        assert type(fast) is CaseSnapshot and fast == slow and hash(fast) == hash(slow)
        assert fast.__dict__ == slow.__dict__
        assert base == CaseSnapshot(
            amount=90, state=CaseState.HOAN_KHAC, collected=5, history=("a",)
        )  # unchanged
    with pytest.raises(dataclasses.FrozenInstanceError):
        replace(base, collected=1).collected = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        replace(base, colected=1)
    with pytest.raises(TypeError):
        dataclasses.replace(base, colected=1)
