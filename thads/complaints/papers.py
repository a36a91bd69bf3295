"""The documents of the complaint handling, as `thads.common.paper` bodies (printed to HTML,
DOCX and PDF by the same renderers as the case documents):

- the notice of acceptance (thông báo thụ lý) of a letter accepted for resolution, and the
  notice that a letter is not accepted (thông báo không thụ lý: not competent, ineligible,
  guided or archived) — Luật THADS 2008, Điều 142 (thụ lý), Luật Khiếu nại 2011, Điều 27 and
  Luật Tố cáo 2018, Điều 29 for the notices (the THADS-specific forms of TT 13/2021 are
  unverified: oversight.md §E);
- the forwarding letter (văn bản chuyển đơn) of a letter sent to the competent body;
- the document resolving a matter: the decision on a complaint (first or second instance,
  Luật THADS 2008, Điều 142–143), the decision to stop resolving it after a withdrawal, the
  conclusion on a denunciation (Luật Tố cáo 2018, Điều 35) or the answer to a petition;
- the minutes of a citizen reception session (biên bản tiếp công dân, Luật Tiếp công dân 2013,
  Điều 25–28).

A document whose act is recorded carries its date (and the decision its number); before that it
is a draft ("DỰ THẢO", dated today). The agency block names the unit as it was on the day
(`org.letterhead`); the head of the unit on that day signs. A denouncer's name is printed only
for who may see it (`permissions.may_see_identity`); otherwise it reads as withheld.
"""

from __future__ import annotations

import datetime as dt

from thads.common.paper import Block, Body, Signature
from thads.complaints.models import (
    Complaint,
    Handling,
    Matter,
    MatterKind,
    MatterOutcome,
    ReceptionSession,
    StepKind,
)
from thads.org.letterhead import head_signature, header_for, unit_on

MISSING = "…"
FILE_LINE = "Lưu: VT, hồ sơ giải quyết đơn."
WITHHELD = "người tố cáo (thông tin được giữ bí mật theo Luật Tố cáo 2018, Điều 47)"
BASIS_THADS = "Căn cứ Luật Thi hành án dân sự năm 2008 (sửa đổi, bổ sung);"
BASIS_KN = "Căn cứ Luật Khiếu nại năm 2011;"
BASIS_TC = "Căn cứ Luật Tố cáo năm 2018;"
BASIS_TCD = "Căn cứ Luật Tiếp công dân năm 2013;"


def day_text(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else MISSING


def senders_text(letter: Complaint, show_identity: bool) -> str:
    """The senders as printed: their names (the representative marked), or withheld."""
    if not show_identity:
        return WITHHELD
    names = [
        f"{s.name} (người đại diện)" if s.is_representative else s.name
        for s in letter.senders.all()
    ]
    return ", ".join(names) or MISSING


def _letter_line(letter: Complaint, agency: str) -> str:
    kind = letter.get_kind_display().lower()
    return (
        f"Ngày {day_text(letter.received_on)}, {agency} nhận được đơn {kind} (số vào sổ "
        f"{letter.code})"
    )


def _bases(kind: str) -> list[str]:
    return [BASIS_THADS, BASIS_TC if kind == MatterKind.TO_CAO else BASIS_KN]


# ---- letters ----------------------------------------------------------------------------------


def acceptance_body(
    letter: Complaint, matters: list[Matter], show_identity: bool, today: dt.date
) -> Body:
    """Thông báo thụ lý giải quyết: the matters accepted, their resolver and deadline."""
    day = letter.handled_on or today
    agency = unit_on(letter.unit, day).name
    who = senders_text(letter, show_identity)
    blocks = [
        Block(f"{_letter_line(letter, agency)} của {who}. Nội dung: {letter.summary or MISSING}."),
        Block(f"{agency} thụ lý giải quyết các nội dung sau:"),
    ]
    for m in matters:
        instance = f", lần {m.instance}" if m.instance else ""
        blocks.append(
            Block(
                f"{m.get_kind_display()}{instance} (mã {m.code}), thụ lý ngày "
                f"{day_text(m.accepted_on)}; cơ quan giải quyết: {m.resolver_unit.name}; thời "
                f"hạn giải quyết đến ngày {day_text(m.due_on)}.",
                style="article",
            )
        )
    return Body(
        header=header_for(letter.unit, day),
        title="THÔNG BÁO",
        subject="Về việc thụ lý giải quyết đơn",
        bases=_bases(matters[0].kind if matters else letter.kind),
        blocks=blocks,
        recipients=[f"{who};", FILE_LINE],
        signature=head_signature(letter.unit, day),
        draft=letter.handled_on is None,
    )


def refusal_body(letter: Complaint, show_identity: bool, today: dt.date) -> Body:
    """Thông báo không thụ lý (not competent, ineligible with its reason, guided, archived) or
    the forwarding letter (văn bản chuyển đơn) of a letter sent to the competent body."""
    day = letter.handled_on or today
    agency = unit_on(letter.unit, day).name
    who = senders_text(letter, show_identity)
    opening = Block(
        f"{_letter_line(letter, agency)} của {who}. Nội dung: {letter.summary or MISSING}."
    )
    if letter.handling == Handling.CHUYEN_DON:
        return Body(
            header=header_for(letter.unit, day),
            title="",
            subject="V/v chuyển đơn",
            bases=[],
            blocks=[
                opening,
                Block(
                    f"Nội dung đơn không thuộc thẩm quyền giải quyết của {agency}. Căn cứ Luật "
                    f"Khiếu nại năm 2011, Điều 27 và Luật Tố cáo năm 2018, Điều 24, {agency} "
                    f"chuyển đơn đến {letter.sent_to or MISSING} để xem xét, giải quyết theo "
                    "thẩm quyền và thông báo cho người gửi đơn biết."
                ),
            ],
            recipients=[f"{letter.sent_to or MISSING};", f"{who} (để biết);", FILE_LINE],
            signature=head_signature(letter.unit, day),
            draft=letter.handled_on is None,
        )
    if letter.competent is False:
        reason = "nội dung đơn không thuộc thẩm quyền giải quyết"
    elif letter.eligible is False:
        reason = f"đơn không đủ điều kiện thụ lý: {letter.get_ineligible_reason_display().lower()}"
    else:
        reason = "nội dung đơn không phải thụ lý giải quyết"
    blocks = [opening, Block(f"{agency} không thụ lý giải quyết đơn vì {reason}.")]
    if letter.handling == Handling.HUONG_DAN:
        blocks.append(
            Block(
                f"Đề nghị người gửi đơn gửi đơn đến {letter.sent_to or MISSING} để được giải quyết."
            )
        )
    return Body(
        header=header_for(letter.unit, day),
        title="THÔNG BÁO",
        subject="Về việc không thụ lý giải quyết đơn",
        bases=_bases(letter.kind),
        blocks=blocks,
        recipients=[f"{who};", FILE_LINE],
        signature=head_signature(letter.unit, day),
        draft=letter.handled_on is None,
    )


# ---- matters ----------------------------------------------------------------------------------


def resolution_title(matter: Matter) -> tuple[str, str]:
    """(title, subject) of the document resolving a matter, by its kind and outcome."""
    if matter.outcome == MatterOutcome.RUT:
        return "QUYẾT ĐỊNH", "Về việc đình chỉ giải quyết"
    if matter.kind == MatterKind.TO_CAO:
        return "KẾT LUẬN", "Nội dung tố cáo"
    if matter.kind in (MatterKind.KIEN_NGHI, MatterKind.PHAN_ANH):
        return "", "V/v trả lời kiến nghị, phản ánh"
    instance = "lần hai" if matter.instance == 2 else "lần đầu"
    return "QUYẾT ĐỊNH", f"Về việc giải quyết khiếu nại {instance}"


VERDICTS = {
    MatterOutcome.DUNG: "đúng",
    MatterOutcome.SAI: "sai",
    MatterOutcome.DUNG_MOT_PHAN: "đúng một phần",
}


def resolution_body(matter: Matter, show_identity: bool, today: dt.date) -> Body:
    """The decision on a complaint, the stop after a withdrawal, the conclusion on a
    denunciation or the answer to a petition, with the steps that led to it."""
    day = matter.resolved_on or today
    agency = unit_on(matter.resolver_unit, day).name
    letter = matter.letter
    who = senders_text(letter, show_identity)
    title, subject = resolution_title(matter)
    blocks = [
        Block(
            f"{_letter_line(letter, agency)} của {who}; thụ lý ngày {day_text(matter.accepted_on)}"
            f" (mã {matter.code}). Nội dung: {matter.summary or letter.summary or MISSING}."
        )
    ]
    for step in matter.steps.filter(kind__in=[StepKind.XAC_MINH, StepKind.DOI_THOAI]):
        blocks.append(Block(f"Ngày {day_text(step.on)}: {step.get_kind_display()} — {step.note}"))
    verdict = VERDICTS.get(matter.outcome)
    if matter.outcome == MatterOutcome.RUT:
        blocks.append(
            Block(
                f"Đình chỉ giải quyết {matter.get_kind_display().lower()} mã {matter.code} do "
                "người gửi đơn rút đơn.",
                style="article",
            )
        )
    elif verdict:
        blocks.append(
            Block(f"Nội dung {matter.get_kind_display().lower()} là {verdict}.", style="article")
        )
        blocks.append(Block(f"Biện pháp xử lý: {matter.measures or MISSING}.", style="article"))
    elif matter.outcome == MatterOutcome.TRA_LOI:
        blocks.append(Block(f"Trả lời: {matter.measures or MISSING}."))
    else:
        blocks.append(Block(f"Kết quả giải quyết: {MISSING}.", style="article"))
    recipients = [f"{who};"]
    if matter.subject_staff_id:
        recipients.append(f"{matter.subject_staff.full_name} (người bị khiếu nại, tố cáo);")
    return Body(
        header=header_for(
            matter.resolver_unit, day, matter.decision_no if matter.resolved_on else ""
        ),
        title=title,
        subject=subject,
        bases=_bases(matter.kind),
        blocks=blocks,
        recipients=[*recipients, FILE_LINE],
        signature=head_signature(matter.resolver_unit, day),
        draft=matter.resolved_on is None,
    )


# ---- reception --------------------------------------------------------------------------------


def minutes_body(session: ReceptionSession) -> Body:
    """Biên bản tiếp công dân: when, where, who received, the counts, content and outcome."""
    day = session.held_on
    agency = unit_on(session.unit, day).name
    host = session.host.full_name if session.host_id else MISSING
    leader = " (lãnh đạo tiếp)" if session.by_leader else ""
    letters = list(session.letters.order_by("code").values_list("code", flat=True))
    blocks = [
        Block(
            f"Hôm nay, ngày {day_text(day)}, tại {session.place or MISSING}, {agency} tổ chức "
            f"tiếp công dân {session.get_form_display().lower()}; người tiếp: {host}{leader}."
        ),
        Block(
            f"Số lượt tiếp: {session.visits}; số người: {session.people}; số vụ việc: "
            f"{session.matters} ({session.matters_old} cũ, {session.matters_new} mới phát sinh),"
            f" trong đó khiếu nại {session.about_khieu_nai}, tố cáo {session.about_to_cao}, "
            f"kiến nghị, phản ánh {session.about_kien_nghi}; đoàn đông người: {session.groups} "
            f"đoàn, {session.group_people} người, {session.group_matters} vụ việc."
        ),
        Block(f"Nội dung trình bày: {session.content or MISSING}."),
        Block(f"Kết quả tiếp: {session.outcome or MISSING}."),
    ]
    if letters:
        blocks.append(Block(f"Đơn nhận tại buổi tiếp (đã vào sổ): {', '.join(letters)}."))
    return Body(
        header=header_for(session.unit, day),
        title="BIÊN BẢN",
        subject="Tiếp công dân",
        bases=[BASIS_TCD],
        blocks=blocks,
        recipients=[FILE_LINE],
        signature=Signature(role="NGƯỜI TIẾP CÔNG DÂN", name=host if session.host_id else ""),
        draft=False,
    )
