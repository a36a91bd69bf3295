"""Interchange records of oversight: `admin_judgment`, `inspection`, `procuracy_act`,
`inspection_plan`, `exemption_dossier` (docs/interchange-notes.md). Read with the importer's
`_Reader` (typed fields, every problem of a line reported), checked against the file and the
database (units, staff, cases, codes), written in the import's transaction after the cases;
exported by `importer.oversight_export`.
"""

from __future__ import annotations

from thads.interchange.importer import oversight_plans
from thads.interchange.importer.oversight_fields import (
    _case_ids,
    _fields,
    _list,
    _people,
    _staff,
    _sub,
    _unit,
)
from thads.oversight.models import (
    AdminJudgment,
    AdminJudgmentStep,
    AnswerResult,
    Finding,
    Inspection,
    InspectionFile,
    InspectionKind,
    JudgmentKind311,
    ObligedBody,
    Outcome,
    ProcuracyAct,
    ProcuracyActKind,
    Recommendation,
    RecommendationFollowUp,
    RecommendationKind,
    StepKind,
    ViolationKind,
)
from thads.oversight.models.procuracy import ProcuracyLevel
from thads.oversight.models.thahc import DocType, Instance

TYPES = (
    "admin_judgment",
    "inspection",
    "procuracy_act",
    "inspection_plan",
    "exemption_dossier",
)


def parse_admin_judgment(r, line: int) -> dict:
    c = r.choice
    return {
        "type": "admin_judgment",
        "line": line,
        **_fields(
            r,
            [
                ("code", lambda: r.get("code", r.text)),
                ("unit", lambda: r.get("unit", r.text)),
                ("court", lambda: r.get("court", r.text)),
                ("number", lambda: r.get("number", r.text)),
                ("judgment_date", lambda: r.get("judgment_date", r.date)),
                ("instance", lambda: r.get("instance", c(tuple(Instance.values)))),
                ("doc_type", lambda: r.get("doc_type", c(tuple(DocType.values)))),
                ("kind", lambda: r.get("kind", c(tuple(JudgmentKind311.values)))),
                ("received_on", lambda: r.get("received_on", r.date)),
                ("plaintiff", lambda: r.get("plaintiff", r.text)),
                ("obliged_name", lambda: r.get("obliged_name", r.text)),
                ("obliged_body", lambda: r.get("obliged_body", c(tuple(ObligedBody.values)))),
                ("has_content", lambda: r.get("has_content", r.boolean)),
                ("content", lambda: r.get("content", r.any_text, optional=True, default="")),
                ("officer", lambda: r.get("officer", r.text, optional=True)),
                (
                    "notice",
                    lambda: _sub(r, "notice", "notice", "thông báo: ", lambda s: {
                        "number": s.get("number", s.text),
                        "on": s.get("on", s.date),
                        "delivered_on": s.get("delivered_on", s.date, optional=True),
                    }),
                ),
                (
                    "obliged_received_on",
                    lambda: r.get("obliged_received_on", r.date, optional=True),
                ),
                (
                    "court_order",
                    lambda: _sub(r, "court_order", "court_order", "quyết định buộc: ", lambda s: {
                        "number": s.get("number", s.text), "on": s.get("on", s.date)
                    }),
                ),
                (
                    "published",
                    lambda: _sub(r, "published", "published", "công khai: ", lambda s: {
                        "on": s.get("on", s.date), "where": s.get("where", s.text)
                    }),
                ),
                (
                    "outcome",
                    lambda: _sub(r, "outcome", "outcome", "kết quả: ", lambda s: {
                        "kind": s.get("kind", s.choice(tuple(Outcome.values))),
                        "on": s.get("on", s.date),
                    }),
                ),
                (
                    "not_done_reason",
                    lambda: r.get("not_done_reason", r.any_text, optional=True, default=""),
                ),
                (
                    "steps",
                    lambda: _list(r, "steps", "step", "bước", lambda s: {
                        "kind": s.get("kind", s.choice(tuple(StepKind.values))),
                        "on": s.get("on", s.date),
                        "number": s.get("number", s.any_text, optional=True, default=""),
                        "recipient": s.get("recipient", s.any_text, optional=True, default=""),
                        "note": s.get("note", s.any_text, optional=True, default=""),
                    }),
                ),
            ],
        ),
    }  # fmt: skip


def parse_inspection(r, line: int) -> dict:
    def recommendation(s) -> dict:
        return {
            "kind": s.get("kind", s.choice(tuple(RecommendationKind.values))),
            "content": s.get("content", s.text),
            "people": s.get("people", _people(s), optional=True, default=0),
            "amount": s.get("amount", s.money, optional=True, default=0),
            "issued_on": s.get("issued_on", s.date),
            "due_on": s.get("due_on", s.date),
            "closed_on": s.get("closed_on", s.date, optional=True),
            "result": s.get("result", s.any_text, optional=True, default=""),
            "follow_ups": _list(s, "follow_ups", "follow_up", "lần theo dõi", lambda f: {
                "on": f.get("on", f.date), "note": f.get("note", f.text)
            }),
        }  # fmt: skip

    return {
        "type": "inspection",
        "line": line,
        **_fields(
            r,
            [
                ("code", lambda: r.get("code", r.text)),
                ("inspecting_unit", lambda: r.get("inspecting_unit", r.text)),
                ("unit", lambda: r.get("unit", r.text)),
                ("kind", lambda: r.get("kind", r.choice(tuple(InspectionKind.values)))),
                ("decision_no", lambda: r.get("decision_no", r.text)),
                ("decision_on", lambda: r.get("decision_on", r.date)),
                ("team", lambda: r.get("team", r.text)),
                ("scope", lambda: r.get("scope", r.text)),
                ("period_from", lambda: r.get("period_from", r.date)),
                ("period_to", lambda: r.get("period_to", r.date)),
                (
                    "conclusion",
                    lambda: _sub(r, "conclusion", "conclusion", "kết luận: ", lambda s: {
                        "number": s.get("number", s.text),
                        "on": s.get("on", s.date),
                        "text": s.get("text", s.text),
                    }),
                ),
                ("files", lambda: _list(r, "files", "code", "hồ sơ", None)),
                (
                    "findings",
                    lambda: _list(r, "findings", "finding", "vi phạm", lambda s: {
                        "violation": s.get("violation", s.choice(tuple(ViolationKind.values))),
                        "description": s.get("description", s.text),
                        "case": s.get("case", s.text, optional=True),
                    }),
                ),
                (
                    "recommendations",
                    lambda: _list(r, "recommendations", "recommendation", "kiến nghị",
                                  recommendation),
                ),
            ],
        ),
    }  # fmt: skip


def parse_procuracy_act(r, line: int) -> dict:
    return {
        "type": "procuracy_act",
        "line": line,
        **_fields(
            r,
            [
                ("unit", lambda: r.get("unit", r.text)),
                ("kind", lambda: r.get("kind", r.choice(tuple(ProcuracyActKind.values)))),
                ("level", lambda: r.get("level", r.choice(tuple(ProcuracyLevel.values)))),
                ("procuracy", lambda: r.get("procuracy", r.text)),
                ("number", lambda: r.get("number", r.text)),
                ("act_on", lambda: r.get("act_on", r.date)),
                ("received_on", lambda: r.get("received_on", r.date)),
                ("content", lambda: r.get("content", r.text)),
                ("decisions", lambda: r.get("decisions", r.any_text, optional=True, default="")),
                ("decision_received_on",
                 lambda: r.get("decision_received_on", r.date, optional=True)),
                ("cases", lambda: _list(r, "cases", "code", "việc", None)),
                ("answer_due", lambda: r.get("answer_due", r.date)),
                ("answer_rule", lambda: r.get("answer_rule", r.any_text, optional=True,
                                              default="")),
                (
                    "answer",
                    lambda: _sub(r, "answer", "answer", "trả lời: ", lambda s: {
                        "number": s.get("number", s.text),
                        "on": s.get("on", s.date),
                        "result": s.get("result", s.choice(tuple(AnswerResult.values))),
                        "reasons": s.get("reasons", s.any_text, optional=True, default=""),
                        "measures": s.get("measures", s.any_text, optional=True, default=""),
                    }),
                ),
            ],
        ),
    }  # fmt: skip


PARSERS = {
    "admin_judgment": parse_admin_judgment,
    "inspection": parse_inspection,
    "procuracy_act": parse_procuracy_act,
    "inspection_plan": oversight_plans.parse_inspection_plan,
    "exemption_dossier": oversight_plans.parse_exemption_dossier,
}


# ---- phase 2: references and rules ---------------------------------------------------------


def case_refs(records: list[dict]) -> set[str]:
    refs: set[str] = set()
    for rec in records:
        if rec["type"] == "exemption_dossier":
            refs.add(rec["case"])
        refs |= set(rec.get("files", [])) | set(rec.get("cases", []))
        refs |= {f["case"] for f in rec.get("findings", []) if f.get("case")}
    return refs


def staff_refs(records: list[dict]) -> set[str]:
    return {rec["officer"] for rec in records if rec.get("officer")}


def check(checker, records: list[dict]) -> None:
    """Codes unique in the file and the database, every unit, officer and case known, and the
    models' own rules (dates in order, a result with its date)."""
    err = checker.err
    codes = {t: [r["code"] for r in records if r["type"] == t and "code" in r] for t in TYPES}
    judgments = AdminJudgment.objects.filter(code__in=codes["admin_judgment"])
    inspections = Inspection.objects.filter(code__in=codes["inspection"])
    taken = set(judgments.values_list("code", flat=True))
    taken |= set(inspections.values_list("code", flat=True))
    seen: dict[tuple, int] = {}
    linked: dict[str, int] = {}  # inspection code → the line of the plan item naming it
    for rec in records:
        line = rec["line"]
        key = _natural_key(rec)
        if key in seen:
            err(line, f"Bản ghi bị trùng (đã có ở dòng {seen[key]}).")
        seen.setdefault(key, line)
        if rec.get("code") in taken:
            err(line, f"Mã “{rec['code']}” đã có trong cơ sở dữ liệu.")
        if (
            rec["type"] == "procuracy_act"
            and ProcuracyAct.objects.filter(
                unit__code=rec["unit"], number=rec["number"], act_on=rec["act_on"]
            ).exists()
        ):
            err(line, f"Văn bản “{rec['number']}” đã có trong cơ sở dữ liệu.")
        for unit_key in ("unit", "inspecting_unit"):
            if unit_key in rec:
                checker._unit_known(line, rec[unit_key])
        if rec["type"] == "inspection_plan":
            oversight_plans.check_plan(checker, rec, codes["inspection"], linked)
        elif rec["type"] == "exemption_dossier":
            oversight_plans.check_dossier(checker, rec)
        officer = rec.get("officer")
        if officer and officer not in checker.file_staff and officer not in checker.db_staff:
            err(line, f"Không tìm thấy cán bộ “{officer}”.")
        for code in case_refs([rec]):
            if code not in checker.file_cases and code not in checker.db_cases:
                err(line, f"Không tìm thấy việc “{code}”.")
        _rules(rec, lambda message, line=line: err(line, message))


def _natural_key(rec: dict) -> tuple:
    if "code" in rec:
        return (rec["type"], rec["code"])
    if rec["type"] == "inspection_plan":
        return (rec["type"], rec["unit"], rec["year"])
    if rec["type"] == "exemption_dossier":
        return (rec["type"], rec["case"], rec["eligible_on"])
    return (rec["type"], rec["unit"], rec["number"], rec["act_on"])


def _rules(rec: dict, err) -> None:
    if rec["type"] == "admin_judgment":
        if rec["received_on"] < rec["judgment_date"]:
            err("Ngày nhận không được trước ngày bản án, quyết định.")
        if rec["has_content"] and not rec.get("officer"):
            err("Việc có nội dung phải theo dõi phải có “officer” (Chấp hành viên theo dõi).")
        if rec.get("outcome") and rec["outcome"]["on"] < rec["received_on"]:
            err("Ngày có kết quả không được trước ngày nhận.")
    elif rec["type"] == "inspection":
        if rec["period_to"] < rec["period_from"]:
            err("Thời kỳ kiểm tra: ngày kết thúc trước ngày bắt đầu.")
        if rec.get("recommendations") and not rec.get("conclusion"):
            err("Kiến nghị chỉ có sau kết luận kiểm tra.")
        for i, r in enumerate(rec.get("recommendations", []), start=1):
            if bool(r["closed_on"]) != bool(r["result"]):
                err(f"kiến nghị thứ {i}: “closed_on” và “result” phải đi cùng nhau.")
    elif rec["type"] == "procuracy_act" and rec["received_on"] < rec["act_on"]:
        err("Ngày nhận không được trước ngày văn bản.")


# ---- phase 3: write -----------------------------------------------------------------------


def write(records: list[dict], units: dict, staff: dict, case_ids: dict[str, int]) -> int:
    """Create the records (after the cases: their references are in `case_ids`); plans after
    the inspections their items name."""
    writers = {"admin_judgment": _write_judgment, "inspection": _write_inspection,
               "procuracy_act": _write_act, "inspection_plan": oversight_plans.write_plan,
               "exemption_dossier": oversight_plans.write_dossier}  # fmt: skip
    for rec in sorted(records, key=lambda r: r["type"] == "inspection_plan"):
        writers[rec["type"]](rec, units, staff, case_ids)
    return len(records)


def _write_judgment(rec: dict, units, staff, case_ids) -> None:
    notice = rec["notice"] or {}
    order = rec["court_order"] or {}
    published = rec["published"] or {}
    outcome = rec["outcome"] or {}
    judgment = AdminJudgment.objects.create(
        unit=_unit(units, rec["unit"]),
        code=rec["code"],
        court=rec["court"],
        number=rec["number"],
        judgment_date=rec["judgment_date"],
        instance=rec["instance"],
        doc_type=rec["doc_type"],
        kind=rec["kind"],
        received_on=rec["received_on"],
        plaintiff=rec["plaintiff"],
        obliged_name=rec["obliged_name"],
        obliged_body=rec["obliged_body"],
        content=rec["content"],
        has_content=rec["has_content"],
        officer=_staff(staff, rec["officer"]),
        notice_no=notice.get("number", ""),
        notice_on=notice.get("on"),
        notice_delivered_on=notice.get("delivered_on"),
        obliged_received_on=rec["obliged_received_on"],
        court_order_no=order.get("number", ""),
        court_order_on=order.get("on"),
        published_on=published.get("on"),
        published_where=published.get("where", ""),
        outcome=outcome.get("kind", ""),
        outcome_on=outcome.get("on"),
        not_done_reason=rec["not_done_reason"],
    )
    AdminJudgmentStep.objects.bulk_create(
        [AdminJudgmentStep(judgment=judgment, **step) for step in rec["steps"]]
    )


def _write_inspection(rec: dict, units, staff, case_ids) -> None:
    conclusion = rec["conclusion"] or {}
    inspection = Inspection.objects.create(
        code=rec["code"],
        inspecting_unit=_unit(units, rec["inspecting_unit"]),
        unit=_unit(units, rec["unit"]),
        kind=rec["kind"],
        decision_no=rec["decision_no"],
        decision_on=rec["decision_on"],
        team=rec["team"],
        scope=rec["scope"],
        period_from=rec["period_from"],
        period_to=rec["period_to"],
        conclusion_no=conclusion.get("number", ""),
        conclusion_on=conclusion.get("on"),
        conclusion=conclusion.get("text", ""),
    )
    ids = _case_ids(case_ids, case_refs([rec]))
    InspectionFile.objects.bulk_create(
        [InspectionFile(inspection=inspection, case_id=ids[code]) for code in rec["files"]]
    )
    for f in rec["findings"]:
        Finding.objects.create(
            inspection=inspection,
            violation=f["violation"],
            description=f["description"],
            case_id=ids[f["case"]] if f.get("case") else None,
        )
    for r in rec["recommendations"]:
        follow_ups = r.pop("follow_ups")
        recommendation = Recommendation.objects.create(inspection=inspection, **r)
        for f in follow_ups:
            RecommendationFollowUp.objects.create(recommendation=recommendation, **f)


def _write_act(rec: dict, units, staff, case_ids) -> None:
    answer = rec["answer"] or {}
    act = ProcuracyAct.objects.create(
        unit=_unit(units, rec["unit"]),
        kind=rec["kind"],
        level=rec["level"],
        procuracy=rec["procuracy"],
        number=rec["number"],
        act_on=rec["act_on"],
        received_on=rec["received_on"],
        content=rec["content"],
        decisions=rec["decisions"],
        decision_received_on=rec["decision_received_on"],
        answer_due=rec["answer_due"],
        answer_rule=rec["answer_rule"],
        answered_on=answer.get("on"),
        answer_no=answer.get("number", ""),
        answer_result=answer.get("result", ""),
        answer_reasons=answer.get("reasons", ""),
        measures=answer.get("measures", ""),
    )
    ids = _case_ids(case_ids, set(rec["cases"]))
    act.cases.set([ids[c] for c in rec["cases"]])
