"""`thads document CASE_CODE SEQ --format docx|pdf --output FILE`: the document of event SEQ.

`thads document --list [--date dd/mm/yyyy]`: the templates in force on a date (today by
default). `thads document --blank CODE --format pdf --output FILE`: a printable blank form.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thads.cases.models import Case
from thads.common.errors import DomainError
from thads.documents.models import DocumentTemplate
from thads.documents.rendering import (
    FORMATS,
    blank_body,
    event_body,
    render,
    template_in_force,
    templates_in_force,
)


def _date(text: str) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: {text} (viết dd/mm/yyyy).")


class Command(BaseCommand):
    help = "In văn bản của một sự kiện của việc (DOCX, PDF) hoặc liệt kê các mẫu đang áp dụng."

    def add_arguments(self, parser):
        parser.add_argument("case_code", nargs="?", help="Mã việc thi hành án.")
        parser.add_argument("seq", nargs="?", type=int, help="Số thứ tự sự kiện của việc.")
        parser.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        parser.add_argument("--output", help="Tệp ghi ra.")
        parser.add_argument("--list", action="store_true", help="Liệt kê các mẫu đang áp dụng.")
        parser.add_argument("--date", help="Ngày áp dụng (dd/mm/yyyy), mặc định hôm nay.")
        parser.add_argument("--blank", help="Mã mẫu in trống (ví dụ don-yeu-cau).")

    def handle(self, *args, **options):
        day = _date(options["date"]) if options["date"] else timezone.localdate()
        if options["list"]:
            for template in templates_in_force(day):
                self.stdout.write(self._line(template))
            return
        try:
            if options["blank"]:
                body = blank_body(template_in_force(options["blank"], day))
            else:
                body = event_body(self._event(options["case_code"], options["seq"]))
            data = render(body, options["format"])
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        if not options["output"]:
            raise CommandError("Cần --output TỆP để ghi văn bản.")
        with open(options["output"], "wb") as handle:
            handle.write(data)
        self.stdout.write(f"Đã ghi {options['output']} ({len(data)} byte).")

    @staticmethod
    def _line(template: DocumentTemplate) -> str:
        valid_to = f"{template.valid_to:%d/%m/%Y}" if template.valid_to else "nay"
        name = f"{template.title} {template.subject}".strip()
        official = f" [{template.official_code}]" if template.official_code else ""
        return (
            f"{template.position:>2}. {template.code}{official}\t{name}\t"
            f"{template.get_law_version_display()}\t"
            f"{template.valid_from:%d/%m/%Y}–{valid_to}\t{template.get_signer_rule_display()}"
        )

    @staticmethod
    def _event(code: str | None, seq: int | None):
        if not code or seq is None:
            raise CommandError("Cần MÃ_VIỆC và SỐ_THỨ_TỰ sự kiện, hoặc --list.")
        case = Case.objects.filter(code=code).first()
        if case is None:
            raise CommandError(f"Không tìm thấy việc “{code}”.")
        event = case.events.filter(seq=seq).select_related("case", "to_unit").first()
        if event is None:
            raise CommandError(f"Việc {code} không có sự kiện thứ {seq}.")
        return event
