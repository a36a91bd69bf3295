"""Writes to the ledger: receipts, reversing receipts, payouts with their fee, held money.

Each function runs in one transaction. Money of a case moves only through
`cases.services.record_event`, which locks the case row (SELECT … FOR UPDATE) and checks the whole
resulting history, so two simultaneous payments can never overdraw a case; the ledger entry is
written in the same transaction as its event. Lock order is always case, then receipt counter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases.models import Case, CaseEvent, CaseMode, EventType, Obligation, Party
from thads.cases.services import record_event
from thads.cases.state import effective_events
from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError
from thads.common.money import format_vnd
from thads.ledger import fees as fee_rules
from thads.ledger.distribution import distribute, priority_rank
from thads.ledger.models import (
    Fee,
    HeldKind,
    HeldMoney,
    HeldMoneyRelease,
    Payout,
    PayoutReversal,
    Receipt,
    ReceiptCounter,
    receipt_number,
)
from thads.ledger.selectors import creditor_received, obligation_dues, unpaid_collected
from thads.org.models import Unit

ORDER_ARTICLE = "Luật THADS 2008, Điều 47 k1"


def _author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _positive_amount(amount: Any) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise DomainError(_("Số tiền phải là số nguyên dương (đồng)."))
    return amount


def _not_future(day: dt.date, today: dt.date | None) -> None:
    today = today or timezone.localdate()
    if day > today:
        raise DomainError(
            _("Không được ghi nhận ở ngày tương lai (%(day)s).") % {"day": f"{day:%d/%m/%Y}"}
        )


def _next_receipt_seq(unit_id: int, year: int) -> int:
    """The next number of the unit's receipt book for `year`, under a row lock (no gaps)."""
    counter, _created = ReceiptCounter.objects.select_for_update().get_or_create(
        unit_id=unit_id, year=year
    )
    seq = counter.last + 1
    ReceiptCounter.objects.filter(pk=counter.pk).update(last=seq)
    return seq


def _new_receipt(
    *,
    case: Case,
    event: CaseEvent,
    amount: int,
    on: dt.date,
    payer: str,
    by: Any,
    note: str = "",
    reverses: Receipt | None = None,
    reason: str = "",
) -> Receipt:
    seq = _next_receipt_seq(case.unit_id, on.year)
    receipt = Receipt(
        unit_id=case.unit_id,
        year=on.year,
        seq=seq,
        number=receipt_number(on.year, seq),
        case=case,
        amount=amount,
        received_on=on,
        payer=payer,
        note=note,
        event=event,
        reverses=reverses,
        reason=reason,
        recorded_by=_author(by),
    )
    receipt.save()
    return receipt


# ---- receipts ------------------------------------------------------------------------------


@transaction.atomic
def payment_record(
    case: Case,
    *,
    amount: int,
    received_on: dt.date,
    payer: str,
    by: Any = None,
    expected_version: int | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> Receipt:
    """Thu tiền: record money collected on a case and issue its receipt (biên lai thu tiền).

    Luật THADS 2008, Điều 47: the amount may not exceed what remains to be enforced (owed −
    collected − reduced); the `thu_tien` event and the receipt are written together.
    """
    amount = _positive_amount(amount)
    payer = (payer or "").strip()
    if not payer:
        raise DomainError(_("Phải ghi họ tên người nộp tiền."))
    event = record_event(
        case,
        type=EventType.THU_TIEN,
        on=received_on,
        by=by,
        amount=amount,
        data={"payer": payer},
        expected_version=expected_version,
        today=today,
    )
    receipt = _new_receipt(
        case=event.case, event=event, amount=amount, on=received_on, payer=payer, by=by, note=note
    )
    case.refresh_from_db()
    return receipt


@transaction.atomic
def receipt_reverse(
    receipt: Receipt,
    *,
    reason: str,
    by: Any = None,
    on: dt.date | None = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Receipt:
    """Hủy biên lai: a reversing receipt that voids the original `thu_tien` event.

    Nothing is deleted: a `huy_su_kien` event corrects the original event (so it no longer
    counts) and a new receipt with its own number records the reversal. Refused when the money
    was already paid out or the case was closed on it (the history would no longer be lawful).
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Phải ghi lý do hủy biên lai."))
    if receipt.is_reversal:
        raise DomainError(_("Không thể hủy một biên lai hủy."))
    if Receipt.objects.filter(reverses=receipt).exists():
        raise DomainError(
            _("Biên lai %(number)s đã được hủy trước đó.") % {"number": receipt.number}
        )
    on = on or today or timezone.localdate()
    _not_future(on, today)
    if on < receipt.received_on:
        raise DomainError(_("Ngày hủy biên lai không được trước ngày thu tiền."))
    event = record_event(
        receipt.case,
        type=EventType.HUY_SU_KIEN,
        on=on,
        by=by,
        data={"reason": reason, "receipt": receipt.number},
        corrects=receipt.event,
        expected_version=expected_version,
        today=today,
    )
    return _new_receipt(
        case=event.case,
        event=event,
        amount=receipt.amount,
        on=on,
        payer=receipt.payer,
        by=by,
        reverses=receipt,
        reason=reason,
    )


# ---- payouts -------------------------------------------------------------------------------


def _coercion_decided_by(case: Case, day: dt.date) -> bool:
    return any(
        e.type == EventType.QUYET_DINH_CUONG_CHE and e.on <= day
        for e in effective_events(case.events.all())
    )


def _fee_applies(case: Case, obligation: Obligation, payee: Party | None) -> bool:
    """The creditor of a theo đơn case pays the fee (Luật THADS 2008, Điều 60; TT 216, Điều 4)."""
    return (
        case.mode == CaseMode.THEO_DON
        and payee is not None
        and payee.role == Party.Role.DUOC_THI_HANH
        and not obligation.is_state_budget
        and obligation.priority != Obligation.Priority.AN_PHI
    )


def _plan_manual(
    case: Case, amounts: Mapping[Obligation | int, int], dues, available: int
) -> dict[int, int]:
    by_pk = {o.pk: o for o in case.obligations.all()}
    outstanding = {d.key: d.outstanding for d in dues}
    priority = {d.key: d.priority for d in dues}
    plan: dict[int, int] = {}
    for key, amount in amounts.items():
        pk = key.pk if isinstance(key, Obligation) else key
        if pk not in by_pk:
            raise DomainError(_("Nghĩa vụ được chi trả không thuộc việc này."))
        if pk not in outstanding:
            raise DomainError(_("Nghĩa vụ này không phải nghĩa vụ trả tiền."))
        amount = _positive_amount(amount)
        if amount > outstanding[pk]:
            raise DomainError(
                _("Số tiền chi trả cho “%(name)s” vượt quá số còn phải trả (%(left)s).")
                % {"name": by_pk[pk].description, "left": format_vnd(outstanding[pk])}
            )
        plan[pk] = plan.get(pk, 0) + amount
    if not plan:
        raise DomainError(_("Không có khoản nào để chi trả."))
    total = sum(plan.values())
    if total > available:
        raise DomainError(
            _("Số tiền chi trả %(total)s vượt quá số tiền đã thu chưa chi (%(available)s).")
            % {"total": format_vnd(total), "available": format_vnd(available)}
        )
    # Điều 47 k1: a lower class is paid only when every higher class is paid in full.
    lowest_paid = max(priority_rank(priority[pk]) for pk in plan)
    for pk, left in sorted(outstanding.items(), key=lambda kv: priority_rank(priority[kv[0]])):
        if priority_rank(priority[pk]) < lowest_paid and left - plan.get(pk, 0) > 0:
            raise DomainError(
                _(
                    "Phải chi trả đủ “%(name)s” (còn %(left)s) trước các khoản có thứ tự "
                    "thanh toán sau."
                )
                % {"name": by_pk[pk].description, "left": format_vnd(left - plan.get(pk, 0))},
                article=ORDER_ARTICLE,
            )
    return plan


@transaction.atomic
def payout_record(
    case: Case,
    *,
    paid_on: dt.date,
    by: Any = None,
    amounts: Mapping[Obligation | int, int] | None = None,
    total: int | None = None,
    self_settled: bool = False,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> list[Payout]:
    """Chi trả: pay collected money to the obligations, in the legal order of payment.

    Luật THADS 2008, Điều 47 k1: (a) cấp dưỡng, lương, bồi thường tính mạng, sức khỏe; (b) án
    phí, lệ phí Tòa án; (c) the others; within a class pro rata to what is owed (`distribution`).
    With `amounts` (obligation → đồng) the clerk chooses the amounts, which must respect the
    order; without, `total` (default: all the collected money not yet paid out) is distributed.

    The creditor of a theo đơn case pays the enforcement fee on what it receives (TT 216/2016,
    Điều 4), one third of it when `self_settled`: the parties settled between themselves after
    the QĐ THA and before any coercion decision (Điều 4 k4).
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEditError()
    _not_future(paid_on, today)
    if self_settled:
        if paid_on < locked.decision_date:
            raise DomainError(_("Đương sự tự thỏa thuận phải sau khi có quyết định thi hành án."))
        if _coercion_decided_by(locked, paid_on):
            raise DomainError(
                _(
                    "Đã có quyết định cưỡng chế: không áp dụng mức phí bằng một phần ba cho "
                    "việc đương sự tự thỏa thuận."
                ),
                article="TT 216/2016/TT-BTC, Điều 4 k4",
            )
    dues = obligation_dues(locked)
    available = unpaid_collected(locked)
    if amounts is not None:
        plan = _plan_manual(locked, amounts, dues, available)
    else:
        to_pay = available if total is None else _positive_amount(total)
        if to_pay > available:
            raise DomainError(
                _("Số tiền chi trả %(total)s vượt quá số tiền đã thu chưa chi (%(available)s).")
                % {"total": format_vnd(to_pay), "available": format_vnd(available)}
            )
        plan = distribute(to_pay, dues)
        if not plan:
            raise DomainError(
                _("Không có tiền đã thu chưa chi trả, hoặc không còn khoản nào phải trả.")
            )
    obligations = {o.pk: o for o in locked.obligations.select_related("payee")}
    ordered = sorted(
        plan, key=lambda pk: (priority_rank(obligations[pk].priority), obligations[pk].position, pk)
    )
    schedule = fee_rules.schedule_on(paid_on)
    payouts = []
    for pk in ordered:
        obligation = obligations[pk]
        payee = obligation.payee
        amount = plan[pk]
        received_before = creditor_received(locked, payee.pk) if payee else 0
        event = record_event(
            locked,
            type=EventType.CHI_TRA,
            on=paid_on,
            by=by,
            amount=amount,
            data={
                "obligation": pk,
                "payee": payee.pk if payee else None,
                "self_settled": bool(self_settled),
            },
            today=today,
        )
        payout = Payout(
            case=locked,
            obligation=obligation,
            payee=payee,
            amount=amount,
            paid_on=paid_on,
            event=event,
            recorded_by=_author(by),
        )
        payout.save()
        if _fee_applies(locked, obligation, payee):
            exempt = obligation.priority in schedule.exempt_priorities
            quote = (
                fee_rules.FeeQuote(0, 0, bool(self_settled))
                if exempt
                else fee_rules.fee_for(
                    schedule,
                    received_before=received_before,
                    amount=amount,
                    reduced=bool(self_settled),
                )
            )
            Fee(
                payout=payout,
                case=locked,
                schedule_valid_from=schedule.valid_from,
                legal_basis=schedule.legal_basis,
                received_before=received_before,
                base=amount,
                full_amount=quote.full_amount,
                is_reduced=quote.is_reduced,
                amount=quote.amount,
            ).save()
        payouts.append(payout)
    case.refresh_from_db()
    return payouts


@transaction.atomic
def payout_reverse(
    payout: Payout,
    *,
    reason: str,
    by: Any = None,
    on: dt.date | None = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> PayoutReversal:
    """Hủy khoản chi trả ghi sai: a `huy_su_kien` event voids the `chi_tra` event.

    The money counts again as collected but not paid out; the payout's fee no longer counts
    (a new payout computes its own). Nothing is deleted.
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Phải ghi lý do hủy khoản chi trả."))
    if PayoutReversal.objects.filter(payout=payout).exists():
        raise DomainError(_("Khoản chi trả này đã được hủy trước đó."))
    on = on or today or timezone.localdate()
    _not_future(on, today)
    if on < payout.paid_on:
        raise DomainError(_("Ngày hủy không được trước ngày chi trả."))
    event = record_event(
        payout.case,
        type=EventType.HUY_SU_KIEN,
        on=on,
        by=by,
        data={"reason": reason, "payout": payout.pk},
        corrects=payout.event,
        expected_version=expected_version,
        today=today,
    )
    reversal = PayoutReversal(
        payout=payout, event=event, reversed_on=on, reason=reason, recorded_by=_author(by)
    )
    reversal.save()
    return reversal


# ---- held money ----------------------------------------------------------------------------


@transaction.atomic
def held_money_receive(
    unit: Unit,
    *,
    kind: str,
    amount: int,
    received_on: dt.date,
    source: str,
    by: Any = None,
    case: Case | None = None,
    description: str = "",
    today: dt.date | None = None,
) -> HeldMoney:
    """Nhận tiền tạm thu, tạm giữ (Luật THADS 2008, Điều 68; NĐ 62/2015): held until released."""
    if kind not in HeldKind.values:
        raise DomainError(_("Loại tiền phải là tạm thu hoặc tạm giữ."))
    amount = _positive_amount(amount)
    source = (source or "").strip()
    if not source:
        raise DomainError(_("Phải ghi người nộp hoặc nơi chuyển tiền."))
    _not_future(received_on, today)
    if not unit.is_valid_on(received_on):
        raise DomainError(
            _("Đơn vị %(unit)s không hoạt động vào ngày %(day)s.")
            % {"unit": unit.name, "day": f"{received_on:%d/%m/%Y}"}
        )
    if case is not None and case.unit_id != unit.pk:
        raise DomainError(_("Việc thi hành án không thuộc đơn vị giữ tiền."))
    held = HeldMoney(
        unit=unit,
        case=case,
        kind=kind,
        amount=amount,
        received_on=received_on,
        source=source,
        description=(description or "").strip(),
        recorded_by=_author(by),
    )
    held.save()
    return held


@transaction.atomic
def held_money_release(
    held: HeldMoney,
    *,
    released_on: dt.date,
    reason: str,
    by: Any = None,
    today: dt.date | None = None,
) -> HeldMoneyRelease:
    """Xử lý tiền tạm thu, tạm giữ (trả lại, chuyển thu, nộp ngân sách): ends the holding."""
    held = HeldMoney.objects.select_for_update().get(pk=held.pk)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Phải ghi nội dung xử lý khoản tiền."))
    if HeldMoneyRelease.objects.filter(held=held).exists():
        raise DomainError(_("Khoản tiền này đã được xử lý trước đó."))
    _not_future(released_on, today)
    if released_on < held.received_on:
        raise DomainError(_("Ngày xử lý không được trước ngày nhận tiền."))
    release = HeldMoneyRelease(
        held=held, released_on=released_on, reason=reason, recorded_by=_author(by)
    )
    release.save()
    return release


# ---- payout preview (for the payout form) ----------------------------------------------------


class _PreviewRollback(Exception):
    pass


def payout_preview(
    case: Case,
    *,
    paid_on: dt.date,
    total: int | None = None,
    self_settled: bool = False,
    today: dt.date | None = None,
) -> list[dict]:
    """What `payout_record` would record now, recording nothing: shares in the legal order.

    Runs `payout_record` in a savepoint that is always rolled back, so the preview follows the
    very same rules (Luật THADS 2008, Điều 47 k1; fee of TT 216/2016, Điều 4). Each item:
    obligation, payee, amount, fee (đồng; None when no fee applies), is_reduced, net.
    Raises DomainError as `payout_record` would.
    """
    shares: list[dict] = []
    try:
        with transaction.atomic():
            for payout in payout_record(
                case, paid_on=paid_on, total=total, self_settled=self_settled, today=today
            ):
                fee = Fee.objects.filter(payout=payout).first()
                shares.append(
                    {
                        "obligation": payout.obligation,
                        "payee": payout.payee,
                        "amount": payout.amount,
                        "fee": fee.amount if fee else None,
                        "is_reduced": bool(fee and fee.is_reduced),
                        "net": payout.amount - (fee.amount if fee else 0),
                    }
                )
            raise _PreviewRollback
    except _PreviewRollback:
        pass
    case.refresh_from_db()
    return shares
