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
    held = selectors.held_money_of_case(case)  # one read for the balance and the table
    balance = selectors.case_balance(case, held_money=held)
    receipts = list(selectors.receipts_of_case(access, case))
    payouts = list(selectors.payouts_of_case(access, case))
    return {
        "case": case,
        "balance": balance,
        "receipts": receipts,
        "payouts": payouts,
        # Money in the case's history with no receipt or payout in the books: recorded before
        # the books were kept here (an imported history). Said, so that "no receipt" beside
        # "collected 38 million" does not read as a contradiction.
        "collected_without_receipt": balance.collected - sum(r.signed_amount for r in receipts),
        "paid_without_payout": balance.paid_out
        - sum(p.amount for p in payouts if not p.is_reversed),
        # The sums held by a unit the user sees (`held_money_visible`), e.g. not those of
        # the unit that entrusted the case.
        "held": [h for h in held if h.unit_id in access.visible_unit_ids],
        "may_receipt": may_record(access, case, EventType.THU_TIEN),
        "may_payout": may_record(access, case, EventType.CHI_TRA),
        "may_hold": may_hold_money(access, case.unit),
        "today": timezone.localdate(),
    }
