"""Decisions and documents (issue 11): templates as versioned data, drafting, issuing with a
number from a locked counter, registers (sổ) and the procuracy register.

Rendering engine for other apps (complaints, oversight — same layer, so they import the lower
layers, never this app). A document kept in the catalogue (the complaint handling's: the
`complaint` family of `DocumentTemplate`, seeded by `seed_complaints`; oversight's: the
`oversight` family, seeded by `seed_oversight`) is composed through the registry
`thads.common.paper.catalogue`, which this app fills at start-up:

    from thads.common.paper.catalogue import catalogue_body
    from thads.org.letterhead import header_for

    body = catalogue_body("kntc-tb-thu-ly", day, {"senders": "…", "matters": […], …},
                          header=header_for(unit, day, "12/TB-PTHADS"), signer_name="…")
    render_docx(body) / render_pdf(body) / render_html(body)      # bytes, bytes, str

Inside this app: `rendering.document_body(document)`, `rendering.event_body(event)` (the act of
a recorded event: `thads document CASE SEQ`), `compose.compose(template, context, header=…)`
with `context.case_context(case, day=…, event_type=…, act=…)`; writes in `services`
(`document_draft`, `document_update_draft`, `document_issue`, `document_mark_sent`,
`document_discard`), reads in `selectors`, who may in `permissions`.
"""
