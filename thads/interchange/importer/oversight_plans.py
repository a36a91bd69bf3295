"""Interchange records of inspection plans (`inspection_plan`: QĐ 196/QĐ-TCTHADS) and exemption
dossiers (`exemption_dossier`: Luật THADS 2008, Điều 61–64) — read, checked, written and exported
for `importer.oversight` (docs/interchange-notes.md)."""

from __future__ import annotations

from collections.abc import Iterator

from thads.cases.models import CaseEvent, EventType
from thads.interchange.importer.oversight_fields import (
    _case_ids,
    _d,
    _fields,
    _list,
    _month,
    _unit,
    _year,
)
from thads.oversight.models import (
    ExemptionDossier,
    ExemptionResult,
    Inspection,
    InspectionKind,
    InspectionPlan,
    PlanItem,
)


def parse_inspection_plan(r, line: int) -> dict:
    """The annual plan of an inspecting unit (QĐ 196/QĐ-TCTHADS): its planned inspections, a
    trimmed one with its day and reason, the inspection opened for one (its code)."""
    return {
        "type": "inspection_plan",
        "line": line,
        **_fields(
            r,
            [
                ("unit", lambda: r.get("unit", r.text)),
                ("year", lambda: r.get("year", _year(r))),
                ("decision_no", lambda: r.get("decision_no", r.text)),
                ("approved_on", lambda: r.get("approved_on", r.date)),
                (
                    "items",
                    lambda: _list(r, "items", "plan_item", "cuộc kiểm tra theo kế hoạch",
                                  lambda s: {
                        "target": s.get("target", s.text),
                        "kind": s.get("kind", s.choice(tuple(InspectionKind.values))),
                        "month": s.get("month", _month(s)),
                        "subject": s.get("subject", s.any_text, optional=True, default=""),
                        "trimmed_on": s.get("trimmed_on", s.date, optional=True),
                        "trim_reason": s.get("trim_reason", s.any_text, optional=True,
                                             default=""),
                        "inspection": s.get("inspection", s.text, optional=True),
                    }),
                ),
            ],
        ),
    }  # fmt: skip


def parse_exemption_dossier(r, line: int) -> dict:
    """A dossier proposing to exempt or reduce a state-budget obligation (Luật THADS 2008,
    Điều 61–64); `event_on` names the case's `mien_giam` event the decision was recorded as."""
    return {
        "type": "exemption_dossier",
        "line": line,
        **_fields(
            r,
            [
                ("case", lambda: r.get("case", r.text)),
                ("eligible_on", lambda: r.get("eligible_on", r.date)),
                ("amount_requested", lambda: r.get("amount_requested", r.money)),
                ("sent_on", lambda: r.get("sent_on", r.date, optional=True)),
                ("court_accepted_on", lambda: r.get("court_accepted_on", r.date, optional=True)),
                ("decided_on", lambda: r.get("decided_on", r.date, optional=True)),
                ("decision_no", lambda: r.get("decision_no", r.any_text, optional=True,
                                              default="")),
                ("result", lambda: r.get("result", r.choice(tuple(ExemptionResult.values)),
                                         optional=True, default="")),
                ("event_on", lambda: r.get("event_on", r.date, optional=True)),
            ],
        ),
    }  # fmt: skip


def check_plan(checker, rec: dict, file_inspections: list[str], linked: dict) -> None:
    """One plan per unit and year; each planned inspection's unit known; an inspection named
    by one item only, in the file or the database, of the item's unit."""
    line, err = rec["line"], checker.err
    if InspectionPlan.objects.filter(unit__code=rec["unit"], year=rec["year"]).exists():
        err(line, f"Kế hoạch kiểm tra năm {rec['year']} của “{rec['unit']}” đã có.")
    in_db = dict(
        Inspection.objects.filter(
            code__in=[i["inspection"] for i in rec["items"] if i.get("inspection")]
        ).values_list("code", "unit__code")
    )
    for n, item in enumerate(rec["items"], start=1):
        where = f"cuộc kiểm tra theo kế hoạch thứ {n}: "
        checker._unit_known(line, item["target"])
        code = item.get("inspection")
        if code:
            if code not in file_inspections and code not in in_db:
                err(line, f"{where}không tìm thấy cuộc kiểm tra “{code}”.")
            if code in in_db:
                err(line, f"{where}cuộc kiểm tra “{code}” đã có trong cơ sở dữ liệu.")
            if code in linked:
                err(line, f"{where}cuộc kiểm tra “{code}” đã gắn với kế hoạch ở dòng "
                          f"{linked[code]}.")  # fmt: skip
            linked.setdefault(code, line)
        if bool(item["trimmed_on"]) != bool(item["trim_reason"].strip()):
            err(line, f"{where}điều chỉnh giảm phải có cả ngày và lý do.")
        if code and item["trimmed_on"]:
            err(line, f"{where}cuộc đã điều chỉnh giảm không thể có cuộc kiểm tra.")


def check_dossier(checker, rec: dict) -> None:
    """The case's mien_giam event on `event_on` exists (in the file or the database), a
    decision has its result, and the dates are in order."""
    line, err = rec["line"], checker.err
    if ExemptionDossier.objects.filter(
        case__code=rec["case"], eligible_on=rec["eligible_on"]
    ).exists():
        err(line, f"Hồ sơ miễn, giảm của việc “{rec['case']}” đã có trong cơ sở dữ liệu.")
    dates = [rec["eligible_on"], rec["sent_on"], rec["court_accepted_on"], rec["decided_on"]]
    known = [d for d in dates if d is not None]
    if known != sorted(known):
        err(line, "Các ngày của hồ sơ phải theo thứ tự: đủ điều kiện, gửi, thụ lý, quyết định.")
    if bool(rec["decided_on"]) != bool(rec["result"]):
        err(line, "“decided_on” và “result” phải đi cùng nhau.")
    if rec["event_on"] is None:
        return
    case = checker.file_cases.get(rec["case"])
    if case is not None:
        found = any(e.type == EventType.MIEN_GIAM and e.on == rec["event_on"] for e in case.events)
    else:
        found = CaseEvent.objects.filter(
            case__code=rec["case"], type=EventType.MIEN_GIAM, on=rec["event_on"]
        ).exists()
    if not found:
        err(line, f"Việc “{rec['case']}” không có sự kiện miễn, giảm ngày {rec['event_on']}.")


def write_plan(rec: dict, units, staff, case_ids) -> None:
    plan = InspectionPlan.objects.create(
        unit=_unit(units, rec["unit"]),
        year=rec["year"],
        decision_no=rec["decision_no"],
        approved_on=rec["approved_on"],
    )
    for item in rec["items"]:
        created = PlanItem.objects.create(
            plan=plan,
            target=_unit(units, item["target"]),
            kind=item["kind"],
            month=item["month"],
            subject=item["subject"],
            trimmed_on=item["trimmed_on"],
            trim_reason=item["trim_reason"],
        )
        if item.get("inspection"):
            Inspection.objects.filter(code=item["inspection"]).update(plan_item=created)


def write_dossier(rec: dict, units, staff, case_ids) -> None:
    case_id = _case_ids(case_ids, {rec["case"]})[rec["case"]]
    event = None
    if rec["event_on"] is not None:
        event = (
            CaseEvent.objects.filter(case_id=case_id, type=EventType.MIEN_GIAM, on=rec["event_on"])
            .order_by("seq")
            .first()
        )
    ExemptionDossier.objects.create(
        case_id=case_id,
        eligible_on=rec["eligible_on"],
        amount_requested=rec["amount_requested"],
        sent_on=rec["sent_on"],
        court_accepted_on=rec["court_accepted_on"],
        decided_on=rec["decided_on"],
        decision_no=rec["decision_no"],
        result=rec["result"],
        event=event,
    )


def export(owned: set[int] | None) -> Iterator[dict]:
    """The plans (by unit and year) and the dossiers (by case) of the units in `owned`."""
    plans = InspectionPlan.objects.select_related("unit")
    dossiers = ExemptionDossier.objects.select_related("case", "event")
    if owned is not None:
        plans = plans.filter(unit_id__in=owned)
        dossiers = dossiers.filter(case__unit_id__in=owned)
    for p in plans.order_by("unit__code", "year").prefetch_related(
        "items__target", "items__inspection"
    ):
        yield _plan(p)
    for d in dossiers.order_by("case__code", "eligible_on", "pk"):
        yield _dossier(d)


def _plan(p: InspectionPlan) -> dict:
    def item(i: PlanItem) -> dict:
        inspection = getattr(i, "inspection", None)
        return {"target": i.target.code, "kind": i.kind, "month": i.month,
                "subject": i.subject, "trimmed_on": _d(i.trimmed_on),
                "trim_reason": i.trim_reason,
                "inspection": inspection.code if inspection else None}  # fmt: skip

    return {
        "type": "inspection_plan",
        "unit": p.unit.code,
        "year": p.year,
        "decision_no": p.decision_no,
        "approved_on": _d(p.approved_on),
        "items": [item(i) for i in sorted(p.items.all(), key=lambda i: (i.month, i.pk))],
    }


def _dossier(d: ExemptionDossier) -> dict:
    return {
        "type": "exemption_dossier",
        "case": d.case.code,
        "eligible_on": _d(d.eligible_on),
        "amount_requested": d.amount_requested,
        "sent_on": _d(d.sent_on),
        "court_accepted_on": _d(d.court_accepted_on),
        "decided_on": _d(d.decided_on),
        "decision_no": d.decision_no,
        "result": d.result,
        "event_on": _d(d.event.on) if d.event_id else None,
    }
