"""Every read of oversight, scoped by the request's `Access`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from thads.org.access import Access
from thads.org.models import Staff, Unit
from thads.oversight.models import AdminJudgment, Inspection, ProcuracyAct, Recommendation


def judgments_of(access: Access, unit: Unit) -> QuerySet[AdminJudgment]:
    """The register of `unit` and of the units below it (and their predecessors)."""
    from thads.org.access import scope_unit_ids

    ids = scope_unit_ids(unit) & access.visible_unit_ids
    return AdminJudgment.objects.filter(unit_id__in=ids).select_related("unit", "officer")


# Monitored and not done: with content to monitor and no outcome yet (the register's "đang theo
# dõi", the cockpit's "chưa xong").
OPEN_JUDGMENT = Q(has_content=True, outcome="")


def filtered_judgments(
    queryset: QuerySet[AdminJudgment], state: str, text: str, body: str = ""
) -> QuerySet[AdminJudgment]:
    if body:
        queryset = queryset.filter(obliged_body=body)
    if state == "dang_theo_doi":
        queryset = queryset.filter(OPEN_JUDGMENT)
    elif state == "khong_theo_doi":
        queryset = queryset.filter(has_content=False)
    elif state == "co_ket_qua":
        queryset = queryset.exclude(outcome="")
    if text:
        queryset = queryset.filter(
            Q(number__icontains=text) | Q(obliged_name__icontains=text) | Q(code__icontains=text)
        )
    return queryset


def judgment_for_read_or_404(access: Access, pk: int) -> AdminJudgment:
    judgment = AdminJudgment.objects.select_related("unit", "officer").filter(pk=pk).first()
    if judgment is None or not access.can_read_unit(judgment.unit_id):
        raise Http404
    return judgment


def officers_for(unit: Unit) -> QuerySet[Staff]:
    from thads.org.selectors import officers_of_unit

    return officers_of_unit(unit)


def open_judgment_deadlines(access: Access, staff: Staff, today: dt.date) -> list[tuple]:
    """The officer's monitored judgments with their open deadlines (notice not sent, voluntary
    period running), nearest first."""
    from thads.oversight import deadlines

    judgments = AdminJudgment.objects.filter(
        officer=staff, has_content=True, outcome="", unit_id__in=access.visible_unit_ids
    )
    rows = list(deadlines.open_judgment_deadlines(judgments, deadlines.rule_book()))
    rows.sort(key=lambda r: r[0].due)
    return rows


def inspections_of(access: Access, unit: Unit) -> QuerySet[Inspection]:
    from thads.org.access import scope_unit_ids

    ids = scope_unit_ids(unit) & access.visible_unit_ids
    return Inspection.objects.filter(Q(unit_id__in=ids) | Q(inspecting_unit=unit)).select_related(
        "unit", "inspecting_unit"
    )


def inspection_for_read_or_404(access: Access, pk: int) -> Inspection:
    inspection = Inspection.objects.select_related("unit", "inspecting_unit").filter(pk=pk).first()
    if inspection is None or not (
        access.can_read_unit(inspection.unit_id)
        or access.can_read_unit(inspection.inspecting_unit_id)
    ):
        raise Http404
    return inspection


def inspection_list_unit(access: Access, inspection: Inspection) -> Unit:
    """The register an inspection's page goes back to: the inspecting unit's when the reader
    may see it, else the inspected unit's (its staff read the inspection of their unit, not
    the province's register)."""
    if access.can_read_unit(inspection.inspecting_unit_id):
        return inspection.inspecting_unit
    return inspection.unit


def procuracy_acts_of(access: Access, unit: Unit) -> QuerySet[ProcuracyAct]:
    from thads.org.access import scope_unit_ids

    ids = scope_unit_ids(unit) & access.visible_unit_ids
    return ProcuracyAct.objects.filter(unit_id__in=ids).select_related("unit")


def procuracy_act_for_read_or_404(access: Access, pk: int) -> ProcuracyAct:
    act = ProcuracyAct.objects.select_related("unit").filter(pk=pk).first()
    if act is None or not access.can_read_unit(act.unit_id):
        raise Http404
    return act


def overdue_recommendations(access: Access, unit: Unit, today: dt.date) -> QuerySet[Recommendation]:
    """Recommendations to the units of the scope, not closed, past their deadline."""
    from thads.org.access import scope_unit_ids

    ids = scope_unit_ids(unit) & access.visible_unit_ids
    return Recommendation.objects.filter(
        inspection__unit_id__in=ids, closed_on__isnull=True, due_on__lt=today
    ).select_related("inspection", "inspection__unit")


# ---- the figures the cockpit and the oversight pages both show (one selector per figure) ----


@dataclass(frozen=True)
class BodyCount:
    body: str
    label: str
    count: int


def open_judgments_by_body(access: Access, unit: Unit) -> list[BodyCount]:
    """Judgments monitored and not done in the scope, by kind of obliged body (every kind, zeros
    included; one grouped query)."""
    from thads.oversight.models import ObligedBody

    counts = dict(
        judgments_of(access, unit)
        .filter(OPEN_JUDGMENT)
        .order_by()
        .values_list("obliged_body")
        .annotate(n=Count("pk"))
    )
    return [BodyCount(b, str(ObligedBody(b).label), counts.get(b, 0)) for b in ObligedBody.values]


def inspections_in_year(access: Access, unit: Unit, year: int) -> QuerySet[Inspection]:
    """The inspections of the scope (inspected or inspecting) decided in calendar `year`."""
    return inspections_of(access, unit).filter(decision_on__year=year)


@dataclass(frozen=True)
class PlanProgress:
    year: int
    planned: int  # planned inspections not trimmed
    done: int  # of which an inspection was opened


def plan_progress(access: Access, unit: Unit, year: int) -> PlanProgress:
    """The inspection plans of `year` of the units of the scope: planned (trimmed ones left
    out) and opened."""
    from thads.org.access import scope_unit_ids
    from thads.oversight.models import PlanItem

    ids = scope_unit_ids(unit) & access.visible_unit_ids
    items = PlanItem.objects.filter(plan__year=year, plan__unit_id__in=ids, trimmed_on__isnull=True)
    figures = items.aggregate(planned=Count("pk"), done=Count("inspection"))
    return PlanProgress(year, figures["planned"], figures["done"])


def cockpit_figures(access: Access, unit: Unit, today: dt.date) -> dict:
    """The leaders' view, composed of the selectors above (the THAHC register and the
    inspections page show the same figures): judgments monitored and not done by obliged body,
    inspections this calendar year against the plan, open recommendations past their deadline."""
    bodies = open_judgments_by_body(access, unit)
    plan = plan_progress(access, unit, today.year)
    overdue = overdue_recommendations(access, unit, today).order_by("due_on")
    return {
        "unit": unit,
        "year": today.year,
        "bodies": bodies,
        "not_done": sum(b.count for b in bodies),
        "planned": plan.planned,
        "planned_done": plan.done,
        "inspections": inspections_in_year(access, unit, today.year).count(),
        "overdue_count": overdue.count(),
        "overdue": list(overdue[:5]),
        "today": today,
    }
