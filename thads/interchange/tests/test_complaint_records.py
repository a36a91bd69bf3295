"""Complaints register interchange records (letter, matter, reception): import then export gives
the same lines (a letter that is exactly a `complaint` record stays one), data entered on the
screens survives export → import → export unchanged, errors are line-numbered and nothing is
written."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction

from thads.complaints import services
from thads.complaints.models import Complaint, Matter, MatterStep, ReceptionSession
from thads.complaints.services import (
    HandlingInput,
    LetterInput,
    MatterInput,
    SenderInput,
    SessionInput,
)
from thads.interchange.exporter import export_lines
from thads.interchange.importer import ImportFailed, import_lines
from thads.org.models import Staff, Unit
from thads.testing.interchange import base_records, to_lines

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)
REGISTER = {"letter", "matter", "reception", "complaint"}

RECEPTION = {
    "type": "reception", "key": "TN-SC/2022-03-01/1", "unit": "TN-SC", "held_on": "2022-03-01",
    "form": "dinh_ky", "place": "Trụ sở Chi cục", "host": "TN-SC-01", "by_leader": True,
    "visits": 3, "people": 5, "matters_old": 1, "matters_new": 2, "groups": 1,
    "group_people": 3, "group_matters": 1, "about_khieu_nai": 2, "about_to_cao": 1,
    "about_kien_nghi": 0, "content": "Khiếu nại việc kê biên", "outcome": "Nhận đơn",
}  # fmt: skip
LETTER = {
    "type": "letter", "code": "TN-SC/DON/2022/001", "unit": "TN-SC", "kind": "khieu_nai",
    "received_on": "2022-03-01", "channel": "tiep_cong_dan", "forwarded_by": "",
    "summary": "Khiếu nại quyết định kê biên", "subject": "decision",
    "subject_detail": "Quyết định kê biên số 5/QĐ-CCTHADS", "case": "TN-SC/2021/0123",
    "duplicate_of": None, "is_vuot_cap": False, "is_dong_nguoi": True,
    "reception": "TN-SC/2022-03-01/1", "stage": "coercion", "decision_known_on": "2022-02-20",
    "obstacle_days": 2, "obstacle_reason": "Ốm", "handled_on": "2022-03-03",
    "competent": True, "eligible": True, "ineligible_reason": "", "handling": "thu_ly",
    "sent_to": "", "paper_no": "4/TB-CCTHADS", "resolved_on": "2022-04-01", "result": "sai",
    "senders": [
        {"name": "Trần Thị Bích", "id_number": "019180000123", "address": "Sông Công",
         "phone": "0912345678", "is_representative": True, "authorisation": "GUQ 1/2022"},
        {"name": "Trần Văn Cường", "id_number": "", "address": "", "phone": "",
         "is_representative": False, "authorisation": ""},
    ],
}  # fmt: skip
DUPLICATE = {
    **LETTER, "code": "TN-SC/DON/2022/002", "received_on": "2022-03-10", "channel": "buu_chinh",
    "duplicate_of": "TN-SC/DON/2022/001", "reception": None, "is_dong_nguoi": False,
    "stage": "", "decision_known_on": None, "obstacle_days": 0, "obstacle_reason": "",
    "handled_on": None, "competent": None, "eligible": None, "handling": "", "paper_no": "",
    "resolved_on": None, "result": "", "senders": [LETTER["senders"][0]],
}  # fmt: skip
MATTER = {
    "type": "matter", "code": "TN-SC/DON/2022/001/1", "letter": "TN-SC/DON/2022/001",
    "kind": "khieu_nai", "instance": 1, "stage": "coercion", "summary": "Kê biên sai tài sản",
    "case": "TN-SC/2021/0123", "subject_role": "officer", "subject_unit": "TN-SC",
    "subject_staff": "TN-SC-02", "resolver_unit": "TN-SC", "verifier": "TN-SC-01",
    "accepted_on": "2022-03-03", "deadline_on": "2022-04-04", "extended_until": None,
    "extension_reason": "", "suspended_on": "2022-03-04", "suspension_ended_on": "2022-04-01",
    "resolved_on": "2022-04-01", "outcome": "sai", "decision_no": "12/QĐ-CCTHADS",
    "measures": "Hủy quyết định kê biên",
    "steps": [
        {"kind": "thu_ly", "on": "2022-03-03", "note": ""},
        {"kind": "giao_xac_minh", "on": "2022-03-03", "note": "TN-SC-01"},
        {"kind": "tam_dung", "on": "2022-03-04", "note": "Tạm dừng kê biên"},
        {"kind": "giai_quyet", "on": "2022-04-01", "note": "Sai"},
    ],
}  # fmt: skip


def register_lines() -> list[str]:
    return [line for line in export_lines() if json.loads(line)["type"] in REGISTER]


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def test_import_then_export_gives_the_same_records():
    base = base_records()
    legacy = next(r for r in base if r["type"] == "complaint")
    result = import_lines(to_lines(base + [MATTER, DUPLICATE, LETTER, RECEPTION]), today=TODAY)
    assert result.complaint_records == 4
    # Sessions, letters by code (the legacy letter stays a `complaint` line), then matters.
    expected = [RECEPTION, LETTER, DUPLICATE, legacy, MATTER]
    assert register_lines() == [_line(r) for r in expected]
    letter = Complaint.objects.get(code=LETTER["code"])
    assert [s.name for s in letter.senders.order_by("position")] == [
        "Trần Thị Bích",
        "Trần Văn Cường",
    ]
    assert letter.reception.visits == 3 and letter.duplicates.get().code == DUPLICATE["code"]
    matter = Matter.objects.get(code=MATTER["code"])
    assert matter.steps.count() == 4 and matter.verifier.code == "TN-SC-01"
    assert matter.case.code == "TN-SC/2021/0123"


def test_screen_data_round_trips_exactly():
    import_lines(to_lines(base_records()), today=TODAY)
    legacy = set(register_lines())
    unit = Unit.objects.get(code="TN-SC")
    officer, other = Staff.objects.get(code="TN-SC-01"), Staff.objects.get(code="TN-SC-02")
    with transaction.atomic():
        session = services.session_record(
            unit,
            SessionInput(held_on=dt.date(2022, 1, 6), form="thuong_xuyen", host=officer,
                         visits=2, people=2, matters_new=1, about_to_cao=1, content="Tố cáo"),
            today=TODAY,
        )  # fmt: skip
        letter = services.letter_register(
            unit,
            LetterInput(kind="to_cao", received_on=dt.date(2022, 1, 6),
                        senders=[SenderInput("Vũ Thị Lan", address="Phổ Yên")],
                        channel="tiep_cong_dan", summary="Tố cáo cán bộ"),
            reception=session,
            today=TODAY,
        )  # fmt: skip
        services.letter_handle(
            letter,
            HandlingInput(on=dt.date(2022, 1, 7), handling="thu_ly",
                          matters=[MatterInput(kind="to_cao", subject_staff=other)]),
            expected_version=letter.version,
        )  # fmt: skip
        matter = letter.matters.get()
        services.matter_assign_verifier(
            matter, officer, on=dt.date(2022, 1, 8), expected_version=matter.version
        )
        first = [line for line in register_lines() if line not in legacy]
        transaction.set_rollback(True)
    assert not ReceptionSession.objects.exists() and not MatterStep.objects.exists()
    assert [json.loads(line)["type"] for line in first] == ["reception", "letter", "matter"]
    import_lines(first, today=TODAY)
    again = [line for line in register_lines() if line not in legacy]
    assert again == first


def test_errors_name_their_line_and_nothing_is_written():
    bad_letter = {**LETTER, "channel": "fax", "surprise": 1}
    orphan = {**MATTER, "letter": "KHONG-CO", "verifier": "NGUOI-LA"}
    records = base_records() + [RECEPTION, bad_letter, orphan, {**RECEPTION}]
    with pytest.raises(ImportFailed) as failed:
        import_lines(to_lines(records), today=TODAY)
    by_line: dict[int, list[str]] = {}
    for line, message in failed.value.errors:
        by_line.setdefault(line, []).append(message)
    assert any("channel" in m for m in by_line[16]) and any("surprise" in m for m in by_line[16])
    assert any("KHONG-CO" in m for m in by_line[17]) and any("NGUOI-LA" in m for m in by_line[17])
    assert any("trùng" in m for m in by_line[18])
    assert not Complaint.objects.exists() and not ReceptionSession.objects.exists()
    # A matter resolved before it was accepted, without its outcome.
    late = {**MATTER, "resolved_on": "2022-03-01", "outcome": ""}
    with pytest.raises(ImportFailed) as failed:
        import_lines(to_lines(base_records() + [RECEPTION, LETTER, late]), today=TODAY)
    messages = " ".join(m for line, m in failed.value.errors if line == 17)
    assert "trước ngày thụ lý" in messages and "outcome" in messages
    assert not Matter.objects.exists()
