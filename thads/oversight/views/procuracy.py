"""The procuracy's acts: the unit's list, receiving an act, its page and its answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thads.cases.models import Case
from thads.cases.selectors import cases_in_scope
from thads.common.errors import DomainError
from thads.common.views import run_service
from thads.org.shortcuts import unit_for_read_or_404
from thads.oversight import permissions, selectors
from thads.oversight.forms import procuracy as forms
from thads.oversight.services import procuracy as services


@login_required
@require_GET
def act_list(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    return render(
        request,
        "oversight/procuracy_list.html",
        {
            "unit": unit,
            "acts": selectors.procuracy_acts_of(request.access, unit)[:200],
            "may_record": permissions.may_record_procuracy(request.access, unit),
            "today": timezone.localdate(),
            "nav_active": "procuracy",
        },
    )


def _cases(request, unit, codes: list[str]) -> list[Case]:
    """The cases named, looked up in the unit's scope only: a case elsewhere is "not found",
    exactly as a code nobody used (never a hint that it exists in another unit)."""
    found = {c.code: c for c in cases_in_scope(request.access, unit).filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise DomainError(_("Không tìm thấy việc: %(codes)s.") % {"codes": ", ".join(missing)})
    return [found[c] for c in codes]


@login_required
@require_http_methods(["GET", "POST"])
def new(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    if not permissions.may_record_procuracy(request.access, unit):
        raise PermissionDenied
    form = forms.ActForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            act, status = run_service(
                form,
                lambda: services.act_receive(
                    unit=unit,
                    data=form.to_input(),
                    cases=_cases(request, unit, form.codes()),
                    user=request.user,
                ),
            )
            if status == 302:
                return redirect("oversight:procuracy_detail", pk=act.pk)
    return render(
        request,
        "oversight/procuracy_new.html",
        {"unit": unit, "form": form, "nav_active": "procuracy"},
        status=status,
    )


@login_required
@require_GET
def detail(request, pk: int):
    act = selectors.procuracy_act_for_read_or_404(request.access, pk)
    return render(
        request,
        "oversight/procuracy_detail.html",
        {
            "act": act,
            "cases": act.cases.select_related("unit"),
            "may_answer": act.answered_on is None
            and permissions.may_record_procuracy(request.access, act.unit),
            "today": timezone.localdate(),
            "nav_active": "procuracy",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    act = selectors.procuracy_act_for_read_or_404(request.access, pk)
    if not permissions.may_record_procuracy(request.access, act.unit):
        raise PermissionDenied
    form = forms.AnswerForm(request.POST or None, initial={"version": act.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            _done, status = run_service(
                form, lambda: services.act_answer(act, user=request.user, **form.cleaned_data)
            )
            if status == 302:
                messages.success(request, _("Đã ghi nhận văn bản trả lời."))
                return redirect("oversight:procuracy_detail", pk=act.pk)
    return render(
        request,
        "oversight/procuracy_answer.html",
        {"act": act, "form": form, "nav_active": "procuracy"},
        status=status,
    )
