"""`thads targets --unit CODE --year N (--month K | --as-of DATE) [--format json|csv|xlsx]`

Each unit below CODE (each officer for a local unit) with its rates, targets, the difference
in points, met or not, and its rank. JSON:
{"rows": [{"unit", "name", "case_rate", "case_target", "case_diff", "case_met", "money_rate",
"money_target", "money_diff", "money_met", "case_rank", "money_rank"}, ...],
 "summary": {"units": N, "case_met": N, "money_met": N}}
Rates and differences are strings with two decimals and a dot ("83.99", "-0.85"). A rate with a
zero base is null; the difference is null without a rate or a target, and then "met" is null
too (unknown, neither met nor missed). "summary.units" counts the ranked rows; case_met and
money_met the rows whose met is true. Rows in ranking order: by rank on cases (rows without a
rate last), ties by unit code.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.management.base import BaseCommand, CommandError

from thads.common.periods import as_of_period, month_period
from thads.common.spreadsheets import csv_writer
from thads.org.models import Unit
from thads.targets.cockpit import PAYLOAD_COLUMNS, as_payload, build_cockpit


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class Command(BaseCommand):
    help = "Chỉ tiêu, tỷ lệ và xếp hạng của các đơn vị (hoặc Chấp hành viên) dưới một đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--year", type=int, required=True)
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--month", type=int)
        when.add_argument("--as-of", dest="as_of")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output")

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã {options['unit']}.")
        try:
            if options["month"] is not None:
                period = month_period(options["year"], options["month"])
            else:
                period = as_of_period(options["year"], dt.date.fromisoformat(options["as_of"]))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        payload = as_payload(build_cockpit(unit, period, trend=False))
        fmt = options["format"]
        if fmt == "xlsx":
            if not options["output"]:
                raise CommandError("Định dạng xlsx cần --output TỆP.")
            with open(options["output"], "wb") as fh:
                fh.write(xlsx(payload))
            self.stdout.write(f"Đã ghi {options['output']}.")
            return
        if fmt == "json":
            text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        else:
            out = io.StringIO()
            writer = csv_writer(out, lineterminator="\n")
            writer.writerow(PAYLOAD_COLUMNS)
            for row in payload["rows"]:
                writer.writerow([_cell(row[k]) for k in PAYLOAD_COLUMNS])
            text = out.getvalue()
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            self.stdout.write(text, ending="")


def xlsx(payload: dict) -> bytes:
    """The rows as a sheet: rates as numbers with two decimals, met as Đạt / Chưa đạt."""
    from decimal import Decimal

    from openpyxl.styles import Font

    from thads.common.spreadsheets import new_workbook

    wb = new_workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    headers = [
        "Mã",
        "Tên",
        "Tỷ lệ về việc (%)",
        "Chỉ tiêu về việc (%)",
        "Chênh lệch về việc",
        "Đạt về việc",
        "Tỷ lệ về tiền (%)",
        "Chỉ tiêu về tiền (%)",
        "Chênh lệch về tiền",
        "Đạt về tiền",
        "Hạng về việc",
        "Hạng về tiền",
    ]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in payload["rows"]:
        values = []
        for key in PAYLOAD_COLUMNS:
            v = row[key]
            if key.endswith(("_rate", "_target", "_diff")) and v is not None:
                v = Decimal(v)
            elif key.endswith("_met"):
                v = None if v is None else ("Đạt" if v else "Chưa đạt")
            values.append(v)
        ws.append(values)
        for col in (3, 4, 5, 7, 8, 9):
            ws.cell(row=ws.max_row, column=col).number_format = "0.00"
    s = payload["summary"]
    ws.append([])
    ws.append(
        ["Số đơn vị", s["units"], "Đạt về việc", s["case_met"], "Đạt về tiền", s["money_met"]]
    )
    ws.column_dimensions["B"].width = 50
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
