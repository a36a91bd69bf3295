"""`thads export [--unit CODE] > FILE.jsonl`: the same format `thads import` reads."""

from django.core.management.base import BaseCommand, CommandError

from thads.interchange.exporter import export_lines
from thads.org.models import Unit


class Command(BaseCommand):
    help = "Xuất dữ liệu ra JSON Lines (đúng định dạng mà lệnh import đọc được)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", default=None, help="Chỉ xuất đơn vị này, các đơn vị trực thuộc và kế thừa."
        )
        parser.add_argument("--output", default=None, help="Ghi ra tệp thay vì đầu ra chuẩn.")

    def handle(self, *args, **options):
        code = options["unit"]
        if code and not Unit.objects.filter(code=code).exists():
            raise CommandError(f"Không tìm thấy đơn vị “{code}”.")
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                for line in export_lines(code):
                    handle.write(line)
            return
        for line in export_lines(code):
            self.stdout.write(line, ending="")
