"""The home page's core panels, by role (other apps add theirs through thads.common.ui).

* officer (and a head or deputy holding cases): my deadlines today and this week, my cases;
* clerk: today's receipts, money collected and not yet paid out;
* head, deputy, inspector: the unit's month at a glance;
* head, deputy, leaders: what waits for them (reports to send or approve, cases to assign);
* provincial leader, national department, inspector: the cockpit (rates against targets);
* administrator: the unit's staff and units.

Each context function returns None for the users it does not serve.
"""

from __future__ import annotations

from django.db.models import Count, Sum, prefetch_related_objects
from django.utils import timezone

from thads.common.ui import HomePanel, register_home_panel
from thads.org.access import scope_unit_ids
from thads.org.models import Role, Unit

CASE_HOLDERS = frozenset({Role.OFFICER, Role.HEAD, Role.DEPUTY})
MONTH_VIEWERS = frozenset({Role.HEAD, Role.DEPUTY, Role.INSPECTOR})
DECIDERS = frozenset({Role.HEAD, Role.DEPUTY, Role.PROVINCIAL_LEADER, Role.NATIONAL})
COCKPIT_VIEWERS = frozenset({Role.PROVINCIAL_LEADER, Role.NATIONAL, Role.INSPECTOR})
LIST_SIZE = 8


def _role(request) -> str | None:
    return request.access.role


# ---- officer ---------------------------------------------------------------------------------


def my_deadlines(request, unit):
    """Overdue, today's and this week's deadlines of the officer's open cases and those other
    apps keep for them (`cases.deadline_sources`: the judgments they monitor, the procuracy's
    acts to answer…, as on "Việc của tôi"); its cases."""
    from django.urls import reverse

    from thads.cases import selectors
    from thads.cases.deadline_sources import Viewer, deadlines_for, other_deadlines
    from thads.cases.deadlines import open_deadlines

    access = request.access
    staff = access.staff
    if staff is None or _role(request) not in CASE_HOLDERS:
        return None
    today = timezone.localdate()
    cases = list(selectors.officer_unfinished_cases(access, unit, staff))
    manager = unit is not None and access.can_manage_unit(unit.pk)
    viewer = Viewer(staff.pk, manager)
    others = deadlines_for(other_deadlines(access, unit, today, viewer), staff.pk, manager=manager)
    if not cases and not others and _role(request) != Role.OFFICER:
        return None  # a head or deputy holding no case of its own: nothing to show here
    by_case = {c.pk: c for c in cases}
    groups: dict[str, list] = {"overdue": [], "today": [], "this_week": []}
    first_due: dict[int, object] = {}
    for deadline in open_deadlines(cases, today):
        first_due.setdefault(deadline.case_id, deadline)
        status = deadline.status(today)
        if status in groups:
            case = by_case[deadline.case_id]
            # No address yet: the case page's is made for the lines shown only (below) —
            # reverse() per line was most of this loop for a hundred open deadlines.
            line = _line(deadline.due, case.code, None, deadline.label, status, case.pk)
            groups[status].append(line)
    for row in others:
        status = row.status(today)
        if status in groups:
            groups[status].append(_line(row.due, row.code, row.url, row.label, status))
    for rows in groups.values():
        rows.sort(key=lambda line: line["due"])
    urgent = groups["overdue"] + groups["today"] + groups["this_week"]
    for line in urgent[:LIST_SIZE]:
        if line["url"] is None:
            line["url"] = reverse("cases:detail", args=[line["case_id"]])
    # My cases: the most urgent first (by their nearest open deadline), then the oldest.
    ordered = sorted(
        cases,
        key=lambda c: (first_due[c.pk].due if c.pk in first_due else today.max, c.accepted_on),
    )
    shown = ordered[:LIST_SIZE]
    prefetch_related_objects(shown, "parties")  # the debtors of the cases shown, one query
    return {
        "today": today,
        "counts": {k: len(v) for k, v in groups.items()},
        "urgent": urgent[:LIST_SIZE],
        "more_urgent": max(0, len(urgent) - LIST_SIZE),
        "open_count": len(cases),
        "cases": [(c, first_due.get(c.pk)) for c in shown],
    }


def _line(
    due, code: str, url: str | None, label: str, status: str, case_id: int | None = None
) -> dict:
    """One row of "Thời hạn cần xử lý": a case's deadline (`url` made from `case_id` when shown)
    or another app's."""
    return {
        "due": due,
        "code": code,
        "url": url,
        "label": label,
        "status": status,
        "case_id": case_id,
    }


# ---- clerk -----------------------------------------------------------------------------------


def receipts_today(request, unit):
    """Today's receipts of the unit (and its predecessors), reversals shown as deductions."""
    from thads.ledger.selectors import receipts_visible

    if unit is None or _role(request) != Role.CLERK:
        return None
    today = timezone.localdate()
    receipts = list(
        receipts_visible(request.access)
        .filter(unit_id__in=scope_unit_ids(unit), received_on=today)
        .select_related("case", "reverses")
        .order_by("year", "seq")
    )
    total = sum(-r.amount if r.reverses_id else r.amount for r in receipts)
    return {"today": today, "receipts": receipts, "total": total}


def payouts_due(request, unit):
    """Money collected and not yet paid out, the longest held first."""
    from thads.ledger import selectors

    if unit is None or _role(request) != Role.CLERK:
        return None
    due = selectors.payouts_due(request.access, scope_unit_ids(unit))
    summary = due.aggregate(n=Count("pk"), total=Sum("unpaid"))
    return {
        "rows": list(due[:LIST_SIZE]),
        "count": summary["n"] or 0,
        "total": summary["total"] or 0,
    }


# ---- heads and leaders -----------------------------------------------------------------------


def unit_month(request, unit):
    """This month's intake, completions and money collected, and the year's rates."""
    from thads.common.periods import month_period, report_year_of
    from thads.stats.report import build_report
    from thads.targets.models import Target

    if unit is None or _role(request) not in MONTH_VIEWERS:
        return None
    today = timezone.localdate()
    year = report_year_of(today)
    month = (today.month - 10) % 12 + 1
    period = month_period(year, month)
    now = build_report(unit, period).total
    before = None
    if month > 1:
        before = build_report(unit, month_period(year, month - 1), refresh=False).total

    def flow(measure: str, *keys: str) -> int:
        current = sum(getattr(now.buckets, measure)[k] for k in keys)
        if before is None:
            return current
        return current - sum(getattr(before.buckets, measure)[k] for k in keys)

    return {
        "period": period,
        "accepted": flow("cases", "thu_ly_moi"),
        "completed": flow("cases", "xong", "dinh_chi"),
        "collected": flow("money", "xong"),
        "case_rate": now.case_rate,
        "money_rate": now.money_rate,
        "open_with_conditions": now.buckets.cases["chuyen_ky_sau_co_dieu_kien"],
        "target": Target.objects.filter(unit=unit, year=year).first(),
        "year": year,
        "month": month,
    }


def waiting(request, unit):
    """Monthly reports to send or to approve, and cases waiting for an officer."""
    from thads.cases.selectors import cases_in_scope, unfinished_cases
    from thads.stats import submission

    access = request.access
    if unit is None or _role(request) not in DECIDERS:
        return None
    today = timezone.localdate()
    year, month = submission.last_closed_month(today)
    period = submission.period_of(year, month)
    items = []
    if submission.may_submit(access, unit) and submission.reports_in_period(unit, period):
        status = submission.status_of(unit, year, month, today)
        if status.status in {"prepared", "returned"}:
            items.append({"kind": "submit", "status": status})
    for child in submission.children_statuses(unit, year, month, today):
        if child.status == "submitted" and submission.may_decide(access, child.unit):
            items.append({"kind": "approve", "status": child})
    unassigned = 0
    if unit.level == Unit.Level.LOCAL and access.can_manage_unit(unit.pk):
        unassigned = (
            unfinished_cases(cases_in_scope(access, unit)).filter(officer__isnull=True).count()
        )
    return {"items": items, "unassigned": unassigned, "year": year, "month": month}


def cockpit(request, unit):
    """The leaders' cockpit at a glance: rates against targets, units ranked."""
    from thads.common.periods import month_period, report_year_of
    from thads.targets.cockpit import build_cockpit

    if unit is None or _role(request) not in COCKPIT_VIEWERS:
        return None
    today = timezone.localdate()
    year = report_year_of(today)
    period = month_period(year, (today.month - 10) % 12 + 1)
    data = build_cockpit(unit, period, trend=False)
    return {"cockpit": data, "rows": data.sorted_rows("viec", descending=True)}


# ---- administrator ---------------------------------------------------------------------------


def administration(request, unit):
    """The unit's staff and the units below it."""
    from thads.org import selectors

    if unit is None or _role(request) != Role.ADMIN:
        return None
    return {
        "unit": unit,
        "memberships": selectors.memberships_of_unit(unit),
        "child_units": selectors.units_visible(request.access).filter(parent=unit),
    }


PANELS = [
    HomePanel("my_deadlines", "web/home/_my_deadlines.html", my_deadlines, order=10, wide=True),
    HomePanel("receipts_today", "web/home/_receipts_today.html", receipts_today, order=10),
    HomePanel("payouts_due", "web/home/_payouts_due.html", payouts_due, order=20),
    HomePanel("waiting", "web/home/_waiting.html", waiting, order=8),
    HomePanel("unit_month", "web/home/_unit_month.html", unit_month, order=15),
    HomePanel("cockpit", "web/home/_cockpit.html", cockpit, order=5, wide=True),
    HomePanel("administration", "web/home/_administration.html", administration, order=50),
]


def register() -> None:
    for panel in PANELS:
        register_home_panel(panel)
