"""Exemption and reduction dossiers (Luật THADS 2008, Điều 61–64): eligible, sent to the court,
accepted, decided. The decision's money is the case's `mien_giam` event (recorded through the
case services); the dossier names it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from thads.cases.models import Case, CaseEvent, EventType
from thads.common.concurrency import update_with_version
from thads.common.errors import DomainError
from thads.oversight.models import ExemptionDossier, ExemptionResult


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def dossier_open(
    *, case: Case, eligible_on: dt.date, amount_requested: int, user=None
) -> ExemptionDossier:
    """Đủ điều kiện xét miễn, giảm: only state-budget obligations (Điều 61)."""
    if not case.is_state_budget:
        raise DomainError(
            _("Chỉ xét miễn, giảm khoản thu nộp ngân sách nhà nước."),
            article="Luật THADS 2008, Điều 61",
        )
    if eligible_on < case.accepted_on:
        raise DomainError(_("Ngày đủ điều kiện không thể trước ngày thụ lý."))
    if amount_requested < 0:
        raise DomainError(_("Số tiền không được âm."))
    return ExemptionDossier.objects.create(
        case=case,
        eligible_on=eligible_on,
        amount_requested=amount_requested,
        created_by=_user(user),
        updated_by=_user(user),
    )


@transaction.atomic
def dossier_update(
    dossier: ExemptionDossier,
    *,
    sent_on: dt.date | None,
    court_accepted_on: dt.date | None,
    decided_on: dt.date | None,
    decision_no: str,
    result: str,
    version: int,
    user=None,
) -> ExemptionDossier:
    """The dossier's steps, in order; a decision to exempt or reduce is linked to the case's
    `mien_giam` event of that day (record it on the case first)."""
    steps = [dossier.eligible_on, sent_on, court_accepted_on, decided_on]
    given = [d for d in steps if d is not None]
    if given != sorted(given) or any(
        later is not None and earlier is None
        for earlier, later in zip(steps, steps[1:], strict=False)
    ):
        raise DomainError(_("Các bước của hồ sơ phải theo thứ tự: gửi Tòa án, thụ lý, quyết định."))
    if (decided_on is None) != (not result):
        raise DomainError(_("Ghi kết quả cùng với ngày Tòa án quyết định."))
    event = None
    if result in (ExemptionResult.MIEN, ExemptionResult.GIAM):
        event = (
            CaseEvent.objects.filter(
                case=dossier.case,
                type=EventType.MIEN_GIAM,
                on=decided_on,
                corrected_by__isnull=True,
            )
            .filter(exemption_dossier__isnull=True)
            .first()
        )
        if event is None and dossier.event_id is None:
            raise DomainError(
                _(
                    "Chưa có sự kiện miễn, giảm ngày %(day)s trên việc; "
                    "hãy ghi nhận trên việc trước."
                )
                % {"day": f"{decided_on:%d/%m/%Y}"}
            )
    return update_with_version(
        dossier,
        version,
        user,
        sent_on=sent_on,
        court_accepted_on=court_accepted_on,
        decided_on=decided_on,
        decision_no=decision_no,
        result=result,
        event=event or dossier.event,
    )
