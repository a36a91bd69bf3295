"""Reads of the targets screens: who gets a target below a unit, and the change log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from thads.org.models import Membership, Staff, Unit
from thads.targets.models import OfficerTarget, Target, TargetChange


def officers_of(unit: Unit, on: dt.date | None = None) -> list[Staff]:
    """Chấp hành viên posted in `unit` (today by default): who may get an officer target."""
    on = on or timezone.localdate()
    ids = (
        Membership.objects.filter(unit=unit, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .values_list("staff_id", flat=True)
    )
    return [s for s in Staff.objects.filter(pk__in=list(ids)) if s.is_officer]


@dataclass
class AssignLine:
    """One line of the assignment screen: a unit below, or an officer of a local unit."""

    prefix: str
    name: str
    code: str
    case_rate: object
    money_rate: object
    unit: Unit | None = None
    staff: Staff | None = None


def assign_lines(parent: Unit, year: int) -> list[AssignLine]:
    """The units directly below `parent` (in force), or the officers of a local unit, each with
    its current targets of `year`."""
    if parent.level == Unit.Level.LOCAL:
        current = {t.staff_id: t for t in OfficerTarget.objects.filter(unit=parent, year=year)}
        return [
            AssignLine(
                f"s{s.pk}",
                s.full_name,
                s.code,
                getattr(current.get(s.pk), "case_rate", None),
                getattr(current.get(s.pk), "money_rate", None),
                staff=s,
            )
            for s in officers_of(parent)
        ]
    current = {t.unit_id: t for t in Target.objects.filter(unit__parent=parent, year=year)}
    children = parent.children.filter(valid_to__isnull=True).order_by("tree_order")
    return [
        AssignLine(
            f"u{u.pk}",
            u.name,
            u.code,
            getattr(current.get(u.pk), "case_rate", None),
            getattr(current.get(u.pk), "money_rate", None),
            unit=u,
        )
        for u in children
    ]


def assign_history(parent: Unit, year: int) -> QuerySet[TargetChange]:
    """Changes of the targets given below `parent` for `year` (officers of a local unit)."""
    history = TargetChange.objects.filter(year=year).select_related("unit", "staff", "changed_by")
    if parent.level == Unit.Level.LOCAL:
        return history.filter(unit=parent, staff__isnull=False)
    return history.filter(unit__parent=parent)
