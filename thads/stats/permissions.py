"""Who may submit a monthly report, and who approves or returns it (the unit above)."""

from __future__ import annotations

from thads.org.access import Access
from thads.org.models import Role, Unit


def may_submit(access: Access, unit: Unit) -> bool:
    """The head or deputy of a local unit; the provincial leader for a province's report."""
    if not access.can_read_unit(unit.pk) or unit.parent_id is None:
        return False
    if access.is_superuser:
        return True
    if unit.level == Unit.Level.LOCAL:
        return access.role in {Role.HEAD, Role.DEPUTY}
    if unit.level == Unit.Level.PROVINCE:
        return access.role == Role.PROVINCIAL_LEADER
    return False


def may_decide(access: Access, unit: Unit) -> bool:
    """The unit above approves or returns: provincial leader (local units), national (provinces)."""
    if unit.parent_id is None or not access.can_read_unit(unit.pk):
        return False
    if access.is_superuser:
        return True
    if unit.level == Unit.Level.LOCAL:
        return access.role == Role.PROVINCIAL_LEADER and access.can_read_unit(unit.parent_id)
    if unit.level == Unit.Level.PROVINCE:
        return access.role == Role.NATIONAL
    return False
