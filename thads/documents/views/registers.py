"""Registers (sổ văn bản) per unit and series, searchable, exported to Excel and printed; the
register of documents sent to the procuracy (sổ gửi Viện kiểm sát)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font

from thads.common.spreadsheets import new_workbook, workbook_bytes
from thads.documents import permissions, selectors
from thads.documents.forms import RegisterFilterForm
from thads.documents.models import Series
from thads.org.shortcuts import unit_for_read_or_404

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(request, unit, procuracy: bool):
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.register(
        request.access,
        unit,
        series=filters.get("loai") or "",
        year=filters.get("nam"),
        q=filters.get("q") or "",
        procuracy=procuracy,
    )
    return form, filters, rows


def _title(unit, filters: dict, procuracy: bool) -> str:
    if procuracy:
        return _("Sổ theo dõi văn bản gửi Viện kiểm sát")
    series = filters.get("loai")
    if series:
        return _("Sổ %(series)s") % {"series": Series(series).label.lower()}
    return _("Sổ văn bản")


def _register(request, unit_code: str, procuracy: bool):
    unit = unit_for_read_or_404(request.access, unit_code)
    if not permissions.may_read_register(request.access, unit):
        raise PermissionDenied
    form, filters, rows = _rows(request, unit, procuracy)
    title = _title(unit, filters, procuracy)
    export = request.GET.get("xuat")
    if export == "xlsx":
        return _xlsx(unit, title, rows, procuracy)
    printing = export == "in"
    page = None if printing else Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "documents/register.html",
        {
            "unit": unit,
            "title": title,
            "form": form,
            "rows": list(rows) if printing else page.object_list,
            "page": page,
            "query": query.urlencode(),
            "printing": printing,
            "procuracy": procuracy,
            "years": selectors.years_of(unit),
        },
    )


@login_required
def register(request, unit_code: str):
    return _register(request, unit_code, procuracy=False)


@login_required
def procuracy_register(request, unit_code: str):
    return _register(request, unit_code, procuracy=True)


HEADERS = [
    "STT",
    "Số, ký hiệu",
    "Ngày văn bản",
    "Loại văn bản",
    "Trích yếu",
    "Mã việc",
    "Người phải thi hành án",
    "Người ký",
    "Ngày gửi Viện kiểm sát",
    "Ghi chú",
]


def _xlsx(unit, title: str, rows, procuracy: bool) -> HttpResponse:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Sổ gửi VKS" if procuracy else "Sổ văn bản"
    sheet.append([unit.name])
    sheet.append([title])
    sheet["A1"].font = sheet["A2"].font = Font(bold=True)
    sheet.append(HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    debtors = selectors.debtor_names([d.case_id for d in rows])
    for index, doc in enumerate(rows, start=1):
        note = ""
        if getattr(doc, "replaced_by", None) is not None:
            note = f"Đã được thay thế bởi {doc.replaced_by.number_display}"
        elif doc.replaces_id:
            note = f"Thay thế {doc.replaces.number_display}"
        sheet.append(
            [
                index,
                doc.number_display,
                doc.doc_date,
                doc.get_series_display(),
                doc.template.display_name,
                doc.case.code,
                debtors.get(doc.case_id, ""),
                doc.signer.full_name if doc.signer_id else "",
                doc.sent_to_procuracy_on,
                note,
            ]
        )
        for column in (3, 9):
            sheet.cell(row=sheet.max_row, column=column).number_format = "DD/MM/YYYY"
    for column, width in zip("ABCDEFGHIJ", (6, 18, 13, 14, 50, 22, 28, 24, 14, 30), strict=True):
        sheet.column_dimensions[column].width = width
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX)
    name = "so-gui-vks" if procuracy else "so-van-ban"
    response["Content-Disposition"] = f'attachment; filename="{name}-{unit.code}.xlsx"'
    return response
