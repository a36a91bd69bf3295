"""The documents of oversight, templates of the documents catalogue (family `oversight`,
`thads.documents.seed_oversight`: wording, legal basis per law version with effective dates,
recipients and signer as data) filled from the context this module supplies, through the
registry `thads.common.paper.catalogue` (oversight and documents are apps of one layer and never
import each other). Printed to HTML, DOCX and PDF by the same renderers as the case documents:

- the notice of voluntary enforcement of an administrative judgment (Nghị định 71/2016/NĐ-CP,
  Điều 14 k2; the voluntary period of Luật Tố tụng hành chính 2015, Điều 311 k2, read from the
  rule table);
- the urging letter (đôn đốc) and the recommendation letter (kiến nghị) of a monitored judgment
  (Nghị định 71/2016/NĐ-CP), from a recorded step or as a draft;
- the decision opening an inspection and the inspection's conclusion with its findings and
  recommendations (Quy chế kiểm tra, QĐ 196/QĐ-TCTHADS; QĐ 171/QĐ-TCTHADS before 03/03/2021);
- the answer to an act of the procuracy (Luật THADS 2008, Điều 12, 161).

This module only supplies the template's code, the document's date and number, the values of
the placeholders and the signer. A document whose act is recorded carries its number and date;
before that it is a draft ("DỰ THẢO", no number, dated today). The agency block names the unit
as it was on the day (`org.letterhead`); the head of the unit on that day signs. A document
dated before the catalogue's first version of its template has none (`available`): its page is
a 404 and its link is not shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from thads.common.money import group_thousands
from thads.common.paper import Body
from thads.common.paper.catalogue import catalogue_body, in_catalogue
from thads.org.letterhead import head_of, header_for, procuracy_name, unit_on
from thads.org.models import Unit
from thads.oversight import deadlines
from thads.oversight.models import (
    AdminJudgment,
    AdminJudgmentStep,
    Inspection,
    ProcuracyAct,
    StepKind,
)
from thads.oversight.models.thahc import IMMEDIATE_KINDS

MISSING = "…"
FILE_LINE = "Lưu: VT, hồ sơ."

NOTICE = "thahc-tb-tu-nguyen"
# The letter of a step kind (a step of another kind has no document).
LETTER_TEMPLATES = {
    StepKind.DON_DOC: "thahc-don-doc",
    StepKind.KIEN_NGHI: "thahc-kien-nghi",
}
INSPECTION_DECISION = "kiem-tra-qd"
INSPECTION_CONCLUSION = "kiem-tra-ket-luan"
PROCURACY_ANSWER = "vks-tra-loi"


def day_text(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else MISSING


class NoTemplate(LookupError):
    """The catalogue has no version of the document's template on its date."""


def available(code: str, day: dt.date) -> bool:
    """Whether the catalogue has a version of the template `code` on the document's date."""
    return in_catalogue(code, day)


def decision_available(i: Inspection) -> bool:
    """Whether the inspection decision can be printed (a decision dated before the first
    regulation in the catalogue, QĐ 171/QĐ-TCTHADS of 25/01/2019, cannot)."""
    return available(INSPECTION_DECISION, i.decision_on)


def _signer(unit: Unit, day: dt.date) -> str:
    """The head of the unit that carried `unit`'s work on `day` (blank when none is posted)."""
    head = head_of(unit_on(unit, day), day)
    return head.staff.full_name if head else ""


def _paper(
    code: str, unit: Unit, day: dt.date, number: str, context: dict[str, Any], draft: bool
) -> Body:
    if not available(code, day):
        raise NoTemplate(f"{code}: no template on {day:%d/%m/%Y}")
    return catalogue_body(
        code,
        day,
        {"agency": unit_on(unit, day).name, "file_line": FILE_LINE, **context},
        header=header_for(unit, day, number),
        signer_name=_signer(unit, day),
        draft=draft,
    )


# ---- administrative judgments -------------------------------------------------------------


def _judgment_context(j: AdminJudgment, day: dt.date) -> dict[str, Any]:
    return {
        "doc_type": j.get_doc_type_display().lower(),
        "judgment_no": j.number,
        "judgment_date": day_text(j.judgment_date),
        "court": j.court,
        "received_on": day_text(j.received_on),
        "plaintiff": j.plaintiff,
        "obliged": j.obliged_name,
        "content": j.content or MISSING,
        "procuracy": procuracy_name(unit_on(j.unit, day)),
    }


def notice_day(j: AdminJudgment, today: dt.date) -> dt.date:
    return j.notice_on or today


def notice_body(j: AdminJudgment, today: dt.date) -> Body:
    """Thông báo về việc tự nguyện thi hành án hành chính (Nghị định 71/2016/NĐ-CP, Điều 14 k2):
    numbered once recorded, a draft before. The voluntary period is read from the rule table
    (Luật Tố tụng hành chính 2015, Điều 311 k2); kinds e and g are enforced at once."""
    draft = j.notice_on is None
    day = notice_day(j, today)
    context = _judgment_context(j, day)
    context["immediate"] = j.kind in IMMEDIATE_KINDS
    if not context["immediate"]:
        rule = deadlines.rule_on("thahc_tu_nguyen", day)
        context.update(voluntary_days=rule.days, voluntary_source=rule.source_text)
    number = "" if draft else j.notice_no
    return _paper(NOTICE, j.unit, day, number, context, draft)


def letter_body(
    j: AdminJudgment,
    kind: str,
    today: dt.date,
    step: AdminJudgmentStep | None = None,
) -> Body:
    """Văn bản đôn đốc or kiến nghị (Nghị định 71/2016/NĐ-CP): from a recorded step (its number,
    date, recipient and content), or a draft addressed to the obliged party (đôn đốc) or to its
    superior, to be named (kiến nghị)."""
    day = step.on if step else today
    if step is not None:
        recipient = step.recipient
    elif kind == StepKind.DON_DOC:
        recipient = j.obliged_name
    else:
        recipient = MISSING
    context = _judgment_context(j, day)
    context.update(
        {
            "recipient": recipient,
            # The obliged party gets a copy of a letter addressed to someone else.
            "obliged_copy": recipient != j.obliged_name,
            "notice_on": day_text(j.notice_on) if j.notice_on else "",
            "notice_no": j.notice_no,
            "court_order_on": day_text(j.court_order_on) if j.court_order_on else "",
            "court_order_no": j.court_order_no,
            "note": step.note if step is not None else "",
        }
    )
    number = step.number if step else ""
    return _paper(LETTER_TEMPLATES[kind], j.unit, day, number, context, step is None)


# ---- inspections --------------------------------------------------------------------------


def _inspection_context(i: Inspection) -> dict[str, Any]:
    return {
        "inspection_kind": i.get_kind_display().lower(),
        "inspection_kind_title": i.get_kind_display(),
        "inspected": i.unit.name,
        "scope": i.scope,
        "period_from": day_text(i.period_from),
        "period_to": day_text(i.period_to),
        "decision_no": i.decision_no,
        "decision_on": day_text(i.decision_on),
    }


def conclusion_day(i: Inspection, today: dt.date) -> dt.date:
    return i.conclusion_on or today


def inspection_decision_body(i: Inspection) -> Body:
    """Quyết định kiểm tra (Quy chế kiểm tra, QĐ 196/QĐ-TCTHADS): the unit inspected, the
    content, the period inspected and the team; the approved plan it carries out, if any."""
    context = _inspection_context(i)
    context["team"] = i.team
    if i.plan_item_id:
        plan = i.plan_item.plan
        context.update(
            plan_year=plan.year,
            plan_decision_no=plan.decision_no,
            plan_approved_on=day_text(plan.approved_on),
        )
    return _paper(
        INSPECTION_DECISION, i.inspecting_unit, i.decision_on, i.decision_no, context, False
    )


def conclusion_body(i: Inspection, today: dt.date) -> Body:
    """Kết luận kiểm tra: the files examined, the findings, the conclusion and the
    recommendations with their deadlines; a draft until the conclusion is recorded."""
    draft = i.conclusion_on is None
    day = conclusion_day(i, today)
    files = [f.case.code for f in i.files.select_related("case").order_by("case__code")]
    context = _inspection_context(i)
    context.update(
        {
            "file_count": len(files),
            "files": ", ".join(files),
            "findings": [
                {
                    "n": n,
                    "violation": f.get_violation_display(),
                    "case": f.case.code if f.case_id else "",
                    "description": f.description,
                }
                for n, f in enumerate(i.findings.select_related("case"), start=1)
            ],
            "conclusion": i.conclusion or MISSING,
            "recommendations": [
                {
                    "n": n,
                    "kind": r.get_kind_display(),
                    "people": r.people or "",
                    "amount": group_thousands(r.amount) if r.amount else "",
                    "content": r.content,
                    "due_on": day_text(r.due_on),
                }
                for n, r in enumerate(i.recommendations.order_by("pk"), start=1)
            ],
        }
    )
    number = "" if draft else i.conclusion_no
    return _paper(INSPECTION_CONCLUSION, i.inspecting_unit, day, number, context, draft)


# ---- the procuracy ------------------------------------------------------------------------


def answer_day(act: ProcuracyAct, today: dt.date) -> dt.date:
    return act.answered_on or today


def procuracy_answer_body(act: ProcuracyAct, today: dt.date) -> Body:
    """Văn bản trả lời kết luận, kiến nghị, yêu cầu, kháng nghị of the procuracy (Luật THADS
    2008, Điều 12, 161): the result, the reasons and the measures; a draft until answered."""
    draft = act.answered_on is None
    day = answer_day(act, today)
    context = {
        "procuracy": act.procuracy,
        "act_kind": act.get_kind_display().lower(),
        "act_no": act.number,
        "act_on": day_text(act.act_on),
        "received_on": day_text(act.received_on),
        "act_content": act.content,
        "cases": ", ".join(sorted(c.code for c in act.cases.all())),
        "answer_result": act.answer_result,
        "reasons": act.answer_reasons,
        "measures": act.measures,
    }
    number = "" if draft else act.answer_no
    return _paper(PROCURACY_ANSWER, act.unit, day, number, context, draft)
