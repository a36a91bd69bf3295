"""Acts of the procuracy received and answered (Luật THADS 2008, Điều 12, 160, 161; Quy chế
kiểm sát, QĐ 810/QĐ-VKSTC). The answer's deadline comes from the rule table (data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.common.concurrency import update_with_version
from thads.common.errors import DomainError
from thads.org.access import scope_unit_ids
from thads.org.models import Unit
from thads.oversight import deadlines
from thads.oversight.models import AnswerResult, ProcuracyAct, ProcuracyActKind
from thads.oversight.rule_defaults import ANSWER_RULES

PROTEST_RULES = {"cung_cap": "vks_khang_nghi_cung_cap", "cap_tren": "vks_khang_nghi_cap_tren"}


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


@dataclass(frozen=True)
class ActInput:
    kind: str
    level: str
    procuracy: str
    number: str
    act_on: dt.date
    received_on: dt.date
    content: str
    decisions: str = ""
    decision_received_on: dt.date | None = None


def protest_limit(level: str, decision_received_on: dt.date) -> deadlines.Due:
    """Đ160: 15 days for the same-level procuracy, 30 for the level above, from its receipt of
    the decision."""
    return deadlines.due(PROTEST_RULES[level], decision_received_on)


@transaction.atomic
def act_receive(
    *, unit: Unit, data: ActInput, cases: Iterable[Case] = (), user=None
) -> ProcuracyAct:
    """Ghi nhận văn bản của Viện kiểm sát; the answer is due under the rule of its kind in force
    on the day of receipt. A protest made after its own time limit is refused."""
    if data.kind not in ProcuracyActKind.values:
        raise DomainError(_("Loại văn bản không hợp lệ."))
    if data.received_on < data.act_on:
        raise DomainError(_("Ngày nhận không thể trước ngày văn bản."))
    if data.kind == ProcuracyActKind.KHANG_NGHI and data.decision_received_on is not None:
        limit = protest_limit(data.level, data.decision_received_on)
        if data.act_on > limit.on:
            raise DomainError(
                _("Kháng nghị ngày %(act)s quá thời hạn kháng nghị (đến ngày %(limit)s).")
                % {"act": f"{data.act_on:%d/%m/%Y}", "limit": f"{limit.on:%d/%m/%Y}"},
                article=limit.source,
            )
    cases = list(cases)
    scope = scope_unit_ids(unit)
    if any(c.unit_id not in scope for c in cases):
        raise DomainError(_("Việc liên quan không thuộc đơn vị nhận văn bản."))
    answer = deadlines.due(ANSWER_RULES[data.kind], data.received_on)
    act = ProcuracyAct.objects.create(
        unit=unit,
        kind=data.kind,
        level=data.level,
        procuracy=data.procuracy,
        number=data.number,
        act_on=data.act_on,
        received_on=data.received_on,
        content=data.content,
        decisions=data.decisions,
        decision_received_on=data.decision_received_on,
        answer_due=answer.on,
        answer_rule=answer.source,
        created_by=_user(user),
        updated_by=_user(user),
    )
    act.cases.set(cases)
    return act


@transaction.atomic
def act_answer(
    act: ProcuracyAct,
    *,
    number: str,
    on: dt.date,
    result: str,
    reasons: str,
    measures: str,
    version: int,
    user=None,
) -> ProcuracyAct:
    """The answer: accepted fully, partly, or disagreed with reasons; the measures taken."""
    if act.answered_on is not None:
        raise DomainError(_("Văn bản này đã được trả lời."))
    if on < act.received_on:
        raise DomainError(_("Ngày trả lời không thể trước ngày nhận."))
    if result not in AnswerResult.values:
        raise DomainError(_("Kết quả trả lời không hợp lệ."))
    if result != AnswerResult.CHAP_NHAN and not reasons.strip():
        raise DomainError(_("Không chấp nhận toàn bộ phải nêu lý do."))
    return update_with_version(
        act,
        version,
        user,
        answer_no=number,
        answered_on=on,
        answer_result=result,
        answer_reasons=reasons,
        measures=measures,
    )
