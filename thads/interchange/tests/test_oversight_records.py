"""Oversight interchange records (admin_judgment, inspection, procuracy_act): import then export
gives the same lines; errors are line-numbered and nothing is written."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from thads.interchange.exporter import export_lines
from thads.interchange.importer import ImportFailed, import_lines
from thads.oversight.models import AdminJudgment, Inspection, ProcuracyAct
from thads.testing.interchange import base_records, to_lines

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)

JUDGMENT = {
    "type": "admin_judgment", "code": "TN-SC/HC/2021/0001", "unit": "TN-SC",
    "court": "Tòa án nhân dân tỉnh Thái Nguyên", "number": "05/2021/HC-ST",
    "judgment_date": "2021-03-02", "instance": "so_tham", "doc_type": "ban_an",
    "kind": "diem_a", "received_on": "2021-03-20", "plaintiff": "Nguyễn Văn Tâm",
    "obliged_name": "Chủ tịch UBND thành phố Sông Công", "obliged_body": "ubnd_huyen",
    "has_content": True, "content": "Hủy quyết định thu hồi đất", "officer": "TN-SC-01",
    "notice": {"number": "3/TB-CCTHADS", "on": "2021-03-24", "delivered_on": "2021-03-26"},
    "obliged_received_on": None,
    "court_order": {"number": "01/2021/QĐ-BTHA", "on": "2021-06-01"},
    "published": None, "outcome": {"kind": "xong", "on": "2021-09-15"},
    "not_done_reason": "",
    "steps": [
        {"kind": "tiep_nhan", "on": "2021-03-20", "number": "05/2021/HC-ST", "recipient": "",
         "note": ""},
        {"kind": "kien_nghi", "on": "2021-07-01", "number": "45/CV",
         "recipient": "Chủ tịch UBND tỉnh Thái Nguyên", "note": "Kiến nghị chỉ đạo thi hành"},
    ],
}  # fmt: skip
INSPECTION = {
    "type": "inspection", "code": "KT/TN/2022/001", "inspecting_unit": "TN", "unit": "TN-SC",
    "kind": "dot_xuat", "decision_no": "12/QĐ-CTHADS", "decision_on": "2022-05-16",
    "team": "Trưởng đoàn: Võ Thị Hương", "scope": "Việc có điều kiện kéo dài",
    "period_from": "2020-11-03", "period_to": "2022-05-16",
    "conclusion": {"number": "20/KL-CTHADS", "on": "2022-06-20", "text": "Chấn chỉnh"},
    "files": ["TN-SC/2021/0123", "TN-SC/2021/0200"],
    "findings": [
        {"violation": "xac_minh", "description": "Xác minh chậm", "case": "TN-SC/2021/0200"},
        {"violation": "ho_so", "description": "Sổ thụ lý thiếu chữ ký", "case": None},
    ],
    "recommendations": [
        {"kind": "thu_hoi", "content": "Thu hồi tiền chi sai", "people": 0, "amount": 1500000,
         "issued_on": "2022-06-20", "due_on": "2022-07-20", "closed_on": "2022-07-10",
         "result": "Đã thu hồi", "follow_ups": [{"on": "2022-07-10", "note": "Đã thu hồi"}]},
    ],
}  # fmt: skip
ACT = {
    "type": "procuracy_act", "unit": "TN-SC", "kind": "khang_nghi", "level": "cung_cap",
    "procuracy": "Viện kiểm sát nhân dân thành phố Sông Công", "number": "02/QĐ-VKS",
    "act_on": "2021-03-12", "received_on": "2021-03-13", "content": "Kháng nghị quyết định hoãn",
    "decisions": "Quyết định hoãn ngày 10/03/2021", "decision_received_on": "2021-03-11",
    "cases": ["TN-SC/2021/0200"], "answer_due": "2021-03-29",
    "answer_rule": "Luật Thi hành án dân sự 2008, Điều 161 — chưa xác minh",
    "answer": {"number": "7/CV", "on": "2021-03-25", "result": "mot_phan",
               "reasons": "Một phần không có căn cứ", "measures": "Hủy quyết định hoãn"},
}  # fmt: skip
OVERSIGHT = [JUDGMENT, INSPECTION, ACT]


def oversight_lines() -> list[str]:
    return [line for line in export_lines() if json.loads(line)["type"] in
            {"admin_judgment", "inspection", "procuracy_act"}]  # fmt: skip


def test_import_then_export_gives_the_same_records():
    result = import_lines(to_lines(base_records() + OVERSIGHT), today=TODAY)
    assert result.oversight == 3
    expected = [json.dumps(r, ensure_ascii=False) + "\n" for r in OVERSIGHT]
    assert oversight_lines() == expected
    judgment = AdminJudgment.objects.get(code="TN-SC/HC/2021/0001")
    assert judgment.steps.count() == 2 and judgment.officer.code == "TN-SC-01"
    inspection = Inspection.objects.get(code="KT/TN/2022/001")
    assert inspection.files.count() == 2
    assert inspection.recommendations.get().follow_ups.count() == 1
    assert ProcuracyAct.objects.get().cases.get().code == "TN-SC/2021/0200"


def test_errors_name_their_line_and_nothing_is_written():
    bad_judgment = {**JUDGMENT, "officer": "KHONG-CO", "kind": "a"}
    bad_inspection = {**INSPECTION, "files": ["TN-SC/9999"], "surprise": True}
    lines = to_lines(base_records() + [bad_judgment, bad_inspection, ACT, ACT])
    with pytest.raises(ImportFailed) as failed:
        import_lines(lines, today=TODAY)
    errors = failed.value.errors
    by_line = {}
    for line, message in errors:
        by_line.setdefault(line, []).append(message)
    assert any("kind" in m for m in by_line[15])
    assert any("surprise" in m for m in by_line[16])
    assert any("trùng" in m for m in by_line[18])
    assert not AdminJudgment.objects.exists() and not ProcuracyAct.objects.exists()
    # The references are checked once the shapes are right.
    lines = to_lines(base_records() + [{**JUDGMENT, "officer": "KHONG-CO"},
                                       {**INSPECTION, "files": ["TN-SC/9999"]}])  # fmt: skip
    with pytest.raises(ImportFailed) as failed:
        import_lines(lines, today=TODAY)
    messages = dict(failed.value.errors)
    assert "KHONG-CO" in messages[15] and "TN-SC/9999" in messages[16]
    assert not Inspection.objects.exists()


# A state-budget case exempted by the court (mien_giam), its dossier, and the plan of the
# inspection above (one item opened as KT/TN/2022/001, one trimmed, one pending).
EXEMPTED = {
    "type": "case", "code": "TN-SC/2020/0077", "unit": "TN-SC", "accepted_on": "2020-03-02",
    "decision_no": "77/QĐ-CCTHADS", "decision_date": "2020-03-02", "mode": "chu_dong",
    "judgment": {"court": "TAND thành phố Sông Công", "number": "3/2020/HS-ST",
                 "date": "2020-01-10", "kind": "hinh_su"},
    "flags": ["ngan_sach"], "officer": "TN-SC-01", "amount": 4500000,
    "parties": [{"role": "phai_thi_hanh", "kind": "ca_nhan", "name": "Đỗ Văn Hải"}],
    "events": [
        {"on": "2020-04-01", "type": "chua_co_dieu_kien", "data": {"ground": "khong_tai_san"}},
        {"on": "2022-03-15", "type": "mien_giam", "amount": 4500000},
    ],
}  # fmt: skip
PLAN = {
    "type": "inspection_plan", "unit": "TN", "year": 2022, "decision_no": "5/QĐ-CTHADS",
    "approved_on": "2022-01-10",
    "items": [
        {"target": "TN-SC", "kind": "dot_xuat", "month": 5, "subject": "Việc kéo dài",
         "trimmed_on": None, "trim_reason": "", "inspection": "KT/TN/2022/001"},
        {"target": "TN-PY", "kind": "toan_dien", "month": 8, "subject": "",
         "trimmed_on": "2022-07-01", "trim_reason": "Giảm theo chỉ đạo", "inspection": None},
        {"target": "TN-PY", "kind": "chuyen_de", "month": 10, "subject": "Thu chi",
         "trimmed_on": None, "trim_reason": "", "inspection": None},
    ],
}  # fmt: skip
DOSSIER = {
    "type": "exemption_dossier", "case": "TN-SC/2020/0077", "eligible_on": "2021-03-02",
    "amount_requested": 4500000, "sent_on": "2021-12-01", "court_accepted_on": "2022-01-05",
    "decided_on": "2022-03-15", "decision_no": "3/2022/QĐ-TA", "result": "mien",
    "event_on": "2022-03-15",
}  # fmt: skip
MORE = [PLAN, DOSSIER]


def more_lines() -> list[str]:
    return [line for line in export_lines() if json.loads(line)["type"] in
            {"inspection_plan", "exemption_dossier"}]  # fmt: skip


def test_plans_and_dossiers_round_trip():
    from thads.oversight.models import ExemptionDossier, InspectionPlan

    # The plan comes before the inspection it names in the file: written after it anyway.
    records = base_records() + [EXEMPTED, JUDGMENT, PLAN, INSPECTION, ACT, DOSSIER]
    result = import_lines(to_lines(records), today=TODAY)
    assert result.oversight == 5
    assert more_lines() == [json.dumps(r, ensure_ascii=False) + "\n" for r in MORE]
    plan = InspectionPlan.objects.get(unit__code="TN", year=2022)
    assert plan.items.count() == 3
    assert Inspection.objects.get(code="KT/TN/2022/001").plan_item.month == 5
    dossier = ExemptionDossier.objects.get()
    assert dossier.event.type == "mien_giam" and dossier.event.amount == 4_500_000


def test_plan_and_dossier_errors_name_their_line():
    bad_plan = {**PLAN, "year": 1990, "items": [
        {**PLAN["items"][0], "inspection": "KT/KHONG-CO"},
        {**PLAN["items"][1], "trim_reason": ""},
        {**PLAN["items"][2], "month": 13},
    ]}  # fmt: skip
    bad_dossier = {**DOSSIER, "event_on": "2022-03-16", "result": "mien", "sent_on": "2020-01-01"}
    records = base_records() + [EXEMPTED, bad_plan, bad_dossier]
    with pytest.raises(ImportFailed) as failed:
        import_lines(to_lines(records), today=TODAY)
    by_line: dict[int, list[str]] = {}
    for line, message in failed.value.errors:
        by_line.setdefault(line, []).append(message)
    assert any("year" in m for m in by_line[16]) and any("tháng" in m for m in by_line[16])
    # Shapes right, references wrong: each problem on its own line.
    plan = {**PLAN, "items": [{**PLAN["items"][0], "inspection": "KT/KHONG-CO"},
                              {**PLAN["items"][1], "trim_reason": ""}]}  # fmt: skip
    records = base_records() + [EXEMPTED, plan, bad_dossier]
    with pytest.raises(ImportFailed) as failed:
        import_lines(to_lines(records), today=TODAY)
    messages: dict[int, list[str]] = {}
    for line, message in failed.value.errors:
        messages.setdefault(line, []).append(message)
    assert any("KT/KHONG-CO" in m for m in messages[16])
    assert any("ngày và lý do" in m for m in messages[16])
    assert any("miễn, giảm ngày 2022-03-16" in m for m in messages[17])
    assert any("theo thứ tự" in m for m in messages[17])
    from thads.oversight.models import ExemptionDossier, InspectionPlan

    assert not InspectionPlan.objects.exists() and not ExemptionDossier.objects.exists()
