"""Writes: draft a document, change a draft, issue it (number + the act's event), replace an
issued document by a correction, record the day it was sent to the procuracy.

The draft moves nothing: no number, no event, so no statistic and no deadline. Issuing takes
the next number of the unit's series for the year from the locked counter
(`thads.common.counters`: gap-free, no duplicate under concurrency) and records the act's
`CaseEvent` through `cases.services.event_record` (strict: every mandatory field of the act) in
the same transaction; if the law refuses the event, nothing is issued and the number is not
used. Luật THADS 2008, Điều 20 (powers of the Chấp hành viên), Điều 23 (the head), Điều 39
(documents are notified after being issued).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases import acts
from thads.cases.act_numbers import counter_series, highest_used
from thads.cases.law import law_on
from thads.cases.models import Case, EventType
from thads.cases.services import case_entrust, event_record
from thads.common.concurrency import ConcurrentEditError
from thads.common.counters import counter_next
from thads.common.errors import DomainError
from thads.documents.models import Document, DocumentTemplate, Series
from thads.org.letterhead import number_suffix, unit_on
from thads.org.models import Staff, Unit


def _author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _act(template: DocumentTemplate, act: dict | None, day: dt.date) -> dict:
    """The act's values with the template's fixed ones, typed (not yet strict: a draft)."""
    values = {**(act or {}), **(template.act_defaults or {})}
    if not template.event_type:
        return {k: v for k, v in values.items() if v not in (None, "")}
    return acts.clean_act(template.event_type, values, law_version=law_on(day).version, on=day)


@transaction.atomic
def document_draft(
    case: Case,
    *,
    template: DocumentTemplate,
    doc_date: dt.date,
    act: dict | None = None,
    amount: int | None = None,
    to_unit: Unit | None = None,
    replaces: Document | None = None,
    by: Any = None,
) -> Document:
    """Dự thảo: a document of `case` from `template`, unnumbered; changes nothing else."""
    if template.is_blank_form:
        raise DomainError(_("Mẫu in trống không lập thành văn bản của việc."))
    if not template.valid_from <= doc_date <= (template.valid_to or dt.date.max):
        raise DomainError(
            f"Mẫu {template.display_name.lower()} không áp dụng vào ngày {doc_date:%d/%m/%Y}."
        )
    if replaces is not None:
        if replaces.case_id != case.pk or replaces.is_draft:
            raise DomainError(_("Chỉ thay thế được văn bản đã ban hành của chính việc này."))
        if Document.objects.filter(replaces=replaces).exists():
            raise DomainError(_("Văn bản này đã có văn bản thay thế."))
    document = Document(
        unit=unit_on(case.unit, doc_date),
        case=case,
        template=template,
        series=template.series,
        doc_date=doc_date,
        act=_act(template, act, doc_date),
        amount=amount,
        to_unit=to_unit,
        replaces=replaces,
        created_by=_author(by),
        updated_by=_author(by),
    )
    document.full_clean(exclude=["unit", "case", "template", "to_unit", "replaces", "signer"])
    document.save()
    return document


@transaction.atomic
def document_update_draft(
    document: Document,
    *,
    doc_date: dt.date,
    act: dict | None = None,
    amount: int | None = None,
    to_unit: Unit | None = None,
    expected_version: int,
    by: Any = None,
) -> Document:
    """Change a draft (an issued document never changes: replace it instead)."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if not locked.is_draft:
        raise DomainError(_("Văn bản đã ban hành không được sửa; hãy lập văn bản thay thế."))
    if locked.version != expected_version:
        raise ConcurrentEditError()
    Document.objects.filter(pk=locked.pk).update(
        doc_date=doc_date,
        act=_act(locked.template, act, doc_date),
        amount=amount,
        to_unit=to_unit,
        version=locked.version + 1,
        updated_by=_author(by),
        updated_at=timezone.now(),
    )
    locked.refresh_from_db()
    return locked


def _record_event(document: Document, signer: Staff, by: Any, today: dt.date | None):
    """The act's event, strict; its `data` carries the document's number, date and signer."""
    template = document.template
    data = {
        **document.act,
        "doc_no": document.number_display,
        "doc_date": document.doc_date.isoformat(),
        "signer": signer.full_name,
    }
    corrects = document.replaces.event if document.replaces_id else None
    if template.event_type == EventType.UY_THAC:
        if document.to_unit is None:
            raise DomainError(_("Thiếu thông tin bắt buộc: Cơ quan nhận ủy thác."))
        case_entrust(document.case, to_unit=document.to_unit, on=document.doc_date, by=by)
        return document.case.events.filter(type=EventType.UY_THAC).order_by("-seq").first()
    return event_record(
        document.case,
        type=template.event_type,
        on=document.doc_date,
        by=by,
        amount=document.amount,
        data=data,
        corrects=corrects,
        today=today,
        strict=True,
    )


@transaction.atomic
def document_issue(
    document: Document,
    *,
    signer: Staff,
    expected_version: int,
    by: Any = None,
    today: dt.date | None = None,
) -> Document:
    """Ban hành: number from the unit's series counter, the act's event, all or nothing."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if not locked.is_draft:
        raise DomainError(_("Văn bản đã được ban hành."))
    if locked.version != expected_version:
        raise ConcurrentEditError()
    today = today or timezone.localdate()
    if locked.doc_date > today:
        raise DomainError(_("Ngày văn bản không được sau ngày ban hành."))
    year = locked.doc_date.year
    # On first use the series starts after the numbers the acts already carry (an import, the
    # demo, a number typed on the case page: cases.act_numbers).
    number = counter_next(
        locked.unit.code,
        counter_series(locked.series),
        year,
        floor=lambda: highest_used(locked.unit.code, locked.series, year),
    )
    locked.number = number
    locked.year = year
    series = Series(locked.series).value
    locked.number_display = f"{number}/{series}-{number_suffix(locked.unit.name)}"
    event = None
    if locked.template.event_type:
        event = _record_event(locked, signer, by, today)
    Document.objects.filter(pk=locked.pk).update(
        status=Document.Status.ISSUED,
        number=number,
        year=year,
        number_display=locked.number_display,
        signer=signer,
        event=event,
        issued_at=timezone.now(),
        issued_by=_author(by),
        version=locked.version + 1,
        updated_by=_author(by),
        updated_at=timezone.now(),
    )
    locked.refresh_from_db()
    return locked


@transaction.atomic
def document_mark_sent(
    document: Document, *, sent_on: dt.date, expected_version: int, by: Any = None
) -> Document:
    """Sổ gửi Viện kiểm sát: the day an issued document was sent to the procuracy."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.is_draft:
        raise DomainError(_("Chỉ gửi Viện kiểm sát văn bản đã ban hành."))
    if locked.version != expected_version:
        raise ConcurrentEditError()
    if sent_on < locked.doc_date or sent_on > timezone.localdate():
        raise DomainError(
            f"Ngày gửi phải từ ngày văn bản ({locked.doc_date:%d/%m/%Y}) đến hôm nay."
        )
    Document.objects.filter(pk=locked.pk).update(
        sent_to_procuracy_on=sent_on,
        version=locked.version + 1,
        updated_by=_author(by),
        updated_at=timezone.now(),
    )
    locked.refresh_from_db()
    return locked


@transaction.atomic
def document_discard(document: Document, *, expected_version: int, by: Any = None) -> None:
    """Hủy dự thảo: a draft was never a document; an issued one is never deleted."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if not locked.is_draft:
        raise DomainError(_("Văn bản đã ban hành không được xóa; hãy lập văn bản thay thế."))
    if locked.version != expected_version:
        raise ConcurrentEditError()
    locked.delete()
