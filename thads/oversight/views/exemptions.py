"""Exemption dossiers of a unit: the list, a new dossier, a dossier's steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thads.cases.models import Case
from thads.common.errors import DomainError
from thads.common.views import run_service
from thads.org.access import scope_unit_ids
from thads.org.shortcuts import unit_for_read_or_404
from thads.oversight import permissions
from thads.oversight.forms import exemptions as forms
from thads.oversight.models import ExemptionDossier
from thads.oversight.services import exemptions as services


def _dossiers(request, unit):
    ids = scope_unit_ids(unit) & request.access.visible_unit_ids
    return ExemptionDossier.objects.filter(case__unit_id__in=ids).select_related(
        "case", "case__unit", "event"
    )


@login_required
@require_GET
def dossier_list(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    return render(
        request,
        "oversight/exemptions.html",
        {
            "unit": unit,
            "dossiers": _dossiers(request, unit)[:200],
            "may_record": permissions.may_record_exemption(request.access, unit),
            "nav_active": "exemptions",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    if not permissions.may_record_exemption(request.access, unit):
        raise PermissionDenied
    form = forms.DossierForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)

            def run():
                ids = scope_unit_ids(unit)
                case = Case.objects.filter(code=data.pop("code").strip(), unit_id__in=ids).first()
                if case is None:
                    raise DomainError(_("Không tìm thấy việc có mã này trong đơn vị."))
                return services.dossier_open(case=case, user=request.user, **data)

            _done, status = run_service(form, run)
            if status == 302:
                messages.success(request, _("Đã lập hồ sơ miễn, giảm."))
                return redirect("oversight:exemptions", unit_code=unit.code)
    return render(
        request,
        "oversight/exemption_form.html",
        {
            "unit": unit,
            "form": form,
            "title": _("Lập hồ sơ miễn, giảm"),
            "nav_active": "exemptions",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def update(request, pk: int):
    dossier = ExemptionDossier.objects.select_related("case", "case__unit").filter(pk=pk).first()
    if dossier is None or not request.access.can_read_unit(dossier.case.unit_id):
        raise Http404
    unit = dossier.case.unit
    if not permissions.may_record_exemption(request.access, unit):
        raise PermissionDenied
    initial = {
        "version": dossier.version,
        "sent_on": dossier.sent_on,
        "court_accepted_on": dossier.court_accepted_on,
        "decided_on": dossier.decided_on,
        "decision_no": dossier.decision_no,
        "result": dossier.result,
    }
    form = forms.DossierUpdateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            _done, status = run_service(
                form,
                lambda: services.dossier_update(dossier, user=request.user, **form.cleaned_data),
            )
            if status == 302:
                messages.success(request, _("Đã cập nhật hồ sơ miễn, giảm."))
                return redirect("oversight:exemptions", unit_code=unit.code)
    return render(
        request,
        "oversight/exemption_form.html",
        {
            "unit": unit,
            "form": form,
            "dossier": dossier,
            "title": _("Hồ sơ miễn, giảm: %(code)s") % {"code": dossier.case.code},
            "nav_active": "exemptions",
        },
        status=status,
    )
