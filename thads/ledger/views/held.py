"""Held money (tạm thu, tạm giữ) of a unit: the list, receiving, releasing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thads.cases import selectors as case_selectors
from thads.common.money import format_vnd as _vnd
from thads.common.views import run_service
from thads.ledger import selectors, services
from thads.ledger.forms import (
    HeldReceiveForm,
    HeldReleaseForm,
)
from thads.ledger.permissions import may_hold_money
from thads.ledger.views.common import HELD_OLD_DAYS, require
from thads.org.access import scope_unit_ids
from thads.org.shortcuts import unit_for_read_or_404


@login_required
def held_list(request, unit_code: str):
    """Tiền tạm thu, tạm giữ of the unit (and its subtree) still held, with the age in days."""
    unit = unit_for_read_or_404(request.access, unit_code)
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
    unit = unit_for_read_or_404(request.access, unit_code)
    access = request.access
    require(may_hold_money(access, unit))
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
                held, status = run_service(
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
    require(may_hold_money(request.access, unit))
    form = HeldReleaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            release, status = run_service(
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
