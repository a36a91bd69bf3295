"""The Excel exports of the bottleneck lists (one sheet: title, unit, definition, the rows)."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from thads.targets.views.scope import Scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(title: str, scope: Scope, subtitle: str, header: list[str]):
    from openpyxl.styles import Font

    from thads.common.spreadsheets import new_workbook

    wb = new_workbook()
    ws = wb.active
    ws.title = "Điểm nghẽn"
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


def cases_xlsx(bottleneck, scope, params, as_of, cases) -> HttpResponse:
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


def held_xlsx(bottleneck, scope, params, as_of, held) -> HttpResponse:
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


def deadlines_xlsx(bottleneck, scope, as_of, officers, rows) -> HttpResponse:
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
    summary = wb.create_sheet("Theo Chấp hành viên")
    summary.append([_("Chấp hành viên"), _("Quá hạn"), _("Đến hạn hôm nay"), _("Trong 7 ngày")])
    for o in officers:
        summary.append([o.name, o.overdue, o.today, o.this_week])
    return _response(wb, bottleneck.key, scope, as_of)
