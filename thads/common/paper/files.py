"""A document on screen (its HTML in the app's page, with its files) and as a file to download
(DOCX or PDF, named after its number): shared by the apps that print documents."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from thads.common.paper.body import Body
from thads.common.paper.render import render_docx, render_html, render_pdf

FILE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def paper_file_response(body: Body, kind: str, label: str, fmt: str) -> HttpResponse:
    """The body as `fmt` ("docx" or "pdf"; anything else is a 404), as an attachment named
    `kind-number` (a draft: `kind-du-thao-label`), ASCII only."""
    if fmt not in FILE_TYPES:
        raise Http404
    data = render_docx(body) if fmt == "docx" else render_pdf(body)
    response = HttpResponse(data, content_type=FILE_TYPES[fmt])
    number = body.header.number or f"du-thao-{label}"
    name = "".join(
        c if (c.isascii() and c.isalnum()) or c in "-_." else "-" for c in f"{kind}-{number}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def paper_page(
    request: HttpRequest,
    *,
    title: str,
    body: Body,
    back: str,
    back_label: str,
    file_url: Callable[[str], str],
    nav_active: str,
) -> HttpResponse:
    """The document in the app's page: a draft or recorded, its Word and PDF files
    (`file_url(fmt)`), a print button, the way back to its record."""
    return render(
        request,
        "paper/screen.html",
        {
            "title": title,
            "paper": render_html(body),
            "draft": body.draft,
            "back": back,
            "back_label": back_label,
            "docx_url": file_url("docx"),
            "pdf_url": file_url("pdf"),
            "nav_active": nav_active,
        },
    )
