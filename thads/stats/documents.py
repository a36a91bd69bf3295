"""Printed forms: the layout shared by the screen, the XLSX (openpyxl), the PDF (WeasyPrint), CSV.

Money convention: the engine and the JSON of `thads report` count money in đồng; the money forms
(definition.money_unit == "nghin_dong") print nghìn đồng. Every money cell of the XLSX and of the
PDF holds the exact nghìn đồng value of that cell rounded half up (`money.to_thousands`), as the
form prints it — so a total is the rounded total, not the sum of rounded rows (they may differ by
a rounding unit). Rates are printed in percent with two decimals (83,99). The CSV is the
machine-readable contract is the `thads report --format csv` command (keys as headers, money in
đồng, rates "83.99"); the screen's CSV download is the form in Vietnamese (`render_csv`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from thads.common.form_sources import form_source
from thads.common.money import to_thousands
from thads.common.periods import Period, is_running
from thads.common.spreadsheets import csv_writer
from thads.common.templatetags.thads_format import number, percent, thousands
from thads.org.models import Unit
from thads.stats.layout import FormTable, build_form, evaluate, is_rate

FORM_CODES = ("1", "2", "3", "4", "5", "6", "7", "10", "12")
FORMATS = ("xlsx", "pdf", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}
NATIONAL_RECEIVER = "Bộ Tư pháp"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


def form_number(code: str) -> str:
    """ "1" → "01" as printed in "Biểu số 01/TK-THADS"."""
    return f"{int(code):02d}" if code.isdigit() else code


def period_text(period: Period, today: dt.date | None = None) -> str:
    """ "Từ ngày 01/10/2026 đến ngày 30/11/2026"; a month still running ends today (its figures
    go no further), never on a last day still to come."""
    today = today or timezone.localdate()
    end = today if is_running(period, today) else period.end
    return f"Từ ngày {period.start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def is_money_form(table: FormTable) -> bool:
    return table.definition.money_unit == "nghin_dong"


def unit_of_measure(table: FormTable) -> str:
    source = form_source(table.definition.measure)
    if source is not None:
        return str(source.unit_text)
    if is_money_form(table):
        return "Đơn vị tính: nghìn đồng"
    if table.definition.measure == "measures":
        return "Đơn vị tính: quyết định, cuộc"
    return "Đơn vị tính: việc"


def place_of(unit: Unit) -> str:
    """The place printed before the date: "Thái Nguyên" for any unit of that province."""
    node: Unit | None = unit
    while node is not None:
        name = node.name
        if node.level == Unit.Level.NATIONAL:
            break
        if node.level == Unit.Level.LOCAL and " – " in name:
            return name.rsplit(" – ", 1)[1].strip()
        for marker in ("thành phố ", "tỉnh "):
            if node.level == Unit.Level.PROVINCE and marker in name:
                return name.rsplit(marker, 1)[1].strip()
        node = node.parent
    return "Hà Nội"


def receiver_of(unit: Unit) -> str:
    return unit.parent.name if unit.parent_id else NATIONAL_RECEIVER


def signed_date_text(place: str, on: dt.date) -> str:
    return f"{place}, ngày {on:%d} tháng {on:%m} năm {on:%Y}"


@dataclass
class HeaderCell:
    text: str
    col: int  # 0-based over the printed columns (0 = STT, 1 = name, 2… = data columns)
    colspan: int = 1
    rowspan: int = 1


def header_layout(columns: list[dict], officer_rows: bool) -> tuple[list, list]:
    """Two header rows: a group cell spans its consecutive columns, others span both rows."""
    name = "Đơn vị, Chấp hành viên" if officer_rows else "Đơn vị"
    top = [HeaderCell("STT", 0, rowspan=2), HeaderCell(name, 1, rowspan=2)]
    bottom: list[HeaderCell] = []
    i = 0
    while i < len(columns):
        group = columns[i].get("group") or ""
        if not group:
            top.append(HeaderCell(columns[i]["header"], i + 2, rowspan=2))
            i += 1
            continue
        j = i
        while j < len(columns) and (columns[j].get("group") or "") == group:
            bottom.append(HeaderCell(columns[j]["header"], j + 2))
            j += 1
        top.append(HeaderCell(group, i + 2, colspan=j - i))
        i = j
    return top, bottom


def number_row(columns: list[dict]) -> list[str]:
    return ["A", "B", *[c["no"] for c in columns]]


@dataclass
class Line:
    """One printed row; `unit_code`/`officer` say which cell a drill-down opens."""

    kind: str  # "total" | "unit" | "officer"
    stt: str
    name: str
    values: list
    unit_code: str | None = None  # None: the total row
    officer: str | None = None  # staff code, "-" unassigned, None: the whole unit
    raw: dict = field(default_factory=dict, repr=False)
    cells: list = field(default_factory=list)  # [Cell] as displayed


@dataclass
class Cell:
    text: str
    index: int  # the column of the form
    numeric: bool  # a count or an amount (drills to its cases); False for rates
    url: str | None = None


def cell_text(table: FormTable, index: int, value) -> str:
    """The cell as the screen and the PDF show it: 1.234 (việc, nghìn đồng), 83,99%."""
    if is_rate(table.columns[index]["expr"]):
        return percent(value)
    if is_money_form(table):
        return thousands(value)
    return number(value)


def lines(table: FormTable) -> list[Line]:
    """The total row first (as the official forms print it), then units (officers under them)."""
    out = [Line("total", "", "Tổng cộng", table.total.values)]
    if table.definition.rows_by != "officer":
        for i, row in enumerate(table.rows, start=1):
            out.append(Line("unit", str(i), row.name, row.values, row.unit_code))
        return out
    names = dict(
        Unit.objects.filter(code__in={r.unit_code for r in table.rows}).values_list("code", "name")
    )
    groups: dict[str, list] = {}
    for row in table.rows:
        groups.setdefault(row.unit_code, []).append(row)
    for n, (unit_code, rows) in enumerate(groups.items()):
        summed: dict = {}
        for row in rows:
            for key, value in row.raw.items():
                summed[key] = summed.get(key, 0) + value
        values = [evaluate(c["expr"], summed) for c in table.columns]
        stt = ROMAN[n] if n < len(ROMAN) else str(n + 1)
        out.append(Line("unit", stt, names.get(unit_code, unit_code), values, unit_code))
        for i, row in enumerate(rows, start=1):
            officer = row.officer_code or "-"
            out.append(Line("officer", str(i), row.name, row.values, unit_code, officer))
    return out


def printed_value(table: FormTable, index: int, value):
    """The number as the form prints it: nghìn đồng for money, percent for rates."""
    if value is None:
        return None
    if is_rate(table.columns[index]["expr"]):
        return Decimal(value)
    if is_money_form(table):
        return int(to_thousands(value))
    return int(value)


@dataclass
class Document:
    table: FormTable
    title: str
    number: str
    circular: str
    unit_name: str
    receiver: str
    period: str
    measure_unit: str
    place_date: str
    header_top: list
    header_bottom: list
    numbers: list
    lines: list


def document(table: FormTable, signed_on: dt.date | None = None) -> Document:
    unit = table.unit
    printed = lines(table)
    for line in printed:
        line.cells = [
            Cell(cell_text(table, i, v), i, not is_rate(table.columns[i]["expr"]))
            for i, v in enumerate(line.values)
        ]
    top, bottom = header_layout(table.columns, table.definition.rows_by == "officer")
    return Document(
        table=table,
        title=table.definition.name.upper(),
        number=f"Biểu số {form_number(table.definition.code)}/TK-THADS",
        circular=f"Ban hành kèm theo {table.definition.circular}",
        unit_name=unit.name,
        receiver=receiver_of(unit),
        period=period_text(table.period),
        measure_unit=unit_of_measure(table),
        place_date=signed_date_text(place_of(unit), signed_on or timezone.localdate()),
        header_top=top,
        header_bottom=bottom,
        numbers=number_row(table.columns),
        lines=printed,
    )


# ---- XLSX ----------------------------------------------------------------------------------

# Row heights. Neither Excel nor LibreOffice Calc fits a row to wrapped text when it opens a file
# (Excel only when a cell is edited, Calc not for rows written with a height): a unit name that
# wraps to two lines overlapped the next row in print. So the file carries every row's height,
# from the lines each cell's text needs at its column width. Widths are in Excel's units (the
# width of "0" in the default font); Times New Roman 11 fits about one character per unit, bold
# a little less — the factors below leave a margin so a name never needs one more line than
# the height gives.
LINE_POINTS = 15.0  # one line of Times New Roman 11 with its leading, in points
PADDING_POINTS = 3.0
CHARS_PER_UNIT = {False: 0.95, True: 0.85}  # normal, bold


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines `text` takes, wrapped at spaces, in a column `width` units wide."""
    capacity = max(1, int(width * CHARS_PER_UNIT[bold]) - 1)
    lines = 0
    for paragraph in str(text or "").split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= capacity:
                used = need
                continue
            if used:  # the word starts a new line
                lines += 1
            lines += (len(word) - 1) // capacity  # a word longer than a line is broken
            used = len(word) % capacity or capacity
    return lines


def row_points(lines: int) -> float:
    return lines * LINE_POINTS + PADDING_POINTS


def header_heights(doc: Document, widths: list[float]) -> tuple[float, float]:
    """The heights of the two header rows: each cell's text fits its (merged) width; a cell
    spanning both rows fits their sum."""

    def span_width(cell) -> float:
        return sum(widths[cell.col : cell.col + cell.colspan])

    top = max(
        [wrapped_lines(c.text, span_width(c), True) for c in doc.header_top if c.rowspan == 1]
        or [1]
    )
    bottom = max([wrapped_lines(c.text, span_width(c), True) for c in doc.header_bottom] or [1])
    both = max(
        [wrapped_lines(c.text, span_width(c), True) for c in doc.header_top if c.rowspan > 1] or [1]
    )
    bottom = max(bottom, both - top)
    return row_points(top), row_points(bottom)


def render_xlsx(doc: Document, progress=None) -> bytes:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from thads.common.spreadsheets import new_workbook

    table = doc.table
    width = 2 + len(table.columns)
    last = get_column_letter(width)
    wb = new_workbook()
    ws = wb.active
    ws.title = f"Biểu {form_number(table.definition.code)}"
    bold = Font(name="Times New Roman", bold=True, size=11)
    normal = Font(name="Times New Roman", size=11)
    italic = Font(name="Times New Roman", italic=True, size=11)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    half = max(3, width // 2)

    def put(row, col, value, font=normal, align=None, merge_to=None):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = font
        if align is not None:
            cell.alignment = align
        if merge_to and merge_to > col:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=merge_to)
        return cell

    left = Alignment(horizontal="left", vertical="center")
    right_align = Alignment(horizontal="right", vertical="center")
    put(1, 1, doc.number, bold, left, half - 1)
    put(2, 1, doc.circular, italic, left, half - 1)
    put(1, half, f"Đơn vị báo cáo: {doc.unit_name}", bold, left, width)
    put(2, half, f"Đơn vị nhận báo cáo: {doc.receiver}", normal, left, width)
    put(4, 1, doc.title, Font(name="Times New Roman", bold=True, size=13), center, width)
    put(5, 1, doc.period, italic, center, width)
    put(6, 1, doc.unit_name, normal, center, width)
    put(7, 1, doc.measure_unit, italic, right_align, width)

    head = 8
    for cell in doc.header_top:
        col = cell.col + 1
        put(head, col, cell.text, bold, center)
        if cell.colspan > 1 or cell.rowspan > 1:
            ws.merge_cells(
                start_row=head,
                start_column=col,
                end_row=head + cell.rowspan - 1,
                end_column=col + cell.colspan - 1,
            )
    for cell in doc.header_bottom:
        put(head + 1, cell.col + 1, cell.text, bold, center)
    for i, text in enumerate(doc.numbers, start=1):
        put(head + 2, i, text, italic, center)
    for r in range(head, head + 3):
        for c in range(1, width + 1):
            ws.cell(row=r, column=c).border = box
    widths = [6.0, 36.0] + [13.0 if is_money_form(table) else 10.0] * len(table.columns)
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    top_height, bottom_height = header_heights(doc, widths)
    ws.row_dimensions[head].height = top_height
    ws.row_dimensions[head + 1].height = bottom_height

    row_no = head + 3
    total = len(doc.lines) or 1
    for n, line in enumerate(doc.lines):
        font = bold if line.kind in {"total", "unit"} else normal
        put(row_no, 1, line.stt, font, center).border = box
        put(row_no, 2, line.name, font, Alignment(vertical="center", wrap_text=True)).border = box
        lines = wrapped_lines(line.name, widths[1], font is bold)
        ws.row_dimensions[row_no].height = row_points(lines)
        for i, value in enumerate(line.values):
            cell = put(row_no, 3 + i, printed_value(table, i, value), font)
            cell.border = box
            cell.number_format = "0.00" if is_rate(table.columns[i]["expr"]) else "#,##0"
            cell.alignment = Alignment(horizontal="right", vertical="center")
        row_no += 1
        if progress and n % 50 == 0:
            progress(n / total)

    sign = row_no + 1
    put(sign, half, doc.place_date, italic, center, width)
    put(sign + 1, 1, "NGƯỜI LẬP BIỂU", bold, center, half - 1)
    put(sign + 1, half, "THỦ TRƯỞNG ĐƠN VỊ", bold, center, width)
    put(sign + 2, 1, "(Ký, ghi rõ họ tên)", italic, center, half - 1)
    put(sign + 2, half, "(Ký tên, đóng dấu)", italic, center, width)

    ws.freeze_panes = ws.cell(row=head + 3, column=3)
    ws.print_title_rows = f"{head}:{head + 2}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = f"A1:{last}{sign + 2}"
    wb.properties.title = f"{doc.number} – {doc.unit_name}"
    wb.properties.creator = "THADS"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---- PDF -----------------------------------------------------------------------------------


def url_fetcher():
    """WeasyPrint may read data: URLs only — no network, no file system."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def render_pdf(doc: Document) -> bytes:
    from django.utils import translation
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string("stats/form_print.html", {"doc": doc})
    return HTML(string=html, base_url=None, url_fetcher=url_fetcher()).write_pdf()


# ---- CSV -----------------------------------------------------------------------------------


def csv_header(table: FormTable) -> list[str]:
    """The screen's CSV speaks Vietnamese: "Mã đơn vị", "Tên đơn vị", then each printed column
    as "(số cột) nhóm – tiêu đề" with its unit; the `thads report` command keeps the keys."""
    money = table.definition.measure == "money"
    officers = table.definition.rows_by == "officer"
    head = ["Mã đơn vị", "Tên đơn vị, Chấp hành viên" if officers else "Tên đơn vị"]
    if officers:
        head.append("Mã Chấp hành viên")
    for column in table.columns:
        text = column["header"]
        if column.get("group"):
            text = f"{column['group']} – {text}"
        if is_rate(column["expr"]):
            text += " (%)"
        elif money:
            text += " (đồng)"
        head.append(f"({column['no']}) {text}")
    return head


def _csv_value(value) -> str:
    """Integers as digits (money in đồng), rates with the Vietnamese comma (83,99), none "—"."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def render_csv(table: FormTable) -> bytes:
    """The form as the screen shows it, one row per unit (or officer), Vietnamese headers.

    Money in đồng (not the nghìn đồng of the printed forms, so sums stay exact); UTF-8 with a
    BOM so that Excel reads the diacritics.
    """
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(csv_header(table))
    officers = table.definition.rows_by == "officer"
    for row in [*table.rows, table.total]:
        name = row.name if row is not table.total else f"Tổng cộng: {row.name}"
        head = [row.unit_code, name] + ([row.officer_code or ""] if officers else [])
        writer.writerow(head + [_csv_value(v) for v in row.values])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render(
    fmt: str,
    form: str,
    unit: Unit,
    period: Period,
    *,
    signed_on: dt.date | None = None,
    progress=None,
) -> bytes:
    """The form `form` of `unit` over `period` as xlsx, pdf or csv bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"Định dạng không được hỗ trợ: {fmt}")
    table = build_form(form, unit, period)
    if progress:
        progress(0.5)
    if fmt == "csv":
        return render_csv(table)
    doc = document(table, signed_on)
    if fmt == "xlsx":
        return render_xlsx(doc, (lambda f: progress(0.5 + f / 2)) if progress else None)
    return render_pdf(doc)


def filename(fmt: str, form: str, unit: Unit, period: Period) -> str:
    return f"bieu-{form_number(form)}-{unit.code}-{period.end:%Y%m%d}.{fmt}"


__all__ = ["FORM_CODES", "document", "filename", "lines", "render"]
