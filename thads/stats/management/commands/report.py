"""`thads report {cases|money|budget|measures|thahc|oversight|exemptions|complaints|reception}
--unit CODE --year N (--month K | --as-of DATE) ...`

`cases` / `money` are forms 1–2 (4–5 with --by officer), `budget` form 3 (the state budget's
money), `measures` form 7 (security and coercion measures); `thahc`, `oversight`, `exemptions`,
`complaints` and `reception` are forms 12, 10, 6, 8 and 9, whose buckets another app counts
(`common.form_sources`): the same JSON shape (`stats.exports.form_payload`, also the API's
/api/v1/reports/), every bucket of the form's source in each row and in `total` (form 8 adds
`ty_le`)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from thads.common.periods import as_of_period, month_period
from thads.org.models import Unit
from thads.stats import documents, exports
from thads.stats.layout import FormNotFound

FORMS = {
    ("cases", "unit"): "1",
    ("money", "unit"): "2",
    ("cases", "officer"): "4",
    ("money", "officer"): "5",
}
# Forms by unit only: measure → form code (3: state budget; 7: measures; 6, 8, 9, 10, 12 counted
# by another app through common.form_sources).
SOURCE_FORMS = {
    "budget": "3",
    "measures": "7",
    "thahc": "12",
    "oversight": "10",
    "exemptions": "6",
    "complaints": "8",
    "reception": "9",
}


class Command(BaseCommand):
    help = "Lập báo cáo thống kê thi hành án dân sự (về việc hoặc về tiền)."

    def add_arguments(self, parser):
        parser.add_argument("measure", choices=["cases", "money", *SOURCE_FORMS])
        parser.add_argument("--unit", required=True)
        parser.add_argument("--year", type=int, required=True)
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--month", type=int)
        when.add_argument("--as-of", dest="as_of")
        parser.add_argument("--by", choices=["unit", "officer"], default="unit")
        parser.add_argument("--format", choices=["json", "csv", "xlsx", "pdf"], default="json")
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
        measure, by = options["measure"], options["by"]
        if measure in SOURCE_FORMS:
            if by != "unit":
                raise CommandError("Biểu này chỉ lập theo đơn vị (--by unit).")
            form = SOURCE_FORMS[measure]
        else:
            form = FORMS[(measure, by)]
        fmt = options["format"]
        if fmt in {"xlsx", "pdf"}:
            self._write_document(fmt, form, unit, period, options["output"])
            return
        try:
            payload = exports.form_payload(form, unit, period)
        except FormNotFound as exc:
            raise CommandError(str(exc)) from None
        text = (
            json.dumps(payload, ensure_ascii=False, indent=2)
            if fmt == "json"
            else exports.report_csv(payload, by)
        )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text if text.endswith("\n") else text + "\n")
        else:
            self.stdout.write(text, ending="" if text.endswith("\n") else "\n")

    def _write_document(self, fmt, form, unit, period, output):
        if not output:
            raise CommandError("Định dạng xlsx và pdf cần --output TỆP.")
        data = documents.render(fmt, form, unit, period)
        with open(output, "wb") as fh:
            fh.write(data)
        self.stdout.write(f"Đã ghi {output}.")
