"""Oversight's deadlines on "Việc của tôi" (registered in `cases.deadline_sources`):

- the administrative judgments an officer monitors: the notice of voluntary enforcement (5
  working days, at once for kinds e and g: Nghị định 71/2016/NĐ-CP, Điều 14 k2) and the end of
  the voluntary period (Luật Tố tụng hành chính 2015, Điều 311 k2) — for the officer assigned;
- the procuracy's acts not yet answered (Luật THADS 2008, Điều 12, 161; the answer's deadline
  from the rule table) — for the officers of the cases the act concerns and the unit's managers;
- the recommendations of an inspection not yet carried out (QĐ 196/QĐ-TCTHADS) — for the
  inspected unit's managers.

The same rows go out in the morning e-mail of `cases.reminders` (each once per person).

A few queries in all (the rules read once), never one per judgment.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from thads.cases.deadline_sources import OtherDeadline, Viewer
from thads.org.access import Access, scope_unit_ids
from thads.org.models import Unit
from thads.oversight import deadlines
from thads.oversight.models import AdminJudgment, ProcuracyAct, Recommendation


def _scoped(rows: QuerySet, field: str, access: Access | None, unit: Unit | None) -> QuerySet:
    """`rows` whose unit (`field`) is in `unit`'s subtree as `access` sees it; every row when
    `access` is None (the morning reminders: `cases.deadline_sources.every_open_deadline`)."""
    if access is None:
        return rows if unit is None else rows.filter(**{f"{field}__in": scope_unit_ids(unit)})
    ids = access.visible_unit_ids
    if unit is not None:
        ids = scope_unit_ids(unit) & ids
    return rows.filter(**{f"{field}__in": ids})


def thahc_deadlines(
    access: Access, unit: Unit | None, today: dt.date, viewer: Viewer | None = None
) -> list[OtherDeadline]:
    """Open deadlines of the judgments monitored and not done, for their officer."""
    monitored = AdminJudgment.objects.filter(has_content=True, outcome="", officer__isnull=False)
    if viewer is not None:  # only the viewer's own judgments are on their list
        monitored = monitored.filter(officer_id=viewer.staff_id)
    judgments = _scoped(monitored, "unit_id", access, unit).only(
        "pk",
        "code",
        "kind",
        "has_content",
        "outcome",
        "outcome_on",
        "officer_id",
        "unit_id",
        "received_on",
        "notice_on",
        "notice_delivered_on",
        "obliged_received_on",
        # What answers the voluntary period (deadlines._voluntary_period_answer): left out,
        # each would be read by a query of its own per judgment.
        "court_order_on",
        "published_on",
    )
    return [
        OtherDeadline(
            key="thahc",
            due=deadline.due,
            label=_("THAHC: %(label)s") % {"label": deadline.label},
            article=deadline.source,
            code=judgment.code,
            url=reverse("oversight:thahc_detail", args=[judgment.pk]),
            officer_ids=frozenset({judgment.officer_id}),
            kind=deadline.kind,
            unit_id=judgment.unit_id,
        )
        for deadline, judgment in deadlines.open_judgment_deadlines(
            judgments, deadlines.rule_book()
        )
    ]


def procuracy_deadlines(
    access: Access, unit: Unit | None, today: dt.date, viewer: Viewer | None = None
) -> list[OtherDeadline]:
    """The procuracy's acts not answered: for the officers of the cases concerned and the
    receiving unit's managers."""
    unanswered = ProcuracyAct.objects.filter(answered_on__isnull=True)
    if viewer is not None and not viewer.manager:  # an officer: the acts on their cases
        unanswered = unanswered.filter(
            pk__in=ProcuracyAct.cases.through.objects.filter(
                case__officer_id=viewer.staff_id
            ).values("procuracyact_id")
        )
    acts = _scoped(unanswered, "unit_id", access, unit).prefetch_related("cases")
    return [
        OtherDeadline(
            key="procuracy",
            due=act.answer_due,
            label=_("Trả lời %(kind)s của %(procuracy)s")
            % {"kind": act.get_kind_display().lower(), "procuracy": act.procuracy},
            article=act.answer_rule,
            code=act.number,
            url=reverse("oversight:procuracy_detail", args=[act.pk]),
            officer_ids=frozenset(c.officer_id for c in act.cases.all() if c.officer_id),
            for_managers=True,
            unit_id=act.unit_id,
        )
        for act in acts
    ]


def recommendation_deadlines(
    access: Access, unit: Unit | None, today: dt.date, viewer: Viewer | None = None
) -> list[OtherDeadline]:
    """Recommendations of inspections to the units of the scope, not closed: for the managers."""
    if viewer is not None and not viewer.manager:
        return []
    open_ones = _scoped(
        Recommendation.objects.filter(closed_on__isnull=True), "inspection__unit_id", access, unit
    ).select_related("inspection")
    return [
        OtherDeadline(
            key="recommendation",
            due=r.due_on,
            label=_("Thực hiện kiến nghị sau kiểm tra: %(content)s") % {"content": r.content[:80]},
            article=_("Kết luận %(number)s") % {"number": r.inspection.conclusion_no},
            code=r.inspection.code,
            url=reverse("oversight:inspection_detail", args=[r.inspection_id]),
            for_managers=True,
            kind=str(r.pk),  # one inspection, several recommendations
            unit_id=r.inspection.unit_id,
        )
        for r in open_ones
    ]


def register() -> None:
    from thads.cases.deadline_sources import register_deadline_source

    register_deadline_source("thahc", thahc_deadlines)
    register_deadline_source("procuracy", procuracy_deadlines)
    register_deadline_source("recommendation", recommendation_deadlines)
