"""`thads import`: every rejection with its line number, nothing written on failure."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thads.cases.models import Case, CaseEvent, CaseState, Judgment, Obligation, Party
from thads.complaints.models import Complaint
from thads.interchange.importer import ImportFailed, import_lines
from thads.org.models import Membership, Role, Staff, Unit
from thads.targets.models import Target
from thads.testing.interchange import to_lines

TODAY = dt.date(2026, 11, 21)
MODELS = [Unit, Staff, Membership, Target, Judgment, Case, Party, Obligation, CaseEvent, Complaint]

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def errors_of(records, today=TODAY) -> list[str]:
    before = counts()
    with pytest.raises(ImportFailed) as failed:
        import_lines(to_lines(records), today=today)
    assert counts() == before, "a refused import must change nothing"
    return [f"line {line}: {message}" for line, message in failed.value.errors]


def assert_error(records, expected: str) -> list[str]:
    errors = errors_of(records)
    assert any(expected in e for e in errors), errors
    return errors


def test_valid_file_imports_everything(records):
    result = import_lines(to_lines(records), today=TODAY)
    assert (result.units, result.staff, result.postings) == (6, 2, 3)
    assert (result.cases, result.events, result.targets, result.complaints) == (3, 14, 1, 1)
    assert result.judgments == 2  # the sender and the receiver share one judgment
    from thads.targets.models import TargetChange

    log = sorted(
        TargetChange.objects.filter(unit__code="TN-SC", year=2021).values_list(
            "field", "old_value", "new_value", "source"
        )
    )
    assert [(f, o, str(n), s) for f, o, n, s in log] == [
        ("case_rate", None, "82.50", "import"),
        ("money_rate", None, "40.10", "import"),
    ]
    case = Case.objects.get(code="TN-SC/2021/0123")
    assert (case.state, case.collected, case.closed_on) == (
        CaseState.XONG,
        250_000_000,
        dt.date(2021, 12, 1),
    )
    assert case.is_bank_credit and not case.is_state_budget and case.is_classified
    assert case.officer.code == "TN-SC-01"
    assert [p.name for p in case.parties.all()] == ["Trần Thị Bích", CASE_CREDITOR]
    assert case.parties.first().search_name == "tran thi bich"
    obligation = case.obligations.get()
    assert (obligation.amount, obligation.is_state_budget) == (250_000_000, False)
    sender = Case.objects.get(code="TN-SC/2021/0200")
    assert sender.state == CaseState.UY_THAC and sender.obligations.get().is_state_budget
    hoan = sender.events.get(type="hoan")
    assert hoan.data == {"reason": "khac"} and hoan.law_version == "2008"
    assert sender.events.get(type="uy_thac").to_unit.code == "TN-PY"
    receiver = Case.objects.get(code="TN-PY/2021/0050")
    assert receiver.from_case == sender and receiver.state == CaseState.SO_RIENG
    assert receiver.judgment_id == sender.judgment_id
    assert list(receiver.events.values_list("seq", flat=True)) == [1, 2, 3, 4, 5]
    # One person, two postings; roles from org.services.default_role.
    postings = Membership.objects.filter(staff__code="TN-SC-01").order_by("valid_from")
    assert [(m.unit.code, m.role) for m in postings] == [
        ("TN-SC", Role.OFFICER),
        ("TNG-KV2", Role.HEAD),
    ]
    assert Unit.objects.get(code="TN-SC").successor.code == "TNG-KV2"
    assert Unit.objects.get(code="TN-SC").path.startswith(Unit.objects.get(code="QG").path)
    target = Target.objects.get()
    assert (str(target.case_rate), str(target.money_rate)) == ("82.50", "40.10")
    assert Complaint.objects.get().case == case


CASE_CREDITOR = "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"


def test_records_in_any_order(records):
    import_lines(to_lines(list(reversed(records))), today=TODAY)
    assert Case.objects.count() == 3


def test_malformed_json_and_missing_or_unknown_type(records):
    records[2] = '{"type": "unit", "code": '
    records[6] = {k: v for k, v in records[6].items() if k != "type"}
    records[12] = {**records[12], "type": "chi_tieu"}
    errors = errors_of(records)
    assert any(e.startswith("line 3: JSON không hợp lệ") for e in errors), errors
    assert "line 7: Thiếu khóa “type”." in errors
    assert any(e.startswith('line 13: Loại bản ghi không hợp lệ: "chi_tieu"') for e in errors)


def test_every_error_is_reported_not_only_the_first(records):
    records[9]["amount"] = -5
    records[13]["kind"] = "thu_khac"
    errors = errors_of(records)
    assert any(e.startswith("line 10:") and "số nguyên không âm" in e for e in errors)
    assert any(e.startswith("line 14:") and "“kind”" in e for e in errors)


def test_unknown_keys_are_errors_at_every_level(records):
    records[9]["note"] = "x"
    records[9]["parties"][0]["email"] = "a@b.vn"
    records[9]["events"][1]["comment"] = "tiền mặt"
    records[9]["judgment"]["judge"] = "X"
    errors = errors_of(records)
    assert "line 10: Khóa không được phép trong bản ghi case: “note”." in errors
    assert "line 10: Đương sự thứ 1: khóa không được phép trong đương sự: “email”." in errors
    assert "line 10: Sự kiện thứ 2: khóa không được phép trong sự kiện: “comment”." in errors
    assert "line 10: Bản án: khóa không được phép trong “judgment”: “judge”." in errors


def test_extra_event_keys_only_on_their_event_types(records):
    records[9]["events"][0]["amount"] = 5
    records[10]["events"][0]["reason"] = "khac"
    records[10]["events"][1]["to_unit"] = "TN-PY"
    errors = errors_of(records)
    assert "line 10: Sự kiện thứ 1: sự kiện xac_minh_co_dieu_kien không có khóa “amount”." in errors
    assert "line 11: Sự kiện thứ 1: chỉ sự kiện hoan có khóa “reason”." in errors
    assert "line 11: Sự kiện thứ 2: chỉ sự kiện uy_thac có khóa “to_unit”." in errors


def test_missing_required_keys(records):
    del records[9]["decision_no"]
    del records[0]["valid_from"]
    errors = errors_of(records)
    assert "line 10: Thiếu khóa bắt buộc “decision_no” trong bản ghi case." in errors
    assert "line 1: Thiếu khóa bắt buộc “valid_from” trong bản ghi unit." in errors


def test_bad_dates(records):
    records[9]["accepted_on"] = "2020-13-03"
    records[9]["events"][0]["on"] = "25/11/2020"
    records[7]["valid_from"] = "2025-7-1"
    errors = errors_of(records)
    assert any(e.startswith("line 10: “accepted_on”: ngày không hợp lệ") for e in errors)
    assert any(e.startswith("line 10: Sự kiện thứ 1: “on”: ngày không hợp lệ") for e in errors)
    assert any(e.startswith("line 8: “valid_from”: ngày không hợp lệ") for e in errors)


@pytest.mark.parametrize("amount", [1.5, "250000000", -1, True])
def test_amount_must_be_a_non_negative_integer(records, amount):
    records[9]["events"][1]["amount"] = amount
    assert_error(records, "line 10: Sự kiện thứ 2: “amount”: số tiền phải là số nguyên không âm")


def test_unknown_references(records):
    records[3]["parent"] = "TN-X"  # unit parent
    records[4]["successor"] = "TNG-KV9"  # unit successor
    records[9]["officer"] = "TN-SC-99"
    records[11]["from_case"] = "TN-SC/2021/9999"
    records[13]["case"] = "TN-SC/2021/8888"
    records[12]["unit"] = "TN-ZZ"
    errors = errors_of(records)
    for expected in [
        "line 4: Không tìm thấy đơn vị cấp trên “TN-X”.",
        "line 5: Không tìm thấy đơn vị kế thừa “TNG-KV9”.",
        "line 10: Không tìm thấy Chấp hành viên “TN-SC-99”.",
        "line 12: Không tìm thấy việc ủy thác “TN-SC/2021/9999” (from_case).",
        "line 14: Không tìm thấy việc “TN-SC/2021/8888”.",
        "line 13: Không tìm thấy đơn vị “TN-ZZ” (trong tệp hoặc cơ sở dữ liệu).",
    ]:
        assert expected in errors, errors


def test_unknown_case_unit_and_entrusting_unit(records):
    records[9]["unit"] = "TN-NOPE"
    records[10]["events"][4]["to_unit"] = "TN-NOPE"
    errors = errors_of(records)
    assert "line 10: Không tìm thấy đơn vị “TN-NOPE” (trong tệp hoặc cơ sở dữ liệu)." in errors
    assert (
        "line 11: Sự kiện thứ 5 (uy_thac ngày 01/06/2021): không tìm thấy đơn vị nhận ủy thác "
        "“TN-NOPE”." in errors
    )


def test_officer_must_be_an_enforcement_officer(records):
    records[9]["officer"] = "TN-SC-02"
    assert_error(records, "line 10: Cán bộ “TN-SC-02” không phải Chấp hành viên.")


def test_duplicate_codes_in_the_file(records):
    records.append(dict(records[9]))
    records.append(dict(records[3]))
    records.append(dict(records[12]))
    records.append(dict(records[13]))
    errors = errors_of(records)
    assert "line 15: Mã việc “TN-SC/2021/0123” bị trùng (đã có ở dòng 10)." in errors
    assert "line 16: Mã đơn vị “TN-SC” bị trùng (đã có ở dòng 4)." in errors
    assert "line 17: Chỉ tiêu của “TN-SC” năm 2021 bị trùng (đã có ở dòng 13)." in errors
    assert "line 18: Mã đơn “TN/KN/2022/007” bị trùng (đã có ở dòng 14)." in errors


def test_duplicate_codes_already_in_the_database(records):
    import_lines(to_lines(records), today=TODAY)
    errors = errors_of(records)
    assert "line 1: Mã đơn vị “QG” đã có trong cơ sở dữ liệu." in errors
    assert "line 7: Mã cán bộ “TN-SC-01” đã có trong cơ sở dữ liệu." in errors
    assert "line 10: Mã việc “TN-SC/2021/0123” đã có trong cơ sở dữ liệu." in errors
    assert "line 13: Chỉ tiêu của “TN-SC” năm 2021 đã có trong cơ sở dữ liệu." in errors
    assert "line 14: Mã đơn “TN/KN/2022/007” đã có trong cơ sở dữ liệu." in errors


def test_references_resolve_against_the_database(records):
    import_lines(to_lines(records[:9]), today=TODAY)
    result = import_lines(to_lines(records[9:]), today=TODAY)
    assert (result.units, result.cases) == (0, 3)


def test_unit_hierarchy_cycle(records):
    records[3]["parent"] = "TN-PY"
    records[4]["parent"] = "TN-SC"
    assert_error(records, "line 4: Đơn vị “TN-SC”: Không thể chọn đơn vị cấp trên này: sẽ tạo")


def test_unit_validity_inside_the_parent(records):
    records[5]["valid_from"] = "2025-01-01"
    assert_error(records, "line 6: Đơn vị “TNG-KV2”: Thời gian hiệu lực của đơn vị phải nằm")


def test_successor_valid_the_day_after(records):
    records[3]["valid_to"] = "2025-05-31"
    records[3]["successor"] = "TNG-KV2"
    assert_error(records, "line 4: Đơn vị “TN-SC”: Đơn vị kế thừa phải có hiệu lực từ ngày 01/06")


def test_staff_postings_of_one_person(records):
    records[7]["name"] = "Nguyễn Văn Ân"
    records[8]["valid_from"] = "2009-01-01"  # before the unit existed
    records.append({**records[6], "valid_from": "2020-01-01", "valid_to": "2020-12-31"})
    errors = errors_of(records)
    assert any(e.startswith("line 8: Cán bộ “TN-SC-01”: họ tên và chức danh") for e in errors)
    assert "line 9: Thời gian công tác phải nằm trong thời gian hiệu lực của đơn vị “TN-SC”." in (
        errors
    )
    assert "line 15: Cán bộ “TN-SC-01”: quá trình công tác trùng thời gian với dòng 7." in errors


def test_event_the_law_forbids_reports_its_position(records):
    records[9]["events"][2]["amount"] = 250_000_000
    errors = errors_of(records)
    assert errors == [
        "line 10: sự kiện thứ 3 (thu_tien ngày 01/12/2021): Số tiền 250.000.000 đ vượt quá số "
        "tiền còn phải thi hành (200.000.000 đ). (Luật THADS 2008, Điều 47)"
    ]


def test_done_with_a_remainder_and_event_after_done(records):
    records[9]["events"][2]["amount"] = 100_000_000
    records[10]["events"].insert(2, {"on": "2021-03-20", "type": "thu_tien", "amount": 1})
    errors = errors_of(records)
    assert any(
        e.startswith("line 10: sự kiện thứ 4 (xong ngày 01/12/2021): Chưa thể xác nhận")
        for e in errors
    ), errors
    # thu_tien while postponed is allowed; while suspended it is not:
    assert not any(e.startswith("line 11") for e in errors)


def test_reduction_only_on_state_budget_and_return_only_on_request(records):
    records[9]["events"][2] = {"on": "2021-12-01", "type": "mien_giam", "amount": 200000000}
    records[10]["events"][4] = {"on": "2021-06-01", "type": "tra_don"}
    errors = errors_of(records)
    assert any(e.startswith("line 10: sự kiện thứ 3 (mien_giam") for e in errors)
    assert any(e.startswith("line 11: sự kiện thứ 5 (tra_don") for e in errors)


def test_future_events_refused(records):
    errors = errors_of(records, today=dt.date(2021, 11, 30))
    assert any(e.startswith("line 10: sự kiện thứ 3 (thu_tien ngày 01/12/2021)") for e in errors)


def test_receiver_must_match_an_entrusting_event(records):
    records[10]["events"][4]["to_unit"] = "TN-SC"
    errors = errors_of(records)
    assert any(e.startswith("line 11: sự kiện thứ 5 (uy_thac") for e in errors), errors
    assert (
        "line 12: Việc “TN-SC/2021/0200” không có sự kiện ủy thác (uy_thac) cho đơn vị “TN-PY”."
        in errors
    )


def test_case_unit_must_be_active_on_acceptance(records):
    records[9]["unit"] = "TNG-KV2"
    assert_error(records, "line 10: Đơn vị “TNG-KV2” không hoạt động vào ngày thụ lý 03/11/2020.")


def test_judgment_kind_must_agree(records):
    records[11]["judgment"]["kind"] = "dan_su"
    assert_error(records, "line 12: Bản án 12/2021/HS-ST có loại việc khác với dòng 11")


def test_corrections_by_position(records):
    events = records[9]["events"]
    events[1:2] = [
        {"on": "2021-01-10", "type": "thu_tien", "amount": 5000000},
        {"on": "2021-01-10", "type": "thu_tien", "amount": 50000000, "corrects": 2},
    ]
    import_lines(to_lines(records), today=TODAY)
    case = Case.objects.get(code="TN-SC/2021/0123")
    fix = case.events.get(seq=3)
    assert fix.corrects == case.events.get(seq=2)
    assert case.collected == 250_000_000 and case.state == CaseState.XONG


def test_correction_must_point_backwards(records):
    records[9]["events"][0]["corrects"] = 3
    assert_error(records, "line 10: Sự kiện thứ 1: “corrects” phải là số thứ tự")


def test_import_command_exit_codes(records, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(to_lines(records)) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import", str(good), "--today", "2026-11-21", stdout=out)
    assert "3 việc (14 sự kiện)" in out.getvalue()
    bad = tmp_path / "bad.jsonl"
    records[9]["code"] = "TN-SC/2021/0999"
    records[9]["amount"] = "nhiều"
    bad.write_text("\n".join(to_lines(records)) + "\n", encoding="utf-8")
    err = io.StringIO()
    before = counts()
    with pytest.raises(CommandError) as failed:
        call_command("import", str(bad), stderr=err)
    assert "lỗi" in str(failed.value)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("line 10: “amount”") for line in lines), lines
    assert "line 1: Mã đơn vị “QG” đã có trong cơ sở dữ liệu." in lines
    assert counts() == before


def test_import_command_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import", str(tmp_path / "none.jsonl"))


def test_blank_lines_are_skipped_and_numbering_kept(records):
    lines = to_lines(records)
    lines.insert(0, "")
    lines[10] = json.dumps({**records[9], "mode": "ca_hai"}, ensure_ascii=False)
    errors = errors_of(lines)
    assert any(e.startswith("line 11: “mode”: giá trị không hợp lệ") for e in errors), errors


def test_case_code_in_the_units_series_must_carry_the_report_year(records):
    # Accepted on 03/11/2020: report year 2021 (the spec's TN-SC/2021/0123); 2020 is refused.
    records[9]["code"] = "TN-SC/2020/0123"
    records[-1]["case"] = "TN-SC/2020/0123"
    assert_error(
        records,
        "line 10: Mã việc “TN-SC/2020/0123” không đúng sổ thụ lý của đơn vị: việc thụ lý ngày "
        "03/11/2020 thuộc năm báo cáo 2021",
    )


def test_legacy_codes_are_kept_and_intake_continues_after_imported_numbers(records):
    from django.db import transaction

    from thads.cases.codes import case_code_allocate

    records[10]["code"] = "HS-12/2021"  # another software's code: kept as it is
    records[11]["from_case"] = "HS-12/2021"
    import_lines(to_lines(records), today=TODAY)
    assert Case.objects.filter(code="HS-12/2021").exists()
    with transaction.atomic():
        code = case_code_allocate(Unit.objects.get(code="TN-SC"), dt.date(2021, 5, 1))
    assert code == "TN-SC/2021/0124"  # after the imported TN-SC/2021/0123
