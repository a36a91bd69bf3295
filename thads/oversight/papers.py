"""The documents of oversight, as `thads.common.paper` bodies (printed to HTML, DOCX and PDF by
the same renderers as the case documents):

- the notice of voluntary enforcement of an administrative judgment (Nghị định 71/2016/NĐ-CP,
  Điều 14 k2; the voluntary period of Luật Tố tụng hành chính 2015, Điều 311 k2, read from the
  rule table);
- the urging letter (đôn đốc) and the recommendation letter (kiến nghị) of a monitored judgment
  (Nghị định 71/2016/NĐ-CP), from a recorded step or as a draft;
- the decision opening an inspection and the inspection's conclusion with its findings and
  recommendations (Quy chế kiểm tra, QĐ 196/QĐ-TCTHADS);
- the answer to an act of the procuracy (Luật THADS 2008, Điều 12, 161).

A document whose act is recorded carries its number and date; before that it is a draft
("DỰ THẢO", no number, dated today). The agency block names the unit as it was on the day
(`org.letterhead`); the head of the unit on that day signs.
"""

from __future__ import annotations

import datetime as dt

from thads.common.money import group_thousands
from thads.common.paper import Block, Body
from thads.org.letterhead import (
    head_signature,
    header_for,
    procuracy_name,
    unit_on,
)
from thads.oversight import deadlines
from thads.oversight.models import (
    AdminJudgment,
    AdminJudgmentStep,
    AnswerResult,
    Inspection,
    ProcuracyAct,
    StepKind,
)
from thads.oversight.models.thahc import IMMEDIATE_KINDS

MISSING = "…"
FILE_LINE = "Lưu: VT, hồ sơ."
BASIS_TTHC = "Căn cứ Luật Tố tụng hành chính năm 2015;"
BASIS_71 = (
    "Căn cứ Nghị định số 71/2016/NĐ-CP ngày 01/7/2016 của Chính phủ quy định thời hạn, trình "
    "tự, thủ tục thi hành án hành chính và xử lý trách nhiệm đối với người không thi hành bản "
    "án, quyết định của Tòa án;"
)
BASIS_196 = (
    "Căn cứ Quyết định số 196/QĐ-TCTHADS ngày 03/3/2021 ban hành Quy chế kiểm tra trong Thi hành "
    "án dân sự;"
)


def day_text(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else MISSING


def _judgment_line(j: AdminJudgment) -> str:
    return (
        f"{j.get_doc_type_display().lower()} số {j.number} ngày {day_text(j.judgment_date)} "
        f"của {j.court}"
    )


# ---- administrative judgments -------------------------------------------------------------


def notice_body(j: AdminJudgment, today: dt.date) -> Body:
    """Thông báo về việc tự nguyện thi hành án hành chính (Nghị định 71/2016/NĐ-CP, Điều 14 k2):
    numbered once recorded, a draft before."""
    draft = j.notice_on is None
    day = today if draft else j.notice_on
    agency = unit_on(j.unit, day).name
    if j.kind in IMMEDIATE_KINDS:
        period = (
            "Quyết định này phải được thi hành ngay sau khi nhận được (Luật Tố tụng hành chính "
            "năm 2015, Điều 311 khoản 2)."
        )
    else:
        rule = deadlines.rule_on("thahc_tu_nguyen", day)
        period = (
            f"Thời hạn tự nguyện thi hành là {rule.days} ngày kể từ ngày người phải thi hành án "
            f"nhận được bản án, quyết định ({rule.source_text})."
        )
    return Body(
        header=header_for(j.unit, day, "" if draft else j.notice_no),
        title="THÔNG BÁO",
        subject="Về việc tự nguyện thi hành án hành chính",
        bases=[BASIS_TTHC, BASIS_71, f"Căn cứ {_judgment_line(j)};"],
        blocks=[
            Block(
                f"{agency} thông báo để {j.obliged_name} tự nguyện thi hành {_judgment_line(j)}"
                f" (người khởi kiện: {j.plaintiff}) với nội dung phải thi hành: "
                f"{j.content or MISSING}."
            ),
            Block(period),
            Block(
                "Hết thời hạn trên, người phải thi hành án thông báo kết quả thi hành cho cơ quan "
                "thi hành án dân sự và Tòa án. Người không chấp hành bản án, quyết định của Tòa "
                "án bị xử lý trách nhiệm theo Nghị định số 71/2016/NĐ-CP; người được thi hành án "
                "có quyền đề nghị Tòa án ra quyết định buộc thi hành án hành chính."
            ),
        ],
        recipients=[
            f"{j.obliged_name} (người phải thi hành án);",
            f"{j.plaintiff} (người được thi hành án);",
            f"{j.court};",
            f"{procuracy_name(unit_on(j.unit, day))};",
            FILE_LINE,
        ],
        signature=head_signature(j.unit, day),
        draft=draft,
    )


LETTER_SUBJECTS = {
    StepKind.DON_DOC: "V/v đôn đốc thi hành án hành chính",
    StepKind.KIEN_NGHI: "V/v kiến nghị về việc thi hành án hành chính",
}


def _history_lines(j: AdminJudgment, agency: str) -> list[Block]:
    lines = [
        Block(
            f"Ngày {day_text(j.received_on)}, {agency} nhận được {_judgment_line(j)} giữa người "
            f"khởi kiện {j.plaintiff} và người bị kiện {j.obliged_name}; nội dung phải thi hành: "
            f"{j.content or MISSING}."
        )
    ]
    if j.notice_on:
        lines.append(
            Block(
                f"Ngày {day_text(j.notice_on)}, {agency} đã ban hành Thông báo số {j.notice_no} "
                "về việc tự nguyện thi hành án hành chính."
            )
        )
    if j.court_order_on:
        lines.append(
            Block(
                f"Ngày {day_text(j.court_order_on)}, Tòa án đã ra Quyết định buộc thi hành án "
                f"hành chính số {j.court_order_no}."
            )
        )
    lines.append(Block(f"Đến nay, {j.obliged_name} chưa thi hành xong bản án, quyết định."))
    return lines


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
    agency = unit_on(j.unit, day).name
    if step is not None:
        recipient = step.recipient
    elif kind == StepKind.DON_DOC:
        recipient = j.obliged_name
    else:
        recipient = MISSING
    blocks = [Block(f"Kính gửi: {recipient}.", style="center"), *_history_lines(j, agency)]
    if step is not None and step.note:
        blocks.append(Block(step.note))
    elif kind == StepKind.DON_DOC:
        blocks.append(
            Block(
                f"{agency} đề nghị {j.obliged_name} khẩn trương tổ chức thi hành bản án, quyết "
                f"định nêu trên và thông báo kết quả bằng văn bản cho {agency}."
            )
        )
    else:
        blocks.append(
            Block(
                f"{agency} kiến nghị {recipient} chỉ đạo {j.obliged_name} thi hành bản án, quyết "
                "định nêu trên và xem xét trách nhiệm của người không chấp hành theo Nghị định "
                "số 71/2016/NĐ-CP."
            )
        )
    recipients = [f"{recipient};"]
    if recipient != j.obliged_name:
        recipients.append(f"{j.obliged_name};")
    return Body(
        header=header_for(j.unit, day, step.number if step else ""),
        title="",
        subject=LETTER_SUBJECTS[kind],
        blocks=blocks,
        recipients=[*recipients, f"{procuracy_name(unit_on(j.unit, day))};", FILE_LINE],
        signature=head_signature(j.unit, day),
        draft=step is None,
    )


# ---- inspections --------------------------------------------------------------------------


def _inspection_subject(i: Inspection) -> str:
    return f"Về việc {i.get_kind_display().lower()} tại {i.unit.name}"


def inspection_decision_body(i: Inspection) -> Body:
    """Quyết định kiểm tra (Quy chế kiểm tra, QĐ 196/QĐ-TCTHADS): the unit inspected, the
    content, the period inspected and the team."""
    bases = [BASIS_196]
    if i.plan_item_id:
        plan = i.plan_item.plan
        bases.append(
            f"Căn cứ Kế hoạch kiểm tra năm {plan.year} được phê duyệt tại Quyết định số "
            f"{plan.decision_no} ngày {day_text(plan.approved_on)};"
        )
    return Body(
        header=header_for(i.inspecting_unit, i.decision_on, i.decision_no),
        title="QUYẾT ĐỊNH",
        subject=_inspection_subject(i),
        bases=bases,
        blocks=[
            Block(
                f"{i.get_kind_display()} tại {i.unit.name}. Nội dung kiểm tra: {i.scope}. Thời "
                f"kỳ kiểm tra: từ ngày {day_text(i.period_from)} đến ngày "
                f"{day_text(i.period_to)}.",
                style="article",
            ),
            Block(f"Thành lập Đoàn kiểm tra gồm: {i.team}.", style="article"),
            Block(
                f"Trưởng Đoàn kiểm tra, Thủ trưởng {i.unit.name} và các cá nhân có liên quan "
                "chịu trách nhiệm thi hành Quyết định này.",
                style="article",
            ),
        ],
        recipients=["Như Điều 3;", FILE_LINE],
        signature=head_signature(i.inspecting_unit, i.decision_on),
    )


def conclusion_body(i: Inspection, today: dt.date) -> Body:
    """Kết luận kiểm tra: the files examined, the findings, the conclusion and the
    recommendations with their deadlines; a draft until the conclusion is recorded."""
    draft = i.conclusion_on is None
    day = today if draft else i.conclusion_on
    files = [f.case.code for f in i.files.select_related("case").order_by("case__code")]
    blocks = [
        Block(
            f"Thực hiện Quyết định số {i.decision_no} ngày {day_text(i.decision_on)}, Đoàn kiểm "
            f"tra đã {i.get_kind_display().lower()} tại {i.unit.name}, thời kỳ từ ngày "
            f"{day_text(i.period_from)} đến ngày {day_text(i.period_to)}, nội dung: {i.scope}; "
            f"số hồ sơ việc thi hành án được kiểm tra: {len(files)}"
            + (f" ({', '.join(files)})." if files else ".")
        ),
        Block("I. KẾT QUẢ KIỂM TRA", style="center"),
    ]
    findings = list(i.findings.select_related("case"))
    for n, f in enumerate(findings, start=1):
        where = f" (việc {f.case.code})" if f.case_id else ""
        blocks.append(Block(f"{n}. {f.get_violation_display()}{where}: {f.description}"))
    if not findings:
        blocks.append(Block("Chưa phát hiện vi phạm."))
    blocks += [Block("II. KẾT LUẬN", style="center"), Block(i.conclusion or MISSING)]
    blocks.append(Block("III. KIẾN NGHỊ", style="center"))
    recommendations = list(i.recommendations.order_by("pk"))
    for n, r in enumerate(recommendations, start=1):
        extra = []
        if r.people:
            extra.append(f"{r.people} người")
        if r.amount:
            extra.append(f"số tiền {group_thousands(r.amount)} đồng")
        detail = f" ({'; '.join(extra)})" if extra else ""
        blocks.append(
            Block(
                f"{n}. {r.get_kind_display()}{detail}: {r.content} Thời hạn thực hiện: đến ngày "
                f"{day_text(r.due_on)}."
            )
        )
    if not recommendations:
        blocks.append(Block(MISSING))
    return Body(
        header=header_for(i.inspecting_unit, day, "" if draft else i.conclusion_no),
        title="KẾT LUẬN KIỂM TRA",
        subject=_inspection_subject(i),
        bases=[
            BASIS_196,
            f"Căn cứ Quyết định số {i.decision_no} ngày {day_text(i.decision_on)} về việc kiểm "
            "tra;",
        ],
        blocks=blocks,
        recipients=[f"{i.unit.name} (để thực hiện);", FILE_LINE],
        signature=head_signature(i.inspecting_unit, day),
        draft=draft,
    )


# ---- the procuracy ------------------------------------------------------------------------

ANSWERS = {
    AnswerResult.CHAP_NHAN: "{agency} tiếp thu toàn bộ nội dung {kind} nêu trên.",
    AnswerResult.MOT_PHAN: "{agency} tiếp thu một phần nội dung {kind} nêu trên.",
    AnswerResult.KHONG: "{agency} không nhất trí với nội dung {kind} nêu trên.",
}


def procuracy_answer_body(act: ProcuracyAct, today: dt.date) -> Body:
    """Văn bản trả lời kết luận, kiến nghị, yêu cầu, kháng nghị of the procuracy (Luật THADS
    2008, Điều 12, 161): the result, the reasons and the measures; a draft until answered."""
    draft = act.answered_on is None
    day = today if draft else act.answered_on
    agency = unit_on(act.unit, day).name
    kind = act.get_kind_display().lower()
    blocks = [
        Block(f"Kính gửi: {act.procuracy}.", style="center"),
        Block(
            f"Ngày {day_text(act.received_on)}, {agency} nhận được {kind} số {act.number} ngày "
            f"{day_text(act.act_on)} của {act.procuracy} về: {act.content}"
        ),
    ]
    cases = sorted(c.code for c in act.cases.all())
    if cases:
        blocks.append(Block(f"Việc thi hành án liên quan: {', '.join(cases)}."))
    if act.answer_result:
        blocks.append(Block(ANSWERS[act.answer_result].format(agency=agency, kind=kind)))
    else:
        blocks.append(Block(f"Về nội dung {kind}, {agency} trả lời như sau: {MISSING}"))
    if act.answer_reasons:
        blocks.append(Block(f"Lý do, giải trình: {act.answer_reasons}"))
    if act.measures:
        blocks.append(Block(f"Biện pháp đã thực hiện: {act.measures}"))
    return Body(
        header=header_for(act.unit, day, "" if draft else act.answer_no),
        title="",
        subject=f"V/v trả lời {kind} số {act.number} ngày {day_text(act.act_on)}",
        blocks=blocks,
        recipients=[f"{act.procuracy};", FILE_LINE],
        signature=head_signature(act.unit, day),
        draft=draft,
    )
