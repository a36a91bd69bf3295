"""`thads runjobs`: run the background jobs waiting (exports, Excel intake) — for a worker or a
timer when the web process does not run them itself (runner "queue")."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from thads.common import jobs


class Command(BaseCommand):
    help = "Chạy các tác vụ nền đang chờ (xuất biểu, nhập Excel)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=10, help="tối đa mỗi loại tác vụ")

    def handle(self, *args, **options):
        done = jobs.run_pending(options["limit"])
        self.stdout.write(f"Đã chạy {done} tác vụ.")
