"""Who sees what: a user's role and the set of units it may read and write.

Scope is by unit subtree: an officer, clerk or head works in its own unit; a provincial leader
or inspector reads the province subtree; the national department reads everything. A unit's
predecessors (units it succeeded on 01/07/2025) belong to its scope too, so that the history of a
Chi cục stays visible to the Phòng THADS khu vực that continues it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from thads.common.request_memo import memoised
from thads.org.models import Membership, Role, Staff, Unit

LEADER_ROLES = frozenset(
    {Role.PROVINCIAL_LEADER, Role.NATIONAL, Role.INSPECTOR, Role.INSPECTION_OFFICE, Role.ADMIN}
)
READ_ONLY_ROLES = frozenset({Role.INSPECTOR, Role.NATIONAL})
UNIT_WORK_ROLES = frozenset({Role.OFFICER, Role.CLERK, Role.HEAD, Role.DEPUTY})


@dataclass(frozen=True)
class Access:
    """What one user may do, computed once per request."""

    user_id: int | None
    staff: Staff | None = None
    membership: Membership | None = None
    role: str | None = None
    home_unit: Unit | None = None
    visible_unit_ids: frozenset[int] = field(default_factory=frozenset)
    is_superuser: bool = False

    @property
    def is_leader(self) -> bool:
        """May switch between units of its subtree."""
        return self.is_superuser or self.role in LEADER_ROLES

    @property
    def is_read_only(self) -> bool:
        return self.role in READ_ONLY_ROLES and not self.is_superuser

    def can_read_unit(self, unit_id: int) -> bool:
        return unit_id in self.visible_unit_ids

    def can_manage_org(self, unit_id: int) -> bool:
        """Administrators change units and staff of their subtree."""
        return self.can_read_unit(unit_id) and (self.is_superuser or self.role == Role.ADMIN)

    def can_work_in_unit(self, unit_id: int) -> bool:
        """Officers, clerks and heads act on cases of their own unit (and its predecessors)."""
        if self.is_superuser:
            return True
        return self.role in UNIT_WORK_ROLES and unit_id in self.visible_unit_ids

    def can_manage_unit(self, unit_id: int) -> bool:
        """The head (or deputy) of a unit assigns its cases."""
        if self.is_superuser:
            return True
        return self.role in {Role.HEAD, Role.DEPUTY} and unit_id in self.visible_unit_ids


def _all_units() -> list[Unit]:
    """The unit tree (a few dozen rows), read once per page (`common.request_memo`)."""
    return memoised(
        "org.access.units",
        lambda: list(Unit.objects.only("id", "parent_id", "successor_id", "path", "level")),
    )


def scope_unit_ids(root: Unit, units: list[Unit] | None = None) -> frozenset[int]:
    """`root`'s subtree plus, transitively, the subtrees of the units it succeeded."""
    units = units if units is not None else _all_units()
    related: dict[int, list[Unit]] = {}
    for unit in units:
        if unit.parent_id:
            related.setdefault(unit.parent_id, []).append(unit)
        if unit.successor_id:
            related.setdefault(unit.successor_id, []).append(unit)
    result: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node.pk not in result:
            result.add(node.pk)
            stack.extend(related.get(node.pk, []))
    return frozenset(result)


def posting_on(postings: Iterable[Membership], day: dt.date) -> Membership | None:
    """Of `postings` ordered latest start first, the one in force on `day`."""
    return next((m for m in postings if m.is_valid_on(day)), None)


def active_membership(staff: Staff, on: dt.date | None = None) -> Membership | None:
    """The posting in force on `on` (today by default)."""
    postings = staff.memberships.select_related("unit").order_by("-valid_from")
    return posting_on(postings, on or timezone.localdate())


def access_for(user, on: dt.date | None = None) -> Access:
    """Compute the access of `user` (anonymous users see nothing)."""
    if user is None or not user.is_authenticated:
        return Access(user_id=None)
    units = _all_units()
    if user.is_superuser:
        return Access(
            user_id=user.pk,
            visible_unit_ids=frozenset(u.pk for u in units),
            is_superuser=True,
            staff=getattr(user, "staff", None) if hasattr(user, "staff") else None,
        )
    # The staff with its postings in one read (every request asks: the middleware's access);
    # the staff alone when it has no posting at all.
    postings = list(
        Membership.objects.filter(staff__user=user)
        .select_related("staff", "unit")
        .order_by("-valid_from")
    )
    staff = postings[0].staff if postings else Staff.objects.filter(user=user).first()
    if staff is None:
        return Access(user_id=user.pk)
    for posting in postings:
        posting.staff = staff  # one instance, as staff.memberships gives them
    membership = posting_on(postings, on or timezone.localdate())
    if membership is None:
        return Access(user_id=user.pk, staff=staff)
    role = membership.role
    if role == Role.NATIONAL:
        visible = frozenset(u.pk for u in units)
    else:
        visible = scope_unit_ids(membership.unit, units)
    return Access(
        user_id=user.pk,
        staff=staff,
        membership=membership,
        role=role,
        home_unit=membership.unit,
        visible_unit_ids=visible,
    )
