"""Ledger screens: payments with their receipt, reversals, payouts with fees, held money.

Thin views over ledger.services and ledger.selectors. Who may write follows the case screens
(thads.cases.selectors.may_record): officers on their own cases, clerks the money of their
unit's cases, heads and deputies everything of their unit; inspectors and leaders read only.
Held money is the unit's: clerks, heads and deputies. Outside the user's scope: 404; visible
but not writable: 403; refused by a rule: 400 with the message (and article); stale: 409.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thads.cases import selectors as case_selectors
from thads.cases.models import Case, EventType, Party
from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError
from thads.common.money import format_vnd as _vnd
from thads.ledger import selectors, services
from thads.ledger.forms import (
    HeldReceiveForm,
    HeldReleaseForm,
    PaymentForm,
    PayoutForm,
    ReversalForm,
)
from thads.ledger.models import Payout
from thads.org.access import Access, scope_unit_ids
from thads.org.models import Role, Unit

# Held money older than this many days is highlighted (overridable with ?qua=N).
HELD_OLD_DAYS = 30


# ---- permissions and lookups ---------------------------------------------------------------


def may_hold_money(access: Access, unit: Unit) -> bool:
    """Receive and release tạm thu, tạm giữ: clerks, heads and deputies of the unit."""
    if access.is_read_only:
        return False
    if access.can_manage_unit(unit.pk):
        return True
    return access.role == Role.CLERK and access.can_work_in_unit(unit.pk)


def _case_or_404(request, pk: int) -> Case:
    try:
        return case_selectors.case_for_read(request.access, pk)
    except Case.DoesNotExist:
        raise Http404 from None


def _unit_or_404(request, code: str) -> Unit:
    unit = get_object_or_404(Unit, code=code)
    if not request.access.can_read_unit(unit.pk):
        raise Http404
    return unit


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _error_text(exc: DomainError) -> str:
    return f"{exc.message} ({exc.article})" if exc.article else exc.message


def _run(form, action):
    """Run a service; its refusal becomes a form error. Returns (result, http status)."""
    try:
        return action(), 302
    except ConcurrentEditError as exc:
        form.add_error(None, str(exc))
        return None, 409
    except DomainError as exc:
        form.add_error(None, _error_text(exc))
        return None, 400


def _render_form(request, template: str, context: dict, status: int):
    """The form as an htmx fragment (loaded into the case page) or as a full page."""
    context.setdefault("fragment_template", template)
    full = "ledger/form_page.html"
    return render(request, template if request.htmx else full, context, status=status)


# ---- receipts ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def payment(request, pk: int):
    """Thu tiền: records the payment and issues its receipt (Luật THADS 2008, Điều 47)."""
    case = _case_or_404(request, pk)
    _require(case_selectors.may_record(request.access, case, EventType.THU_TIEN))
    debtors = [p.name for p in case.parties.all() if p.role == Party.Role.PHAI_THI_HANH]
    form = PaymentForm(request.POST or None, case=case, payer=debtors[0] if debtors else "")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            receipt, status = _run(
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
    return _render_form(
        request,
        "ledger/_payment_form.html",
        {"case": case, "form": form, "title": _("Thu tiền"), "balance": _balance(case)},
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
    _require(case_selectors.may_record(request.access, case, EventType.THU_TIEN))
    if receipt.is_reversal:
        raise Http404
    form = ReversalForm(request.POST or None, case=case)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            reversal, status = _run(
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
    return _render_form(
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


# ---- payouts -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def payout(request, pk: int):
    """Chi trả in the legal order (Luật THADS 2008, Điều 47 k1), with a preview and the fee.

    POST with `xem_truoc` only previews; POST without it records.
    """
    case = _case_or_404(request, pk)
    _require(case_selectors.may_record(request.access, case, EventType.CHI_TRA))
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
                payouts, status = _run(
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
    return _render_form(
        request,
        "ledger/_payout_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Chi trả"),
            "balance": _balance(case),
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
        return [], _error_text(exc), 400
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
    _require(case_selectors.may_record(request.access, case, EventType.CHI_TRA))
    form = ReversalForm(request.POST or None, case=case)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            reversal, status = _run(
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
    return _render_form(
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


# ---- held money ----------------------------------------------------------------------------


@login_required
def held_list(request, unit_code: str):
    """Tiền tạm thu, tạm giữ of the unit (and its subtree) still held, with the age in days."""
    unit = _unit_or_404(request, unit_code)
    access = request.access
    today = timezone.localdate()
    try:
        old_days = max(0, int(request.GET.get("qua", HELD_OLD_DAYS)))
    except ValueError:
        old_days = HELD_OLD_DAYS
    ids = scope_unit_ids(unit) & access.visible_unit_ids
    rows = [
        h
        for h in selectors.held_money_visible(access)
        .filter(unit_id__in=ids)
        .order_by("received_on", "id")
        if h.released_on() is None or h.released_on() > today
    ]
    for row in rows:
        row.age = row.age_days(today)
        row.is_old = row.age > old_days
    return render(
        request,
        "ledger/held_list.html",
        {
            "unit": unit,
            "rows": rows,
            "total": sum(r.amount for r in rows),
            "old_days": old_days,
            "old_count": sum(1 for r in rows if r.is_old),
            "may_hold": may_hold_money(access, unit),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def held_receive(request, unit_code: str):
    """Nhận tiền tạm thu, tạm giữ (Luật THADS 2008, Điều 68), optionally for a case."""
    unit = _unit_or_404(request, unit_code)
    access = request.access
    _require(may_hold_money(access, unit))
    initial = {}
    if request.GET.get("viec"):
        initial["case_code"] = request.GET["viec"]
    form = HeldReceiveForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            case = None
            if data["case_code"]:
                case = (
                    case_selectors.cases_visible(access)
                    .filter(unit=unit, code=data["case_code"].strip())
                    .first()
                )
                if case is None:
                    form.add_error("case_code", _("Không có việc thi hành án mã này trong đơn vị."))
            if form.is_valid():
                held, status = _run(
                    form,
                    lambda: services.held_money_receive(
                        unit,
                        kind=data["kind"],
                        amount=data["amount"],
                        received_on=data["received_on"],
                        source=data["source"],
                        description=data["description"],
                        case=case,
                        by=request.user,
                    ),
                )
                if held is not None:
                    messages.success(
                        request,
                        _("Đã nhận %(kind)s %(amount)s.")
                        % {"kind": held.get_kind_display().lower(), "amount": _vnd(held.amount)},
                    )
                    if case is not None:
                        return redirect("cases:detail", pk=case.pk)
                    return redirect("ledger:held_list", unit_code=unit.code)
    return render(
        request,
        "ledger/held_form.html",
        {
            "unit": unit,
            "form": form,
            "title": _("Nhận tiền tạm thu, tạm giữ"),
            "action": reverse("ledger:held_receive", args=[unit.code]),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def held_release(request, pk: int):
    """Xử lý tiền tạm thu, tạm giữ (trả lại, chuyển thu, nộp ngân sách): ends the holding."""
    held = get_object_or_404(selectors.held_money_visible(request.access), pk=pk)
    unit = held.unit
    _require(may_hold_money(request.access, unit))
    form = HeldReleaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            release, status = _run(
                form,
                lambda: services.held_money_release(
                    held,
                    released_on=data["released_on"],
                    reason=data["reason"],
                    by=request.user,
                ),
            )
            if release is not None:
                messages.success(
                    request,
                    _("Đã xử lý khoản %(kind)s %(amount)s.")
                    % {"kind": held.get_kind_display().lower(), "amount": _vnd(held.amount)},
                )
                return redirect("ledger:held_list", unit_code=unit.code)
    return render(
        request,
        "ledger/held_form.html",
        {
            "unit": unit,
            "form": form,
            "held": held,
            "title": _("Xử lý tiền tạm thu, tạm giữ"),
            "action": reverse("ledger:held_release", args=[held.pk]),
        },
        status=status,
    )


# ---- the panel on the case page (registered in apps.py) ------------------------------------


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
        "may_receipt": case_selectors.may_record(access, case, EventType.THU_TIEN),
        "may_payout": case_selectors.may_record(access, case, EventType.CHI_TRA),
        "may_hold": may_hold_money(access, case.unit),
        "today": timezone.localdate(),
    }


# ---- the printable receipt -----------------------------------------------------------------


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


def _balance(case: Case):
    return selectors.case_balance(case)
