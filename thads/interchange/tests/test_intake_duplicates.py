"""Issue 10 item 3 in the Excel intake (row-numbered) and the import (line-numbered): the same
decision number in the same unit and year is refused, in the file and against the database;
a case whose judgment and obligation were taken already is refused without a reason (the Excel
intake has no column for one; an import's record carries it in `duplicate_reason`)."""

from __future__ import annotations

import copy
import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from thads.cases.models import Case
from thads.interchange import importer
from thads.interchange.exporter import export_lines
from thads.interchange.importer import import_lines
from thads.interchange.models import UploadedIntake
from thads.interchange.tests.test_excel_intake import (
    clerk,  # noqa: F401 (fixture)
    download_template,
    inline,  # noqa: F401 (fixture)
    row,
    upload,
    workbook,
)
from thads.interchange.tests.test_import import TODAY, assert_error
from thads.testing.cases import new_case
from thads.testing.interchange import to_lines

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("clerk", "inline")
def test_excel_intake_refuses_duplicates_by_row(client, django_capture_on_commit_callbacks):
    taken = new_case("TNG-KV2")  # decision "<n>/QĐ-CCTHADS" of 04/08/2025
    rows = [
        row(decision_no="1/QĐ-THADS", judgment_no="45/2025/DS-ST"),  # 2: fine
        row(decision_no="1/QD-THADS", amount="5.000.000"),  # 3: row 2's number again
        row(decision_no=taken.decision_no, amount="6.000.000"),  # 4: in the database
        row(decision_no="9/QĐ-THADS", decision_date="05/01/2026", accepted_on="05/01/2026",
            amount="7.000.000"),  # 5: "9" in another year: fine
        row(decision_no="10/QĐ-THADS", judgment_no="45/2025/DS-ST"),  # 6: as row 2
    ]  # fmt: skip
    intake = upload(
        client, workbook(download_template(client), rows), django_capture_on_commit_callbacks
    )
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.INVALID
    by_row = {number: message for number, message in intake.errors}
    assert set(by_row) == {3, 4, 6}, intake.errors
    assert "bị trùng (đã có ở dòng 2)" in by_row[3]
    assert taken.code in by_row[4] and "không thụ lý hai lần" in by_row[4]
    assert "dòng 2" in by_row[6] and "ghi rõ lý do" in by_row[6]
    assert Case.objects.count() == 1


@pytest.mark.usefixtures("clerk", "inline")
def test_excel_intake_refuses_a_judgment_and_obligation_taken(
    client, django_capture_on_commit_callbacks
):
    taken = new_case("TNG-KV2", debtor="Trần Thị Bích", amount=1_234_567)
    judgment = taken.judgment
    same = row(
        decision_no="50/QĐ-THADS",
        court=judgment.court,
        judgment_no=judgment.number,
        judgment_date=judgment.date.strftime("%d/%m/%Y"),
    )
    intake = upload(
        client, workbook(download_template(client), [same]), django_capture_on_commit_callbacks
    )
    intake.refresh_from_db()
    assert [(n, taken.code in m) for n, m in intake.errors] == [(2, True)], intake.errors


def test_import_refuses_a_decision_number_twice_in_the_file(records):
    records[10]["decision_no"] = records[9]["decision_no"]  # line 11: same unit, 2020 vs 2021
    records[10]["decision_date"] = "2020-12-01"
    records[10]["accepted_on"] = "2020-12-01"
    records[10]["events"] = []
    records[11]["from_case"] = None  # the receiver no longer follows an entrusting
    records[11]["decision_no"] = "51/QĐ-CCTHADS"
    assert_error(records, "line 11: Số quyết định thi hành án “123/QĐ-CCTHADS” năm 2020")


def test_import_refuses_a_decision_number_in_the_database(records):
    import_lines(to_lines(records[:10]), today=TODAY)
    again = {**records[9], "code": "TN-SC/2021/0124"}
    again["judgment"] = {**again["judgment"], "number": "46/2020/DS-ST"}
    assert_error([again], "line 1: Số quyết định thi hành án “123/QĐ-CCTHADS” năm 2020 đã được")


# ---- the same judgment and obligation in an import (issue 10 item 3, the screens' soft rule)


def _again(records, code="TN-SC/2021/0124", decision="124/QĐ-CCTHADS", **extra) -> dict:
    """The case of line 10 (judgment 45/2020/DS-ST, Trần Thị Bích, 250 000 000 đ) taken again
    under another code and decision number."""
    again = copy.deepcopy(records[9])
    again.update(code=code, decision_no=decision, **extra)
    return again


def test_import_refuses_the_same_judgment_and_obligation_in_the_file(records):
    errors = assert_error(
        [*records, _again(records)],
        "line 15: Bản án 45/2020/DS-ST đã được thụ lý với cùng người phải thi hành án và cùng "
        "số tiền (dòng 10).",
    )
    assert len(errors) == 1 and "“duplicate_reason”" in errors[0]
    # The same debtor by name when the identity number is missing on one side, too.
    del records[9]["parties"][0]["id_number"]
    assert_error([*records, _again(records)], "line 15: Bản án 45/2020/DS-ST")


def test_import_refuses_the_same_judgment_and_obligation_in_the_database(records):
    import_lines(to_lines(records), today=TODAY)
    assert_error(
        [_again(records)],
        "line 1: Bản án 45/2020/DS-ST đã được thụ lý với cùng người phải thi hành án và cùng số "
        "tiền (TN-SC/2021/0123).",
    )


def test_another_amount_or_debtor_is_another_obligation(records):
    other_amount = _again(records, amount=240_000_000)
    other_amount["events"][2]["amount"] = 190_000_000
    other_debtor = _again(records, code="TN-SC/2021/0125", decision="125/QĐ-CCTHADS")
    other_debtor["parties"][0].update(name="Trần Thị Bình", id_number="019180000124")
    import_lines(to_lines([*records, other_amount, other_debtor]), today=TODAY)
    assert not Case.objects.filter(duplicate_of__isnull=False).exists()


def test_import_takes_it_with_a_reason_and_the_export_round_trips(records):
    reason = "QĐ 123/QĐ-CCTHADS bị thu hồi do sai tên đương sự; ra quyết định mới"
    # Line 15 names the case it repeats, written after it in the file (line 16); line 16
    # names none: the oldest match is linked (line 10, the first of the file).
    named = _again(records, "TN-SC/2021/0099", "99/QĐ-CCTHADS", duplicate_reason="Tách nghĩa vụ",
                   duplicate_of="TN-SC/2021/0124")  # fmt: skip
    found = _again(records, duplicate_reason=f"  {reason} ")
    with transaction.atomic():
        import_lines(to_lines([*records, named, found]), today=TODAY)
        taken = Case.objects.select_related("duplicate_of")
        assert taken.get(code="TN-SC/2021/0124").duplicate_of.code == "TN-SC/2021/0123"
        assert taken.get(code="TN-SC/2021/0124").duplicate_reason == reason
        assert taken.get(code="TN-SC/2021/0099").duplicate_of.code == "TN-SC/2021/0124"
        assert taken.get(code="TN-SC/2021/0123").duplicate_of is None
        text = "".join(export_lines())
        transaction.set_rollback(True)
    exported = {r["code"]: r for r in map(json.loads, text.splitlines()) if r["type"] == "case"}
    assert exported["TN-SC/2021/0124"]["duplicate_reason"] == reason
    assert exported["TN-SC/2021/0124"]["duplicate_of"] == "TN-SC/2021/0123"
    assert exported["TN-SC/2021/0099"]["duplicate_of"] == "TN-SC/2021/0124"
    assert "duplicate_reason" not in exported["TN-SC/2021/0123"]
    # Export → import into the empty database → export: the same bytes.
    assert not Case.objects.exists()
    import_lines(text.splitlines(), today=TODAY)
    assert "".join(export_lines()) == text


def test_import_with_a_reason_links_the_case_in_the_database(records):
    import_lines(to_lines(records), today=TODAY)
    import_lines(to_lines([_again(records, duplicate_reason="Quyết định cũ bị hủy")]), today=TODAY)
    again = Case.objects.get(code="TN-SC/2021/0124")
    assert again.duplicate_of.code == "TN-SC/2021/0123"
    assert again.duplicate_reason == "Quyết định cũ bị hủy"


def test_duplicate_of_is_checked(records):
    assert_error(
        [*records, _again(records, duplicate_of="TN-SC/2021/0123")],
        "line 15: Có “duplicate_of” thì phải ghi lý do vẫn thụ lý (“duplicate_reason”).",
    )
    assert_error(
        [*records, _again(records, duplicate_reason="x", duplicate_of="TN-SC/2021/9999")],
        "line 15: Không tìm thấy việc “TN-SC/2021/9999” (duplicate_of).",
    )
    assert_error(
        [*records, _again(records, duplicate_reason="x", duplicate_of="TN-SC/2021/0124")],
        "line 15: Việc không thể trùng với chính nó (duplicate_of).",
    )
    assert_error(
        [*records, _again(records, duplicate_reason="  ")],
        "line 15: “duplicate_reason” phải là một chuỗi không rỗng.",
    )


def test_the_check_reads_the_database_set_based(records):
    """No query per record: 3 or 30 records repeating a case of the database cost the same."""
    import_lines(to_lines(records), today=TODAY)

    def check_queries(n: int) -> int:
        lines = to_lines(
            [
                _again(
                    records,
                    f"TN-SC/2021/{500 + i}",
                    f"{500 + i}/QĐ-CCTHADS",
                    duplicate_reason="Tách nghĩa vụ",
                )  # fmt: skip
                for i in range(n)
            ]
        )
        checker = importer.Importer(today=TODAY)
        parsed = importer.parse(lines, checker.errors)
        with CaptureQueriesContext(connection) as queries:
            checker.check(parsed)
        assert not checker.errors, checker.errors
        return len(queries)

    assert check_queries(30) == check_queries(3)
