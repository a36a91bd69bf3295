"""Form 1 as XLSX prints right in a real client: LibreOffice Calc (headless) converts it to PDF,
and no two words of the page overlap (a wrapped unit name used to run into the next row, the
rows having no height). Excel does not fit rows to wrapped text on opening either, so the
heights written in the file are what both print with.

The conversion does not depend on the database: it runs once in CI (on SQLite), not again on
PostgreSQL. It needs `soffice` (Debian: libreoffice-calc-nogui, installed by .ci/run).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from thads.common.periods import month_period
from thads.org.models import Unit
from thads.stats import documents

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice")
FIRST_DATA_ROW = 11
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@pytest.mark.parametrize(
    ("text", "width", "bold", "lines"),
    [
        ("", 36, False, 1),
        ("Tổng cộng", 36, True, 1),
        ("Phòng Thi hành án dân sự khu vực 1 - Thái Nguyên", 36, True, 2),
        ("Phòng Thi hành án dân sự khu vực 1 - Thái Nguyên", 100, False, 1),
        ("a\nb", 36, False, 2),
        ("x" * 70, 36, False, 3),  # a word longer than the line is broken
    ],
)
def test_wrapped_lines(text, width, bold, lines):
    assert documents.wrapped_lines(text, width, bold) == lines


def form_1(unit_code: str) -> bytes:
    return documents.render("xlsx", "1", Unit.objects.get(code=unit_code), month_period(2027, 2))


def test_every_row_is_as_high_as_its_wrapped_name(demo_org):
    sheet = load_workbook(io.BytesIO(form_1("TNG"))).active
    width = sheet.column_dimensions["B"].width
    names = []
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(row, 2).value is None:
            break  # the table ends; the signatures follow
        names.append((row, sheet.cell(row, 2).value))
    assert len(names) >= 6, "the total, the province's own row and its 5 units"
    assert any(documents.wrapped_lines(n, width, True) > 1 for _, n in names), "a name wraps"
    for row, name in names:
        lines = documents.wrapped_lines(name, width, sheet.cell(row, 2).font.b)
        assert sheet.row_dimensions[row].height >= lines * documents.LINE_POINTS, (row, name)


def overlapping_words(pdf: Path) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap by more than a third of a line's height (lines of one
    wrapped cell touch by a tenth: ascenders and descenders)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [(*map(float, m[:4]), m[4]) for m in WORD.findall(out)]
    assert len(words) > 100, "the page has its text"
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 0.5 and dy > min(a[3] - a[1], b[3] - b[1]) / 3:
                pairs.append((a[4], b[4]))
    return pairs


@pytest.mark.skipif(ON_POSTGRES, reason="does not depend on the database: runs on SQLite")
def test_libreoffice_prints_form_1_without_overlapping_rows(demo_org, tmp_path):
    if SOFFICE is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("soffice or pdftotext missing under CI (.ci/run installs them)")
        pytest.skip("LibreOffice (soffice) or poppler-utils missing; CI runs this test")
    xlsx = tmp_path / "bieu-01.xlsx"
    xlsx.write_bytes(form_1("TNG"))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "bieu-01.pdf"
    assert pdf.exists()
    assert overlapping_words(pdf) == []
