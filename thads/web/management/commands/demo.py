"""`thads demo`: build the demo province (deterministic)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thads.interchange import demo_cases
from thads.org import demo as org_demo


class Command(BaseCommand):
    help = "Tạo dữ liệu tỉnh mẫu (Thái Nguyên trước và sau 01/07/2025)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Chỉ tạo khi cơ sở dữ liệu chưa có đơn vị nào.",
        )

    def handle(self, *args, **options):
        if not org_demo.is_empty():
            if options["if_empty"]:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; bỏ qua việc tạo tỉnh mẫu.")
                return
            raise CommandError(
                "Cơ sở dữ liệu đã có dữ liệu. Dùng cơ sở dữ liệu trống để tạo tỉnh mẫu."
            )
        units = org_demo.build_org()
        self.stdout.write(self.style.SUCCESS(f"Đã tạo tỉnh mẫu: {len(units)} đơn vị."))
        result = demo_cases.load(timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Việc thi hành án mẫu — {result.summary()}"))
