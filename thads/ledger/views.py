"""Ledger pages: thin views over the ledger selectors (the case page itself lives in web)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from thads.cases.models import Party
from thads.ledger import selectors


@login_required
def receipt_print(request, pk: int):
    """Biên lai thu tiền, printable, with the amount in words; 404 outside the user's scope."""
    receipt = get_object_or_404(
        selectors.receipts_visible(request.access).select_related(
            "unit", "case", "case__judgment", "reverses", "recorded_by"
        ),
        pk=pk,
    )
    debtors = receipt.case.parties.filter(role=Party.Role.PHAI_THI_HANH)
    return render(request, "ledger/receipt_print.html", {"receipt": receipt, "debtors": debtors})
