"""Reads: a case's documents, the registers (sổ) per unit and series, the procuracy register,
what waits for signature. Always scoped by the request's `Access`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from thads.cases.models import Case, Party
from thads.common.text import fold_vietnamese
from thads.documents.models import Document, DocumentTemplate, SignerRule
from thads.org.access import Access, scope_unit_ids
from thads.org.models import Role, Unit


def _base() -> QuerySet[Document]:
    return Document.objects.select_related(
        "template", "case", "unit", "signer", "replaces", "replaced_by"
    )


def case_documents(case: Case) -> list[Document]:
    """A case's documents, drafts first, then issued ones newest first (case page).

    Only what the case page's panel reads is joined; the case is the one given."""
    documents = list(
        Document.objects.select_related("template", "replaced_by")
        .filter(case=case)
        .order_by("status", "-doc_date", "-number")
    )
    for document in documents:
        document.case = case
    return documents


def document_for_read(access: Access, pk: int) -> Document | None:
    """The document if the user may see its case's unit, else None (the view answers 404)."""
    document = _base().filter(pk=pk).first()
    if document is None or not access.can_read_unit(document.case.unit_id):
        return None
    return document


def register(
    access: Access,
    unit: Unit,
    *,
    series: str = "",
    year: int | None = None,
    q: str = "",
    procuracy: bool = False,
) -> QuerySet[Document]:
    """Sổ văn bản: the issued documents of `unit` (and its predecessors), by series and year,
    numbered order; `q` searches the number, the case code and the parties' names.
    `procuracy`: only what goes to the Viện kiểm sát (the template's recipients say so)."""
    units = (
        scope_unit_ids(unit) & access.visible_unit_ids
        if not access.is_superuser
        else (scope_unit_ids(unit))
    )
    rows = _base().filter(status=Document.Status.ISSUED, unit_id__in=units)
    if series:
        rows = rows.filter(series=series)
    if year:
        rows = rows.filter(year=year)
    if procuracy:
        rows = rows.filter(template_id__in=procuracy_template_ids())
    if q:
        folded = fold_vietnamese(q)
        rows = rows.filter(
            Q(number_display__icontains=q)
            | Q(case__code__icontains=q)
            | Q(case__parties__search_name__contains=folded)
        ).distinct()
    return rows.order_by("-year", "series", "-number")


def procuracy_template_ids() -> list[int]:
    """Templates whose "Nơi nhận" includes the procuracy (read in Python: JSON on SQLite)."""
    rules = DocumentTemplate.objects.values_list("pk", "recipients_rule")
    return [pk for pk, rule in rules if "procuracy" in (rule or [])]


def waiting_for_signature(access: Access, unit: Unit) -> QuerySet[Document]:
    """Drafts of the unit the user may sign now: the head sees the agency's decisions, an
    officer what the law lets him sign on his own cases. Not read yet: the home panel counts
    them and reads the first few (`select_related` what it shows)."""
    units = scope_unit_ids(unit)
    rows = Document.objects.filter(status=Document.Status.DRAFT, case__unit_id__in=units)
    if access.role in {Role.HEAD, Role.DEPUTY} or access.is_superuser:
        return rows.order_by("doc_date", "pk")
    if access.role == Role.OFFICER:
        return rows.filter(
            template__signer_rule=SignerRule.OFFICER, case__officer__user_id=access.user_id
        ).order_by("doc_date", "pk")
    return Document.objects.none()


def years_of(unit: Unit) -> list[int]:
    units = scope_unit_ids(unit)
    years = (
        Document.objects.filter(unit_id__in=units, year__isnull=False)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


def templates_for_case(case: Case, day: dt.date) -> list[DocumentTemplate]:
    """The templates a document of `case` may be drafted from on `day` (not the blank form)."""
    from thads.documents.rendering import templates_in_force

    rows = templates_in_force(day).filter(is_blank_form=False)
    return list(rows)


def debtor_names(case_ids: list[int]) -> dict[int, str]:
    """The debtors' names per case, in one query (register rows)."""
    names: dict[int, list[str]] = {}
    rows = Party.objects.filter(case_id__in=set(case_ids), role=Party.Role.PHAI_THI_HANH)
    for case_id, name in rows.order_by("case_id", "position").values_list("case_id", "name"):
        names.setdefault(case_id, []).append(name)
    return {case_id: ", ".join(values) for case_id, values in names.items()}
