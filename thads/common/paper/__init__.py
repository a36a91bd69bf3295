"""One body structure for an official document, rendered to HTML, DOCX and PDF.

Every THADS document (quyết định, thông báo, biên bản, công văn — of cases, complaints,
oversight) has the layout of Nghị định 30/2020/NĐ-CP on administrative documents: the agency
and its number on the left, Quốc hiệu and tiêu ngữ with place and date on the right, the
title and trích yếu, the "Căn cứ …" paragraphs, the body, then "Nơi nhận" beside the signature
block. Build a `Body` and render it; the three renderers read the same structure, so the
printed page, the Word file and the PDF say the same thing.

    from thads.common.paper import Block, Body, Header, Signature, render_docx, render_html
    from thads.common.paper import render_pdf
    from thads.org.letterhead import header_for          # agency names valid on the date

    body = Body(
        header=header_for(unit, day, number="12/QĐ-PTHADS"),
        title="QUYẾT ĐỊNH",
        subject="Về việc hoãn thi hành án",
        bases=["Căn cứ Luật Thi hành án dân sự …;"],
        blocks=[Block("Hoãn thi hành án đối với …", style="article")],
        recipients=["Đương sự;", "Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên;", "Lưu: VT."],
        signature=Signature(role="THỦ TRƯỞNG", name="Nguyễn Văn A"),
    )
    html = render_html(body)            # a fragment (for a page) — `render_html(body, page=True)`
    data = render_docx(body)            # bytes of a .docx (python-docx)
    data = render_pdf(body)             # bytes of a PDF (WeasyPrint, local Tinos font)

Block styles: "p" (justified paragraph), "article" (numbered "Điều 1." automatically),
"center" (centred, bold), "line" (a plain line, no indent, e.g. a blank form's dotted line).
Text is plain (escaped by the HTML renderer); `**bold**` is not interpreted.
"""

from thads.common.paper.body import Block, Body, Header, Signature
from thads.common.paper.render import render_docx, render_html, render_pdf

__all__ = [
    "Block",
    "Body",
    "Header",
    "Signature",
    "render_docx",
    "render_html",
    "render_pdf",
]
