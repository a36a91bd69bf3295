"""Registering and handling letters (TT 13/2021/TT-BTP: tiếp nhận, phân loại, xử lý đơn)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.common.concurrency import update_with_version
from thads.common.counters import counter_next, counter_raise, next_serial_code
from thads.common.errors import DomainError
from thads.complaints import rules
from thads.complaints.models import (
    Complaint,
    ComplaintKind,
    ComplaintResult,
    Handling,
    LetterChannel,
    LimitationStage,
    ReceptionSession,
    Sender,
)
from thads.complaints.services.common import author, not_before, not_future
from thads.complaints.services.matters import MatterInput, matter_accept
from thads.org.letterhead import number_suffix, unit_on
from thads.org.models import Unit

D140 = "Luật THADS 2008, Điều 140 khoản 2"
TT13 = "Thông tư 13/2021/TT-BTP"

CODE_PART = {"khieu_nai": "KN", "to_cao": "TC", "kien_nghi": "KNPA", "phan_anh": "KNPA"}


@dataclass
class SenderInput:
    name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    is_representative: bool = False
    authorisation: str = ""


@dataclass
class LetterInput:
    kind: str
    received_on: dt.date
    senders: list[SenderInput]
    channel: str = LetterChannel.TRUC_TIEP
    summary: str = ""
    subject: str = "case"
    subject_detail: str = ""
    case: Case | None = None
    forwarded_by: str = ""
    duplicate_of: Complaint | None = None
    is_vuot_cap: bool = False
    is_dong_nguoi: bool = False
    stage: str = ""
    decision_known_on: dt.date | None = None
    obstacle_days: int = 0
    obstacle_reason: str = ""
    code: str = ""
    extra: dict = field(default_factory=dict)


def _check_senders(data: LetterInput) -> None:
    named = [s for s in data.senders if s.name.strip()]
    if not named and data.kind != ComplaintKind.TO_CAO:
        raise DomainError(_("Đơn phải ghi ít nhất một người gửi."), article=TT13)
    for s in named:
        if s.is_representative and not s.authorisation.strip():
            raise DomainError(
                _("Người đại diện %(name)s phải có giấy ủy quyền hoặc văn bản cử đại diện.")
                % {"name": s.name},
                article="Luật Khiếu nại 2011, Điều 12",
            )


@transaction.atomic
def letter_register(
    unit: Unit,
    data: LetterInput,
    *,
    by: Any = None,
    reception: ReceptionSession | None = None,
    today: dt.date | None = None,
) -> Complaint:
    """Vào sổ một đơn (TT 13/2021/TT-BTP): a duplicate of an earlier letter is linked to it and
    archived at once (no new matter, TT 08/2015 phụ lục 2); a letter handed in at a reception
    session enters the register with the session."""
    if data.kind not in ComplaintKind.values:
        raise DomainError(_("Loại đơn không hợp lệ."))
    not_future(data.received_on, today)
    if not unit.is_valid_on(data.received_on):
        raise DomainError(
            _("Đơn vị %(unit)s không hoạt động vào ngày %(day)s.")
            % {"unit": unit.name, "day": f"{data.received_on:%d/%m/%Y}"}
        )
    _check_senders(data)
    if data.channel == LetterChannel.CHUYEN_DEN and not data.forwarded_by.strip():
        raise DomainError(_("Đơn do cơ quan khác chuyển đến phải ghi cơ quan chuyển."))
    if data.stage and data.stage not in LimitationStage.values:
        raise DomainError(_("Giai đoạn của quyết định bị khiếu nại không hợp lệ."))
    if data.decision_known_on is not None:
        not_before(data.received_on, data.decision_known_on, _("ngày biết quyết định, hành vi"))
    if data.obstacle_days and not data.obstacle_reason.strip():
        raise DomainError(_("Phải ghi lý do trở ngại khách quan, bất khả kháng."), article=D140)
    dup = data.duplicate_of
    if dup is not None and (dup.received_on > data.received_on or dup.duplicate_of_id):
        raise DomainError(_("Đơn trùng phải liên kết với đơn gốc nhận trước đó."))
    code = data.code.strip() or next_serial_code(
        Complaint.objects.select_for_update(),
        f"{unit.code}/{CODE_PART.get(data.kind, 'HH')}/{data.received_on.year}/",
    )
    if Complaint.objects.filter(code=code).exists():
        raise DomainError(_("Số vào sổ %(code)s đã có.") % {"code": code})
    user = author(by)
    letter = Complaint(
        code=code,
        unit=unit,
        kind=data.kind,
        received_on=data.received_on,
        channel=LetterChannel.TIEP_CONG_DAN if reception else data.channel,
        forwarded_by=data.forwarded_by.strip(),
        summary=data.summary.strip(),
        subject=data.subject,
        subject_detail=data.subject_detail.strip(),
        case=data.case,
        duplicate_of=dup,
        is_vuot_cap=data.is_vuot_cap,
        is_dong_nguoi=data.is_dong_nguoi or len(data.senders) >= 5,
        reception=reception,
        stage=data.stage,
        decision_known_on=data.decision_known_on,
        obstacle_days=data.obstacle_days,
        obstacle_reason=data.obstacle_reason.strip(),
        created_by=user,
        updated_by=user,
    )
    if dup is not None:
        letter.handling = Handling.LUU_DON
        letter.handled_on = data.received_on
        letter.resolved_on = data.received_on
        letter.case = letter.case or dup.case
    letter.full_clean(exclude=["reception"])
    letter.save()
    Sender.objects.bulk_create(
        Sender(
            letter=letter,
            position=i,
            name=s.name.strip(),
            id_number=s.id_number.strip(),
            address=s.address.strip(),
            phone=s.phone.strip(),
            is_representative=s.is_representative,
            authorisation=s.authorisation.strip(),
        )
        for i, s in enumerate((s for s in data.senders if s.name.strip()), start=1)
    )
    return letter


def letter_limitation(letter: Complaint) -> rules.Limitation | None:
    """The time limit to complain, when the letter says what and when it complains of."""
    if letter.kind != ComplaintKind.KHIEU_NAI or not letter.stage or not letter.decision_known_on:
        return None
    return rules.limitation(letter.stage, letter.decision_known_on, letter.obstacle_days)


@dataclass
class HandlingInput:
    on: dt.date
    handling: str
    competent: bool = True
    eligible: bool = True
    ineligible_reason: str = ""
    sent_to: str = ""
    matters: list[MatterInput] = field(default_factory=list)


def _check_handling(letter: Complaint, data: HandlingInput) -> None:
    if letter.handling:
        raise DomainError(_("Đơn này đã được xử lý."))
    if data.handling not in Handling.values:
        raise DomainError(_("Hình thức xử lý đơn không hợp lệ."))
    not_before(data.on, letter.received_on, _("ngày nhận đơn"))
    if not data.competent:
        if data.handling not in {Handling.CHUYEN_DON, Handling.HUONG_DAN}:
            raise DomainError(
                _("Đơn không thuộc thẩm quyền thì chuyển đơn hoặc hướng dẫn người gửi."),
                article=TT13,
            )
        if not data.sent_to.strip():
            raise DomainError(_("Phải ghi cơ quan có thẩm quyền được chuyển đơn, hướng dẫn."))
        return
    if not data.eligible:
        if not data.ineligible_reason:
            raise DomainError(_("Phải ghi lý do đơn không đủ điều kiện thụ lý."), article=TT13)
        if data.handling not in {Handling.HUONG_DAN, Handling.LUU_DON}:
            raise DomainError(
                _("Đơn không đủ điều kiện thụ lý thì trả lời, hướng dẫn hoặc lưu đơn."),
                article=TT13,
            )
        return
    if data.handling != Handling.THU_LY:
        raise DomainError(_("Đơn thuộc thẩm quyền và đủ điều kiện thì phải thụ lý."), article=TT13)
    if not data.matters:
        raise DomainError(_("Phải ghi ít nhất một vụ việc được thụ lý."))
    limit = letter_limitation(letter)
    if limit is not None and limit.is_barred(letter.received_on):
        raise DomainError(
            _(
                "Đơn nhận ngày %(received)s, thời hiệu khiếu nại đã hết ngày %(end)s: "
                "không đủ điều kiện thụ lý (lý do “hết thời hiệu”)."
            )
            % {"received": f"{letter.received_on:%d/%m/%Y}", "end": f"{limit.end:%d/%m/%Y}"},
            article=limit.rule.source or D140,
        )


# The document each handling issues (Nghị định 30/2020/NĐ-CP: a notice "12/TB-PTHADS", a letter
# "12/PTHADS"): accepted or archived → a notice (thông báo thụ lý / không thụ lý); forwarded or
# guided → a letter (văn bản chuyển đơn, văn bản hướng dẫn).
PAPER_SERIES = {
    Handling.THU_LY: "TB",
    Handling.LUU_DON: "TB",
    Handling.CHUYEN_DON: "CV",
    Handling.HUONG_DAN: "CV",
}


def paper_number(unit: Unit, handling: str, on: dt.date) -> str:
    """The number of the handling's document, taken from the issuing unit's locked counter of
    its series and year (no gap, no duplicate: `common.counters`); inside the handling's
    transaction, so a refused handling gives its number back."""
    issuing = unit_on(unit, on)
    series = PAPER_SERIES[handling]
    number = counter_next(issuing.code, f"complaints:{series}", on.year)
    suffix = number_suffix(issuing.name)
    return f"{number}/TB-{suffix}" if series == "TB" else f"{number}/{suffix}"


def paper_number_used(letter: Complaint) -> None:
    """A number written by an import ("12/TB-PTHADS", "12/PTHADS"): its series continues after
    it, so the next handling of that unit and year never gives it again (`counter_raise`)."""
    number, _slash, rest = letter.paper_no.partition("/")
    if not (number.isdigit() and letter.handled_on):
        return
    series = "TB" if rest.startswith("TB-") else "CV"
    issuing = unit_on(letter.unit, letter.handled_on)
    counter_raise(issuing.code, f"complaints:{series}", letter.handled_on.year, int(number))


@transaction.atomic
def letter_handle(
    letter: Complaint,
    data: HandlingInput,
    *,
    expected_version: int,
    by: Any = None,
    today: dt.date | None = None,
) -> Complaint:
    """Xử lý đơn: forward (chuyển đơn, `result` "chuyen"), guide, archive — the letter is then
    settled that day — or accept (thụ lý), opening one matter per content of the letter. The
    document of the handling takes its number now (`paper_number`)."""
    not_future(data.on, today)
    _check_handling(letter, data)
    fields: dict[str, Any] = {
        "handled_on": data.on,
        "paper_no": paper_number(letter.unit, data.handling, data.on),
        "handling": data.handling,
        "competent": data.competent,
        "eligible": data.eligible if data.competent else None,
        "ineligible_reason": "" if data.eligible or not data.competent else data.ineligible_reason,
        "sent_to": data.sent_to.strip(),
    }
    if data.handling != Handling.THU_LY:
        fields["resolved_on"] = data.on
        if data.handling == Handling.CHUYEN_DON:
            fields["result"] = ComplaintResult.CHUYEN
    letter = update_with_version(letter, expected_version, author(by), **fields)
    for matter in data.matters:
        matter_accept(letter, matter, on=data.on, by=by)
    return letter
