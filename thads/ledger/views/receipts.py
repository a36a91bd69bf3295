"""Thu tiền with its receipt (biên lai), its reversal, and the printable receipt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thads.cases.models import EventType, Party
from thads.cases.permissions import may_record
from thads.cases.shortcuts import case_for_read_or_404
from thads.common.money import format_vnd as _vnd
from thads.common.views import run_service
from thads.ledger import selectors, services
from thads.ledger.forms import (
    PaymentForm,
    ReversalForm,
)
from thads.ledger.views.common import balance, render_form, require


@login_required
@require_http_methods(["GET", "POST"])
def payment(request, pk: int):
    """Thu tiền: records the payment and issues its receipt (Luật THADS 2008, Điều 47)."""
    case = case_for_read_or_404(request.access, pk)
    require(may_record(request.access, case, EventType.THU_TIEN))
    debtors = [p.name for p in case.parties.all() if p.role == Party.Role.PHAI_THI_HANH]
    form = PaymentForm(request.POST or None, case=case, payer=debtors[0] if debtors else "")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            receipt, status = run_service(
                form,
                lambda: services.payment_record(
                    case,
                    amount=data["amount"],
                    received_on=data["received_on"],
                    payer=data["payer"],
                    note=data["note"],
                    by=request.user,
                    expected_version=data["version"],
                ),
            )
            if receipt is not None:
                messages.success(
                    request,
                    format_html(
                        '{} <a href="{}" data-testid="receipt-print-link">{}</a>',
                        _("Đã thu %(amount)s, biên lai số %(number)s.")
                        % {"amount": _vnd(receipt.amount), "number": receipt.number},
                        reverse("ledger:receipt_print", args=[receipt.pk]),
                        _("In biên lai"),
                    ),
                )
                return redirect("cases:detail", pk=case.pk)
    return render_form(
        request,
        "ledger/_payment_form.html",
        {"case": case, "form": form, "title": _("Thu tiền"), "balance": balance(case)},
        status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def receipt_reverse(request, pk: int):
    """Hủy biên lai: a reversing receipt voids the payment's event; nothing is deleted."""
    receipt = get_object_or_404(
        selectors.receipts_visible(request.access).select_related("case", "case__unit"), pk=pk
    )
    case = receipt.case
    require(may_record(request.access, case, EventType.THU_TIEN))
    if receipt.is_reversal:
        raise Http404
    form = ReversalForm(request.POST or None, case=case)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            reversal, status = run_service(
                form,
                lambda: services.receipt_reverse(
                    receipt,
                    reason=data["reason"],
                    on=data["on"],
                    by=request.user,
                    expected_version=data["version"],
                ),
            )
            if reversal is not None:
                messages.success(
                    request,
                    _("Đã hủy biên lai %(number)s bằng biên lai hủy số %(reversal)s.")
                    % {"number": receipt.number, "reversal": reversal.number},
                )
                return redirect("cases:detail", pk=case.pk)
    return render_form(
        request,
        "ledger/_reversal_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Hủy biên lai %(number)s") % {"number": receipt.number},
            "action": reverse("ledger:receipt_reverse", args=[receipt.pk]),
            "item": _("Biên lai %(number)s ngày %(day)s, %(amount)s, người nộp %(payer)s")
            % {
                "number": receipt.number,
                "day": f"{receipt.received_on:%d/%m/%Y}",
                "amount": _vnd(receipt.amount),
                "payer": receipt.payer,
            },
        },
        status,
    )


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
