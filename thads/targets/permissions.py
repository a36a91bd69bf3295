"""Who gives targets (chỉ tiêu): the level above a unit, a local unit's head for its officers."""

from __future__ import annotations

from thads.org.access import Access
from thads.org.models import Role, Unit

SETTER_ROLES = frozenset({Role.NATIONAL, Role.PROVINCIAL_LEADER, Role.HEAD, Role.DEPUTY})


def _role_in(access: Access, unit_id: int) -> bool:
    home = access.home_unit
    return (
        home is not None
        and home.pk == unit_id
        and access.role in SETTER_ROLES
        and access.membership is not None
    )


def may_set_unit_target(access: Access, unit: Unit) -> bool:
    """The parent's leaders (or heads) set a unit's targets; the national department the
    provinces'. Superusers may too."""
    if access.is_superuser:
        return True
    return unit.parent_id is not None and _role_in(access, unit.parent_id)


def may_set_children_targets(access: Access, parent: Unit) -> bool:
    """Whether `access` gives the targets of the level below `parent` (units or officers)."""
    if access.is_superuser:
        return True
    if parent.level == Unit.Level.LOCAL:
        return _role_in(access, parent.pk) and access.role in {Role.HEAD, Role.DEPUTY}
    return _role_in(access, parent.pk)


def may_set_officer_target(access: Access, unit: Unit) -> bool:
    """A unit's head (or deputy) splits its targets down to its officers."""
    return may_set_children_targets(access, unit) and unit.level == Unit.Level.LOCAL
