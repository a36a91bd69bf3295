"""Translation catalogues: source strings are Vietnamese, `thads/locale/en` translates them.

Compiled with Babel (no system gettext needed); `.mo` files are build output (gitignored).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


def catalogue_paths() -> list[Path]:
    return sorted(
        po
        for locale_dir in settings.LOCALE_PATHS
        for po in Path(locale_dir).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogues(*, stale_only: bool = False) -> int:
    """Write each `.po` as `.mo`; with `stale_only`, only those older than their `.po`."""
    count = 0
    for po_path in catalogue_paths():
        mo_path = po_path.with_suffix(".mo")
        if stale_only and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as fh:
            catalog = read_po(fh)
        with mo_path.open("wb") as fh:
            write_mo(fh, catalog)
        count += 1
    return count
