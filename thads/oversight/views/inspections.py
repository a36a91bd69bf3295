"""Inspections: the unit's overview (plan and inspections), the plan, a new inspection, the
one-click surprise inspection of prolonged cases, an inspection's page and its steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thads.cases.models import Case
from thads.common.views import run_service
from thads.org.access import scope_unit_ids
from thads.org.models import Unit
from thads.org.shortcuts import unit_for_read_or_404
from thads.oversight import papers, permissions, selectors
from thads.oversight.forms import inspections as forms
from thads.oversight.models import InspectionPlan, PlanItem, Recommendation
from thads.oversight.services import inspections as services


def _units_below(request, unit: Unit):
    ids = scope_unit_ids(unit) & request.access.visible_unit_ids
    return Unit.objects.filter(pk__in=ids).order_by("tree_order")


@login_required
@require_GET
def overview(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    today = timezone.localdate()
    plan = InspectionPlan.objects.filter(unit=unit, year=today.year).first()
    return render(
        request,
        "oversight/inspections.html",
        {
            "unit": unit,
            "plan": plan,
            "items": plan.items.select_related("target", "inspection") if plan else [],
            "inspections": selectors.inspections_of(request.access, unit)[:100],
            "overdue": selectors.overdue_recommendations(request.access, unit, today),
            "year_count": selectors.inspections_in_year(request.access, unit, today.year).count(),
            "progress": selectors.plan_progress(request.access, unit, today.year),
            "may_plan": permissions.may_plan(request.access, unit),
            "may_inspect": permissions.may_inspect(request.access, unit),
            "may_surprise": permissions.is_inspection_office(request.access, unit),
            "today": today,
            "nav_active": "inspections",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, unit_code: str):
    """The plan of the year: approve it, add planned inspections, trim one with a reason."""
    unit = unit_for_read_or_404(request.access, unit_code)
    if not permissions.may_plan(request.access, unit):
        raise PermissionDenied
    today = timezone.localdate()
    current = InspectionPlan.objects.filter(unit=unit, year=today.year).first()
    items = PlanItem.objects.filter(plan=current, trimmed_on__isnull=True).select_related(
        "target", "plan"
    )
    which = request.POST.get("thao_tac", "")
    plan_form = forms.PlanForm(
        request.POST if which == "ke_hoach" else None,
        initial={"year": today.year, "approved_on": today},
    )
    item_form = forms.PlanItemForm(
        request.POST if which == "them" else None, units=_units_below(request, unit)
    )
    trim_form = forms.TrimForm(
        request.POST if which == "dieu_chinh" else None, items=items, initial={"on": today}
    )
    status = 200
    if request.method == "POST":
        status = 400
        form, action = {
            "ke_hoach": (
                plan_form,
                lambda d: services.plan_create(unit=unit, user=request.user, **d),
            ),
            "them": (
                item_form,
                lambda d: services.plan_item_add(_current(current), user=request.user, **d),
            ),
            "dieu_chinh": (
                trim_form,
                lambda d: services.plan_item_trim(
                    d["item"],
                    on=d["on"],
                    reason=d["reason"],
                    version=d["item"].version,
                    user=request.user,
                ),
            ),
        }.get(which, (None, None))
        if form is None:
            raise Http404
        if form.is_valid():
            _done, status = run_service(form, lambda: action(dict(form.cleaned_data)))
            if status == 302:
                messages.success(request, _("Đã cập nhật kế hoạch kiểm tra."))
                return redirect("oversight:plan", unit_code=unit.code)
    return render(
        request,
        "oversight/plan.html",
        {
            "unit": unit,
            "plan": current,
            "all_items": current.items.select_related("target", "inspection", "updated_by")
            if current
            else [],
            "plan_form": plan_form,
            "item_form": item_form,
            "trim_form": trim_form,
            "nav_active": "inspections",
        },
        status=status,
    )


def _current(plan):
    from thads.common.errors import DomainError

    if plan is None:
        raise DomainError(_("Chưa có kế hoạch kiểm tra năm nay: hãy ghi quyết định phê duyệt."))
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def new(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    if not permissions.may_inspect(request.access, unit):
        raise PermissionDenied
    office = permissions.is_inspection_office(request.access, unit)
    units = _units_below(request, unit) if office else Unit.objects.filter(pk=unit.pk)
    items = PlanItem.objects.filter(
        plan__unit=unit, trimmed_on__isnull=True, inspection__isnull=True
    ).select_related("target", "plan")
    form = forms.InspectionForm(request.POST or None, units=units, items=items)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            target = form.cleaned_data["unit"]
            data = form.to_input()
            if not permissions.may_inspect(request.access, target, data.kind):
                raise PermissionDenied
            inspection, status = run_service(
                form,
                lambda: services.inspection_open(
                    inspecting_unit=unit, unit=target, data=data, user=request.user
                ),
            )
            if status == 302:
                return redirect("oversight:inspection_detail", pk=inspection.pk)
    return render(
        request,
        "oversight/inspection_new.html",
        {"unit": unit, "form": form, "nav_active": "inspections"},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def surprise(request, unit_code: str):
    """One click: the proposal (the unit's cases with conditions pending over a year, as the
    bottleneck list shows them) and the decision that opens the surprise inspection."""
    unit = unit_for_read_or_404(request.access, unit_code)
    if not permissions.is_inspection_office(request.access, unit):
        raise PermissionDenied
    inspecting = request.access.home_unit or unit
    today = timezone.localdate()
    form = forms.SurpriseForm(request.POST or None, initial={"decision_on": today})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            inspection, status = run_service(
                form,
                lambda: services.surprise_open(
                    inspecting_unit=inspecting, unit=unit, user=request.user, **form.cleaned_data
                ),
            )
            if status == 302:
                messages.success(request, _("Đã lập cuộc kiểm tra đột xuất."))
                return redirect("oversight:inspection_detail", pk=inspection.pk)
    proposal = services.surprise_proposal(unit, today)
    return render(
        request,
        "oversight/surprise.html",
        {
            "unit": unit,
            "form": form,
            "proposal": proposal[:200],
            "count": proposal.count(),
            "today": today,
            "nav_active": "inspections",
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk: int):
    inspection = selectors.inspection_for_read_or_404(request.access, pk)
    may = permissions.may_inspect(request.access, inspection.unit, inspection.kind)
    files = inspection.files.select_related("case", "case__officer").order_by("case__code")
    recommendations = inspection.recommendations.prefetch_related("follow_ups")
    return render(
        request,
        "oversight/inspection_detail.html",
        {
            "inspection": inspection,
            "back_unit": selectors.inspection_list_unit(request.access, inspection),
            "files": files,
            "findings": inspection.findings.select_related("case"),
            "recommendations": recommendations,
            "may_change": may,
            "may_follow": permissions.may_follow_up(request.access, inspection),
            "decision_printable": papers.decision_available(inspection),
            "today": timezone.localdate(),
            "nav_active": "inspections",
        },
    )


STEPS = {
    "ho-so": (forms.FileForm, gettext_lazy("Thêm hồ sơ được kiểm tra")),
    "vi-pham": (forms.FindingForm, gettext_lazy("Ghi vi phạm")),
    "ket-luan": (forms.ConclusionForm, gettext_lazy("Kết luận kiểm tra")),
    "kien-nghi": (forms.RecommendationForm, gettext_lazy("Kiến nghị")),
    "thuc-hien": (forms.FollowUpForm, gettext_lazy("Theo dõi thực hiện kiến nghị")),
}


def _run(step: str, inspection, data: dict, user):
    if step == "ho-so":
        return services.file_add_by_code(inspection, code=data["code"], user=user)
    if step == "vi-pham":
        case = Case.objects.filter(pk=data["case"]).first() if data["case"] else None
        return services.finding_record(
            inspection,
            violation=data["violation"],
            description=data["description"],
            case=case,
            user=user,
        )
    if step == "ket-luan":
        return services.conclusion_record(inspection, user=user, **data)
    if step == "kien-nghi":
        return services.recommendation_add(
            inspection,
            kind=data["kind"],
            content=data["content"],
            people=data.get("people") or 0,
            amount=data.get("amount") or 0,
            due_on=data.get("due_on"),
            user=user,
        )
    recommendation = get_object_or_404(
        Recommendation, pk=data["recommendation"], inspection=inspection
    )
    return services.follow_up_record(
        recommendation,
        on=data["on"],
        note=data["note"],
        close=data["close"],
        version=data["version"],
        user=user,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action(request, pk: int, step: str):
    inspection = selectors.inspection_for_read_or_404(request.access, pk)
    if step not in STEPS:
        raise Http404
    if step == "thuc-hien":
        allowed = permissions.may_follow_up(request.access, inspection)
    else:
        allowed = permissions.may_inspect(request.access, inspection.unit, inspection.kind)
    if not allowed:
        raise PermissionDenied
    form_class, title = STEPS[step]
    kwargs = {}
    initial = {"version": inspection.version}
    if step == "vi-pham":
        kwargs["files"] = inspection.files.select_related("case")
    if step == "thuc-hien":
        rec = get_object_or_404(
            Recommendation,
            pk=request.GET.get("kn") or request.POST.get("recommendation") or 0,
            inspection=inspection,
        )
        initial.update(recommendation=rec.pk, version=rec.version)
    form = form_class(request.POST or None, initial=initial, **kwargs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            _done, status = run_service(
                form, lambda: _run(step, inspection, dict(form.cleaned_data), request.user)
            )
            if status == 302:
                messages.success(request, _("Đã ghi nhận: %(step)s.") % {"step": title})
                return redirect("oversight:inspection_detail", pk=inspection.pk)
    return render(
        request,
        "oversight/inspection_action.html",
        {"inspection": inspection, "form": form, "title": title, "nav_active": "inspections"},
        status=status,
    )
