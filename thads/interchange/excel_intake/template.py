"""The template a clerk downloads: the sheet "Thụ lý" with its columns, and the instructions."""

from __future__ import annotations

import io

from thads.interchange.excel_intake.columns import (
    COLUMNS,
    FIRST_ROW,
    FLAG_KEYS,
    HELP_SHEET,
    KIND_LABELS,
    MAX_ROWS,
    MODE_LABELS,
    PARTY_KIND_LABELS,
    SHEET,
)
from thads.org.models import Unit


def template_bytes(unit: Unit) -> bytes:
    """The empty workbook: sheet "Thụ lý" (headers, lists), an instructions sheet, the lists."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from thads.common.spreadsheets import new_workbook

    wb = new_workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"

    lists = wb.create_sheet("Danh mục")
    for col, values in enumerate(
        [
            [label for _v, label in MODE_LABELS],
            [label for _v, label in KIND_LABELS],
            [label for _v, label in PARTY_KIND_LABELS],
        ],
        start=1,
    ):
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=col, value=value)
    lists.sheet_state = "hidden"

    last = FIRST_ROW + MAX_ROWS - 1

    def letter(key: str) -> str:
        return get_column_letter([c.key for c in COLUMNS].index(key) + 1)

    def add_list(key: str, source: str) -> None:
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        validation.error = "Chọn một giá trị trong danh sách."
        validation.errorTitle = "Giá trị không hợp lệ"
        ws.add_data_validation(validation)
        validation.add(f"{letter(key)}{FIRST_ROW}:{letter(key)}{last}")

    add_list("mode", f"'Danh mục'!$A$1:$A${len(MODE_LABELS)}")
    add_list("kind", f"'Danh mục'!$B$1:$B${len(KIND_LABELS)}")
    add_list("debtor_kind", f"'Danh mục'!$C$1:$C${len(PARTY_KIND_LABELS)}")
    add_list("creditor_kind", f"'Danh mục'!$C$1:$C${len(PARTY_KIND_LABELS)}")
    for key in FLAG_KEYS:
        add_list(key, '"x"')
    for key in ("decision_date", "accepted_on", "judgment_date"):
        for row in range(FIRST_ROW, FIRST_ROW + 500):
            ws[f"{letter(key)}{row}"].number_format = "DD/MM/YYYY"
    for row in range(FIRST_ROW, FIRST_ROW + 500):
        ws[f"{letter('amount')}{row}"].number_format = "#,##0"

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 34
    help_ws.column_dimensions["B"].width = 90
    help_ws.append(["Mẫu nhập việc thi hành án từ Excel", ""])
    help_ws["A1"].font = Font(bold=True, size=13)
    help_ws.append(["Đơn vị", f"{unit.name} ({unit.code})"])
    help_ws.append(["", ""])
    for line in INSTRUCTIONS:
        help_ws.append(list(line))
    for row in help_ws.iter_rows(min_row=4):
        row[0].font = bold
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    wb.active = 0
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


INSTRUCTIONS = (
    ("Cách nhập", "Mỗi dòng của trang “Thụ lý” là một việc (một quyết định thi hành án). "
     "Không đổi tên hay xóa các cột tiêu đề ở dòng 1. Dòng để trống được bỏ qua."),
    ("Mã việc", "Không bắt buộc. Để trống thì hệ thống tự cấp theo dạng "
     "<mã đơn vị>/<năm thụ lý>/<số thứ tự 4 chữ số>."),
    ("Ngày", "Ghi theo dạng dd/mm/yyyy (ví dụ 05/03/2025) hoặc dùng ô ngày của Excel."),
    ("Hình thức", "Chủ động hoặc Theo đơn (chọn trong danh sách)."),
    ("Loại việc", "Chọn trong danh sách: " + ", ".join(label for _v, label in KIND_LABELS) + "."),
    ("Mã Chấp hành viên", "Không bắt buộc; mã cán bộ của Chấp hành viên được phân công."),
    ("Số tiền (đồng)", "Số nguyên không âm, có thể ghi 1.234.567 hoặc 1234567."),
    ("Ngân sách / Tín dụng / Tham nhũng - kinh tế", "Ghi x nếu việc thuộc nhóm đó."),
    ("Đương sự", "Bắt buộc có tên người phải thi hành án; loại là Cá nhân hoặc Tổ chức "
     "(để trống là Cá nhân). Người được thi hành án có thể để trống."),
    ("Kiểm tra", "Sau khi tải lên, hệ thống kiểm tra mọi dòng và hiển thị lỗi theo số dòng. "
     "Chưa có gì được ghi cho đến khi bạn xác nhận; khi xác nhận, tất cả các dòng được ghi "
     "hoặc không dòng nào được ghi."),
)  # fmt: skip
