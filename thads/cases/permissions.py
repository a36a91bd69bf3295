"""Who may do what on cases (the case screens, the ledger's money screens and the intake).

Reads the request's `Access` (org.access); a view answers 403 when a check says no on an
object the user can see (out of scope is 404 before any check).
"""

from __future__ import annotations

from thads.cases.models import Case, EventType
from thads.org.access import Access
from thads.org.models import Role, Unit

CLERK_EVENTS = frozenset({EventType.THU_TIEN, EventType.CHI_TRA})


def may_record(access: Access, case: Case, event_type: str) -> bool:
    """Officers record on their own cases; clerks payments; heads and deputies everything."""
    if access.is_read_only:
        return False
    if access.is_superuser:
        return True
    if not access.can_work_in_unit(case.unit_id):
        return False
    if access.can_manage_unit(case.unit_id):
        return True
    if access.role == Role.OFFICER:
        return case.officer is not None and case.officer.user_id == access.user_id
    if access.role == Role.CLERK:
        return event_type in CLERK_EVENTS
    return False


def may_write_case(access: Access, case: Case) -> bool:
    """Whether any action at all is open to the user on this case."""
    return may_record(access, case, EventType.XAC_MINH) or may_record(
        access, case, EventType.THU_TIEN
    )


def may_intake(access: Access, unit: Unit) -> bool:
    """Thụ lý: clerks, officers and heads of the unit; leaders and inspectors read only."""
    return not access.is_read_only and access.can_work_in_unit(unit.pk)


def may_assign(access: Access, case: Case) -> bool:
    """Phân công Chấp hành viên: the head or deputy of the case's unit (Luật THADS, Điều 20)."""
    return not access.is_read_only and access.can_manage_unit(case.unit_id)
