"""Auction notices from the case data (Luật THADS 2008, Điều 101–104; Luật Đấu giá tài sản
2016, Điều 35: public notice of the auction): what was seized and valued and not yet sold.

The notice names the asset, never the parties: the starting price is the last valuation or
the last reduced price (giảm giá, Điều 104), the round is one more than the failed auctions;
the asset and where it is come from the seizure decision (kê biên), the organisation from the
auction's acts (cases.acts); deposit, date and place of the next auction as recorded with the
valuation or the price reduction that announced it (`cases.acts.NEXT_AUCTION`), never those
of an auction already held. `notice_of` feeds both the portal and the officer's case page
(the panel registered in `portal.apps`), so they never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from thads.cases.models import Case, CaseEvent, CaseState, EventType
from thads.cases.state import effective_events

VALUATIONS = frozenset({EventType.THAM_DINH_GIA, EventType.THAM_DINH_GIA_LAI})


@dataclass(frozen=True)
class Reduction:
    on: dt.date
    price: int | None


@dataclass(frozen=True)
class AuctionNotice:
    unit: str
    asset: str
    asset_location: str
    starting_price: int
    valued_on: dt.date
    round: int
    reductions: list[Reduction]
    place: str
    organisation: str
    deposit: int | None
    auction_on: dt.date | None


def _int(value) -> int | None:
    try:
        return int(str(value).replace(".", "").strip())
    except (TypeError, ValueError):
        return None


def _latest(events: list, key: str):
    """The last non-empty value of `key` in the events' data (the act's fields)."""
    for event in reversed(events):
        value = (event.data or {}).get(key)
        if value not in (None, ""):
            return value
    return None


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def notice_of(case: Case, events: list) -> AuctionNotice | None:
    """The current notice of a case, or None (nothing valued, or already sold or taken)."""
    kept = effective_events(events)
    valuations = [e for e in kept if e.type in VALUATIONS and e.amount]
    if not valuations:
        return None
    auctions = [e for e in kept if e.type == EventType.DAU_GIA]
    if any((e.data or {}).get("result") == "thanh_cong" for e in auctions):
        return None
    if any(e.type in {EventType.NHAN_TAI_SAN, EventType.XONG} for e in kept):
        return None
    valuation = valuations[-1]
    since = [e for e in kept if e.on >= valuation.on]
    reductions = [
        Reduction(e.on, _int((e.data or {}).get("new_price")) or e.amount)
        for e in since
        if e.type == EventType.GIAM_GIA
    ]
    prices = [valuation.amount]
    for event in since:
        if event.type == EventType.DAU_GIA:
            prices.append(_int((event.data or {}).get("starting_price")))
        elif event.type == EventType.GIAM_GIA:
            prices.append(_int((event.data or {}).get("new_price")) or event.amount)
    seizures = [
        e
        for e in kept
        if e.type == EventType.QUYET_DINH_CUONG_CHE and (e.data or {}).get("measure") == "ke_bien"
    ]
    # The next round's details: recorded since the valuation or the last auction held.
    held = [e for e in auctions if e.on >= valuation.on]
    current = [
        e for e in since if e.type != EventType.DAU_GIA and (not held or e.on >= held[-1].on)
    ]
    return AuctionNotice(
        unit=case.unit.name,
        asset=str(_latest(seizures, "asset_description") or _latest(kept, "asset") or ""),
        asset_location=str(_latest(seizures, "asset_location") or ""),
        starting_price=next(p for p in reversed(prices) if p),
        valued_on=valuation.on,
        round=len(held) + 1,
        reductions=reductions,
        place=str(_latest(current, "auction_place") or ""),
        organisation=str(_latest(kept, "organisation") or ""),
        deposit=_int(_latest(current, "deposit")),
        auction_on=_day(_latest(current, "auction_on")),
    )


def case_panel(request, case: Case) -> dict | None:
    """The case page's panel (registered in apps.py): the notice the portal publishes for the
    case — the same `notice_of` — and whether it is published now (cases being enforced);
    hidden when the case has no open notice."""
    notice = notice_of(case, list(case.events.all()))
    if notice is None:
        return None
    return {"notice": notice, "published": case.state == CaseState.DANG_THI_HANH}


def auction_notices(unit_path: str = "") -> list[AuctionNotice]:
    """Open notices of cases being enforced, most recent valuation first."""
    valued = CaseEvent.objects.filter(case=OuterRef("pk"), type__in=VALUATIONS)
    cases = (
        Case.objects.filter(state=CaseState.DANG_THI_HANH)
        .filter(Exists(valued))
        .select_related("unit")
        .prefetch_related("events")
    )
    if unit_path:
        cases = cases.filter(unit__path__startswith=unit_path)
    notices = [n for case in cases if (n := notice_of(case, list(case.events.all())))]
    notices.sort(key=lambda n: n.valued_on, reverse=True)
    return notices
