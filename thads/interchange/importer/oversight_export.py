"""Export of the oversight interchange records (`importer.oversight` reads and writes them):
administrative judgments, inspections and procuracy acts, then the plans and dossiers
(`importer.oversight_plans`), in a fixed order so that export → import → export gives the same
file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from thads.interchange.importer import oversight_plans
from thads.interchange.importer.oversight_fields import (
    _d,
)
from thads.oversight.models import (
    AdminJudgment,
    Inspection,
    ProcuracyAct,
)


def export(owned: set[int] | None) -> Iterator[dict]:
    """The records of the units in `owned` (None: all), in a fixed order."""
    judgments = AdminJudgment.objects.select_related("unit", "officer")
    inspections = Inspection.objects.select_related("unit", "inspecting_unit")
    acts = ProcuracyAct.objects.select_related("unit").prefetch_related("cases")
    if owned is not None:
        judgments = judgments.filter(unit_id__in=owned)
        inspections = inspections.filter(unit_id__in=owned)
        acts = acts.filter(unit_id__in=owned)
    for j in judgments.order_by("code").prefetch_related("steps"):
        yield _judgment(j)
    for i in inspections.order_by("code").prefetch_related(
        "files__case", "findings__case", "recommendations__follow_ups"
    ):
        yield _inspection(i)
    for a in acts.order_by("unit__code", "received_on", "number", "act_on", "pk"):
        yield _act(a)
    yield from oversight_plans.export(owned)


def _judgment(j: AdminJudgment) -> dict:
    rec: dict[str, Any] = {
        "type": "admin_judgment",
        "code": j.code,
        "unit": j.unit.code,
        "court": j.court,
        "number": j.number,
        "judgment_date": _d(j.judgment_date),
        "instance": j.instance,
        "doc_type": j.doc_type,
        "kind": j.kind,
        "received_on": _d(j.received_on),
        "plaintiff": j.plaintiff,
        "obliged_name": j.obliged_name,
        "obliged_body": j.obliged_body,
        "has_content": j.has_content,
        "content": j.content,
        "officer": j.officer.code if j.officer_id else None,
        "notice": {"number": j.notice_no, "on": _d(j.notice_on),
                   "delivered_on": _d(j.notice_delivered_on)} if j.notice_on else None,
        "obliged_received_on": _d(j.obliged_received_on),
        "court_order": {"number": j.court_order_no, "on": _d(j.court_order_on)}
        if j.court_order_on else None,
        "published": {"on": _d(j.published_on), "where": j.published_where}
        if j.published_on else None,
        "outcome": {"kind": j.outcome, "on": _d(j.outcome_on)} if j.outcome else None,
        "not_done_reason": j.not_done_reason,
        "steps": [
            {"kind": s.kind, "on": _d(s.on), "number": s.number, "recipient": s.recipient,
             "note": s.note}
            for s in sorted(j.steps.all(), key=lambda s: (s.on, s.pk))
        ],
    }  # fmt: skip
    return rec


def _inspection(i: Inspection) -> dict:
    return {
        "type": "inspection",
        "code": i.code,
        "inspecting_unit": i.inspecting_unit.code,
        "unit": i.unit.code,
        "kind": i.kind,
        "decision_no": i.decision_no,
        "decision_on": _d(i.decision_on),
        "team": i.team,
        "scope": i.scope,
        "period_from": _d(i.period_from),
        "period_to": _d(i.period_to),
        "conclusion": {"number": i.conclusion_no, "on": _d(i.conclusion_on),
                       "text": i.conclusion} if i.conclusion_on else None,
        "files": sorted(f.case.code for f in i.files.all()),
        "findings": [
            {"violation": f.violation, "description": f.description,
             "case": f.case.code if f.case_id else None}
            for f in sorted(i.findings.all(), key=lambda f: f.pk)
        ],
        "recommendations": [
            {"kind": r.kind, "content": r.content, "people": r.people, "amount": r.amount,
             "issued_on": _d(r.issued_on), "due_on": _d(r.due_on), "closed_on": _d(r.closed_on),
             "result": r.result,
             "follow_ups": [{"on": _d(f.on), "note": f.note}
                            for f in sorted(r.follow_ups.all(), key=lambda f: (f.on, f.pk))]}
            for r in sorted(i.recommendations.all(), key=lambda r: r.pk)
        ],
    }  # fmt: skip


def _act(a: ProcuracyAct) -> dict:
    return {
        "type": "procuracy_act",
        "unit": a.unit.code,
        "kind": a.kind,
        "level": a.level,
        "procuracy": a.procuracy,
        "number": a.number,
        "act_on": _d(a.act_on),
        "received_on": _d(a.received_on),
        "content": a.content,
        "decisions": a.decisions,
        "decision_received_on": _d(a.decision_received_on),
        "cases": sorted(c.code for c in a.cases.all()),
        "answer_due": _d(a.answer_due),
        "answer_rule": a.answer_rule,
        "answer": {"number": a.answer_no, "on": _d(a.answered_on), "result": a.answer_result,
                   "reasons": a.answer_reasons, "measures": a.measures}
        if a.answered_on else None,
    }  # fmt: skip
