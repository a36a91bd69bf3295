"""Who may draft, issue and read documents.

- Drafting: whoever may record on the case (its officer, the head or deputy of the unit).
- Issuing: the signer the template names — the head or a deputy (ký thay, "KT.") for the
  agency's decisions (Luật THADS 2008, Điều 23); the Chấp hành viên of the case, or the head,
  for what the law gives the officer (freezing, seizure, coercion, minutes — Điều 20 k2).
  An officer never issues what only the head signs.
- Registers: whoever may read the unit; the procuracy date: the unit's clerks and heads.
"""

from __future__ import annotations

from thads.cases.permissions import may_record
from thads.documents.models import Document, DocumentTemplate, SignerRule
from thads.org.access import Access
from thads.org.models import Role


def may_draft(access: Access, case, template: DocumentTemplate | None = None) -> bool:
    event_type = template.event_type if template and template.event_type else "xac_minh"
    return may_record(access, case, event_type)


def may_issue(access: Access, document: Document) -> bool:
    if access.is_read_only or not document.is_draft:
        return False
    if access.is_superuser:
        return True
    unit_id = document.case.unit_id
    if not access.can_work_in_unit(unit_id):
        return False
    rule = document.template.signer_rule
    if access.can_manage_unit(unit_id):
        return True
    if rule in (SignerRule.OFFICER,) and access.role == Role.OFFICER:
        officer = document.case.officer
        return officer is not None and officer.user_id == access.user_id
    if rule == SignerRule.ACCOUNTANT:
        return access.role == Role.CLERK
    return False


def may_edit_draft(access: Access, document: Document) -> bool:
    return document.is_draft and may_draft(access, document.case, document.template)


def may_read_register(access: Access, unit) -> bool:
    return access.can_read_unit(unit.pk)


def may_mark_sent(access: Access, document: Document) -> bool:
    if access.is_read_only or document.is_draft:
        return False
    return access.can_work_in_unit(document.unit_id) and (
        access.can_manage_unit(document.unit_id) or access.role == Role.CLERK
    )
