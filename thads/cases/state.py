"""A case's state and balance at any date, replayed from its events (pure functions).

This is the reference semantics of the statistics contract (`../shared/domain/statistics.md`):
services validate against it, the stats engine is tested against it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Protocol

from thads.cases.models import TERMINAL_STATES, CaseState, EventType


class EventLike(Protocol):
    pk: int | None
    type: str
    on: dt.date
    seq: int
    amount: int | None
    data: dict
    corrects_id: int | None
    to_unit_id: int | None


@dataclass(frozen=True)
class CaseSnapshot:
    """Where a case stands after some events."""

    amount: int
    state: str = CaseState.DANG_THI_HANH
    is_classified: bool = False
    collected: int = 0
    reduced: int = 0
    # Paid out to the creditors (chi trả) and the day of the first collection still counting:
    # the clerk's payouts-due book reads them from the case (Luật THADS 2008, Điều 47).
    paid_out: int = 0
    first_collected_on: dt.date | None = None
    closed_on: dt.date | None = None
    # The state to return to on `tiep_tuc` after hoãn / tạm đình chỉ.
    resume_state: str | None = None
    # Re-verifications since the decision that the debtor cannot pay (separate-book rule).
    no_means_since: dt.date | None = None
    reverifications: int = 0
    last_verification_on: dt.date | None = None
    history: tuple[str, ...] = field(default=(), repr=False)

    @property
    def remainder(self) -> int:
        return self.amount - self.collected - self.reduced

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL_STATES


_SNAPSHOT_FIELDS = frozenset(f.name for f in fields(CaseSnapshot))


def replace(snapshot: CaseSnapshot, **changes) -> CaseSnapshot:
    """`dataclasses.replace` for a snapshot, three times faster (an import replays every
    event two or three times: validation, statistics, deadlines): the fields copied as they
    are, the changed ones set, no `__init__` (CaseSnapshot has no `__post_init__`, no cached
    property and no slots; a test compares both on every field)."""
    if not changes.keys() <= _SNAPSHOT_FIELDS:
        raise TypeError(f"CaseSnapshot has no field {sorted(changes.keys() - _SNAPSHOT_FIELDS)}")
    new = object.__new__(CaseSnapshot)
    values = new.__dict__
    values.update(snapshot.__dict__)
    values.update(changes)
    return new


def effective_events(events: Iterable[EventLike]) -> list[EventLike]:
    """Events that still count: without the ones a later event corrects, and without voids."""
    events = list(events)
    corrected = {e.corrects_id for e in events if e.corrects_id}
    kept = [e for e in events if e.pk not in corrected and e.type != EventType.HUY_SU_KIEN]
    return sorted(kept, key=lambda e: (e.on, e.seq))


SUSPENDED = frozenset({CaseState.HOAN_THOA_THUAN, CaseState.HOAN_KHAC, CaseState.TAM_DINH_CHI})


def apply_event(snapshot: CaseSnapshot, event: EventLike) -> CaseSnapshot:
    """The state after one event; work events leave the buckets unchanged.

    No legality check here (that is `cases.transitions`): this is what an event means.
    """
    kind = event.type
    s = snapshot
    if kind == EventType.XAC_MINH_CO_DIEU_KIEN:
        return replace(
            s,
            state=CaseState.DANG_THI_HANH,
            is_classified=True,
            no_means_since=None,
            reverifications=0,
            last_verification_on=event.on,
        )
    if kind == EventType.CHUA_CO_DIEU_KIEN:
        return replace(
            s,
            state=CaseState.CHUA_CO_DIEU_KIEN,
            is_classified=True,
            no_means_since=event.on,
            reverifications=0,
            last_verification_on=event.on,
        )
    if kind == EventType.XAC_MINH_LAI:
        return replace(s, reverifications=s.reverifications + 1, last_verification_on=event.on)
    if kind == EventType.HOAN:
        reason = (event.data or {}).get("reason")
        target = CaseState.HOAN_THOA_THUAN if reason == "thoa_thuan" else CaseState.HOAN_KHAC
        return replace(s, state=target, resume_state=_resume_target(s))
    if kind == EventType.TAM_DINH_CHI:
        return replace(s, state=CaseState.TAM_DINH_CHI, resume_state=_resume_target(s))
    if kind == EventType.TIEP_TUC:
        return replace(s, state=s.resume_state or CaseState.DANG_THI_HANH, resume_state=None)
    if kind == EventType.THU_TIEN:
        first = s.first_collected_on or event.on  # effective events come in date order
        return replace(s, collected=s.collected + (event.amount or 0), first_collected_on=first)
    if kind == EventType.CHI_TRA:
        return replace(s, paid_out=s.paid_out + (event.amount or 0))
    if kind == EventType.MIEN_GIAM:
        return replace(s, reduced=s.reduced + (event.amount or 0))
    terminal = {
        EventType.XONG: CaseState.XONG,
        EventType.DINH_CHI: CaseState.DINH_CHI,
        EventType.UY_THAC: CaseState.UY_THAC,
        EventType.THU_HOI: CaseState.THU_HOI,
        EventType.TRA_DON: CaseState.TRA_DON,
        EventType.SO_RIENG: CaseState.SO_RIENG,
    }
    if kind in terminal:
        return replace(s, state=terminal[kind], closed_on=event.on, resume_state=None)
    return s


def _resume_target(s: CaseSnapshot) -> str:
    # Hoãn during a hoãn keeps the original state to resume to.
    return s.resume_state if s.state in SUSPENDED and s.resume_state else s.state


def replay(amount: int, events: Iterable[EventLike], until: dt.date | None = None) -> CaseSnapshot:
    """The snapshot after all effective events dated on or before `until` (all when None)."""
    snapshot = CaseSnapshot(amount=amount)
    for event in effective_events(events):
        if until is not None and event.on > until:
            break
        snapshot = apply_event(snapshot, event)
    return snapshot
