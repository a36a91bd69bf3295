"""Statistics screens: a form as printed, the cases behind any cell, exports (direct or background).

Thin views: the numbers come from stats.layout / stats.drilldown, the layout from stats.documents;
a unit the user may not read answers 404 (request.access).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thads.common.form_sources import form_source
from thads.org.models import Staff, Unit
from thads.org.selectors import staff_visible
from thads.org.shortcuts import unit_for_read_or_404
from thads.stats import documents, tasks
from thads.stats.drilldown import drill, drill_decisions, drill_source
from thads.stats.forms import FORM_CHOICES, ReportForm
from thads.stats.layout import FormNotFound, build_form, definition_for, is_rate
from thads.stats.models import ExportJob, FormDefinition
from thads.stats.selection import Selection, select

PAGE_SIZE = 50


def _visible_units(request):
    return (
        Unit.objects.filter(pk__in=request.access.visible_unit_ids)
        .order_by("tree_order")
        .only("id", "code", "name", "path", "valid_to")
    )


@login_required
@require_GET
def report(request):
    selection, form = select(request, ReportForm)
    context = {
        "form": form,
        "units": _visible_units(request),
        "form_choices": FORM_CHOICES,
        "nav_active": "stats",
        "selection": selection,
    }
    if selection is not None:
        try:
            table = build_form(selection.form, selection.unit, selection.period)
        except FormNotFound as exc:
            form.add_error(None, str(exc))
            return render(request, "stats/report.html", context)
        doc = documents.document(table)
        _link_cells(doc, selection)
        context.update(
            doc=doc,
            table=table,
            checks=table.checks,
            export_urls={
                fmt: selection.url("stats:export", dinh_dang=fmt) for fmt in documents.FORMATS
            },
            background_url=selection.url("stats:export_start", dinh_dang="xlsx"),
        )
    return render(request, "stats/report.html", context)


def _link_cells(doc, selection: Selection) -> None:
    """Every count or amount links to its cases; a rate links to its numerator's cases (the
    drill-down expands a rate to its numerator); form 7's decisions link to the cases that had
    them."""
    for line in doc.lines:
        for cell in line.cells:
            params = {"cot": cell.index}
            if line.unit_code:
                params["dong"] = line.unit_code
            if line.officer:
                params["cb"] = line.officer
            cell.url = selection.url("stats:drill", **params)


def _measure(definition: FormDefinition) -> str:
    """ "cases", "money" or "measures" (form 7: numbers of decisions)."""
    return definition.measure


@dataclass
class DrillTarget:
    definition: FormDefinition
    column: dict
    row_unit: Unit | None
    officer: Staff | None | bool


def _drill_target(request, selection: Selection) -> DrillTarget:
    try:
        definition = definition_for(selection.form, selection.period.end)
        column = definition.columns[int(request.GET.get("cot", ""))]
    except (FormNotFound, ValueError, IndexError):
        raise Http404 from None
    row_unit = None
    if request.GET.get("dong"):
        row_unit = unit_for_read_or_404(request.access, request.GET["dong"])
    officer: Staff | None | bool = False
    if request.GET.get("cb") == "-":
        officer = None
    elif request.GET.get("cb"):
        # Only staff the user may see: another unit's code answers 404 (no name, no enumeration).
        officer = get_object_or_404(staff_visible(request.access), code=request.GET["cb"])
    return DrillTarget(definition, column, row_unit, officer)


def _drill(selection: Selection, target: DrillTarget, *, limit: int, offset: int):
    if target.definition.measure == FormDefinition.Measure.MEASURES:
        return drill_decisions(
            selection.unit,
            selection.period,
            target.column["expr"],
            row_unit=target.row_unit,
            limit=limit,
            offset=offset,
        )
    return drill(
        selection.unit,
        selection.period,
        target.column["expr"],
        _measure(target.definition),
        row_unit=target.row_unit,
        officer=target.officer,
        filters=target.definition.filters or None,
        limit=limit,
        offset=offset,
    )


@login_required
@require_GET
def drill_down(request):
    selection, _form = select(request, ReportForm)
    if selection is None:
        raise Http404
    target = _drill_target(request, selection)
    source = form_source(target.definition.measure)
    if source is not None:
        return _drill_source(request, selection, target, source)
    if request.GET.get("xuat") == "xlsx":
        return _drill_xlsx(selection, target)
    try:
        number = max(1, int(request.GET.get("trang", "1")))
    except ValueError:
        number = 1
    page = _drill(selection, target, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    paginator = Paginator(range(page.count), PAGE_SIZE)
    page_obj = paginator.get_page(number)
    query = request.GET.copy()
    query.pop("trang", None)
    query.pop("xuat", None)
    return render(
        request,
        "stats/drill.html",
        {
            "selection": selection,
            "target": target,
            "page": page,
            "page_obj": page_obj,
            "query": query.urlencode(),
            "money": _measure(target.definition) == "money",
            "decisions": target.definition.measure == FormDefinition.Measure.MEASURES,
            "rate": is_rate(target.column["expr"]),
            "row_name": _row_name(target),
            "back_url": selection.url("stats:report"),
            "form_number": documents.form_number(selection.form),
            "period_text": documents.period_text(selection.period),
            "nav_active": "stats",
        },
    )


def _drill_source(request, selection: Selection, target: DrillTarget, source):
    """Forms 6, 8, 9, 10, 12: the records behind the cell (judgments, inspections, acts, cases,
    letters, matters, reception sessions)."""
    try:
        number = max(1, int(request.GET.get("trang", "1")))
    except ValueError:
        number = 1
    page = drill_source(
        selection.unit,
        selection.period,
        target.column["expr"],
        source,
        row_unit=target.row_unit,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    page_obj = Paginator(range(page.count), PAGE_SIZE).get_page(number)
    query = request.GET.copy()
    query.pop("trang", None)
    money = bool(source.money_keys & {k for _s, k in source.expand(target.column["expr"])})
    return render(
        request,
        "stats/drill_items.html",
        {
            "selection": selection,
            "target": target,
            "page": page,
            "page_obj": page_obj,
            "query": query.urlencode(),
            "money": money,
            "rate": is_rate(target.column["expr"]),
            "row_name": _row_name(target),
            "back_url": selection.url("stats:report"),
            "form_number": documents.form_number(selection.form),
            "period_text": documents.period_text(selection.period),
            "nav_active": "stats",
        },
    )


def _row_name(target: DrillTarget) -> str:
    if target.officer is None:
        return _("Chưa phân công Chấp hành viên")
    if isinstance(target.officer, Staff):
        return target.officer.full_name
    return target.row_unit.name if target.row_unit else _("Tổng cộng")


def _drill_xlsx(selection: Selection, target: DrillTarget) -> HttpResponse:
    from openpyxl.styles import Font

    from thads.common.spreadsheets import new_workbook

    first = _drill(selection, target, limit=1, offset=0)
    page = _drill(selection, target, limit=max(first.count, 1), offset=0)
    money = _measure(target.definition) == "money"
    wb = new_workbook()
    ws = wb.active
    ws.title = "Danh sách việc"
    ws.append([f"Biểu số {documents.form_number(selection.form)} – {target.column['header']}"])
    ws.append([f"{selection.unit.name} – {_row_name(target)}"])
    ws.append([documents.period_text(selection.period)])
    header = [
        "STT",
        "Mã việc",
        "Số QĐ THA",
        "Ngày thụ lý",
        "Đơn vị",
        "Chấp hành viên",
        "Trạng thái",
        "Số tiền (đồng)"
        if money
        else "Số quyết định, cuộc"
        if target.definition.measure == FormDefinition.Measure.MEASURES
        else "Số việc",
    ]
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for i, row in enumerate(page.rows, start=1):
        case = row.case
        ws.append(
            [
                i,
                case.code,
                case.decision_no,
                case.accepted_on,
                case.unit.name,
                case.officer.full_name if case.officer else "",
                case.get_state_display(),
                row.value,
            ]
        )
        ws.cell(row=ws.max_row, column=4).number_format = "DD/MM/YYYY"
        ws.cell(row=ws.max_row, column=8).number_format = "#,##0"
    ws.append(["", "Cộng", "", "", "", "", "", sum(r.value for r in page.rows)])
    ws.cell(row=ws.max_row, column=8).number_format = "#,##0"
    ws.cell(row=ws.max_row, column=2).font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (6, 24, 16, 12, 40, 26, 22, 16), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    name = f"bieu-{documents.form_number(selection.form)}-cot-{target.column['no']}.xlsx"
    return _file(out.getvalue(), "xlsx", name)


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=documents.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def export(request):
    selection, _form = select(request, ReportForm)
    fmt = request.GET.get("dinh_dang", "")
    if selection is None or fmt not in documents.FORMATS:
        raise Http404
    data = documents.render(fmt, selection.form, selection.unit, selection.period)
    name = documents.filename(fmt, selection.form, selection.unit, selection.period)
    return _file(data, fmt, name)


@login_required
@require_POST
def export_start(request):
    selection, _form = select(request, ReportForm)
    fmt = request.GET.get("dinh_dang", "xlsx")
    if selection is None or fmt not in documents.FORMATS:
        raise Http404
    job = tasks.create(
        request.user,
        form=selection.form,
        unit=selection.unit,
        year=selection.period.year,
        month=selection.period.month,
        as_of=None if selection.period.month else selection.period.end,
        fmt=fmt,
    )
    tasks.start(job)
    return redirect("stats:export_job", pk=job.pk)


def _job_or_404(request, pk: int) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("unit"), pk=pk, user=request.user)
    if not request.access.can_read_unit(job.unit_id):
        raise Http404
    return job


@login_required
@require_GET
def export_job(request, pk: int):
    job = _job_or_404(request, pk)
    template = "stats/_job.html" if request.htmx else "stats/job.html"
    query = {"don_vi": job.unit.code, "bieu": job.form, "nam": job.year}
    if job.month:
        query["thang"] = job.month
    else:
        query["ngay"] = job.as_of.isoformat()
    return render(
        request,
        template,
        {
            "job": job,
            "form_number": documents.form_number(job.form),
            "back_url": f"{reverse('stats:report')}?{urlencode(query)}",
            "nav_active": "stats",
        },
    )


@login_required
@require_GET
def export_download(request, pk: int):
    job = _job_or_404(request, pk)
    if job.status != ExportJob.Status.DONE:
        raise Http404
    return _file(bytes(job.content), job.fmt, job.filename)
