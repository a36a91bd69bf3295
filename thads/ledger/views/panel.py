"""The ledger's panel on the case page (registered in apps.py)."""

from __future__ import annotations

from django.utils import timezone

from thads.cases.models import Case, EventType
from thads.cases.permissions import may_record
from thads.ledger import selectors
from thads.ledger.permissions import may_hold_money


def case_panel(request, case: Case) -> dict:
    """Biên lai và chi trả: receipts, payouts with fees, money collected not paid, held money."""
    access = request.access
    return {
        "case": case,
        "balance": selectors.case_balance(case),
        "receipts": list(selectors.receipts_of_case(access, case)),
        "payouts": list(selectors.payouts_of_case(access, case)),
        "held": list(
            selectors.held_money_visible(access).filter(case=case).order_by("received_on", "id")
        ),
        "may_receipt": may_record(access, case, EventType.THU_TIEN),
        "may_payout": may_record(access, case, EventType.CHI_TRA),
        "may_hold": may_hold_money(access, case.unit),
        "today": timezone.localdate(),
    }
