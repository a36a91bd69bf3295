"""Reads of the complaints app, always scoped by the request's `Access`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.cases.selectors import cases_visible
from thads.complaints.models import Complaint, Matter, ReceptionSession
from thads.org.access import Access


def letters_visible(access: Access) -> QuerySet[Complaint]:
    """Letters received by a unit the user may read."""
    return Complaint.objects.filter(unit_id__in=access.visible_unit_ids).select_related(
        "unit", "case", "duplicate_of"
    )


def letter_matters(letter: Complaint) -> list[Matter]:
    return list(letter.matters.select_related("resolver_unit", "subject_unit", "verifier"))


def letter_links(
    access: Access, case_code: str, duplicate_code: str
) -> tuple[Case | None, Complaint | None, dict[str, str]]:
    """The case and the earlier letter a new letter names by their codes, among what the user
    may read (a case or letter out of scope is "not found", as a code nobody used), and the
    refusals by field ("case", "duplicate_of") — one reading for the screen and the API."""
    errors: dict[str, str] = {}
    case = duplicate = None
    if case_code.strip():
        case = cases_visible(access).filter(code=case_code.strip()).first()
        if case is None:
            errors["case"] = _("Không có việc thi hành án mã này.")
    if duplicate_code.strip():
        duplicate = letters_visible(access).filter(code=duplicate_code.strip()).first()
        if duplicate is None:
            errors["duplicate_of"] = _("Không có đơn số này trong sổ.")
    return case, duplicate, errors


def matters_visible(access: Access) -> QuerySet[Matter]:
    """Matters resolved by, or received in, a unit the user may read."""
    ids = access.visible_unit_ids
    return Matter.objects.filter(
        Q(resolver_unit_id__in=ids) | Q(letter__unit_id__in=ids)
    ).select_related("letter", "resolver_unit", "subject_unit", "subject_staff", "verifier", "case")


def sessions_visible(access: Access) -> QuerySet[ReceptionSession]:
    return ReceptionSession.objects.filter(unit_id__in=access.visible_unit_ids).select_related(
        "unit", "host"
    )


def register_page(
    access: Access,
    unit_ids,
    *,
    year_start: dt.date | None = None,
    year_end: dt.date | None = None,
    kind: str = "",
    state: str = "",
) -> QuerySet[Complaint]:
    """The register of the units `unit_ids` (scoped), filtered by period, kind and state:
    "cho_xu_ly" not handled yet, "dang_giai_quyet" accepted and open, "xong" settled."""
    rows = letters_visible(access).filter(unit_id__in=unit_ids)
    if year_start is not None:
        rows = rows.filter(received_on__gte=year_start)
    if year_end is not None:
        rows = rows.filter(received_on__lte=year_end)
    if kind:
        rows = rows.filter(kind=kind)
    return filter_state(rows, state).order_by("-received_on", "-code")


def filter_state(rows: QuerySet[Complaint], state: str) -> QuerySet[Complaint]:
    """Letters in `state`: "cho_xu_ly" not handled yet, "dang_giai_quyet" accepted and open,
    "xong" settled; any other value keeps them all."""
    if state == "cho_xu_ly":
        return rows.filter(handling="")
    if state == "dang_giai_quyet":
        return rows.exclude(handling="").filter(resolved_on__isnull=True)
    if state == "xong":
        return rows.filter(resolved_on__isnull=False)
    return rows


def matters_open_on(access: Access, unit_ids, as_of: dt.date) -> QuerySet[Matter]:
    """Matters resolved by `unit_ids` (scoped) that were open on `as_of` — accepted by then and
    not yet resolved — with `due`, their (extended) deadline. The one definition behind the
    list's "open" and "overdue" filters and the leaders' count by resolver, so the two agree."""
    from django.db.models.functions import Coalesce

    return (
        matters_visible(access)
        .filter(resolver_unit_id__in=unit_ids, accepted_on__lte=as_of)
        .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=as_of))
        .annotate(due=Coalesce("extended_until", "deadline_on"))
    )


def matters_of_units(
    access: Access, unit_ids, *, state: str = "", as_of: dt.date | None = None
) -> QuerySet[Matter]:
    """Matters resolved by `unit_ids` (scoped): "dang_giai_quyet" open on `as_of`, "qua_han"
    open past their (extended) deadline on `as_of`, "xong" resolved."""
    from django.db.models.functions import Coalesce

    if state in ("dang_giai_quyet", "qua_han"):
        rows = matters_open_on(access, unit_ids, as_of)
        if state == "qua_han":
            rows = rows.filter(due__lt=as_of)
        return rows.order_by("due", "code")
    rows = matters_visible(access).filter(resolver_unit_id__in=unit_ids)
    rows = rows.annotate(due=Coalesce("extended_until", "deadline_on"))
    if state == "xong":
        rows = rows.filter(resolved_on__isnull=False)
    return rows.order_by("due", "code")


def overdue_by_resolver(access: Access, unit_ids, as_of: dt.date) -> list[dict]:
    """Open matters and those past their (extended) deadline on `as_of`, per resolving unit
    (the leaders' "overdue matters by resolver"), most overdue first. One GROUP BY."""
    from django.db.models import Count

    rows = (
        matters_open_on(access, unit_ids, as_of)
        .values("resolver_unit__code", "resolver_unit__name")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due__lt=as_of)))
        .order_by("-overdue", "resolver_unit__code")
    )
    return [
        {
            "code": r["resolver_unit__code"],
            "name": r["resolver_unit__name"],
            "open": r["open"],
            "overdue": r["overdue"],
        }
        for r in rows
    ]
