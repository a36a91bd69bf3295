"""Screens of the bottlenecks (điểm nghẽn) and people: the panel of the cockpit, one list per
bottleneck (paginated, sorted by money or age, exported to Excel), the people page.

Thin views: the lists come from `targets.bottlenecks` and `targets.people`. The scope is the
unit given by `?don_vi=` (404 when the user may not read it) or the active unit, narrowed to
what the user may see.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from thads.cases.models import Case
from thads.common.errors import DomainError
from thads.org.models import Unit
from thads.targets import bottlenecks, people
from thads.targets.bottlenecks import BY_KEY, Params
from thads.targets.views import bottleneck_exports
from thads.targets.views.scope import scope_from

PAGE_SIZE = 50


def _params(request) -> tuple[Params, str | None]:
    try:
        return bottlenecks.params_from(request.GET), None
    except DomainError as exc:
        return Params.defaults(), exc.message


def _panel_context(request) -> dict:
    scope = scope_from(request)
    params, error = _params(request)
    as_of = timezone.localdate()
    items = bottlenecks.panel(request.access, scope.cases, scope.unit_ids, params, as_of)
    return {"scope": scope, "items": items, "params": params, "error": error, "as_of": as_of}


@login_required
@require_GET
def overview(request):
    """Every bottleneck of the scope as a count, each opening its list."""
    context = _panel_context(request)
    status = 400 if context["error"] else 200
    context.update(
        {
            "units": Unit.objects.filter(pk__in=request.access.visible_unit_ids)
            .order_by("tree_order")
            .only("id", "code", "name", "path", "valid_to"),
            "nav_active": "bottlenecks",
        }
    )
    return render(request, "targets/bottlenecks/overview.html", context, status=status)


@login_required
@require_GET
def panel(request):
    """The panel alone (the cockpit loads it with htmx)."""
    return render(request, "targets/bottlenecks/_panel_body.html", _panel_context(request))


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("trang", "1")))
    except ValueError:
        return 1


@login_required
@require_GET
def case_list(request, key: str):
    """The cases (or held money, or overdue deadlines) of one bottleneck."""
    bottleneck = BY_KEY.get(key)
    if bottleneck is None:
        raise Http404
    scope = scope_from(request)
    params, error = _params(request)
    as_of = timezone.localdate()
    sort = request.GET.get("sap_xep") if request.GET.get("sap_xep") in bottlenecks.SORTS else "tien"
    export = request.GET.get("xuat") == "xlsx"
    context = {
        "bottleneck": bottleneck,
        "definition": bottleneck.definition(params),
        "scope": scope,
        "params": params,
        "error": error,
        "as_of": as_of,
        "sort": sort,
        "nav_active": "bottlenecks",
    }
    if bottleneck.kind == "cases":
        rows = bottlenecks.sorted_cases(
            bottlenecks.cases_of(bottleneck, scope.cases, params, as_of), sort
        )
        if export:
            return bottleneck_exports.cases_xlsx(bottleneck, scope, params, as_of, list(rows))
        page = Paginator(rows, PAGE_SIZE).get_page(_page_number(request))
        for case in page:
            case.age_days = (as_of - case.decision_date).days
        context["page"] = page
    elif bottleneck.kind == "held":
        held = bottlenecks.held_of(request.access, scope.unit_ids, params, as_of)
        if sort == "tien":
            held.sort(key=lambda h: (-h.amount, h.received_on, h.pk))
        if export:
            return bottleneck_exports.held_xlsx(bottleneck, scope, params, as_of, held)
        context["page"] = Paginator(held, PAGE_SIZE).get_page(_page_number(request))
    else:
        officers, overdue = bottlenecks.deadlines_of(scope.cases, as_of)
        cases = Case.objects.select_related("unit", "officer").in_bulk(
            list({d.case_id for d in overdue})
        )
        rows = [(d, cases[d.case_id], (as_of - d.due).days) for d in overdue]
        if sort == "tien":
            rows.sort(key=lambda r: (-r[1].remainder, r[0].due, r[0].case_id))
        if export:
            return bottleneck_exports.deadlines_xlsx(bottleneck, scope, as_of, officers, rows)
        context["officers"] = officers
        context["page"] = Paginator(rows, PAGE_SIZE).get_page(_page_number(request))
    return render(request, "targets/bottlenecks/list.html", context, status=400 if error else 200)


@login_required
@require_GET
def people_page(request):
    """Load per officer, surges of new cases per unit, breaches of the head policy."""
    scope = scope_from(request)
    as_of = timezone.localdate()
    ratio, window, minimum = people.surge_settings()
    return render(
        request,
        "targets/bottlenecks/people.html",
        {
            "scope": scope,
            "as_of": as_of,
            "loads": people.loads(scope.unit_ids, as_of),
            "surges": people.surges(scope.unit_ids, as_of),
            "ratio": ratio,
            "window": window,
            "minimum": minimum,
            "nav_active": "bottlenecks",
        },
    )


# ---- Excel -----------------------------------------------------------------------------------
