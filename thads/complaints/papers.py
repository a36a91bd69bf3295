"""The documents of the complaint handling, drawn from the template catalogue (issue 11's
templates as versioned data, family `complaint`: `documents.seed_complaints`). This module only
supplies what the complaint handling knows — which template, the document's date and number, the
values of its placeholders, the signer — and `common.paper.catalogue.catalogue_body` composes it
with the template in force that day, printed by the same renderers as the case documents:

- of a letter, the document of its handling (`letter_paper`): the notice of acceptance
  (thông báo thụ lý) listing the matters opened; the notice of refusal (không thụ lý) of a letter
  archived; the forwarding letter (văn bản chuyển đơn) of a letter sent to the competent body;
  the guidance letter (văn bản hướng dẫn) of a letter whose sender is guided — numbered at
  handling (`services.letters.paper_number`);
- of a matter, the document resolving it (`matter_paper`): the decision on a complaint, first or
  second instance, the decision to stop resolving it after a withdrawal (đình chỉ), the
  conclusion on a denunciation, the answer to a petition — numbered as the resolver typed it;
- the minutes of a dialogue step of a matter (biên bản đối thoại, `dialogue_paper`) and of a
  citizen reception session (biên bản tiếp công dân, `minutes_paper`).

The agency block names the unit as it was on the document's date (`org.letterhead`); the head of
the unit on that day signs. A denouncer's identity (Luật Tố cáo 2018, Điều 47) is printed only
on the documents sent to the denouncer (the acceptance notice, the letters), and only for who
may see it (`permissions.may_see_identity`); a document resolving a denunciation goes to the
person denounced, so it never carries it, whoever prints it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thads.common.paper import Body
from thads.common.paper.catalogue import catalogue_body, in_catalogue
from thads.complaints.models import (
    Complaint,
    Handling,
    Matter,
    MatterKind,
    MatterOutcome,
    MatterStep,
    ReceptionSession,
    StepKind,
)
from thads.org.letterhead import head_of, header_for, procuracy_name, unit_on
from thads.org.models import Unit

MISSING = "…"
FILE_LINE = "Lưu: VT, hồ sơ giải quyết đơn."
WITHHELD = "người tố cáo (thông tin được giữ bí mật theo Luật Tố cáo 2018, Điều 47)"


@dataclass(frozen=True)
class LetterPaper:
    """The one document a letter's handling issues: its page slug, template and the label of
    its link on the letter's page."""

    slug: str
    code: str
    link: str | Promise


LETTER_PAPERS = {
    Handling.THU_LY: LetterPaper("thong-bao-thu-ly", "kntc-tb-thu-ly", _("In thông báo thụ lý")),
    Handling.LUU_DON: LetterPaper(
        "thong-bao-khong-thu-ly", "kntc-tb-khong-thu-ly", _("In thông báo không thụ lý")
    ),
    Handling.CHUYEN_DON: LetterPaper("chuyen-don", "kntc-chuyen-don", _("In văn bản chuyển đơn")),
    Handling.HUONG_DAN: LetterPaper("huong-dan", "kntc-huong-dan", _("In văn bản hướng dẫn")),
}
DIALOGUE = "kntc-bb-doi-thoai"
RECEPTION = "kntc-bb-tiep-cong-dan"


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


def _kinds(kinds: set[str]) -> dict[str, bool]:
    """The flags the templates' conditions read: which law the document rests on."""
    return {
        "khieu_nai": MatterKind.KHIEU_NAI in kinds,
        "to_cao": MatterKind.TO_CAO in kinds,
        "kien_nghi": bool(kinds & {MatterKind.KIEN_NGHI, MatterKind.PHAN_ANH}),
    }


def _signer(unit: Unit, day: dt.date) -> str:
    head = head_of(unit, day)
    return head.staff.full_name if head else ""


def _base(letter: Complaint, issuing: Unit, senders: str) -> dict[str, Any]:
    return {
        "agency": issuing.name,
        "procuracy": procuracy_name(issuing),
        "received_on": day_text(letter.received_on),
        "kind_label": letter.get_kind_display().lower(),
        "letter_code": letter.code,
        "senders": senders,
        "summary": letter.summary or MISSING,
        "file_line": FILE_LINE,
    }


def complained_text(matter: Matter) -> str:
    """Who (or what) the matter is about: the officer, else the decision or act named."""
    if matter.subject_staff_id:
        return matter.subject_staff.full_name
    return matter.letter.subject_detail or matter.get_subject_role_display()


# ---- letters ----------------------------------------------------------------------------------


def letter_paper_of(letter: Complaint, today: dt.date) -> LetterPaper | None:
    """The document the letter's handling issues: None before it is handled, for a duplicate
    (archived with the letter it repeats, it issues nothing), and when the catalogue has no
    version of its template on the handling date (before 2021: documents.seed_complaints)."""
    paper = LETTER_PAPERS.get(letter.handling)
    if paper is None or letter.duplicate_of_id:
        return None
    return paper if in_catalogue(paper.code, letter.handled_on or today) else None


def refusal_reason(letter: Complaint, agency: str) -> str:
    """Why a letter is not accepted, as the notice and the guidance letter write it."""
    if letter.competent is False:
        return f"không thuộc thẩm quyền giải quyết của {agency}"
    if letter.eligible is False:
        return f"không đủ điều kiện thụ lý ({letter.get_ineligible_reason_display().lower()})"
    return "không phải thụ lý giải quyết"


def letter_paper(
    letter: Complaint, matters: list[Matter], show_identity: bool, today: dt.date
) -> Body:
    """The document of the letter's handling, numbered and dated as handled."""
    paper = letter_paper_of(letter, today)
    if paper is None:
        raise ValueError(f"{letter.code}: not handled, no document")
    day = letter.handled_on or today
    issuing = unit_on(letter.unit, day)
    context = _base(letter, issuing, senders_text(letter, show_identity))
    kinds = {m.kind for m in matters} or {letter.kind}
    context.update(_kinds(kinds))
    context["sent_to"] = letter.sent_to or MISSING
    context["reason"] = refusal_reason(letter, issuing.name)
    context["matters"] = [
        {
            "kind": m.get_kind_display(),
            "instance": f", lần {m.instance}" if m.instance else "",
            "code": m.code,
            "accepted_on": day_text(m.accepted_on),
            "resolver": m.resolver_unit.name,
            "due_on": day_text(m.due_on),
        }
        for m in matters
    ]
    people = {complained_text(m) for m in matters if m.kind == MatterKind.KHIEU_NAI}
    if people and not context["to_cao"]:
        # The person complained of is told of the acceptance; never the person denounced, to
        # whom this notice would show the denouncer.
        context["complained"] = ", ".join(sorted(people))
    return catalogue_body(
        paper.code,
        day,
        context,
        header=header_for(letter.unit, day, letter.paper_no),
        signer_name=_signer(issuing, day),
        draft=letter.handled_on is None,
    )


# ---- matters ----------------------------------------------------------------------------------


def matter_template(matter: Matter) -> str:
    """The template resolving a matter, by its kind, instance and outcome."""
    if matter.outcome == MatterOutcome.RUT:
        return "kntc-qd-dinh-chi"
    if matter.kind == MatterKind.TO_CAO:
        return "kntc-ket-luan-to-cao"
    if matter.kind in (MatterKind.KIEN_NGHI, MatterKind.PHAN_ANH):
        return "kntc-tra-loi"
    return "kntc-qd-lan-hai" if matter.instance == 2 else "kntc-qd-lan-dau"


def matter_paper_available(matter: Matter, today: dt.date) -> bool:
    """Whether the matter's resolving document has a template on its date (or today's)."""
    return in_catalogue(matter_template(matter), matter.resolved_on or today)


def dialogue_steps_printable(steps: list[MatterStep]) -> set[int]:
    """The dialogue steps whose minutes the catalogue can print (by the step's date)."""
    return {s.pk for s in steps if s.kind == StepKind.DOI_THOAI and in_catalogue(DIALOGUE, s.on)}


def minutes_available(session: ReceptionSession) -> bool:
    return in_catalogue(RECEPTION, session.held_on)


VERDICTS = {
    MatterOutcome.DUNG: "đúng",
    MatterOutcome.SAI: "sai",
    MatterOutcome.DUNG_MOT_PHAN: "đúng một phần",
}


def _matter_context(matter: Matter, issuing: Unit, show_identity: bool) -> dict[str, Any]:
    letter = matter.letter
    # A denunciation's documents reach the person denounced: never the denouncer's identity.
    show = show_identity and matter.kind != MatterKind.TO_CAO
    context = _base(letter, issuing, senders_text(letter, show))
    context.update(_kinds({matter.kind}))
    context.update(
        {
            "kind_label": matter.get_kind_display().lower(),
            "matter_code": matter.code,
            "accepted_on": day_text(matter.accepted_on),
            "matter_summary": matter.summary or letter.summary or MISSING,
            "complained": complained_text(matter),
        }
    )
    return context


def matter_paper(matter: Matter, show_identity: bool, today: dt.date) -> Body:
    """The decision, conclusion or answer resolving the matter (a draft dated today until it
    is resolved), with the verification and dialogue steps that led to it."""
    day = matter.resolved_on or today
    issuing = unit_on(matter.resolver_unit, day)
    context = _matter_context(matter, issuing, show_identity)
    steps = matter.steps.filter(kind__in=[StepKind.XAC_MINH, StepKind.DOI_THOAI])
    context["steps"] = [
        {"on": day_text(s.on), "kind": s.get_kind_display(), "note": s.note} for s in steps
    ]
    context["verdict"] = VERDICTS.get(matter.outcome, MISSING)
    context["measures"] = matter.measures or MISSING
    if matter.outcome == MatterOutcome.RUT:
        withdrawal = matter.steps.filter(kind=StepKind.RUT_DON).last()
        context["withdrawn_on"] = day_text(withdrawal.on if withdrawal else matter.resolved_on)
        context["withdraw_note"] = withdrawal.note if withdrawal else ""
    number = matter.decision_no if matter.resolved_on else ""
    return catalogue_body(
        matter_template(matter),
        day,
        context,
        header=header_for(matter.resolver_unit, day, number),
        signer_name=_signer(issuing, day),
        draft=matter.resolved_on is None,
    )


def dialogue_paper(step: MatterStep, show_identity: bool) -> Body:
    """Biên bản đối thoại of a dialogue step (Luật Khiếu nại 2011: the resolver meets the
    complainant and the person complained of): who took part, what each side said. Minutes
    carry no number; the verifier (or the head) who held it records it."""
    matter = step.matter
    issuing = unit_on(matter.resolver_unit, step.on)
    context = _matter_context(matter, issuing, show_identity)
    host = matter.verifier.full_name if matter.verifier_id else _signer(issuing, step.on)
    context.update(
        {"dialogue_on": day_text(step.on), "dialogue_note": step.note, "host": host or MISSING}
    )
    return catalogue_body(
        DIALOGUE,
        step.on,
        context,
        header=header_for(matter.resolver_unit, step.on),
        signer_name=host,
    )


# ---- reception --------------------------------------------------------------------------------


def minutes_paper(session: ReceptionSession) -> Body:
    """Biên bản tiếp công dân: when, where, who received, the counts, content and outcome."""
    day = session.held_on
    issuing = unit_on(session.unit, day)
    host = session.host.full_name if session.host_id else ""
    letters = session.letters.order_by("code").values_list("code", flat=True)
    context = {
        "agency": issuing.name,
        "held_on": day_text(day),
        "place": session.place or MISSING,
        "form": session.get_form_display().lower(),
        "host": host or MISSING,
        "by_leader": " (lãnh đạo tiếp)" if session.by_leader else "",
        "visits": session.visits,
        "people": session.people,
        "session_matters": session.matters,
        "matters_old": session.matters_old,
        "matters_new": session.matters_new,
        "about_khieu_nai": session.about_khieu_nai,
        "about_to_cao": session.about_to_cao,
        "about_kien_nghi": session.about_kien_nghi,
        "groups": session.groups,
        "group_people": session.group_people,
        "group_matters": session.group_matters,
        "content": session.content or MISSING,
        "outcome": session.outcome or MISSING,
        "letters": ", ".join(letters),
        "file_line": FILE_LINE,
    }
    return catalogue_body(
        RECEPTION, day, context, header=header_for(session.unit, day),
        signer_name=host,
    )  # fmt: skip
