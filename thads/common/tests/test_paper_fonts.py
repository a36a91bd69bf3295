"""The PDFs load Tinos as TrueType (written once by `make install`), not WOFF2 decompressed per
render."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from fontTools.ttLib import TTFont

from thads.common.paper import render
from thads.common.paper.fonts import decompress_all


def test_decompress_writes_a_truetype_copy_once(tmp_path: Path):
    source = finders.find("vendor/fonts/tinos-vietnamese-400-normal.woff2")
    if source is None:
        pytest.skip("fonts not copied (make install)")
    shutil.copy(source, tmp_path)
    assert decompress_all(tmp_path) == 1
    ttf = tmp_path / "tinos-vietnamese-400-normal.ttf"
    font = TTFont(ttf)
    assert font.flavor is None and "glyf" in font
    assert decompress_all(tmp_path) == 0  # up to date: not written again


def test_the_pdf_fonts_are_the_truetype_copies_when_present():
    if finders.find("vendor/fonts/tinos-vietnamese-400-normal.ttf") is None:
        pytest.skip("TrueType copies not written (make install)")
    render.font_faces.cache_clear()
    faces = render.font_faces()
    assert faces.count("format('truetype')") == len(render.FONT_FILES)
    assert "woff2" not in faces
