"""Chi trả: payouts in the legal order (Luật THADS 2008, Điều 47) with their fee, reversals,
and the preview the payout form shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases.models import Case, CaseMode, EventType, Obligation, Party
from thads.cases.services import event_record
from thads.cases.state import effective_events
from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError
from thads.common.money import format_vnd
from thads.ledger import fees as fee_rules
from thads.ledger.distribution import distribute, priority_rank
from thads.ledger.models import (
    Fee,
    Payout,
    PayoutReversal,
)
from thads.ledger.selectors import creditor_received, obligation_dues, unpaid_collected
from thads.ledger.services.rules import ORDER_ARTICLE, author, not_future, positive_amount


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
        amount = positive_amount(amount)
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
    not_future(paid_on, today)
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
        to_pay = available if total is None else positive_amount(total)
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
        event = event_record(
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
            recorded_by=author(by),
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
    not_future(on, today)
    if on < payout.paid_on:
        raise DomainError(_("Ngày hủy không được trước ngày chi trả."))
    event = event_record(
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
        payout=payout, event=event, reversed_on=on, reason=reason, recorded_by=author(by)
    )
    reversal.save()
    return reversal


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
