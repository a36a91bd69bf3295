"""Reads of the organisation, always scoped to what the user may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from thads.org.access import Access, scope_unit_ids
from thads.org.models import Membership, Staff, Unit


def units_visible(access: Access) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=access.visible_unit_ids).select_related("parent", "successor")


def units_in_subtree(access: Access, root: Unit) -> QuerySet[Unit]:
    """Units of `root`'s subtree that the user may see (root included)."""
    ids = scope_unit_ids(root) & access.visible_unit_ids
    return Unit.objects.filter(pk__in=ids).select_related("parent", "successor")


def staff_visible(access: Access) -> QuerySet[Staff]:
    """Staff with at least one posting in a visible unit."""
    return (
        Staff.objects.filter(memberships__unit_id__in=access.visible_unit_ids)
        .distinct()
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("unit"))
        )
    )


def memberships_of_unit(unit: Unit, on: dt.date | None = None) -> QuerySet[Membership]:
    """Postings in force at `unit` on `on` (today by default), heads first."""
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(unit=unit, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .select_related("staff")
        .order_by("-is_head", "staff__full_name")
    )


def officers_of_unit(unit: Unit, on: dt.date | None = None) -> QuerySet[Staff]:
    """Chấp hành viên posted at `unit` on `on`."""
    ids = memberships_of_unit(unit, on).values("staff_id")
    return Staff.objects.filter(pk__in=ids, title__startswith="chap_hanh_vien")
