"""Who may do what in oversight. Out of scope is 404 before any of these (views use
`unit_for_read_or_404`); a visible object the user may not change answers 403.

* THAHC register, procuracy acts, exemption dossiers: the unit's own people (officers, clerks,
  heads; `Access.can_work_in_unit`), never a read-only role;
* inspection plans and inspections of other units: the provincial inspection office
  (Role.INSPECTION_OFFICE) over the units it sees; a unit's head or deputy runs its own
  self-inspection (tự kiểm tra) only.
"""

from __future__ import annotations

from thads.org.access import Access
from thads.org.models import Role, Unit
from thads.oversight.models import Inspection, InspectionKind


def may_work(access: Access, unit: Unit) -> bool:
    return not access.is_read_only and access.can_work_in_unit(unit.pk)


def may_record_thahc(access: Access, unit: Unit) -> bool:
    return may_work(access, unit)


def may_record_procuracy(access: Access, unit: Unit) -> bool:
    return may_work(access, unit)


def may_record_exemption(access: Access, unit: Unit) -> bool:
    return may_work(access, unit)


def is_inspection_office(access: Access, unit: Unit) -> bool:
    if access.is_superuser:
        return True
    return access.role == Role.INSPECTION_OFFICE and access.can_read_unit(unit.pk)


def may_plan(access: Access, unit: Unit) -> bool:
    """The annual plan of the inspection office's own unit."""
    return is_inspection_office(access, unit)


def may_inspect(access: Access, unit: Unit, kind: str | None = None) -> bool:
    """Open or change an inspection of `unit` (of kind `kind` when given)."""
    if is_inspection_office(access, unit):
        return True
    self_inspection = kind in (None, InspectionKind.TU_KIEM_TRA)
    return not access.is_read_only and access.can_manage_unit(unit.pk) and self_inspection


def may_follow_up(access: Access, inspection: Inspection) -> bool:
    """Report what was done on a recommendation: the inspectors, and the inspected unit's own
    people, who carry the recommendations out (Quy chế kiểm tra, QĐ 196/QĐ-TCTHADS)."""
    return may_inspect(access, inspection.unit, inspection.kind) or may_work(
        access, inspection.unit
    )
