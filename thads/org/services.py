"""Writes to the organisation: every change validated by the model and stamped with its author."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
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


def code_key(code: str) -> list[str | int]:
    """A code compared as people read it: runs of digits as numbers ("TNG-KV2" < "TNG-KV10")."""
    return [int(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+)", code))]


def tree_orders(rows: Iterable[tuple[int, int | None, str]]) -> dict[int, str]:
    """`Unit.tree_order` of every unit from (id, parent id, code): depth first from the roots,
    siblings by `code_key`; per level the rank among the siblings, five digits. Fixed-width
    digits compare the same as text in any collation, and a subtree stays together."""
    children: dict[int | None, list[tuple[list[str | int], str, int]]] = defaultdict(list)
    for pk, parent_id, code in rows:
        children[parent_id].append((code_key(code), code, pk))
    orders: dict[int, str] = {}
    pending: list[tuple[int | None, str]] = [(None, "")]
    while pending:
        parent_id, prefix = pending.pop()
        for rank, (_key, _code, pk) in enumerate(sorted(children[parent_id]), start=1):
            orders[pk] = f"{prefix}{rank:05d}."
            pending.append((pk, orders[pk]))
    return orders


def tree_orders_refresh(own: Unit | None = None) -> None:
    """Recompute every unit's `tree_order` (a new sibling moves the ones after it) and write
    the changed ones; `own` (being saved by the caller) only gets its value set."""
    rows = list(Unit.objects.values_list("pk", "parent_id", "code", "tree_order"))
    orders = tree_orders((pk, parent_id, code) for pk, parent_id, code, _order in rows)
    if own is not None:
        own.tree_order = orders[own.pk]
    changed = [
        Unit(pk=pk, tree_order=orders[pk])
        for pk, _parent, _code, order in rows
        if orders[pk] != order and (own is None or pk != own.pk)
    ]
    Unit.objects.bulk_update(changed, ["tree_order"], batch_size=500)


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
    refresh_order: bool = True,
) -> Unit:
    """Create a unit after checking the hierarchy rules (no cycle, validity inside the parent).

    Without a short name, the usual one is derived from the name (`org.models.abbreviate`).
    `refresh_order=False` (an import creating many units) leaves `tree_orders_refresh` to the
    caller, once at the end.
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
    if refresh_order:
        tree_orders_refresh(own=unit)
    unit.save(update_fields=["path", "tree_order"])
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
    tree_orders_refresh()  # a new code or parent moves the unit among its siblings
    unit.refresh_from_db(fields=["tree_order"])
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
