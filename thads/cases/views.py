"""The officers' screens for cases: lists, the case page and its actions, intake, assignment.

Thin views: reads come from cases.selectors (scoped by request.access), writes go through
cases.services; a case outside the user's scope answers 404, a visible one it may not change 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thads.cases import actions as case_actions
from thads.cases import assignment, permissions, selectors, services, stages
from thads.cases.deadline_sources import counts_by_officer as other_counts_by_officer
from thads.cases.deadline_sources import deadlines_for, other_deadlines
from thads.cases.deadlines import case_deadlines, deadlines_by_officer, open_deadlines
from thads.cases.forms import (
    AssignForm,
    CaseFilterForm,
    EventForm,
    IntakeBlock,
    JudgmentForm,
    intake_unit_officers,
)
from thads.cases.law import LAW_NOTE
from thads.cases.models import Case, EventType
from thads.cases.shortcuts import case_for_read_or_404
from thads.cases.state import CaseSnapshot
from thads.common.errors import DomainError
from thads.common.views import error_text, run_service
from thads.org.access import scope_unit_ids
from thads.org.middleware import active_unit
from thads.org.models import Staff, Unit
from thads.org.selectors import staff_visible
from thads.org.shortcuts import unit_for_read_or_404

PAGE_SIZE = 25
MAX_INTAKE_CASES = 10


# ---- lists ---------------------------------------------------------------------------------


@login_required
def case_list(request):
    access = request.access
    unit = active_unit(request)
    form = CaseFilterForm(request.GET or None, officers=selectors.officers_for_filter(access, unit))
    filters = selectors.CaseFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.CaseFilters(
            **{k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        )
    cases = selectors.case_list(access, unit, filters).prefetch_related("parties")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "unit": unit,
            "nav_active": "case_list",
            "may_intake": unit is not None and permissions.may_intake(access, unit),
        },
    )


@login_required
def my_cases(request):
    """Việc của tôi: the officer's open cases by urgency; a head sees every officer's counts."""
    access = request.access
    unit = active_unit(request)
    today = timezone.localdate()
    sees_officers = unit is not None and (access.is_leader or access.can_manage_unit(unit.pk))
    staff = access.staff
    officer_code = request.GET.get("officer")
    if officer_code and sees_officers:
        # Only staff posted in a unit the user sees: another unit's code answers 404 (no name).
        staff = get_object_or_404(staff_visible(access), code=officer_code)
    context = {
        "unit": unit,
        "today": today,
        "nav_active": "my_cases",
        "officer": staff,
        "law_note": LAW_NOTE,
    }
    # Deadlines kept by other apps (the judgments monitored, the procuracy's acts…).
    others = other_deadlines(access, unit, today) if (staff is not None or sees_officers) else []
    if staff is not None:
        cases = selectors.officer_unfinished_cases(access, unit, staff).prefetch_related("parties")
        deadlines = open_deadlines(cases, today)
        by_case = {c.pk: c for c in cases}
        groups = {"overdue": [], "today": [], "this_week": []}
        for deadline in deadlines:
            status = deadline.status(today)
            if status in groups and deadline.case_id in by_case:
                groups[status].append((deadline, by_case[deadline.case_id]))
        manager = staff == access.staff and unit is not None and access.can_manage_unit(unit.pk)
        other_groups = {status: [] for status in groups}
        for row in deadlines_for(others, staff.pk, manager=manager):
            status = row.status(today)
            if status in other_groups:
                other_groups[status].append(row)
        context.update(
            {
                "cases": list(by_case.values()),
                "groups": groups,
                "other_groups": other_groups,
                "counts": {s: len(groups[s]) + len(other_groups[s]) for s in groups},
            }
        )
    if sees_officers:
        scoped = selectors.cases_in_scope(access, unit)
        counts = deadlines_by_officer(scoped, today)
        extra = other_counts_by_officer(others, today)
        rows = {r["officer_id"]: r for r in selectors.officer_counts(access, unit)}
        # An officer with deadlines elsewhere (a judgment monitored) and no open case is listed.
        for officer in Staff.objects.filter(pk__in=extra.keys() - rows.keys()).order_by("code"):
            rows[officer.pk] = {
                "officer_id": officer.pk,
                "officer__code": officer.code,
                "officer__full_name": officer.full_name,
                "open_cases": 0,
                "with_conditions": 0,
                "remainder": 0,
            }
        table = []
        for officer_id, row in rows.items():
            merged = dict(counts.get(officer_id, {}))
            for status, n in extra.get(officer_id, {}).items():
                merged[status] = merged.get(status, 0) + n
            table.append({**row, **merged})
        context["officer_rows"] = table
    return render(request, "cases/my_cases.html", context)


# ---- one case ------------------------------------------------------------------------------


@login_required
def case_detail(request, pk: int):
    access = request.access
    case = case_for_read_or_404(request.access, pk)
    today = timezone.localdate()
    events = selectors.case_events(case)  # one read for the deadlines, actions, money, timeline
    selectors.case_page_rows(case)  # parties and obligations, read once for the whole page
    deadlines = case_deadlines(case, events, today=today)
    actions = selectors.actions_for(access, case, today, events)
    # Registered views (e.g. the ledger's payment) replace the generic one.
    links = [
        stages.Action(kind, name, case_actions.action_url(case, kind)) for kind, name in actions
    ]
    main_stages, other_stages = stages.group_actions(
        links, CaseSnapshot(amount=case.amount, state=case.state, is_classified=case.is_classified)
    )
    context = {
        "case": case,
        "parties": case.parties.all(),
        "obligations": case.obligations.all(),
        "money": selectors.money_summary(case),
        "deadlines": [(d, d.status(today)) for d in deadlines],
        "timeline": selectors.timeline(case, events),
        "actions": actions,
        "action_stages": main_stages,
        "other_stages": other_stages,
        "panels": case_actions.case_panels(request, case),
        "may_assign": permissions.may_assign(access, case),
        "today": today,
        "law_note": LAW_NOTE,
    }
    return render(request, "cases/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_action(request, pk: int, event_type: str):
    """One action (event) on a case: refused by the law → 400 with the article; stale → 409."""
    access = request.access
    case = case_for_read_or_404(request.access, pk)
    if event_type not in EventType.values or event_type in selectors.SPECIAL_EVENTS:
        raise Http404
    if case_actions.has_action_view(event_type):
        # Recorded through its own screen (money: the ledger issues the receipt), never here.
        raise Http404
    if not permissions.may_record(access, case, event_type):
        raise PermissionDenied
    kwargs = {"event_type": event_type, "case": case}
    if event_type == EventType.UY_THAC:
        kwargs["to_units"] = selectors.entrust_targets(case)
    form = EventForm(request.POST or None, **kwargs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            _done, status = run_service(form, lambda: _record(request, case, form))
            if status == 302:
                messages.success(
                    request,
                    _("Đã ghi nhận: %(event)s.") % {"event": EventType(event_type).label},
                )
                return redirect("cases:detail", pk=case.pk)
    template = "cases/_action_form.html" if request.htmx else "cases/case_action.html"
    return render(
        request,
        template,
        {
            "case": case,
            "form": form,
            "event_type": event_type,
            "event_name": EventType(event_type).label,
        },
        status=status,
    )


def _record(request, case: Case, form: EventForm) -> None:
    data = form.cleaned_data
    if form.event_type == EventType.UY_THAC:
        services.case_entrust(
            case,
            to_unit=data["to_unit"],
            on=data["on"],
            by=request.user,
            expected_version=data["version"],
        )
        return
    services.event_record(
        case,
        type=form.event_type,
        on=data["on"],
        by=request.user,
        amount=data.get("amount"),
        data=form.event_data(),
        expected_version=data["version"],
        strict=True,
    )


# ---- assignment ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def case_assign(request, pk: int):
    """The head assigns or reassigns the case's officer (Luật THADS 2008, Điều 20)."""
    access = request.access
    case = case_for_read_or_404(request.access, pk)
    if not permissions.may_assign(access, case):
        raise PermissionDenied
    # A case of a Chi cục dissolved on 01/07/2025 goes to an officer of the unit continuing it.
    load = assignment.unit_load(assignment.working_unit(case.unit))
    officer_ids = [o.staff.pk for o in load.officers]
    form = AssignForm(
        request.POST or None,
        officers=Staff.objects.filter(pk__in=officer_ids).order_by("full_name"),
        case=case,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            _done, status = run_service(
                form,
                lambda: services.case_assign(
                    case,
                    officer=form.cleaned_data["officer"],
                    on=form.cleaned_data["on"],
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                ),
            )
            if status == 302:
                messages.success(
                    request,
                    _("Đã phân công Chấp hành viên %(name)s.")
                    % {"name": form.cleaned_data["officer"].full_name},
                )
                return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/case_assign.html",
        {"case": case, "form": form, "load": load, "suggestion": load.suggestion()},
        status=status,
    )


@login_required
def unit_load(request, unit_code: str):
    """The load per officer of one unit, the suggestion, the policy check, unassigned cases."""
    unit = unit_for_read_or_404(request.access, unit_code)
    load = assignment.unit_load(unit)
    unassigned = (
        selectors.unfinished_cases(selectors.cases_in_scope(request.access, unit))
        .filter(officer__isnull=True)
        .order_by("accepted_on")[:50]
    )
    return render(
        request,
        "cases/unit_load.html",
        {
            "unit": unit,
            "load": load,
            "suggestion": load.suggestion(),
            "violation": assignment.policy_violation(load),
            "unassigned": unassigned,
            "may_manage": request.access.can_manage_unit(unit.pk)
            and not request.access.is_read_only,
            "policy": assignment.policy(),
            "nav_active": "assignment",
        },
    )


@login_required
def policy_violations(request):
    """Units of the active subtree breaching the head-assignment policy."""
    access = request.access
    unit = active_unit(request)
    units = []
    if unit is not None:
        ids = scope_unit_ids(unit) & access.visible_unit_ids
        units = list(Unit.objects.filter(pk__in=ids).order_by("tree_order"))
    return render(
        request,
        "cases/policy_violations.html",
        {
            "unit": unit,
            "violations": assignment.violations(units),
            "policy": assignment.policy(),
            "nav_active": "assignment",
        },
    )


# ---- intake --------------------------------------------------------------------------------


def _block_count(raw) -> int:
    try:
        return max(1, min(MAX_INTAKE_CASES, int(raw)))
    except (TypeError, ValueError):
        return 1


@login_required
@require_http_methods(["GET", "POST"])
def intake(request, unit_code: str):
    """Thụ lý: one judgment and one or more cases (QĐ THA) from it."""
    access = request.access
    unit = unit_for_read_or_404(request.access, unit_code)
    if not permissions.may_intake(access, unit):
        raise PermissionDenied
    officers = intake_unit_officers(unit)
    data = request.POST if request.method == "POST" else None
    count = _block_count((data or request.GET).get("so_viec"))
    judgment_form = JudgmentForm(data, prefix="j")
    blocks = [IntakeBlock(i, data, officers) for i in range(count)]
    errors: list[str] = []
    existing: list = []
    reason = (data or {}).get("ly_do_trung", "").strip()
    status = 200
    if request.method == "POST":
        status = 400
        valid = [judgment_form.is_valid()] + [b.is_valid() for b in blocks]
        if all(valid):
            try:
                cases = services.judgment_intake(
                    unit=unit,
                    judgment=judgment_form.cleaned_data,
                    cases=[b.case_input(unit, duplicate_reason=reason) for b in blocks],
                    by=request.user,
                )
            except services.PossibleDuplicate as exc:
                errors.append(error_text(exc))
                existing = [(c, c.unit_id in access.visible_unit_ids) for c in exc.existing]
            except DomainError as exc:
                errors.append(error_text(exc))
            else:
                messages.success(
                    request,
                    _("Đã thụ lý %(n)d việc: %(codes)s.")
                    % {"n": len(cases), "codes": ", ".join(c.code for c in cases)},
                )
                if len(cases) == 1:
                    return redirect("cases:detail", pk=cases[0].pk)
                return redirect(reverse("cases:list") + f"?q={cases[0].judgment.number}")
    return render(
        request,
        "cases/intake.html",
        {
            "unit": unit,
            "judgment_form": judgment_form,
            "blocks": blocks,
            "count": count,
            "more": min(count + 1, MAX_INTAKE_CASES),
            "errors": errors,
            "existing": existing,
            "reason": reason,
            "nav_active": "intake",
        },
        status=status,
    )
