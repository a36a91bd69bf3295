"""Citizen reception sessions: the list with the year's counts, recording one, one session."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thads.common.parameters import int_param
from thads.common.periods import report_year_bounds, report_year_of
from thads.common.views import run_service
from thads.complaints import papers, permissions, selectors
from thads.complaints.forms_matters import SessionForm
from thads.complaints.services.reception import COUNTS, SessionInput, session_record
from thads.complaints.views.common import require, scope_ids
from thads.org.models import Staff
from thads.org.shortcuts import unit_for_read_or_404


def _year(request) -> int:
    default = report_year_of(timezone.localdate())
    return int_param(request.GET.get("nam"), default, minimum=2000, maximum=2100)


@login_required
def session_list(request, unit_code: str):
    """Buổi tiếp công dân of the report year, with the year's totals (all, by leaders)."""
    unit = unit_for_read_or_404(request.access, unit_code)
    year = _year(request)
    start, end = report_year_bounds(year)
    rows = selectors.sessions_visible(request.access).filter(
        unit_id__in=scope_ids(request.access, unit), held_on__gte=start, held_on__lte=end
    )
    names = ("visits", "people", "matters_old", "matters_new", "groups")
    totals = rows.aggregate(
        n_sessions=Count("id"),
        **{f"n_{k}": Sum(k) for k in names},
        **{f"leader_{k}": Sum(k, filter=Q(by_leader=True)) for k in ("visits", "people")},
    )
    page = Paginator(rows.order_by("-held_on", "-id"), 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "complaints/sessions.html",
        {
            "unit": unit,
            "year": year,
            "page": page,
            "totals": {k: v or 0 for k, v in totals.items()},
            "may_record": permissions.may_register(request.access, unit),
            "nav_active": "complaints_reception",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    require(permissions.may_register(request.access, unit))
    in_scope = Staff.objects.filter(memberships__unit_id__in=scope_ids(request.access, unit))
    choices = [(s.code, f"{s.full_name} — {s.get_title_display()}") for s in in_scope.distinct()]
    form = SessionForm(request.POST or None, staff_choices=choices)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            host = Staff.objects.filter(code=data["host"]).first() if data["host"] else None
            session, status = run_service(
                form,
                lambda: session_record(
                    unit,
                    SessionInput(
                        held_on=data["held_on"],
                        form=data["form"],
                        place=data["place"],
                        host=host,
                        by_leader=data["by_leader"],
                        content=data["content"],
                        outcome=data["outcome"],
                        **{name: data[name] for name in COUNTS},
                    ),
                    by=request.user,
                ),
            )
            if session is not None:
                messages.success(request, _("Đã ghi buổi tiếp công dân."))
                return redirect("complaints:session", pk=session.pk)
    return render(
        request,
        "complaints/session_form.html",
        {"unit": unit, "form": form, "nav_active": "complaints_reception"},
        status=status,
    )


@login_required
def session_detail(request, pk: int):
    session = get_object_or_404(selectors.sessions_visible(request.access), pk=pk)
    return render(
        request,
        "complaints/session.html",
        {
            "session": session,
            "unit": session.unit,
            "letters": list(session.letters.order_by("code")),
            "may_register": permissions.may_register(request.access, session.unit),
            "minutes_printable": papers.minutes_available(session),
            "nav_active": "complaints_reception",
        },
    )
