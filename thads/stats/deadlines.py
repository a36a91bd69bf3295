"""Statutory deadlines of many cases, read from the stored open deadlines (`OpenDeadline`).

The same deadlines as `cases.deadlines.open_deadlines` (Luật THADS 2008, Điều 36, 39, 44, 45,
48 k3, 55 k3; NĐ 62/2015, Điều 9 k5; Luật 106/2025, Điều 38 k4), but written when a case's
facts are rebuilt instead of replaying every case's history on each request: a province's
counts per officer are one query. The facts are brought up to date first (`refresh_facts`: only
the cases changed since the last refresh). A period stored open (the voluntary period, Điều 45 k1)
ends after its last day: read on a later day, it is left out (never overdue).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thads.cases.deadlines import KINDS, PERIOD_KINDS, THIS_WEEK_DAYS, Deadline
from thads.cases.models import TERMINAL_STATES, Case
from thads.stats.facts import refresh_facts
from thads.stats.models import OpenDeadline


def _open_of(cases: QuerySet[Case] | list[int], as_of: dt.date) -> QuerySet[OpenDeadline]:
    """The stored deadlines of the open cases among `cases` still open on `as_of`."""
    refresh_facts()
    stored = OpenDeadline.objects.exclude(case__state__in=TERMINAL_STATES).exclude(
        kind__in=PERIOD_KINDS, due__lt=as_of
    )
    if isinstance(cases, QuerySet):
        return stored.filter(case__in=cases.order_by().values("pk"))
    return stored.filter(case_id__in=cases)


def stored_source(
    cases: QuerySet[Case] | list[int], as_of: dt.date | None = None
) -> list[tuple[Deadline, int | None]]:
    """The open deadlines on `as_of` (default today) of the open cases among `cases` with each
    case's officer: the source `cases.deadlines` reads when registered (`StatsConfig.ready`)."""
    rows = _open_of(cases, as_of or timezone.localdate()).values_list(
        "case_id", "kind", "due", "law_day", "case__officer_id"
    )
    return [
        (Deadline(case_id=case_id, kind=kind, due=due, done_on=None, law_day=law_day), officer)
        for case_id, kind, due, law_day, officer in rows
    ]


def counts_by_officer(cases: QuerySet[Case], as_of: dt.date) -> dict[int | None, dict[str, int]]:
    """Per officer of the open cases among `cases` (None = not assigned), the open deadlines
    overdue, due on `as_of` and due within the next 7 days; officers with none are left out."""
    week = as_of + dt.timedelta(days=THIS_WEEK_DAYS)
    rows = (
        _open_of(cases, as_of)
        .filter(due__lte=week)
        .values("case__officer_id")
        .annotate(
            overdue=Count("pk", filter=Q(due__lt=as_of)),
            today=Count("pk", filter=Q(due=as_of)),
            this_week=Count("pk", filter=Q(due__gt=as_of)),
        )
        .order_by()
    )
    return {
        row["case__officer_id"]: {k: row[k] for k in ("overdue", "today", "this_week")}
        for row in rows
    }


def overdue(cases: QuerySet[Case], as_of: dt.date) -> list[Deadline]:
    """The open deadlines past their due day (before `as_of`), most overdue first."""
    rows = (
        _open_of(cases, as_of)
        .filter(due__lt=as_of)
        .values_list("case_id", "kind", "due", "law_day")
    )
    result = [
        Deadline(case_id=case_id, kind=kind, due=due, done_on=None, law_day=law_day)
        for case_id, kind, due, law_day in rows
    ]
    result.sort(key=lambda d: (d.due, d.case_id, KINDS.index(d.kind)))
    return result
