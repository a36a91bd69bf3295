"""Screens of the monthly report workflow: a unit's report status, its checks and transitions,
the frozen versus live numbers, and the parent's overview of the units below it.

Thin views: the rules are in `stats.submission` and `stats.checks`. A unit outside the user's
scope answers 404; a transition the user's role may not make answers 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.common.concurrency import ConcurrentEditError
from thads.org.middleware import active_unit
from thads.org.models import Unit
from thads.org.shortcuts import unit_for_read_or_404
from thads.stats import permissions
from thads.stats import submission as sub
from thads.stats.buckets import BUCKET_LABELS, CASE_KEYS, MONEY_KEYS
from thads.stats.checks import run_checks
from thads.stats.snapshots import compare

KEY_LABELS = BUCKET_LABELS


def _period_args(request) -> tuple[int, int]:
    """Year and month from the picker (?nam=&thang=), else the last month already closed."""
    year, month = sub.last_closed_month(timezone.localdate())
    try:
        year = int(request.GET.get("nam", year))
        month = int(request.GET.get("thang", month))
    except ValueError:
        raise Http404 from None
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    return year, month


def _status_url(unit: Unit, year: int, month: int) -> str:
    return f"{reverse('submission:status', args=[unit.code])}?nam={year}&thang={month}"


@login_required
def index(request):
    unit = active_unit(request)
    if unit is None:
        raise Http404
    return redirect("submission:status", unit_code=unit.code)


def _context(request, unit: Unit, year: int, month: int) -> dict:
    access = request.access
    status = sub.status_of(unit, year, month)
    period = status.period
    run = run_checks(unit, period)
    diff = None
    if status.is_approved:
        diff = compare(status.submission, period)
    frozen_total = {}
    if status.is_approved and hasattr(status.submission, "snapshot"):
        payloads = status.submission.snapshot.payloads
        frozen_total = {"cases": payloads["1"]["total"], "money": payloads["2"]["total"]}
    live_total = {"cases": run.report.total.buckets.cases, "money": run.report.total.buckets.money}
    rows = []
    for kind, keys in (("cases", CASE_KEYS), ("money", MONEY_KEYS)):
        for key in keys:
            frozen = frozen_total.get(kind, {}).get(key)
            live = live_total[kind][key]
            rows.append(
                {
                    "kind": kind,
                    "label": KEY_LABELS.get(key, key),
                    "frozen": frozen,
                    "live": live,
                    "changed": bool(frozen_total) and frozen != live,
                }
            )
    open_states = {sub.Status.PREPARED, sub.Status.RETURNED}
    can_submit = permissions.may_submit(access, unit) and status.status in open_states
    can_decide = permissions.may_decide(access, unit) and status.status == sub.Status.SUBMITTED
    return {
        "unit": unit,
        "year": year,
        "month": month,
        "months": range(1, 13),
        "status": status,
        "period": period,
        "run": run,
        "history": sub.history(status.submission),
        "reports_here": sub.reports_in_period(unit, period),
        "children": sub.children_of(unit, period),
        "can_submit": can_submit and sub.reports_in_period(unit, period),
        "can_decide": can_decide,
        "diff": diff,
        "case_rows": [r for r in rows if r["kind"] == "cases"],
        "money_rows": [r for r in rows if r["kind"] == "money"],
        "other_cells": [c for c in diff.cells if c.row and not c.label] if diff else [],
        "source_cells": diff.source_cells if diff else [],
        "key_labels": KEY_LABELS,
    }


@login_required
def status(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    year, month = _period_args(request)
    try:
        context = _context(request, unit, year, month)
    except sub.SubmissionError:
        raise Http404 from None
    return render(request, "stats/submission/status.html", context)


def _transition(request, unit_code: str, year: int, month: int, action: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    allowed = permissions.may_submit if action == "submit" else permissions.may_decide
    if not allowed(request.access, unit):
        raise PermissionDenied
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    kwargs = {"access": request.access, "user": request.user, "expected_version": version}
    try:
        if action == "submit":
            sub.report_submit(unit, year, month, **kwargs)
            done = _("Đã gửi báo cáo lên đơn vị cấp trên.")
        elif action == "approve":
            sub.report_approve(unit, year, month, **kwargs)
            done = _("Đã duyệt báo cáo. Số liệu đã được chốt.")
        else:
            sub.report_return(unit, year, month, reason=request.POST.get("reason", ""), **kwargs)
            done = _("Đã trả lại báo cáo cho đơn vị.")
    except sub.NotAllowed:
        raise PermissionDenied from None
    except ConcurrentEditError as exc:
        return _refused(request, unit, year, month, str(exc), 409)
    except sub.SubmissionError as exc:
        return _refused(request, unit, year, month, str(exc), 400)
    messages.success(request, done)
    return redirect(_status_url(unit, year, month))


def _refused(request, unit, year, month, error: str, code: int):
    try:
        context = _context(request, unit, year, month)
    except sub.SubmissionError:
        raise Http404 from None
    context["error"] = error
    return render(request, "stats/submission/status.html", context, status=code)


@login_required
@require_POST
def submit(request, unit_code: str, year: int, month: int):
    return _transition(request, unit_code, year, month, "submit")


@login_required
@require_POST
def approve(request, unit_code: str, year: int, month: int):
    return _transition(request, unit_code, year, month, "approve")


@login_required
@require_POST
def return_report(request, unit_code: str, year: int, month: int):
    return _transition(request, unit_code, year, month, "return")


@login_required
def children(request, unit_code: str):
    """The parent's overview: each unit below, its status, deadline and whether it is late."""
    unit = unit_for_read_or_404(request.access, unit_code)
    year, month = _period_args(request)
    try:
        rows = sub.children_statuses(unit, year, month)
        own = sub.status_of(unit, year, month)
    except sub.SubmissionError:
        raise Http404 from None
    visible = [r for r in rows if request.access.can_read_unit(r.unit.pk)]
    return render(
        request,
        "stats/submission/children.html",
        {
            "unit": unit,
            "year": year,
            "month": month,
            "months": range(1, 13),
            "own": own,
            "rows": visible,
            "period": own.period,
            "approved": sum(1 for r in visible if r.is_approved),
            "late": sum(1 for r in visible if r.late),
        },
    )
