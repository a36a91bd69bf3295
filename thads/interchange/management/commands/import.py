"""`thads import FILE.jsonl`: validate everything, then import in one transaction."""

import contextlib
import datetime as dt
import sys

import pghistory
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from thads.interchange.importer import ImportFailed, import_lines


class Command(BaseCommand):
    help = "Nhập dữ liệu từ tệp JSON Lines (kiểm tra toàn bộ trước; có lỗi thì không ghi gì)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .jsonl (UTF-8), hoặc - để đọc từ đầu vào chuẩn.")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Ngày hiện tại dùng để kiểm tra (YYYY-MM-DD; mặc định là hôm nay).",
        )

    def handle(self, *args, **options):
        path = options["file"]
        # Row history written during the import names its source (PostgreSQL only: pghistory's
        # context and triggers do not exist on SQLite).
        context = (
            pghistory.context(source="thads import", file=str(path))
            if connection.vendor == "postgresql"
            else contextlib.nullcontext()
        )
        with context:
            self._import(path, options)

    def _import(self, path, options):
        try:
            if path == "-":
                result = import_lines(sys.stdin, today=options["today"])
            else:
                with open(path, encoding="utf-8") as handle:
                    result = import_lines(handle, today=options["today"])
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}.") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"Tệp {path} không phải UTF-8 (byte {exc.start}).") from exc
        except ImportFailed as failed:
            for line, message in failed.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(
                f"Không nhập được: {len(failed.errors)} lỗi; cơ sở dữ liệu không thay đổi."
            ) from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
