"""Tinos as TrueType for WeasyPrint.

npm's @fontsource/tinos ships WOFF2; WeasyPrint decompresses every WOFF2 face of a document on
every render (fontTools, ~0,3 s per face, 12 faces: seconds per PDF). `make install` writes a
`.ttf` beside each `.woff2` once (`python -m thads.common.paper.fonts DIR`), and the PDFs load
those (`render.font_faces`); the browsers keep the smaller WOFF2.
"""

from __future__ import annotations

import sys
from pathlib import Path


def decompress_all(directory: Path) -> int:
    """Write `NAME.ttf` for every `NAME.woff2` of `directory` that has none newer; the count."""
    from fontTools.ttLib import TTFont

    written = 0
    for woff2 in sorted(directory.glob("*.woff2")):
        ttf = woff2.with_suffix(".ttf")
        if ttf.exists() and ttf.stat().st_mtime >= woff2.stat().st_mtime:
            continue
        font = TTFont(woff2)
        font.flavor = None
        font.save(ttf)
        written += 1
    return written


if __name__ == "__main__":
    print(f"TrueType fonts written: {decompress_all(Path(sys.argv[1]))}")
