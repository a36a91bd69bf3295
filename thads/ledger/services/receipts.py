"""Thu tiền: a payment recorded with its receipt (biên lai), and its reversal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases.models import Case, CaseEvent, EventType
from thads.cases.services import event_record
from thads.common.errors import DomainError
from thads.ledger.models import (
    Receipt,
    ReceiptCounter,
    receipt_number,
)
from thads.ledger.services.rules import author, not_future, positive_amount


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
        recorded_by=author(by),
    )
    receipt.save()
    return receipt


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
    amount = positive_amount(amount)
    payer = (payer or "").strip()
    if not payer:
        raise DomainError(_("Phải ghi họ tên người nộp tiền."))
    event = event_record(
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
    not_future(on, today)
    if on < receipt.received_on:
        raise DomainError(_("Ngày hủy biên lai không được trước ngày thu tiền."))
    event = event_record(
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
