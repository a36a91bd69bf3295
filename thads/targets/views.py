"""Leaders' cockpit screens: targets against rates, the printable summary, giving targets.

Thin views: the numbers come from `targets.cockpit` (the statistics engine), the writes from
`targets.services`; a unit the user may not read answers 404, a write the user may not make 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thads.common.errors import DomainError
from thads.org.middleware import active_unit
from thads.org.models import Staff, Unit
from thads.stats.drilldown import drill
from thads.stats.layout import FormNotFound, definition_for
from thads.stats.periods import Period, as_of_period, month_period, report_year_of
from thads.stats.views import current_month
from thads.targets import services, summary
from thads.targets.cockpit import Cockpit, CockpitRow, amber_points, build_cockpit
from thads.targets.models import OfficerTarget, Target, TargetChange

BOTTLENECKS_TEMPLATE = "targets/_bottlenecks_panel.html"
SORTS = {"viec", "tien", "ten"}
UPLOAD_SALT = "thads.targets.upload"
LIST_SIZE = 10


class PeriodForm(forms.Form):
    don_vi = forms.CharField(label=gettext_lazy("Đơn vị"), required=False)
    nam = forms.IntegerField(
        label=gettext_lazy("Năm báo cáo"), min_value=2000, max_value=2200, required=False
    )
    thang = forms.IntegerField(
        label=gettext_lazy("Tháng (1 = tháng 10)"), min_value=1, max_value=12, required=False
    )
    ngay = forms.DateField(label=gettext_lazy("Hoặc đến ngày"), required=False)


@dataclass
class Selection:
    unit: Unit
    period: Period
    query: dict

    def url(self, name: str, *args, **extra) -> str:
        return f"{reverse(name, args=args)}?{urlencode({**self.query, **extra})}"


def _unit_or_404(request, code: str) -> Unit:
    unit = Unit.objects.filter(code=code).select_related("parent").first()
    if unit is None or not request.access.can_read_unit(unit.pk):
        raise Http404
    return unit


def _selection(request) -> tuple[Selection | None, PeriodForm]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return None, form
    data = form.cleaned_data if form.is_bound else {}
    if data.get("don_vi"):
        unit = _unit_or_404(request, data["don_vi"])
    else:
        unit = active_unit(request)
        if unit is None:
            return None, form
    today = timezone.localdate()
    year = data.get("nam") or report_year_of(today)
    query: dict = {"don_vi": unit.code, "nam": year}
    try:
        if data.get("ngay"):
            period = as_of_period(year, data["ngay"])
            query["ngay"] = data["ngay"].isoformat()
        else:
            month = data.get("thang") or (
                current_month(today) if year == report_year_of(today) else 12
            )
            period = month_period(year, month)
            query["thang"] = month
    except ValueError as exc:
        form.add_error(None, str(exc))
        return None, form
    return Selection(unit, period, query), form


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
        "names": [r.name for r in ranked],
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
            "months": [str(k) for k in range(1, 13)],
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
        .order_by("path")
        .only("id", "code", "name", "path", "valid_to", "level")
    )


@login_required
@require_GET
def cockpit(request):
    selection, form = _selection(request)
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
    context.update(
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
        may_assign=services.may_set_children_targets(request.access, selection.unit),
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
    selection, _form = _selection(request)
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


def _year(request) -> int:
    try:
        year = int(request.GET.get("nam") or request.POST.get("nam") or 0)
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2200 else report_year_of(timezone.localdate())


@dataclass
class AssignLine:
    prefix: str
    name: str
    code: str
    case_rate: object
    money_rate: object
    unit: Unit | None = None
    staff: Staff | None = None


def _assign_lines(parent: Unit, year: int) -> list[AssignLine]:
    if parent.level == Unit.Level.LOCAL:
        current = {t.staff_id: t for t in OfficerTarget.objects.filter(unit=parent, year=year)}
        return [
            AssignLine(
                f"s{s.pk}",
                s.full_name,
                s.code,
                getattr(current.get(s.pk), "case_rate", None),
                getattr(current.get(s.pk), "money_rate", None),
                staff=s,
            )
            for s in services.officers_of(parent)
        ]
    current = {t.unit_id: t for t in Target.objects.filter(unit__parent=parent, year=year)}
    children = parent.children.filter(valid_to__isnull=True).order_by("path")
    return [
        AssignLine(
            f"u{u.pk}",
            u.name,
            u.code,
            getattr(current.get(u.pk), "case_rate", None),
            getattr(current.get(u.pk), "money_rate", None),
            unit=u,
        )
        for u in children
    ]


@login_required
@require_http_methods(["GET", "POST"])
def assign(request, code: str):
    """Give the targets of the level below `code` (units, or officers of a local unit)."""
    parent = _unit_or_404(request, code)
    if not services.may_set_children_targets(request.access, parent):
        raise PermissionDenied
    year = _year(request)
    lines = _assign_lines(parent, year)
    errors: list[str] = []
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()
        try:
            from django.db import transaction

            with transaction.atomic():
                for line in lines:
                    case_rate = request.POST.get(f"{line.prefix}-case", "").strip()
                    money_rate = request.POST.get(f"{line.prefix}-money", "").strip()
                    line.case_rate, line.money_rate = case_rate, money_rate
                    if not case_rate and not money_rate:
                        continue
                    try:
                        if line.staff is not None:
                            services.officer_target_set(
                                request.access,
                                parent,
                                line.staff,
                                year,
                                case_rate=case_rate,
                                money_rate=money_rate,
                                by=request.user,
                                reason=reason,
                            )
                        else:
                            services.target_set(
                                request.access,
                                line.unit,
                                year,
                                case_rate=case_rate,
                                money_rate=money_rate,
                                by=request.user,
                                reason=reason,
                            )
                    except DomainError as exc:
                        errors.append(f"{line.name}: {exc.message}")
                if errors:
                    raise DomainError(" ".join(errors))
        except DomainError:
            pass
        else:
            return redirect(f"{reverse('targets:assign', args=[parent.code])}?nam={year}&luu=1")
    history = TargetChange.objects.filter(year=year).select_related("unit", "staff", "changed_by")
    if parent.level == Unit.Level.LOCAL:
        history = history.filter(unit=parent, staff__isnull=False)
    else:
        history = history.filter(unit__parent=parent)
    return render(
        request,
        "targets/assign.html",
        {
            "parent": parent,
            "year": year,
            "lines": lines,
            "errors": errors,
            "saved": request.GET.get("luu") == "1",
            "officers": parent.level == Unit.Level.LOCAL,
            "history": history[:50],
            "field_labels": services.FIELD_LABELS,
            "upload_url": reverse("targets:upload", args=[parent.code]),
            "cockpit_url": f"{reverse('targets:cockpit')}?don_vi={parent.code}&nam={year}",
            "nav_active": "targets",
        },
    )


class UploadForm(forms.Form):
    tep = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))
    reason = forms.CharField(label=gettext_lazy("Lý do"), required=False, max_length=500)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, code: str):
    """Excel upload of the children's targets: preview with row-numbered errors, then confirm
    (all or nothing). The checked rows travel signed between preview and confirmation."""
    parent = _unit_or_404(request, code)
    if parent.level == Unit.Level.LOCAL or not services.may_set_children_targets(
        request.access, parent
    ):
        raise PermissionDenied
    context = {
        "parent": parent,
        "form": UploadForm(),
        "template_url": reverse("targets:upload_template", args=[parent.code]),
        "nav_active": "targets",
    }
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            payload = signing.loads(request.POST["confirm"], salt=UPLOAD_SALT, max_age=3600)
        except signing.BadSignature:
            raise PermissionDenied from None
        if payload.get("user") != request.user.pk:
            raise PermissionDenied
        try:
            count = services.targets_import(
                request.access, payload["rows"], by=request.user, reason=payload.get("reason", "")
            )
        except DomainError as exc:
            context["errors"] = [exc.message]
            return render(request, "targets/upload.html", context)
        return redirect(
            f"{reverse('targets:assign', args=[parent.code])}?nam={payload['year']}&luu={count}"
        )
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            try:
                rows = services.read_xlsx(form.cleaned_data["tep"].read())
            except DomainError as exc:
                context["errors"] = [exc.message]
                return render(request, "targets/upload.html", context)
            check = services.check_upload(request.access, rows)
            context["check"] = check
            context["errors"] = check.errors
            if check.ok:
                clean = [services.XLSX_HEADER] + [
                    [r.unit.code, r.unit.name, r.year, str(r.case_rate), str(r.money_rate)]
                    for r in check.rows
                ]
                context["confirm"] = signing.dumps(
                    {
                        "user": request.user.pk,
                        "rows": clean,
                        "year": check.rows[0].year,
                        "reason": form.cleaned_data["reason"],
                    },
                    salt=UPLOAD_SALT,
                )
    return render(request, "targets/upload.html", context)


@login_required
@require_GET
def upload_template(request, code: str):
    parent = _unit_or_404(request, code)
    year = _year(request)
    response = HttpResponse(
        services.template_xlsx(parent, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{parent.code}-{year}.xlsx"'
    return response
