"""Decisions and documents (issue 11): templates as versioned data, drafting, issuing with a
number from a locked counter, registers (sổ) and the procuracy register.

Rendering engine for other apps (complaints, oversight — same layer, so they import the lower
layers, never this app):

    from thads.common.paper import Block, Body, Signature, render_docx, render_html, render_pdf
    from thads.org.letterhead import header_for, procuracy_name

    body = Body(header=header_for(unit, day, number="5/QĐ-PTHADS"), title="QUYẾT ĐỊNH",
                subject="Giải quyết khiếu nại lần đầu", bases=["Căn cứ …;"],
                blocks=[Block("…", style="article")], recipients=["…;", "Lưu: VT."],
                signature=Signature(role="TRƯỞNG PHÒNG", name="Nguyễn Văn A"))
    render_docx(body) / render_pdf(body) / render_html(body)      # bytes, bytes, str

Inside this app: `rendering.document_body(document)`, `rendering.event_body(event)` (the act of
a recorded event: `thads document CASE SEQ`), `compose.compose(template, context, header=…)`
with `context.case_context(case, day=…, event_type=…, act=…)`; writes in `services`
(`document_draft`, `document_update_draft`, `document_issue`, `document_mark_sent`,
`document_discard`), reads in `selectors`, who may in `permissions`.
"""
