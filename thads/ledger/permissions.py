"""Who may write in the ledger beyond a case's own actions (`cases.permissions.may_record`)."""

from __future__ import annotations

from thads.org.access import Access
from thads.org.models import Role, Unit


def may_hold_money(access: Access, unit: Unit) -> bool:
    """Receive and release tạm thu, tạm giữ: clerks, heads and deputies of the unit."""
    if access.is_read_only:
        return False
    if access.can_manage_unit(unit.pk):
        return True
    return access.role == Role.CLERK and access.can_work_in_unit(unit.pk)
