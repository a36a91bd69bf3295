"""The steps of a matter (vụ việc): acceptance, verification, dialogue, suspension of the act
complained of, extension, withdrawal, decision (Luật THADS 2008, Điều 140–152; Luật Tố cáo
2018; TT 13/2021/TT-BTP). Every step is an append-only `MatterStep` written in the same
transaction as the matter's new state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.common.concurrency import update_with_version
from thads.common.errors import DomainError
from thads.complaints import rules
from thads.complaints.models import (
    Complaint,
    ComplaintResult,
    Matter,
    MatterKind,
    MatterOutcome,
    MatterStep,
    StepKind,
    SubjectRole,
)
from thads.complaints.services.common import author, not_before, not_future
from thads.org.models import Staff, Unit

D145 = "Luật THADS 2008, Điều 145"


@dataclass
class MatterInput:
    kind: str
    subject_role: str = SubjectRole.OFFICER
    subject_unit: Unit | None = None
    subject_staff: Staff | None = None
    instance: int | None = None
    stage: str = ""
    summary: str = ""
    case: Case | None = None
    code: str = ""


def _step(matter: Matter, kind: str, on: dt.date, note: str, by: Any) -> MatterStep:
    return MatterStep.objects.create(
        matter=matter, kind=kind, on=on, note=note.strip(), recorded_by=author(by)
    )


def matter_accept(letter: Complaint, data: MatterInput, *, on: dt.date, by: Any = None) -> Matter:
    """Thụ lý một vụ việc: the resolver from the competence rules, the deadline from the
    deadline rules in force on the day of acceptance (oversight.md §A.3–A.4)."""
    if data.kind not in MatterKind.values:
        raise DomainError(_("Loại vụ việc không hợp lệ."))
    if data.subject_role not in SubjectRole.values:
        raise DomainError(_("Phải chọn người bị khiếu nại, tố cáo là ai."))
    instance = data.instance
    if data.kind == MatterKind.KHIEU_NAI:
        instance = instance or 1
        if instance not in (1, 2):
            raise DomainError(_("Khiếu nại chỉ giải quyết lần đầu hoặc lần hai."))
    else:
        instance = None
    stage = data.stage or (letter.stage if data.kind == MatterKind.KHIEU_NAI else "")
    subject_unit = data.subject_unit or letter.unit
    competence = rules.competent_resolver(data.kind, instance, data.subject_role, subject_unit, on)
    if competence.unit is None:
        raise DomainError(
            _("Quyết định giải quyết lần hai là quyết định cuối cùng: không thụ lý lần tiếp."),
            article=competence.rule.source,
        )
    deadline, _rule = rules.resolve_deadline(data.kind, instance, stage, on)
    index = letter.matters.count() + 1
    code = data.code or (letter.code if index == 1 else f"{letter.code}-{index}")
    user = author(by)
    matter = Matter(
        code=code,
        letter=letter,
        kind=data.kind,
        instance=instance,
        stage=stage,
        summary=data.summary.strip() or letter.summary,
        case=data.case or letter.case,
        subject_role=data.subject_role,
        subject_unit=subject_unit,
        subject_staff=data.subject_staff,
        resolver_unit=competence.unit,
        accepted_on=on,
        deadline_on=deadline,
        created_by=user,
        updated_by=user,
    )
    matter.full_clean()
    matter.save()
    _step(matter, StepKind.THU_LY, on, competence.title, by)
    return matter


def _open(matter: Matter) -> None:
    if matter.resolved_on is not None:
        raise DomainError(_("Vụ việc đã giải quyết xong."))


@transaction.atomic
def matter_assign_verifier(
    matter: Matter, verifier: Staff, *, on: dt.date, expected_version: int, by: Any = None
) -> Matter:
    """Giao người xác minh: never the person complained of or denounced (Luật Tố cáo 2018,
    Điều 31 — a person with a conflict of interest may not verify)."""
    _open(matter)
    not_before(on, matter.accepted_on, _("ngày thụ lý"))
    if matter.subject_staff_id == verifier.pk:
        raise DomainError(
            _("Không giao xác minh cho chính người bị khiếu nại, tố cáo."),
            article="Luật Tố cáo 2018, Điều 31",
        )
    matter = update_with_version(matter, expected_version, author(by), verifier=verifier)
    _step(matter, StepKind.GIAO_XAC_MINH, on, verifier.full_name, by)
    return matter


@transaction.atomic
def matter_record(
    matter: Matter, kind: str, *, on: dt.date, note: str, by: Any = None
) -> MatterStep:
    """Ghi kết quả xác minh hoặc biên bản đối thoại."""
    _open(matter)
    if kind not in {StepKind.XAC_MINH, StepKind.DOI_THOAI}:
        raise DomainError(_("Bước này không ghi ở đây."))
    not_before(on, matter.accepted_on, _("ngày thụ lý"))
    not_future(on)
    if not note.strip():
        raise DomainError(_("Phải ghi nội dung."))
    return _step(matter, kind, on, note, by)


@transaction.atomic
def matter_suspend(
    matter: Matter, *, on: dt.date, note: str, expected_version: int, by: Any = None
) -> Matter:
    """Tạm dừng thi hành quyết định, hành vi bị khiếu nại (Luật THADS 2008, Điều 145 k1 b);
    the case then shows it is under complaint."""
    _open(matter)
    if not rules.may_suspend(matter.kind):
        raise DomainError(_("Chỉ tạm dừng quyết định, hành vi bị khiếu nại."), article=D145)
    if matter.is_suspended:
        raise DomainError(_("Quyết định, hành vi bị khiếu nại đang được tạm dừng."))
    not_before(on, matter.accepted_on, _("ngày thụ lý"))
    not_future(on)
    matter = update_with_version(
        matter, expected_version, author(by), suspended_on=on, suspension_ended_on=None
    )
    _step(matter, StepKind.TAM_DUNG, on, note, by)
    return matter


@transaction.atomic
def matter_resume(
    matter: Matter, *, on: dt.date, note: str, expected_version: int, by: Any = None
) -> Matter:
    """Hủy bỏ tạm dừng (the reason for it has ended)."""
    if not matter.is_suspended:
        raise DomainError(_("Không có việc tạm dừng để hủy bỏ."))
    not_before(on, matter.suspended_on, _("ngày tạm dừng"))
    matter = update_with_version(matter, expected_version, author(by), suspension_ended_on=on)
    _step(matter, StepKind.HUY_TAM_DUNG, on, note, by)
    return matter


@transaction.atomic
def matter_extend(
    matter: Matter,
    *,
    on: dt.date,
    until: dt.date,
    reason: str,
    expected_version: int,
    by: Any = None,
) -> Matter:
    """Gia hạn giải quyết (vụ việc phức tạp): before the deadline, with a reason, no further
    than the extension rule allows."""
    _open(matter)
    if not reason.strip():
        raise DomainError(_("Phải ghi lý do gia hạn."))
    if not rules.may_extend(matter.kind):
        raise DomainError(_("Kiến nghị, phản ánh không được gia hạn."))
    if on > matter.due_on:
        raise DomainError(
            _("Phải gia hạn trước khi hết hạn giải quyết (%(day)s).")
            % {"day": f"{matter.due_on:%d/%m/%Y}"}
        )
    limit = rules.extension_limit(matter.kind, matter.deadline_on, matter.accepted_on)
    if until <= matter.due_on or until > limit:
        raise DomainError(
            _("Ngày gia hạn phải sau %(due)s và không quá %(limit)s.")
            % {"due": f"{matter.due_on:%d/%m/%Y}", "limit": f"{limit:%d/%m/%Y}"}
        )
    matter = update_with_version(
        matter, expected_version, author(by), extended_until=until, extension_reason=reason.strip()
    )
    _step(matter, StepKind.GIA_HAN, on, f"{until:%d/%m/%Y}: {reason}", by)
    return matter


def _settle_letter(letter: Complaint, by: Any) -> None:
    """A letter is settled when all its matters are; its result is that of a single matter."""
    matters = list(letter.matters.all())
    if any(m.resolved_on is None for m in matters):
        return
    result = ""
    if len(matters) == 1 and matters[0].outcome in ComplaintResult.values:
        result = matters[0].outcome
    Complaint.objects.filter(pk=letter.pk).update(
        resolved_on=max(m.resolved_on for m in matters), result=result, updated_by=author(by)
    )


@transaction.atomic
def matter_withdraw(
    matter: Matter,
    *,
    on: dt.date,
    note: str,
    expected_version: int,
    by: Any = None,
    decision_no: str = "",
) -> Matter:
    """Rút đơn → quyết định đình chỉ giải quyết (Luật THADS 2008, Điều 141; Luật Khiếu nại
    Điều 10), with its number when it is known (typed like the decision's)."""
    _open(matter)
    not_before(on, matter.accepted_on, _("ngày thụ lý"))
    not_future(on)
    matter = update_with_version(
        matter,
        expected_version,
        author(by),
        resolved_on=on,
        outcome=MatterOutcome.RUT,
        decision_no=decision_no.strip(),
        suspension_ended_on=on if matter.is_suspended else matter.suspension_ended_on,
    )
    _step(matter, StepKind.RUT_DON, on, note, by)
    _settle_letter(matter.letter, by)
    return matter


@transaction.atomic
def matter_decide(
    matter: Matter,
    *,
    on: dt.date,
    outcome: str,
    decision_no: str,
    measures: str,
    expected_version: int,
    by: Any = None,
) -> Matter:
    """Quyết định giải quyết khiếu nại, kết luận nội dung tố cáo (đúng, sai, đúng một phần)
    with its measures; a petition is answered (trả lời)."""
    _open(matter)
    not_before(on, matter.accepted_on, _("ngày thụ lý"))
    not_future(on)
    if outcome not in rules.decision_outcomes(matter.kind):
        raise DomainError(_("Kết quả giải quyết không phù hợp với loại vụ việc."))
    if not decision_no.strip():
        raise DomainError(_("Phải ghi số quyết định, kết luận hoặc văn bản trả lời."))
    matter = update_with_version(
        matter,
        expected_version,
        author(by),
        resolved_on=on,
        outcome=outcome,
        decision_no=decision_no.strip(),
        measures=measures.strip(),
        suspension_ended_on=on if matter.is_suspended else matter.suspension_ended_on,
    )
    _step(matter, StepKind.GIAI_QUYET, on, f"{decision_no} — {measures}".strip(" —"), by)
    _settle_letter(matter.letter, by)
    return matter
