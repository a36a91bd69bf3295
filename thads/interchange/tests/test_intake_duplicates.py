"""Issue 10 item 3 in the Excel intake (row-numbered) and the import (line-numbered): the same
decision number in the same unit and year is refused, in the file and against the database;
the Excel intake also refuses a case whose judgment and obligation were taken already."""

from __future__ import annotations

import pytest

from thads.cases.models import Case
from thads.interchange.models import UploadedIntake
from thads.interchange.tests.test_excel_intake import (
    clerk,  # noqa: F401 (fixture)
    download_template,
    inline,  # noqa: F401 (fixture)
    row,
    upload,
    workbook,
)
from thads.interchange.tests.test_import import assert_error
from thads.testing.cases import new_case

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
    from thads.interchange.importer import import_lines
    from thads.interchange.tests.test_import import TODAY
    from thads.testing.interchange import to_lines

    import_lines(to_lines(records[:10]), today=TODAY)
    again = {**records[9], "code": "TN-SC/2021/0124"}
    again["judgment"] = {**again["judgment"], "number": "46/2020/DS-ST"}
    assert_error([again], "line 1: Số quyết định thi hành án “123/QĐ-CCTHADS” năm 2020 đã được")
