"""Writes to the organisation: every change validated by the model and stamped with its author."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from thads.common.concurrency import update_with_version
from thads.org.models import Membership, Role, Staff, Unit, abbreviate


def _author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _path_for(unit: Unit) -> str:
    prefix = unit.parent.path if unit.parent_id else "/"
    return f"{prefix}{unit.pk}/"


@transaction.atomic
def unit_create(
    *,
    code: str,
    name: str,
    level: str,
    valid_from: dt.date,
    parent: Unit | None = None,
    valid_to: dt.date | None = None,
    successor: Unit | None = None,
    short_name: str | None = None,
    by: Any = None,
) -> Unit:
    """Create a unit after checking the hierarchy rules (no cycle, validity inside the parent).

    Without a short name, the usual one is derived from the name (`org.models.abbreviate`).
    """
    unit = Unit(
        code=code,
        name=name,
        short_name=(short_name or abbreviate(name))[:60],
        level=level,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        successor=successor,
        created_by=_author(by),
        updated_by=_author(by),
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = _path_for(unit)
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def unit_update(unit: Unit, *, expected_version: int, by: Any = None, **fields: Any) -> Unit:
    """Change a unit; re-parenting rewrites the paths of the whole subtree."""
    candidate = Unit.objects.get(pk=unit.pk)
    for key, value in fields.items():
        setattr(candidate, key, value)
    candidate.full_clean(exclude=["path"])
    old_path = unit.path
    unit = update_with_version(unit, expected_version, by, **fields)
    new_path = _path_for(unit)
    if new_path != old_path:
        for node in Unit.objects.filter(path__startswith=old_path).order_by("path"):
            node.path = new_path + node.path[len(old_path) :]
            node.save(update_fields=["path"])
    # A shortened validity must still contain the children's.
    for child in unit.children.all():
        child.full_clean(exclude=["path"])
    return unit


@transaction.atomic
def unit_set_successor(unit: Unit, successor: Unit, *, by: Any = None) -> Unit:
    """Record that `successor` continues `unit` (e.g. Chi cục → Phòng THADS khu vực)."""
    return unit_update(unit, expected_version=unit.version, by=by, successor=successor)


def default_role(title: str, is_head: bool, level: str) -> str:
    """The role a posting gives by default, from the title and the unit's level."""
    if level == Unit.Level.NATIONAL:
        return Role.NATIONAL
    if is_head or title == Staff.Title.LANH_DAO:
        return Role.PROVINCIAL_LEADER if level == Unit.Level.PROVINCE else Role.HEAD
    if title.startswith("chap_hanh_vien"):
        return Role.OFFICER
    if title.startswith("tham_tra_vien"):
        return Role.INSPECTOR
    return Role.CLERK


@transaction.atomic
def staff_create(
    *,
    code: str,
    full_name: str,
    title: str,
    unit: Unit,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    is_head: bool = False,
    role: str | None = None,
    username: str | None = None,
    password: str | None = None,
    by: Any = None,
) -> Staff:
    """Create a staff member, the first posting and (optionally) the user account."""
    user = None
    if username:
        user = get_user_model().objects.create_user(username=username, password=password)
        user.first_name = full_name
        user.save(update_fields=["first_name"])
    staff = Staff(
        code=code,
        full_name=full_name,
        title=title,
        user=user,
        created_by=_author(by),
        updated_by=_author(by),
    )
    staff.full_clean()
    staff.save()
    membership_add(
        staff=staff,
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
        is_head=is_head,
        role=role or default_role(title, is_head, unit.level),
        by=by,
    )
    return staff


@transaction.atomic
def membership_add(
    *,
    staff: Staff,
    unit: Unit,
    valid_from: dt.date,
    role: str,
    valid_to: dt.date | None = None,
    is_head: bool = False,
    by: Any = None,
) -> Membership:
    """Post a staff member to a unit for a period (no overlap with other postings)."""
    membership = Membership(
        staff=staff,
        unit=unit,
        role=role,
        is_head=is_head,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=_author(by),
        updated_by=_author(by),
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_end(membership: Membership, *, on: dt.date, by: Any = None) -> Membership:
    """Close a posting on `on` (the last day worked there)."""
    membership.valid_to = on
    membership.full_clean()
    return update_with_version(membership, membership.version, by, valid_to=on)


@transaction.atomic
def staff_update(staff: Staff, *, expected_version: int, by: Any = None, **fields: Any) -> Staff:
    """Change a staff member's name or title, refusing stale edits."""
    candidate = Staff.objects.get(pk=staff.pk)
    for key, value in fields.items():
        setattr(candidate, key, value)
    candidate.full_clean()
    staff = update_with_version(staff, expected_version, by, **fields)
    if staff.user_id and "full_name" in fields:
        staff.user.first_name = staff.full_name
        staff.user.save(update_fields=["first_name"])
    return staff
