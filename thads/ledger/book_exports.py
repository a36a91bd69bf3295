"""The clerk's books as Excel files (openpyxl): title, unit, period, the table, its total.

Money is written as whole đồng (integers, "#,##0"), dates as dates ("dd/mm/yyyy"), so that a
spreadsheet sums and sorts them; the sheet prints landscape on A4, one page wide, the header
row repeated on every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from thads.common.spreadsheets import new_workbook, workbook_bytes
from thads.ledger.books import CashBook, SeriesCheck
from thads.ledger.models import Receipt
from thads.org.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"


def _sheet(
    title: str,
    sheet_name: str,
    unit: Unit,
    subtitle: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    widths: Sequence[float],
    footer: Sequence | None = None,
) -> bytes:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = new_workbook()  # never saves a payer's name as a formula
    ws = wb.active
    ws.title = sheet_name
    bold = Font(name="Times New Roman", bold=True, size=11)
    normal = Font(name="Times New Roman", size=11)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([unit.name])
    ws.append([title])
    ws.append([subtitle])
    ws["A1"].font = bold
    ws["A2"].font = Font(name="Times New Roman", bold=True, size=13)
    ws["A3"].font = Font(name="Times New Roman", italic=True, size=11)
    ws.append([])
    ws.append(list(header))
    head = ws.max_row
    for cell in ws[head]:
        cell.font = bold
        cell.border = box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[head].height = 32
    body = list(rows) + ([list(footer)] if footer else [])
    # Rows and columns counted here: `ws[ws.max_row]` rescans every cell of the sheet (openpyxl's
    # max_row/max_column), quadratic in the rows — 7 s for a province's 2 700 payouts due.
    row_number, width = head, ws.max_column
    for i, values in enumerate(body):
        values = list(values)
        ws.append(values)
        row_number, width = row_number + 1, max(width, len(values))
        is_footer = footer is not None and i == len(body) - 1
        for column in range(1, width + 1):
            cell = ws.cell(row=row_number, column=column)
            cell.font = bold if is_footer else normal
            cell.border = box
            if isinstance(cell.value, bool):
                continue
            if isinstance(cell.value, int):
                cell.number_format = MONEY_FORMAT
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.title = f"{title} – {unit.name}"
    wb.properties.creator = "THADS"
    return workbook_bytes(wb)


def receipt_register_xlsx(
    unit: Unit, year: int, subtitle: str, receipts: Iterable[Receipt], checks: list[SeriesCheck]
) -> bytes:
    header = [
        _("Số biên lai"),
        _("Ngày thu"),
        _("Đơn vị thu"),
        _("Mã việc"),
        _("Người nộp tiền"),
        _("Nội dung"),
        _("Số tiền thu (đồng)"),
        _("Số tiền hủy (đồng)"),
        _("Ghi chú"),
    ]
    rows = []
    total_in = total_out = 0
    for r in receipts:
        if r.is_reversal:
            total_out += r.amount
            note = _("Hủy biên lai %(number)s: %(reason)s") % {
                "number": r.reverses.number,
                "reason": r.reason,
            }
        else:
            total_in += r.amount
            reversed_by = getattr(r, "reversed_by", None)
            note = (
                _("Đã hủy bằng biên lai %(number)s") % {"number": reversed_by.number}
                if reversed_by
                else ""
            )
        rows.append(
            [
                r.number,
                r.received_on,
                r.unit.label,
                r.case.code,
                r.payer,
                r.note,
                None if r.is_reversal else r.amount,
                r.amount if r.is_reversal else None,
                note,
            ]
        )
    footer = [_("Cộng"), None, None, None, None, None, total_in, total_out, None]
    check_lines = [
        _(
            "Kiểm tra số biên lai năm %(year)s, %(unit)s: %(count)s biên lai, số 1 đến "
            "%(last)s, %(result)s"
        )
        % {
            "year": year,
            "unit": c.unit.label,
            "count": c.count,
            "last": c.last,
            "result": _("liên tục, không thiếu số")
            if c.is_complete
            else _("thiếu số %(missing)s") % {"missing": ", ".join(map(str, c.missing))},
        }
        for c in checks
    ]
    subtitle = " · ".join([subtitle, *check_lines])
    return _sheet(
        _("SỔ THEO DÕI BIÊN LAI THU TIỀN"),
        _("Sổ biên lai"),
        unit,
        subtitle,
        header,
        rows,
        [16, 12, 14, 20, 28, 28, 16, 16, 36],
        footer,
    )


def cash_book_xlsx(book: CashBook, subtitle: str) -> bytes:
    header = [
        _("Ngày"),
        _("Tồn đầu ngày (đồng)"),
        _("Thu (đồng)"),
        _("Chi (đồng)"),
        _("Tạm thu, tạm giữ (đồng)"),
        _("Tồn cuối ngày (đồng)"),
    ]
    rows = [[None, None, None, None, None, book.opening]]
    rows[0][0] = _("Số dư đầu kỳ")
    for d in book.days:
        rows.append([d.day, d.opening, d.money_in, d.money_out, d.held, d.closing])
    footer = [
        _("Cộng phát sinh"),
        book.opening,
        book.total_in,
        book.total_out,
        book.total_held,
        book.closing,
    ]
    return _sheet(
        _("SỔ QUỸ TIỀN THI HÀNH ÁN"),
        _("Sổ quỹ"),
        book.unit,
        subtitle,
        header,
        rows,
        [16, 20, 18, 18, 20, 20],
        footer,
    )


def payouts_due_xlsx(unit: Unit, subtitle: str, cases, today: dt.date) -> bytes:
    header = [
        _("STT"),
        _("Mã việc"),
        _("Đơn vị"),
        _("Chấp hành viên"),
        _("Thu lần đầu"),
        _("Số ngày chờ"),
        _("Đã thu (đồng)"),
        _("Đã chi trả (đồng)"),
        _("Chưa chi trả (đồng)"),
    ]
    rows = []
    total = 0
    for i, case in enumerate(cases, start=1):
        total += case.unpaid
        rows.append(
            [
                i,
                case.code,
                case.unit.label,
                case.officer.full_name if case.officer else _("Chưa phân công"),
                case.first_collected,
                (today - case.first_collected).days if case.first_collected else None,
                case.collected,
                case.paid_out,
                case.unpaid,
            ]
        )
    footer = [_("Cộng"), None, None, None, None, None, None, None, total]
    return _sheet(
        _("DANH SÁCH TIỀN ĐÃ THU CHƯA CHI TRẢ"),
        _("Chờ chi trả"),
        unit,
        subtitle,
        header,
        rows,
        [6, 20, 14, 24, 12, 10, 18, 18, 18],
        footer,
    )
