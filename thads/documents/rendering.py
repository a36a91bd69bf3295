"""Which template is in force, and the body of a document, an event's act or a blank form.

Reads only; the formats themselves are `thads.common.paper`'s renderers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thads.cases.models import CaseEvent
from thads.common.errors import DomainError
from thads.common.paper import Body, Header, render_docx, render_html, render_pdf
from thads.documents.compose import compose
from thads.documents.context import case_context
from thads.documents.models import Document, DocumentTemplate, Family, SignerRule
from thads.org.letterhead import head_of, header_for, unit_on

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
    "html": ("text/html; charset=utf-8", "html"),
}


def templates_in_force(
    day: dt.date, family: str | None = Family.CASE
) -> QuerySet[DocumentTemplate]:
    """Every template version of `family` (None: every family) in force on `day`, in
    catalogue order."""
    rows = DocumentTemplate.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day
    )
    if family is not None:
        rows = rows.filter(family=family)
    return rows.order_by("family", "position", "code")


def template_in_force(code: str, day: dt.date) -> DocumentTemplate:
    template = templates_in_force(day, family=None).filter(code=code).first()
    if template is None:
        raise DomainError(
            _("Không có mẫu văn bản %(code)s áp dụng vào ngày %(day)s.")
            % {"code": code, "day": f"{day:%d/%m/%Y}"}
        )
    return template


def template_exists(code: str, day: dt.date) -> bool:
    """Whether a version of the template `code` is in force on `day` (any family)."""
    return templates_in_force(day, family=None).filter(code=code).exists()


def template_for_event(event_type: str, day: dt.date, act: dict | None = None) -> DocumentTemplate:
    """The template of an event's act in force on `day` (a kê biên picks the kê biên decision)."""
    candidates = list(templates_in_force(day).filter(event_type=event_type))
    for template in candidates:
        defaults = template.act_defaults or {}
        if all((act or {}).get(k) == v for k, v in defaults.items()):
            return template
    if candidates:
        return candidates[0]
    raise DomainError(
        _("Sự kiện này không có mẫu văn bản áp dụng vào ngày %(day)s.") % {"day": f"{day:%d/%m/%Y}"}
    )


def _signer_name(rule: str, case, unit, day: dt.date) -> tuple[str, bool]:
    if rule == SignerRule.OFFICER:
        return (case.officer.full_name if case.officer_id else ""), False
    if rule == SignerRule.HEAD:
        head = head_of(unit, day)
        return (head.staff.full_name if head else ""), False
    return "", False


def document_body(document: Document) -> Body:
    """The body of a draft or issued document (a draft shows "DỰ THẢO" and no number)."""
    template = document.template
    unit = document.unit
    context = case_context(
        document.case,
        day=document.doc_date,
        event_type=template.event_type,
        act=document.act,
        amount=document.amount,
        to_unit=document.to_unit,
    )
    header = header_for(unit, document.doc_date, document.number_display)
    name, deputy = "", False
    if document.signer_id:
        name = document.signer.full_name
        head = head_of(unit, document.doc_date)
        deputy = template.signer_rule == SignerRule.HEAD and (
            head is None or head.staff_id != document.signer_id
        )
    return compose(
        template, context, header=header, signer_name=name, deputy=deputy, draft=document.is_draft
    )


def event_body(event: CaseEvent) -> Body:
    """The body of the act of a recorded event: its issued document if it has one, otherwise
    composed from the event's act fields (number `doc_no`, date `doc_date` or the event's)."""
    document = Document.objects.filter(event=event).first()
    if document is not None:
        return document_body(document)
    data = event.data or {}
    day = dt.date.fromisoformat(data["doc_date"]) if data.get("doc_date") else event.on
    template = template_for_event(event.type, day, data)
    case = event.case
    unit = unit_on(case.unit, day)
    context = case_context(
        case,
        day=day,
        event_type=event.type,
        act=data,
        amount=event.amount,
        to_unit=event.to_unit,
    )
    name = data.get("signer") or _signer_name(template.signer_rule, case, unit, day)[0]
    header = header_for(unit, day, data.get("doc_no", ""))
    return compose(template, context, header=header, signer_name=name)


def catalogue_body(code: str, day: dt.date, context: dict[str, Any], **options: Any) -> Body:
    """The body of the template `code` in force on `day`, filled from a context another app
    supplies (the complaint handling: `common.paper.catalogue`, registered at start-up);
    `options` are `compose`'s (header, signer_name, draft)."""
    return compose(template_in_force(code, day), context, **options)


def blank_body(template: DocumentTemplate) -> Body:
    """A printable blank form (the creditor's request, form 1): no agency, no date."""
    header = Header(parent="", agency="", number="", place="……………", day=None)
    return compose(template, {}, header=header)


def render(body: Body, fmt: str) -> bytes:
    """The bytes of `body` in `fmt` ("docx", "pdf" or "html": a whole page)."""
    if fmt == "docx":
        return render_docx(body)
    if fmt == "pdf":
        return render_pdf(body)
    if fmt == "html":
        return render_html(body, page=True).encode("utf-8")
    raise DomainError(_("Định dạng không hỗ trợ: %(format)s.") % {"format": fmt})
