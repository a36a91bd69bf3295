"""Screens of the bottlenecks (điểm nghẽn) and people: the panel of the cockpit, one list per
bottleneck (paginated, sorted by money or age, exported to Excel), the people page.

Thin views: the lists come from `targets.bottlenecks` and `targets.people`. The scope is the
unit given by `?don_vi=` (404 when the user may not read it) or the active unit, narrowed to
what the user may see.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thads.cases.models import Case
from thads.common.errors import DomainError
from thads.org.access import scope_unit_ids
from thads.org.middleware import active_unit
from thads.org.models import Unit
from thads.targets import bottlenecks, people
from thads.targets.bottlenecks import BY_KEY, Params

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Scope:
    unit: Unit | None
    unit_ids: frozenset[int]
    cases: QuerySet[Case]
    query: dict  # don_vi and the tuning parameters given

    def qs(self, **extra) -> str:
        return urlencode({**self.query, **extra})


def _scope(request) -> Scope:
    access = request.access
    code = (request.GET.get("don_vi") or "").strip()
    if code:
        unit = Unit.objects.filter(code=code).first()
        if unit is None or not access.can_read_unit(unit.pk):
            raise Http404
    else:
        unit = active_unit(request)
    ids = frozenset() if unit is None else access.visible_unit_ids & scope_unit_ids(unit)
    query = {"don_vi": unit.code} if unit is not None else {}
    for name in bottlenecks.QUERY_PARAMS:
        value = (request.GET.get(name) or "").strip()
        if value:
            query[name] = value
    return Scope(unit, ids, Case.objects.filter(unit_id__in=ids), query)


def _params(request) -> tuple[Params, str | None]:
    try:
        return bottlenecks.params_from(request.GET), None
    except DomainError as exc:
        return Params.defaults(), exc.message


def _panel_context(request) -> dict:
    scope = _scope(request)
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
            .order_by("path")
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
    scope = _scope(request)
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
            return _cases_xlsx(bottleneck, scope, params, as_of, list(rows))
        page = Paginator(rows, PAGE_SIZE).get_page(_page_number(request))
        for case in page:
            case.age_days = (as_of - case.decision_date).days
        context["page"] = page
    elif bottleneck.kind == "held":
        held = bottlenecks.held_of(request.access, scope.unit_ids, params, as_of)
        if sort == "tien":
            held.sort(key=lambda h: (-h.amount, h.received_on, h.pk))
        if export:
            return _held_xlsx(bottleneck, scope, params, as_of, held)
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
            return _deadlines_xlsx(bottleneck, scope, as_of, officers, rows)
        context["officers"] = officers
        context["page"] = Paginator(rows, PAGE_SIZE).get_page(_page_number(request))
    return render(request, "targets/bottlenecks/list.html", context, status=400 if error else 200)


@login_required
@require_GET
def people_page(request):
    """Load per officer, surges of new cases per unit, breaches of the head policy."""
    scope = _scope(request)
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


def _workbook(title: str, scope: Scope, subtitle: str, header: list[str]):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Diem nghen"
    ws.append([title])
    ws["A1"].font = Font(bold=True)
    ws.append([scope.unit.name if scope.unit else ""])
    ws.append([subtitle])
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    return wb, ws


def _response(wb, key: str, scope: Scope, as_of) -> HttpResponse:
    out = io.BytesIO()
    wb.save(out)
    code = scope.unit.code if scope.unit else "x"
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    name = f"diem-nghen-{key}-{code}-{as_of:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _extra_header(bottleneck) -> list[str]:
    return {
        "steering_note": [_("Ý kiến chỉ đạo của Ban chỉ đạo THADS")],
        "complaints": [_("Số đơn"), _("Đơn chưa giải quyết")],
        "failed_auctions": [_("Số lần đấu giá không thành")],
    }.get(bottleneck.column, [])


def _extra_values(bottleneck, case) -> list:
    if bottleneck.column == "steering_note":
        return [case.steering_note.strip()]
    if bottleneck.column == "complaints":
        return [case.complaint_count, case.unresolved_complaints]
    if bottleneck.column == "failed_auctions":
        return [case.failed_auctions]
    return []


def _cases_xlsx(bottleneck, scope, params, as_of, cases) -> HttpResponse:
    header = [
        _("STT"),
        _("Mã việc"),
        _("Số QĐ THA"),
        _("Ngày QĐ THA"),
        _("Ngày thụ lý"),
        _("Đơn vị"),
        _("Chấp hành viên"),
        _("Trạng thái"),
        _("Số tiền phải thi hành (đồng)"),
        _("Còn phải thi hành (đồng)"),
        _("Số ngày từ QĐ THA"),
        *_extra_header(bottleneck),
    ]
    subtitle = _("%(definition)s Tính đến ngày %(day)s.") % {
        "definition": bottleneck.definition(params),
        "day": f"{as_of:%d/%m/%Y}",
    }
    wb, ws = _workbook(str(bottleneck.title), scope, subtitle, header)
    for i, case in enumerate(cases, start=1):
        ws.append(
            [
                i,
                case.code,
                case.decision_no,
                case.decision_date,
                case.accepted_on,
                case.unit.name,
                case.officer.full_name if case.officer else "",
                case.get_state_display(),
                case.amount,
                case.remainder_value,
                (as_of - case.decision_date).days,
                *_extra_values(bottleneck, case),
            ]
        )
        row = ws.max_row
        ws.cell(row=row, column=4).number_format = "DD/MM/YYYY"
        ws.cell(row=row, column=5).number_format = "DD/MM/YYYY"
        ws.cell(row=row, column=9).number_format = "#,##0"
        ws.cell(row=row, column=10).number_format = "#,##0"
    ws.append(
        ["", _("Cộng"), "", "", "", "", "", "", sum(c.amount for c in cases),
         sum(c.remainder_value for c in cases)]
    )  # fmt: skip
    ws.cell(row=ws.max_row, column=9).number_format = "#,##0"
    ws.cell(row=ws.max_row, column=10).number_format = "#,##0"
    widths = (6, 24, 16, 12, 12, 40, 26, 22, 18, 18, 10, 50)
    for index, width in enumerate(widths[: len(header)], start=1):
        ws.column_dimensions[chr(64 + index)].width = width
    return _response(wb, bottleneck.key, scope, as_of)


def _held_xlsx(bottleneck, scope, params, as_of, held) -> HttpResponse:
    header = [
        _("STT"),
        _("Đơn vị giữ tiền"),
        _("Loại"),
        _("Ngày nhận"),
        _("Số ngày đã giữ"),
        _("Nhận của"),
        _("Mã việc"),
        _("Số tiền (đồng)"),
    ]
    subtitle = _("%(definition)s Tính đến ngày %(day)s.") % {
        "definition": bottleneck.definition(params),
        "day": f"{as_of:%d/%m/%Y}",
    }
    wb, ws = _workbook(str(bottleneck.title), scope, subtitle, header)
    for i, h in enumerate(held, start=1):
        ws.append(
            [
                i,
                h.unit.name,
                h.get_kind_display(),
                h.received_on,
                h.age,
                h.source,
                h.case.code if h.case else "",
                h.amount,
            ]
        )
        ws.cell(row=ws.max_row, column=4).number_format = "DD/MM/YYYY"
        ws.cell(row=ws.max_row, column=8).number_format = "#,##0"
    ws.append(["", _("Cộng"), "", "", "", "", "", sum(h.amount for h in held)])
    ws.cell(row=ws.max_row, column=8).number_format = "#,##0"
    return _response(wb, bottleneck.key, scope, as_of)


def _deadlines_xlsx(bottleneck, scope, as_of, officers, rows) -> HttpResponse:
    header = [
        _("STT"),
        _("Mã việc"),
        _("Đơn vị"),
        _("Chấp hành viên"),
        _("Thời hạn"),
        _("Hạn"),
        _("Số ngày quá hạn"),
        _("Căn cứ"),
        _("Còn phải thi hành (đồng)"),
    ]
    subtitle = _("Tính đến ngày %(day)s.") % {"day": f"{as_of:%d/%m/%Y}"}
    wb, ws = _workbook(str(bottleneck.title), scope, subtitle, header)
    for i, (deadline, case, late) in enumerate(rows, start=1):
        ws.append(
            [
                i,
                case.code,
                case.unit.name,
                case.officer.full_name if case.officer else "",
                deadline.label,
                deadline.due,
                late,
                deadline.article,
                case.remainder,
            ]
        )
        ws.cell(row=ws.max_row, column=6).number_format = "DD/MM/YYYY"
        ws.cell(row=ws.max_row, column=9).number_format = "#,##0"
    summary = wb.create_sheet("Theo CHV")
    summary.append([_("Chấp hành viên"), _("Quá hạn"), _("Đến hạn hôm nay"), _("Trong 7 ngày")])
    for o in officers:
        summary.append([o.name, o.overdue, o.today, o.this_week])
    return _response(wb, bottleneck.key, scope, as_of)
