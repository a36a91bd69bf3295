"""The DOCX renderer (python-docx): the same blocks as the HTML, as Word paragraphs and tables."""

from __future__ import annotations

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from thads.common.paper.body import MOTTO, NATIONAL_TITLE, Body

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _font(document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(3)
    style.paragraph_format.space_before = Pt(0)


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def _line(cell_or_doc, text: str, *, bold=False, italic=False, align=CENTER, size=None):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _two_columns(document):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    # A new cell holds one empty paragraph: reuse it for the first line.
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    return left, right


def build_docx(body: Body):
    """The python-docx Document of `body`."""
    document = WordDocument()
    _font(document)
    _page(document)
    if body.draft:
        _line(document, "DỰ THẢO", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    left, right = _two_columns(document)
    header = body.header
    _line(left, header.parent.upper(), size=12)
    _line(left, header.agency.upper(), bold=True, size=12)
    _line(left, "———", size=8)
    _line(left, header.number_line)
    _line(right, NATIONAL_TITLE, bold=True, size=12)
    _line(right, MOTTO, bold=True)
    _line(right, "———", size=8)
    _line(right, header.date_line, italic=True)

    _line(document, "")
    _line(document, body.title, bold=True, size=14)
    if body.subject:
        _line(document, body.subject, bold=True)
    for basis in body.bases:
        paragraph = _line(document, basis, italic=True, align=JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(1)
    for prefix, block in body.numbered_blocks():
        if block.style == "center":
            _line(document, block.text, bold=True)
            continue
        paragraph = document.add_paragraph()
        if block.style == "line":
            paragraph.add_run(block.text)
            continue
        paragraph.alignment = JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        if prefix:
            paragraph.add_run(prefix + " ").bold = True
        paragraph.add_run(block.text)

    _line(document, "")
    left, right = _two_columns(document)
    if body.recipients:
        _line(left, "Nơi nhận:", bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=12)
        for recipient in body.recipients:
            _line(left, f"- {recipient}", align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    else:
        left.add_paragraph()
    signature = body.signature
    if signature is not None:
        if signature.on_behalf:
            _line(right, signature.on_behalf, bold=True)
        _line(right, signature.role, bold=True)
        _line(right, signature.note, italic=True, size=11)
        for _blank in range(3):
            right.add_paragraph()
        _line(right, signature.name, bold=True)
    else:
        right.add_paragraph()
    return document
