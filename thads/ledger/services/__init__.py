"""Writes to the ledger: receipts, reversing receipts, payouts with their fee, held money.

Each function runs in one transaction. Money of a case moves only through
`cases.services.event_record`, which locks the case row (SELECT … FOR UPDATE) and checks the whole
resulting history, so two simultaneous payments can never overdraw a case; the ledger entry is
written in the same transaction as its event. Lock order is always case, then receipt counter.

One module per kind of write (receipts, payouts, held money); the names below are the API.
"""

from thads.ledger.services.held import held_money_receive, held_money_release
from thads.ledger.services.payouts import payout_preview, payout_record, payout_reverse
from thads.ledger.services.receipts import payment_record, receipt_reverse
from thads.ledger.services.rules import ORDER_ARTICLE

__all__ = [
    "ORDER_ARTICLE",
    "held_money_receive",
    "held_money_release",
    "payment_record",
    "payout_preview",
    "payout_record",
    "payout_reverse",
    "receipt_reverse",
]
