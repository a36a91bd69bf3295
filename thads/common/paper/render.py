"""The three renderers of a `Body`: HTML (preview, print), DOCX (python-docx), PDF (WeasyPrint).

The PDF is the HTML page printed by WeasyPrint with the local Tinos font (metric-compatible with
Times New Roman, with Vietnamese glyphs; copied from npm @fontsource/tinos by `make install`),
never a font from the network.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from thads.common.paper.body import MOTTO, NATIONAL_TITLE, Body

# The subsets of @fontsource/tinos and the characters each covers (its own CSS says so).
UNICODE_RANGES = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
    "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "latin-ext": "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,"
    "U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,"
    "U+2C60-2C7F,U+A720-A7FF",
    "vietnamese": "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,"
    "U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB",
}
FONT_FILES = [
    (subset, weight, style)
    for subset in ("latin", "latin-ext", "vietnamese")
    for weight in (400, 700)
    for style in ("normal", "italic")
]


def render_html(body: Body, *, page: bool = False) -> str:
    """The document as an HTML fragment (for a page that links `paper/paper.css`), or a whole
    page with the styles and fonts inlined (`page=True`, what the PDF prints)."""
    fragment = render_to_string(
        "paper/document.html",
        {
            "body": body,
            "blocks": body.numbered_blocks(),
            "national": NATIONAL_TITLE,
            "motto": MOTTO,
        },
    )
    if not page:
        return fragment
    return render_to_string(
        "paper/page.html",
        {
            "body": body,
            "fragment": mark_safe(fragment),  # noqa: S308 - rendered by our own template
            "paper_css": mark_safe(_paper_css()),  # noqa: S308 - our own static file
            "font_faces": mark_safe(font_faces()),  # noqa: S308 - built from our own files
        },
    )


@cache
def _paper_css() -> str:
    path = finders.find("paper/paper.css")
    return Path(path).read_text(encoding="utf-8")


@cache
def font_faces() -> str:
    """@font-face rules for the local Tinos files that exist (file URLs, for WeasyPrint): the
    TrueType copies when `make install` wrote them (`paper.fonts`: no decompression per PDF),
    else the WOFF2 files."""
    rules = []
    for subset, weight, style in FONT_FILES:
        name = f"vendor/fonts/tinos-{subset}-{weight}-{style}"
        path, kind = finders.find(f"{name}.ttf"), "truetype"
        if path is None:
            path, kind = finders.find(f"{name}.woff2"), "woff2"
        if path is None:
            continue
        rules.append(
            f"@font-face {{ font-family: 'Tinos {subset}'; "
            f"font-weight: {weight}; font-style: {style}; "
            f"src: url('{Path(path).resolve().as_uri()}') format('{kind}'); "
            f"unicode-range: {UNICODE_RANGES[subset]}; }}"
        )
    return "\n".join(rules)


def render_pdf(body: Body) -> bytes:
    """The document as PDF bytes (A4)."""
    from weasyprint import HTML

    return HTML(string=render_html(body, page=True), base_url=str(settings.BASE_DIR)).write_pdf()


def render_docx(body: Body) -> bytes:
    """The document as the bytes of a Word file (A4, Times New Roman 13 pt)."""
    from thads.common.paper.word import build_docx

    buffer = io.BytesIO()
    build_docx(body).save(buffer)
    return buffer.getvalue()
