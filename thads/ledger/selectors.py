"""Reads of the ledger: a case's balance from its events, receipts, held money by age.

The balance is always derived from the case's events (`cases.state.replay`), never from sums
kept on the side; `case_balance_problems` checks that the `Case` summary cache and the ledger
entries agree with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from thads.cases.models import Case, EventType, Obligation
from thads.cases.state import effective_events, replay
from thads.ledger.distribution import Due
from thads.ledger.models import Fee, HeldMoney, Payout, Receipt
from thads.org.access import Access


@dataclass(frozen=True)
class Balance:
    """A case's money, in đồng. remainder = owed − collected − reduced.

    `fees` sums the fees of payouts not reversed; `held` the money held for the case that day.
    """

    owed: int
    collected: int
    reduced: int
    remainder: int
    paid_out: int
    unpaid_collected: int
    held: int
    fees: int


def _effective(case: Case, as_of: dt.date | None = None) -> list:
    events = effective_events(case.events.all())
    if as_of is not None:
        events = [e for e in events if e.on <= as_of]
    return events


def _paid_out(events) -> int:
    return sum(e.amount or 0 for e in events if e.type == EventType.CHI_TRA)


def held_money_of_case(case: Case) -> list[HeldMoney]:
    """Every sum held for the case, with its release, in the order received."""
    return list(
        HeldMoney.objects.filter(case=case).select_related("release").order_by("received_on", "id")
    )


def case_balance(
    case: Case, as_of: dt.date | None = None, held_money: list[HeldMoney] | None = None
) -> Balance:
    """The balance replayed from the case's effective events (on or before `as_of`).

    `held_money`: `held_money_of_case(case)` when the caller has read it already."""
    all_events = list(case.events.all())
    snapshot = replay(case.amount, all_events, until=as_of)
    events = [e for e in effective_events(all_events) if as_of is None or e.on <= as_of]
    paid_out = _paid_out(events)
    day = as_of or timezone.localdate()
    if held_money is None:
        held_money = held_money_of_case(case)
    held = sum(h.amount for h in held_money if h.is_held_on(day))
    fees = Fee.objects.filter(case=case, payout__reversal__isnull=True)
    if as_of is not None:
        fees = fees.filter(payout__paid_on__lte=as_of)
    return Balance(
        owed=snapshot.amount,
        collected=snapshot.collected,
        reduced=snapshot.reduced,
        remainder=snapshot.remainder,
        paid_out=paid_out,
        unpaid_collected=snapshot.collected - paid_out,
        held=held,
        fees=sum(f.amount for f in fees),
    )


def unpaid_collected(case: Case) -> int:
    """Money collected on the case and not yet paid out (đồng)."""
    events = _effective(case)
    collected = sum(e.amount or 0 for e in events if e.type == EventType.THU_TIEN)
    return collected - _paid_out(events)


def case_balance_problems(case: Case) -> list[str]:
    """Where the summary cache or the ledger disagree with the events (empty when consistent)."""
    case = Case.objects.get(pk=case.pk)
    all_events = list(case.events.all())
    snapshot = replay(case.amount, all_events)
    problems: list[str] = []
    summary = ("collected", "reduced", "paid_out", "first_collected_on", "state", "is_classified")
    for name in (*summary, "closed_on"):
        cached, replayed = getattr(case, name), getattr(snapshot, name)
        if cached != replayed:
            problems.append(f"{name}: cache {cached!r} != events {replayed!r}")
    if snapshot.remainder < 0:
        problems.append(f"remainder is negative: {snapshot.remainder}")
    effective_ids = {e.pk for e in effective_events(all_events)}
    paid_out = _paid_out(e for e in all_events if e.pk in effective_ids)
    if paid_out > snapshot.collected:
        problems.append(f"paid out {paid_out} > collected {snapshot.collected}")
    for receipt in Receipt.objects.filter(case=case).select_related("event"):
        event = receipt.event
        if receipt.is_reversal:
            original = receipt.reverses.event_id
            if event.corrects_id != original or original in effective_ids:
                problems.append(f"{receipt.number}: the reversed event still counts")
        else:
            reversed_ = Receipt.objects.filter(reverses=receipt).exists()
            if event.type != EventType.THU_TIEN or event.amount != receipt.amount:
                problems.append(f"{receipt.number}: event does not match the receipt")
            if (event.pk in effective_ids) == reversed_:
                problems.append(f"{receipt.number}: event and reversal disagree")
    for payout in Payout.objects.filter(case=case).select_related("event", "reversal"):
        if payout.event.type != EventType.CHI_TRA or payout.event.amount != payout.amount:
            problems.append(f"payout {payout.pk}: event does not match the payout")
        if (payout.event_id in effective_ids) == payout.is_reversed:
            problems.append(f"payout {payout.pk}: event and reversal disagree")
    return problems


class LedgerMismatch(AssertionError):
    pass


def assert_case_balance(case: Case) -> Balance:
    """The balance, after asserting that cache, ledger and events agree (LedgerMismatch)."""
    problems = case_balance_problems(case)
    if problems:
        raise LedgerMismatch(f"{case}: " + "; ".join(problems))
    return case_balance(case)


# ---- obligations: what is still owed, for the order of payment -------------------------------


def obligation_dues(case: Case) -> list[Due]:
    """Outstanding per money obligation: amount − its share of reductions − paid out to it.

    A `mien_giam` event names its obligation in `data["obligation"]`; an unattributed reduction
    is applied to the state-budget obligations in their order on the decision (it can only
    concern them, Luật THADS 2008, Điều 61).
    """
    obligations = [o for o in case.obligations.order_by("position", "pk") if o.amount]
    outstanding = {o.pk: o.amount for o in obligations}
    events = _effective(case)
    unattributed = 0
    for e in events:
        target = (e.data or {}).get("obligation")
        if e.type == EventType.CHI_TRA and target in outstanding:
            outstanding[target] -= e.amount or 0
        elif e.type == EventType.MIEN_GIAM:
            if target in outstanding:
                outstanding[target] -= e.amount or 0
            else:
                unattributed += e.amount or 0
    for o in obligations:
        if unattributed <= 0:
            break
        if o.is_state_budget and outstanding[o.pk] > 0:
            take = min(unattributed, outstanding[o.pk])
            outstanding[o.pk] -= take
            unattributed -= take
    return [
        Due(key=o.pk, priority=o.priority, outstanding=max(outstanding[o.pk], 0), position=i)
        for i, o in enumerate(obligations)
    ]


def creditor_received(case: Case, payee_id: int) -> int:
    """Money already paid out to one payee in this case (the base of the cumulative fee)."""
    return sum(
        e.amount or 0
        for e in _effective(case)
        if e.type == EventType.CHI_TRA and (e.data or {}).get("payee") == payee_id
    )


# ---- lists, scoped by access ---------------------------------------------------------------


def receipts_of_case(access: Access, case: Case) -> QuerySet[Receipt]:
    """The case's receipts and reversing receipts, in number order (none when out of scope)."""
    if not access.can_read_unit(case.unit_id):
        return Receipt.objects.none()
    return (
        Receipt.objects.filter(case=case)
        .select_related("reverses", "reversed_by")
        .order_by("received_on", "year", "seq")
    )


def payouts_of_case(access: Access, case: Case) -> QuerySet[Payout]:
    if not access.can_read_unit(case.unit_id):
        return Payout.objects.none()
    return (
        Payout.objects.filter(case=case)
        .select_related("obligation", "payee", "fee", "reversal")
        .order_by("paid_on", "id")
    )


def receipts_visible(access: Access) -> QuerySet[Receipt]:
    return Receipt.objects.filter(unit_id__in=access.visible_unit_ids)


def held_money_visible(access: Access) -> QuerySet[HeldMoney]:
    return HeldMoney.objects.filter(unit_id__in=access.visible_unit_ids).select_related(
        "release", "unit", "case"
    )


def held_money_older_than(access: Access, days: int, as_of: dt.date) -> list[HeldMoney]:
    """Money still held on `as_of` for more than `days` days, oldest first (tạm thu còn tồn).

    Each item carries `age` (days held as of `as_of`).
    """
    cutoff = as_of - dt.timedelta(days=days)
    rows = (
        held_money_visible(access)
        .filter(received_on__lt=cutoff)
        .exclude(release__released_on__lte=as_of)
        .order_by("received_on", "id")
    )
    result = []
    for row in rows:
        row.age = row.age_days(as_of)
        result.append(row)
    return result


def money_obligations(case: Case) -> list[Obligation]:
    return [o for o in case.obligations.order_by("position", "pk") if o.amount]


def payouts_due(access: Access, unit_ids) -> QuerySet[Case]:
    """Cases of `unit_ids` (within the user's scope) holding money collected but not yet paid
    out (Luật THADS 2008, Điều 47: collected money is paid to the creditors), the longest held
    first. Each case carries `paid_out` and `unpaid` (đồng) and `first_collected` (date).

    From the case's summary columns (`collected`, `paid_out`, `first_collected_on`), which
    `cases.state.replay` derives from the effective events when they change — a corrected or
    voided event does not count — so the book reads no event.
    """
    from django.db.models import F

    return (
        Case.objects.filter(
            unit_id__in=set(unit_ids) & access.visible_unit_ids, collected__gt=F("paid_out")
        )
        .annotate(unpaid=F("collected") - F("paid_out"), first_collected=F("first_collected_on"))
        .select_related("unit", "officer")
        .order_by("first_collected_on", "code")
    )
