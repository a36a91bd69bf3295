"""The leaders' cockpit (chỉ đạo điều hành): rates against targets, projections, the trend, the
cases that move the rates most, and the printable summary.

Thin views: the numbers come from `targets.cockpit` (the statistics engine); a unit the user may
not read answers 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thads.complaints.selectors import overdue_by_resolver
from thads.org.access import scope_unit_ids
from thads.org.models import Unit
from thads.oversight.selectors import cockpit_figures
from thads.stats.drilldown import drill
from thads.stats.layout import FormNotFound, definition_for
from thads.stats.selection import Selection, select
from thads.targets import summary
from thads.targets.cockpit import Cockpit, CockpitRow, amber_points, build_cockpit
from thads.targets.complaint_rates import complaint_rows
from thads.targets.permissions import may_set_children_targets

BOTTLENECKS_TEMPLATE = "targets/_bottlenecks_panel.html"
SORTS = {"viec", "tien", "ten"}
LIST_SIZE = 10


class DrillLinks:
    """Links from a cockpit number to the statistics drill-down (forms 1–2, or 4–5)."""

    def __init__(self, selection: Selection, by: str):
        self.selection = selection
        self.forms = (
            {"cases": "4", "money": "5"} if by == "officer" else {"cases": "1", "money": "2"}
        )
        self.columns: dict[tuple[str, str], int] = {}
        for measure, code in self.forms.items():
            try:
                definition = definition_for(code, selection.period.end)
            except FormNotFound:
                continue
            for index, column in enumerate(definition.columns):
                expr = column["expr"].replace(" ", "")
                key = "rate" if expr.startswith("rate(") else expr
                self.columns.setdefault((measure, key), index)

    def url(self, measure: str, key: str, row: CockpitRow | None) -> str | None:
        index = self.columns.get((measure, key))
        if index is None:
            return None
        params = {"bieu": self.forms[measure], "cot": index}
        if row is not None:
            params["dong"] = row.unit_code
            if self.forms[measure] in {"4", "5"}:
                params["cb"] = row.officer_code or "-"
        return self.selection.url("stats:drill", **params)

    def for_row(self, row: CockpitRow | None) -> dict:
        links = {}
        for measure in ("cases", "money"):
            links[measure] = {
                "rate": self.url(measure, "rate", row),
                "base": self.url(measure, "co_dieu_kien", row),
                "open": self.url(measure, "chuyen_ky_sau_co_dieu_kien", row),
            }
        return links


def _chart_data(cockpit: Cockpit) -> dict:
    def num(value):
        return None if value is None else float(value)

    ranked = cockpit.ranked
    return {
        "names": [r.label or r.name for r in ranked],
        "cases": {
            "rate": [num(r.cases.rate) for r in ranked],
            "target": [num(r.cases.target) for r in ranked],
            "projected": [num(r.cases.projected) for r in ranked],
            "colour": [r.cases.colour for r in ranked],
        },
        "money": {
            "rate": [num(r.money.rate) for r in ranked],
            "target": [num(r.money.target) for r in ranked],
            "projected": [num(r.money.projected) for r in ranked],
            "colour": [r.money.colour for r in ranked],
        },
        "trend": {
            # Calendar months by name (T10 … T9): month 1 of a report year is October.
            "months": [_("T%(m)s") % {"m": (k + 8) % 12 + 1} for k in range(1, 13)],
            "this_year": cockpit.period.year,
            "last_year": cockpit.period.year - 1,
            "this_cases": [num(p.case_rate) for p in cockpit.trend_this],
            "last_cases": [num(p.case_rate) for p in cockpit.trend_last],
            "this_money": [num(p.money_rate) for p in cockpit.trend_this],
            "last_money": [num(p.money_rate) for p in cockpit.trend_last],
            "target_cases": num(cockpit.total.cases.target),
            "target_money": num(cockpit.total.money.target),
        },
        "labels": {
            "cases": _("Tỷ lệ về việc (%)"),
            "money": _("Tỷ lệ về tiền (%)"),
            "target": _("Chỉ tiêu"),
            "projected": _("Dự báo 30/09"),
            "current": _("Hiện tại"),
            "this_year": _("Năm %(y)s") % {"y": cockpit.period.year},
            "last_year": _("Năm %(y)s") % {"y": cockpit.period.year - 1},
            "month": _("Tháng"),
        },
    }


def _case_lists(selection: Selection) -> tuple:
    """Cases with conditions still open, by remaining money: the largest (they move the money
    rate most when completed) and the smallest above zero (nearest to done)."""
    # Ordered by the remaining money itself (the contribution), not by the case's amount.
    largest = drill(
        selection.unit,
        selection.period,
        "dang_thi_hanh",
        "money",
        limit=LIST_SIZE,
        order="contribution",
    )
    nearest = []
    if largest.count:
        offset = max(0, largest.count - LIST_SIZE)
        tail = drill(
            selection.unit,
            selection.period,
            "dang_thi_hanh",
            "money",
            limit=LIST_SIZE,
            offset=offset,
            order="contribution",
        )
        nearest = [r for r in reversed(tail.rows) if r.value > 0]
    return largest, nearest


def _bottlenecks_template() -> str | None:
    """The bottlenecks/people panel (another module) when it exists; nothing otherwise."""
    try:
        get_template(BOTTLENECKS_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return BOTTLENECKS_TEMPLATE


def _visible_units(request):
    return (
        Unit.objects.filter(pk__in=request.access.visible_unit_ids)
        .exclude(level=Unit.Level.LOCAL, valid_to__isnull=False)
        .order_by("tree_order")
        .only("id", "code", "name", "path", "valid_to", "level")
    )


@login_required
@require_GET
def cockpit(request):
    selection, form = select(request)
    context = {
        "form": form,
        "units": _visible_units(request),
        "selection": selection,
        "nav_active": "targets",
    }
    if selection is None:
        return render(request, "targets/cockpit.html", context)
    data = build_cockpit(selection.unit, selection.period)
    links = DrillLinks(selection, data.by)
    sort = request.GET.get("sap_xep", "")
    descending = request.GET.get("giam") == "1"
    rows = [
        {"row": r, "links": links.for_row(r)}
        for r in data.sorted_rows(sort if sort in SORTS else "", descending)
    ]
    largest, nearest = _case_lists(selection)
    complaints = complaint_rows(selection.unit, selection.period)
    # A matter is overdue on a day that has come: a running period counts as of today.
    overdue_as_of = min(selection.period.end, timezone.localdate())
    context.update(
        complaint_rows=complaints[0] if complaints else None,
        complaint_total=complaints[1] if complaints else None,
        overdue_resolvers=overdue_by_resolver(
            request.access,
            scope_unit_ids(selection.unit) & request.access.visible_unit_ids,
            overdue_as_of,
        ),
        overdue_as_of=overdue_as_of,
        cockpit=data,
        rows=rows,
        total_links=links.for_row(None),
        sort=sort,
        descending=descending,
        sort_urls={
            key: selection.url(
                "targets:cockpit", sap_xep=key, giam="0" if sort == key and descending else "1"
            )
            for key in ("ten", "viec", "tien")
        },
        lowest_urls={
            "cases": selection.url("targets:cockpit", sap_xep="viec", giam="0"),
            "money": selection.url("targets:cockpit", sap_xep="tien", giam="0"),
        },
        chart_data=_chart_data(data),
        summary_text=summary.summary_text(data),
        projection_text=summary.projection_text(data),
        largest=largest,
        nearest=nearest,
        open_money_url=links.url("money", "dang_thi_hanh", None),
        summary_url=selection.url("targets:summary"),
        bottlenecks_template=_bottlenecks_template(),
        oversight=cockpit_figures(request.access, selection.unit, timezone.localdate()),
        may_assign=may_set_children_targets(request.access, selection.unit),
        assign_url=f"{reverse('targets:assign', args=[selection.unit.code])}"
        f"?nam={selection.period.year}",
        amber=str(amber_points()).replace(".", ","),
        trend_rows=list(
            zip(
                range(1, 13),
                data.trend_last,
                data.trend_this + [None] * (12 - len(data.trend_this)),
                strict=True,
            )
        ),
    )
    return render(request, "targets/cockpit.html", context)


@login_required
@require_GET
def summary_page(request):
    selection, _form = select(request)
    if selection is None:
        raise Http404
    data = build_cockpit(selection.unit, selection.period, trend=False)
    return render(
        request,
        "targets/summary.html",
        {
            "cockpit": data,
            "headline": summary.headline(data),
            "summary_text": summary.summary_text(data),
            "projection_text": summary.projection_text(data),
            "today": timezone.localdate(),
            "back_url": selection.url("targets:cockpit"),
            "nav_active": "targets",
        },
    )
