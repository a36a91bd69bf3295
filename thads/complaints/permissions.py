"""Who may do what with letters, matters and reception sessions.

Reading follows the unit scope (out of scope is 404). The identity of a denouncer is protected
(Luật Tố cáo 2018, Điều 47–48): only the resolver (the head or deputy of the resolving unit)
and the verifier assigned see the senders of a denunciation; the person denounced never does,
whatever the role.
"""

from __future__ import annotations

from thads.complaints.models import Complaint, Matter, MatterKind
from thads.org.access import Access
from thads.org.models import Role, Unit


def may_register(access: Access, unit: Unit) -> bool:
    """Clerks (bộ phận tiếp nhận đơn), heads and deputies enter letters in the register."""
    if access.is_read_only:
        return False
    if access.can_manage_unit(unit.pk):
        return True
    return access.role == Role.CLERK and access.can_work_in_unit(unit.pk)


def may_handle(access: Access, unit: Unit) -> bool:
    """Heads and deputies decide how a letter is handled and resolve matters; the provincial
    leaders (Thủ trưởng THADS tỉnh) in the whole province, which since 01/07/2025 includes the
    regional offices (the rule table sends them complaints about regional officers)."""
    if access.is_read_only:
        return False
    if access.can_manage_unit(unit.pk):
        return True
    return access.role == Role.PROVINCIAL_LEADER and access.can_read_unit(unit.pk)


def may_work_matter(access: Access, matter: Matter) -> bool:
    """The resolving unit's head or deputy, and the verifier for verification and dialogue."""
    if may_handle(access, matter.resolver_unit):
        return True
    return (
        not access.is_read_only
        and access.staff is not None
        and matter.verifier_id == access.staff.pk
    )


def _is_denounced(access: Access, matters: list[Matter]) -> bool:
    return access.staff is not None and any(m.subject_staff_id == access.staff.pk for m in matters)


def may_see_identity(access: Access, letter: Complaint, matters: list[Matter]) -> bool:
    """Whether the user sees who sent the letter (names, addresses, signatures)."""
    denunciation = letter.kind == "to_cao" or any(m.kind == MatterKind.TO_CAO for m in matters)
    if _is_denounced(access, matters):
        return False
    if not denunciation:
        return True
    if access.staff is not None and any(m.verifier_id == access.staff.pk for m in matters):
        return True
    if matters:
        return any(
            m.kind == MatterKind.TO_CAO and may_handle(access, m.resolver_unit) for m in matters
        )
    return may_handle(access, letter.unit)


def may_attach(access: Access, letter: Complaint) -> bool:
    """Who enters or handles the letter attaches its scanned files."""
    return may_register(access, letter.unit) or may_handle(access, letter.unit)


def may_see_attachments(access: Access, letter: Complaint, matters: list[Matter]) -> bool:
    """Scans show the senders' names and signatures: whoever may not see the denouncer's
    identity may not see them either (Luật Tố cáo 2018, Điều 47–48)."""
    return may_see_identity(access, letter, matters)
