"""Compile the .po catalogues to .mo with Babel (no system gettext needed)."""

from django.core.management.base import BaseCommand

from thads.common.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Biên dịch các tệp ngôn ngữ (.po → .mo)."

    def handle(self, *args, **options):
        count = compile_catalogues()
        self.stdout.write(f"Đã biên dịch {count} tệp ngôn ngữ.")
