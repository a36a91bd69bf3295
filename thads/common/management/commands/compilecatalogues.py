"""Compile the .po catalogues to .mo with Babel (no system gettext needed)."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Biên dịch các tệp ngôn ngữ (.po → .mo)."

    def handle(self, *args, **options):
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                with po_path.open("rb") as fh:
                    catalog = read_po(fh)
                with po_path.with_suffix(".mo").open("wb") as fh:
                    write_mo(fh, catalog)
                count += 1
        self.stdout.write(f"Đã biên dịch {count} tệp ngôn ngữ.")
