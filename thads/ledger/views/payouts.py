"""Chi trả: payouts in the legal order with their fees, the preview, reversals."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thads.cases.models import Case, EventType
from thads.cases.permissions import may_record
from thads.cases.shortcuts import case_for_read_or_404
from thads.common.errors import DomainError
from thads.common.money import format_vnd as _vnd
from thads.common.views import error_text, run_service
from thads.ledger import services
from thads.ledger.forms import (
    PayoutForm,
    ReversalForm,
)
from thads.ledger.models import Payout
from thads.ledger.views.common import balance, render_form, require


@login_required
@require_http_methods(["GET", "POST"])
def payout(request, pk: int):
    """Chi trả in the legal order (Luật THADS 2008, Điều 47 k1), with a preview and the fee.

    POST with `xem_truoc` only previews; POST without it records.
    """
    case = case_for_read_or_404(request.access, pk)
    require(may_record(request.access, case, EventType.CHI_TRA))
    form = PayoutForm(request.POST or None, case=case)
    status = 200
    preview: list[dict] = []
    preview_error = ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if "xem_truoc" in request.POST:
                preview, preview_error, status = _preview(
                    case, data["paid_on"], data["total"], data["self_settled"]
                )
            else:
                payouts, status = run_service(
                    form,
                    lambda: services.payout_record(
                        case,
                        paid_on=data["paid_on"],
                        total=data["total"],
                        self_settled=data["self_settled"],
                        by=request.user,
                        expected_version=data["version"],
                    ),
                )
                if payouts is not None:
                    messages.success(
                        request,
                        _("Đã chi trả %(amount)s cho %(n)d khoản.")
                        % {"amount": _vnd(sum(p.amount for p in payouts)), "n": len(payouts)},
                    )
                    return redirect("cases:detail", pk=case.pk)
    else:
        preview, preview_error, _status = _preview(case, timezone.localdate(), None, False)
    return render_form(
        request,
        "ledger/_payout_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Chi trả"),
            "balance": balance(case),
            "preview": preview,
            "preview_error": preview_error,
        },
        status,
    )


def _preview(case: Case, paid_on: dt.date, total: int | None, self_settled: bool):
    try:
        shares = services.payout_preview(
            case, paid_on=paid_on, total=total, self_settled=self_settled
        )
    except DomainError as exc:
        return [], error_text(exc), 400
    return shares, "", 200


@login_required
@require_http_methods(["GET", "POST"])
def payout_reverse(request, pk: int):
    """Hủy khoản chi trả ghi sai: its event is voided, its fee no longer counts."""
    payout_ = get_object_or_404(
        Payout.objects.filter(case__unit_id__in=request.access.visible_unit_ids).select_related(
            "case", "case__unit", "obligation", "payee"
        ),
        pk=pk,
    )
    case = payout_.case
    require(may_record(request.access, case, EventType.CHI_TRA))
    form = ReversalForm(request.POST or None, case=case)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            reversal, status = run_service(
                form,
                lambda: services.payout_reverse(
                    payout_,
                    reason=data["reason"],
                    on=data["on"],
                    by=request.user,
                    expected_version=data["version"],
                ),
            )
            if reversal is not None:
                messages.success(
                    request,
                    _("Đã hủy khoản chi trả %(amount)s ngày %(day)s.")
                    % {"amount": _vnd(payout_.amount), "day": f"{payout_.paid_on:%d/%m/%Y}"},
                )
                return redirect("cases:detail", pk=case.pk)
    return render_form(
        request,
        "ledger/_reversal_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Hủy khoản chi trả"),
            "action": reverse("ledger:payout_reverse", args=[payout_.pk]),
            "item": _("Chi trả ngày %(day)s, %(amount)s — %(obligation)s")
            % {
                "day": f"{payout_.paid_on:%d/%m/%Y}",
                "amount": _vnd(payout_.amount),
                "obligation": payout_.obligation.description,
            },
        },
        status,
    )
