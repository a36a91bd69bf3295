"""Every template renders for cases of the demo province, before and after the 01/07/2025
reform and under both laws; each DOCX is opened with python-docx and read back."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from thads.common.paper import render_html
from thads.documents.models import Document, DocumentTemplate
from thads.documents.rendering import (
    blank_body,
    document_body,
    render,
    templates_in_force,
)
from thads.org.letterhead import number_suffix
from thads.org.models import Unit
from thads.testing.cases import new_case
from thads.testing.documents import docx_text, sample_act

D = dt.date
CASE_AMOUNT = re.compile(r"\{\{ (amount_text|remainder_text) \}\}")
UNFILLED = re.compile(r".{0,40}(?<!…)…(?!…).{0,20}")

# (case's unit, accepted, document date, agency expected on the document, law's text)
SITUATIONS = [
    ("TN-SC", D(2025, 3, 3), D(2025, 5, 5), "CHI CỤC THI HÀNH ÁN DÂN SỰ THÀNH PHỐ SÔNG CÔNG",
     "26/2008/QH12"),
    ("TN-SC", D(2025, 3, 3), D(2025, 9, 1), "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 2 – THÁI NGUYÊN",
     "26/2008/QH12"),
    ("TNG-KV2", D(2025, 8, 4), D(2026, 8, 3), "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 2 – THÁI NGUYÊN",
     "106/2025/QH15"),
]  # fmt: skip


def test_the_catalogue_has_every_document_of_the_list_under_both_laws(db):
    for day, law in ((D(2025, 1, 1), "2008"), (D(2026, 7, 1), "2025")):
        templates = list(templates_in_force(day))
        positions = {t.position for t in templates}
        assert set(range(1, 29)) <= positions  # §E.2: the form 1 and the 27 issued documents
        assert {t.law_version for t in templates} == {law}
    assert DocumentTemplate.objects.filter(code="don-yeu-cau", is_blank_form=True).count() == 2


@pytest.mark.parametrize(
    "situation", SITUATIONS, ids=["truoc-cai-cach", "sau-cai-cach", "luat-2025"]
)
def test_every_template_renders_to_docx_with_the_case(shared_demo_org, situation):
    unit_code, accepted, day, agency, law_text = situation
    case = new_case(unit_code, accepted_on=accepted, debtor="Hoàng Văn Thụ", amount=12_500_000)
    templates = [t for t in templates_in_force(day) if not t.is_blank_form]
    assert len(templates) >= 27
    for number, template in enumerate(templates, start=1):
        issuing = Unit.objects.get(code=unit_code)
        document = Document(
            unit=issuing,
            case=case,
            template=template,
            series=template.series,
            status=Document.Status.ISSUED,
            doc_date=day,
            number=number,
            number_display=f"{number}/{template.series}-{number_suffix(agency.title())}",
            act=sample_act(template.event_type, day) if template.event_type else {},
            amount=123_456_000,
            to_unit=Unit.objects.get(code="TNG-KV1"),
        )
        text = docx_text(render(document_body(document), "docx"))
        where = f"{template.code} {day}"
        assert f"Số: {number}/{template.series}-" in text, where
        assert f"ngày {day:%d} tháng {day:%m} năm {day.year}" in text, where
        assert agency in text, where
        assert "Hoàng Văn Thụ" in text, where
        # Nothing left unfilled ("……" is a blank the template leaves for the hand on purpose).
        assert not UNFILLED.search(text), (where, UNFILLED.search(text))
        if any(CASE_AMOUNT.search(body) for _s, body in template.body):
            assert "12.500.000 đồng (Mười hai triệu năm trăm nghìn đồng)" in text, where
        if template.series == "QĐ":
            assert f"Căn cứ Luật Thi hành án dân sự số {law_text}" in text, where
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        if law_text == "106/2025/QH15":
            _cites_only_the_2025_law(text, where)


# An article cited in running text ("khoản 2 Điều 44", "Điều 44a Luật"), not a decision's own
# part ("Điều 1. …").
ARTICLE = re.compile(r"\bĐiều \d+[a-z]?\b(?!\.)")
LAW_MENTION = re.compile(r"Luật Thi hành án dân sự(?! số 106/2025/QH15)")


def _cites_only_the_2025_law(text: str, where: str) -> None:
    """Under Luật 106/2025 (articles not verified, reference.md §2): no article of the 2008
    law, no 2008 law, and the law is named by its number wherever it is cited."""
    assert not ARTICLE.search(text), (where, ARTICLE.search(text))
    assert "2008" not in text and "Luật THADS 2025" not in text, where
    assert not LAW_MENTION.search(text), (where, LAW_MENTION.search(text))


def test_the_2025_rows_cite_no_article_of_the_2008_law(db):
    templates = list(templates_in_force(D(2026, 7, 1)))
    assert len(templates) >= 28
    named = 0
    for template in templates:
        text = " ".join([*template.legal_basis, *(part for _k, part, *_ in template.body)])
        _cites_only_the_2025_law(text, template.code)
        named += "Luật Thi hành án dân sự số 106/2025/QH15" in text
    # Every decision names the law; the notices and minutes that cited an article name it too.
    assert named >= sum(t.series == "QĐ" for t in templates) + 5


def test_a_decision_cites_the_ground_and_the_article_of_the_law_in_force(shared_demo_org):
    case = new_case("TNG-KV2")
    template = templates_in_force(D(2025, 9, 1)).get(code="qd-hoan")
    document = Document(
        unit=case.unit,
        case=case,
        template=template,
        series="QĐ",
        doc_date=D(2025, 9, 1),
        act={"reason": "khac", "ground": "om_nang", "until": "2025-12-01"},
    )
    html = render_html(document_body(document))
    assert "điểm a khoản 1 Điều 48 Luật THADS 2008" in html
    assert "đến hết ngày 01/12/2025" in html
    assert "DỰ THẢO" in html  # not issued: the draft mark, no number
    assert "Số:        /" in html
    assert "Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên" in html  # Nơi nhận: same level


def _pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def test_pdf_of_a_document_and_the_blank_request_form(shared_demo_org, tmp_path):
    case = new_case("TNG-KV2")
    template = templates_in_force(D(2025, 9, 1)).get(code="qd-tha-chu-dong")
    document = Document(unit=case.unit, case=case, template=template, series="QĐ",
                        doc_date=D(2025, 9, 1))  # fmt: skip
    pdf = render(document_body(document), "pdf")
    assert pdf.startswith(b"%PDF")
    # The text read back from the PDF is the Vietnamese written (each glyph from the right font).
    text = _pdf_text(pdf, tmp_path)
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Căn cứ Luật Thi hành án dân sự" in text
    blank = templates_in_force(D(2025, 9, 1)).get(code="don-yeu-cau")
    text = docx_text(render(blank_body(blank), "docx"))
    assert "ĐƠN YÊU CẦU THI HÀNH ÁN" in text and "Họ và tên người yêu cầu" in text
    assert "NGƯỜI YÊU CẦU" in text


def test_a_failed_auction_says_nothing_was_sold():
    from thads.documents.context import act_values

    failed = act_values("dau_gia", {"starting_price": 500_000_000, "result": "khong_thanh"}, "2008")
    assert failed["sale_price"] == "không có (đấu giá không thành)"
    assert failed["result"] == "Không thành"
    sold = act_values("dau_gia", {"result": "thanh_cong", "sale_price": 520_000_000}, "2008")
    assert sold["sale_price"].startswith("520.000.000 đồng")
