"""Oversight's deadlines on "Việc của tôi" (registered in `cases.deadline_sources`):

- the administrative judgments an officer monitors: the notice of voluntary enforcement (5
  working days, at once for kinds e and g: Nghị định 71/2016/NĐ-CP, Điều 14 k2) and the end of
  the voluntary period (Luật Tố tụng hành chính 2015, Điều 311 k2) — for the officer assigned;
- the procuracy's acts not yet answered (Luật THADS 2008, Điều 12, 161; the answer's deadline
  from the rule table) — for the officers of the cases the act concerns and the unit's managers;
- the recommendations of an inspection not yet carried out (QĐ 196/QĐ-TCTHADS) — for the
  inspected unit's managers.

A few queries in all (the rules read once), never one per judgment.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from thads.cases.deadline_sources import OtherDeadline
from thads.org.access import Access, scope_unit_ids
from thads.org.models import Unit
from thads.oversight import deadlines
from thads.oversight.models import AdminJudgment, ProcuracyAct, Recommendation


def _scope(access: Access, unit: Unit | None) -> frozenset[int]:
    if unit is None:
        return access.visible_unit_ids
    return scope_unit_ids(unit) & access.visible_unit_ids


def thahc_deadlines(access: Access, unit: Unit | None, today: dt.date) -> list[OtherDeadline]:
    """Open deadlines of the judgments monitored and not done, for their officer."""
    judgments = AdminJudgment.objects.filter(
        unit_id__in=_scope(access, unit), has_content=True, outcome="", officer__isnull=False
    ).only(
        "pk",
        "code",
        "kind",
        "has_content",
        "outcome",
        "outcome_on",
        "officer_id",
        "received_on",
        "notice_on",
        "notice_delivered_on",
        "obliged_received_on",
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
        )
        for deadline, judgment in deadlines.open_judgment_deadlines(
            judgments, deadlines.rule_book()
        )
    ]


def procuracy_deadlines(access: Access, unit: Unit | None, today: dt.date) -> list[OtherDeadline]:
    """The procuracy's acts not answered: for the officers of the cases concerned and the
    receiving unit's managers."""
    acts = ProcuracyAct.objects.filter(
        unit_id__in=_scope(access, unit), answered_on__isnull=True
    ).prefetch_related("cases")
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
        )
        for act in acts
    ]


def recommendation_deadlines(
    access: Access, unit: Unit | None, today: dt.date
) -> list[OtherDeadline]:
    """Recommendations of inspections to the units of the scope, not closed: for the managers."""
    open_ones = Recommendation.objects.filter(
        inspection__unit_id__in=_scope(access, unit), closed_on__isnull=True
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
        )
        for r in open_ones
    ]


def register() -> None:
    from thads.cases.deadline_sources import register_deadline_source

    register_deadline_source("thahc", thahc_deadlines)
    register_deadline_source("procuracy", procuracy_deadlines)
    register_deadline_source("recommendation", recommendation_deadlines)
