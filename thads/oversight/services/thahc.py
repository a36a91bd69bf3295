"""Monitoring administrative judgments (theo dõi THAHC): Luật Tố tụng hành chính 2015,
Điều 309–314; Nghị định 71/2016/NĐ-CP. Each action appends its step in the same transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from thads.common.concurrency import update_with_version
from thads.common.counters import next_serial_code
from thads.common.errors import DomainError
from thads.org.models import Staff, Unit
from thads.oversight.models import (
    AdminJudgment,
    AdminJudgmentStep,
    JudgmentKind311,
    Outcome,
    StepKind,
)


@dataclass(frozen=True)
class JudgmentInput:
    court: str
    number: str
    judgment_date: dt.date
    instance: str
    doc_type: str
    kind: str
    received_on: dt.date
    plaintiff: str
    obliged_name: str
    obliged_body: str
    content: str = ""
    has_content: bool = True
    officer: Staff | None = None
    code: str = ""


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _step(judgment: AdminJudgment, kind: str, on: dt.date, user, **fields) -> AdminJudgmentStep:
    return AdminJudgmentStep.objects.create(
        judgment=judgment, kind=kind, on=on, recorded_by=_user(user), **fields
    )


def next_code(unit: Unit, year: int) -> str:
    """<unit>/HC/<year>/NNNN, after the highest number of the series (an imported or typed code
    may have left a gap)."""
    return next_serial_code(AdminJudgment.objects.all(), f"{unit.code}/HC/{year}/", width=4)


@transaction.atomic
def judgment_register(*, unit: Unit, data: JudgmentInput, user=None) -> AdminJudgment:
    """Ghi sổ nhận bản án, quyết định hành chính; with content to monitor, a Chấp hành viên is
    assigned (Nghị định 71/2016/NĐ-CP, Điều 14 k2)."""
    if unit.valid_to is not None and data.received_on > unit.valid_to:
        raise DomainError(
            _("Đơn vị không còn hoạt động vào ngày nhận; hãy ghi sổ ở đơn vị kế tiếp.")
        )
    if data.received_on < data.judgment_date:
        raise DomainError(_("Ngày nhận không thể trước ngày bản án, quyết định."))
    if data.kind not in JudgmentKind311.values:
        raise DomainError(_("Loại bản án, quyết định không hợp lệ."))
    if data.has_content and data.officer is None:
        raise DomainError(
            _("Việc có nội dung phải theo dõi cần phân công Chấp hành viên theo dõi."),
            article="Nghị định 71/2016/NĐ-CP, Điều 14 k2",
        )
    if data.officer is not None and not data.officer.memberships.filter(unit=unit).exists():
        raise DomainError(_("Chấp hành viên không thuộc đơn vị theo dõi."))
    judgment = AdminJudgment(
        unit=unit,
        code=data.code or next_code(unit, data.received_on.year),
        court=data.court,
        number=data.number,
        judgment_date=data.judgment_date,
        instance=data.instance,
        doc_type=data.doc_type,
        kind=data.kind,
        received_on=data.received_on,
        plaintiff=data.plaintiff,
        obliged_name=data.obliged_name,
        obliged_body=data.obliged_body,
        content=data.content,
        has_content=data.has_content,
        officer=data.officer if data.has_content else None,
        created_by=_user(user),
        updated_by=_user(user),
    )
    judgment.full_clean()
    judgment.save()
    note = "" if data.has_content else _("Không có nội dung phải theo dõi")
    _step(judgment, StepKind.TIEP_NHAN, data.received_on, user, number=data.number, note=note)
    if judgment.officer is not None:
        _step(
            judgment,
            StepKind.PHAN_CONG,
            data.received_on,
            user,
            note=judgment.officer.full_name,
        )
    return judgment


def _open(judgment: AdminJudgment) -> None:
    if not judgment.has_content:
        raise DomainError(_("Việc không có nội dung phải theo dõi."))
    if judgment.outcome:
        raise DomainError(_("Việc đã có kết quả; hãy ghi tiếp tục theo dõi trước."))


def _not_before_receipt(judgment: AdminJudgment, day: dt.date) -> None:
    if day < judgment.received_on:
        raise DomainError(_("Ngày không thể trước ngày nhận bản án, quyết định."))


@transaction.atomic
def notice_record(
    judgment: AdminJudgment,
    *,
    number: str,
    on: dt.date,
    delivered_on: dt.date | None,
    version: int,
    user=None,
) -> AdminJudgment:
    """Văn bản thông báo tự nguyện thi hành án (Nghị định 71/2016/NĐ-CP, Điều 14 k2)."""
    _open(judgment)
    _not_before_receipt(judgment, on)
    if delivered_on is not None and delivered_on < on:
        raise DomainError(_("Ngày tống đạt không thể trước ngày thông báo."))
    judgment = update_with_version(
        judgment, version, user, notice_no=number, notice_on=on, notice_delivered_on=delivered_on
    )
    _step(judgment, StepKind.THONG_BAO, on, user, number=number, recipient=judgment.obliged_name)
    return judgment


@transaction.atomic
def obliged_receipt_record(
    judgment: AdminJudgment, *, on: dt.date, version: int, user=None
) -> AdminJudgment:
    """The day the obliged party received the judgment: the voluntary period runs from it
    (Luật TTHC 2015, Điều 311 k2)."""
    _open(judgment)
    if on < judgment.judgment_date:
        raise DomainError(_("Ngày nhận bản án không thể trước ngày bản án, quyết định."))
    judgment = update_with_version(judgment, version, user, obliged_received_on=on)
    _step(judgment, StepKind.NHAN_BAN_AN, on, user, recipient=judgment.obliged_name)
    return judgment


@transaction.atomic
def court_order_record(
    judgment: AdminJudgment, *, number: str, on: dt.date, version: int, user=None
) -> AdminJudgment:
    """Quyết định buộc thi hành án hành chính of the court (Luật TTHC 2015, Điều 312)."""
    _open(judgment)
    _not_before_receipt(judgment, on)
    judgment = update_with_version(
        judgment, version, user, court_order_no=number, court_order_on=on
    )
    _step(judgment, StepKind.BUOC_THI_HANH, on, user, number=number)
    return judgment


LETTER_KINDS = frozenset({StepKind.DON_DOC, StepKind.KIEN_NGHI, StepKind.LAM_VIEC})


@transaction.atomic
def letter_record(
    judgment: AdminJudgment,
    *,
    kind: str,
    on: dt.date,
    recipient: str,
    number: str = "",
    note: str = "",
    user=None,
) -> AdminJudgmentStep:
    """Văn bản đôn đốc, kiến nghị (to the obliged body's superior, the UBND…), or a meeting with
    the parties (Nghị định 71/2016/NĐ-CP)."""
    _open(judgment)
    _not_before_receipt(judgment, on)
    if kind not in LETTER_KINDS:
        raise DomainError(_("Loại văn bản không hợp lệ."))
    if not recipient.strip():
        raise DomainError(_("Cần ghi nơi nhận hoặc người làm việc."))
    return _step(judgment, kind, on, user, recipient=recipient, number=number, note=note)


@transaction.atomic
def publication_record(
    judgment: AdminJudgment, *, on: dt.date, where: str, version: int, user=None
) -> AdminJudgment:
    """Công khai thông tin không chấp hành án (Nghị định 71/2016/NĐ-CP)."""
    _open(judgment)
    _not_before_receipt(judgment, on)
    if not where.strip():
        raise DomainError(_("Cần ghi nơi công khai."))
    judgment = update_with_version(judgment, version, user, published_on=on, published_where=where)
    _step(judgment, StepKind.CONG_KHAI, on, user, recipient=where)
    return judgment


@transaction.atomic
def outcome_record(
    judgment: AdminJudgment,
    *,
    outcome: str,
    on: dt.date,
    note: str = "",
    version: int,
    user=None,
) -> AdminJudgment:
    """Kết quả: thi hành xong, or annulled / postponed / suspended (cassation, retrial)."""
    _open(judgment)
    _not_before_receipt(judgment, on)
    if outcome not in Outcome.values:
        raise DomainError(_("Kết quả không hợp lệ."))
    judgment = update_with_version(judgment, version, user, outcome=outcome, outcome_on=on)
    _step(judgment, StepKind.KET_QUA, on, user, note=note or Outcome(outcome).label)
    return judgment


@transaction.atomic
def monitoring_resume(
    judgment: AdminJudgment, *, on: dt.date, note: str, version: int, user=None
) -> AdminJudgment:
    """A postponed or suspended judgment is monitored again (the step keeps the old outcome)."""
    if judgment.outcome not in {Outcome.HOAN, Outcome.TAM_DINH_CHI}:
        raise DomainError(_("Chỉ tiếp tục theo dõi việc đang hoãn hoặc tạm đình chỉ."))
    if on < judgment.outcome_on:
        raise DomainError(_("Ngày tiếp tục không thể trước ngày hoãn, tạm đình chỉ."))
    old = judgment.get_outcome_display()
    judgment = update_with_version(judgment, version, user, outcome="", outcome_on=None)
    _step(judgment, StepKind.TIEP_TUC, on, user, note=f"{old}: {note}".strip(": "))
    return judgment


@transaction.atomic
def reason_record(judgment: AdminJudgment, *, reason: str, version: int, user=None):
    """Lý do chưa thi hành xong (kept in the row's history)."""
    _open(judgment)
    return update_with_version(judgment, version, user, not_done_reason=reason)
