"""The "DỰ THẢO" mark of a draft sits above the Quốc hiệu on the PDF, never over it (seen on the
rendered pages of issue 11: WeasyPrint ignored the head table's top margin)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from thads.common.paper import Block, Body, Header, Signature, render_pdf

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\S+)<')


def _boxes(pdf: bytes, tmp_path) -> dict[str, tuple[float, float, float, float]]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "draft.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True)
    boxes = {}
    for x0, y0, x1, y1, word in WORD.findall(out.stdout.decode("utf-8")):
        boxes.setdefault(word, (float(x0), float(y0), float(x1), float(y1)))
    return boxes


def test_the_draft_mark_does_not_cover_the_national_motto(tmp_path):
    body = Body(
        header=Header(
            parent="Thi hành án dân sự tỉnh Thái Nguyên",
            agency="Phòng Thi hành án dân sự khu vực 1 – Thái Nguyên",
            number="",
            place="Thái Nguyên",
            day=dt.date(2026, 9, 28),
        ),
        title="QUYẾT ĐỊNH",
        subject="Về việc chưa có điều kiện thi hành án",
        blocks=[Block("Xác định người phải thi hành án chưa có điều kiện.", style="article")],
        signature=Signature(role="TRƯỞNG PHÒNG", name=""),
        draft=True,
    )
    boxes = _boxes(render_pdf(body), tmp_path)
    mark, motto = boxes["DỰ"], boxes["CỘNG"]
    assert mark[3] <= motto[1], (mark, motto)  # the mark's bottom above the motto's top
