"""Issue 10 item 4 in the Excel intake (row-numbered) and the import (line-numbered): parties'
identity numbers through `common.identity`; an officer code that does not exist is refused."""

from __future__ import annotations

import pytest

from thads.cases.models import Case, Party
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
from thads.testing.interchange import to_lines

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("clerk", "inline")
def test_excel_intake_names_the_row_of_a_wrong_number(client, django_capture_on_commit_callbacks):
    rows = [
        row(decision_no="1/QĐ-THADS"),  # 2: fine
        row(decision_no="2/QĐ-THADS", debtor_id="0190ABC"),  # 3
        row(decision_no="3/QĐ-THADS", creditor_id="12345", creditor_kind="Tổ chức"),  # 4
        row(decision_no="4/QĐ-THADS", officer="KHONG-CO"),  # 5: no such officer
        row(decision_no="5/QĐ-THADS", debtor_id="090123456", creditor_id="0101234567001"),  # 6
    ]
    intake = upload(
        client, workbook(download_template(client), rows), django_capture_on_commit_callbacks
    )
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.INVALID
    by_row = {number: message for number, message in intake.errors}
    assert set(by_row) == {3, 4, 5}, intake.errors
    assert "Người phải thi hành - CCCD" in by_row[3] and "0190ABC" in by_row[3]
    assert "Mã số thuế" in by_row[4] and "12345" in by_row[4]
    assert "KHONG-CO" in by_row[5]
    assert not Case.objects.exists()


@pytest.mark.usefixtures("clerk", "inline")
def test_excel_intake_keeps_numbers_in_canonical_form(client, django_capture_on_commit_callbacks):
    from thads.interchange.tests.test_excel_intake import confirm

    content = workbook(
        download_template(client),
        [row(debtor_id="019 180 000 123", creditor_id="0101234567001")],
    )
    intake = upload(client, content, django_capture_on_commit_callbacks)
    confirm(client, intake, django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.DONE, intake.errors
    numbers = dict(Party.objects.values_list("role", "id_number"))
    assert numbers == {"phai_thi_hanh": "019180000123", "duoc_thi_hanh": "0101234567-001"}


def test_import_names_the_line_of_a_wrong_number(records):
    records[9]["parties"][0]["id_number"] = "0190ABC"  # line 10: the case
    records[9]["parties"][1]["id_number"] = "123"  # an organisation
    errors = assert_error(records, "line 10: đương sự thứ 1 (Trần Thị Bích): Số CCCD")
    assert any("line 10: đương sự thứ 2" in e and "Mã số thuế" in e for e in errors), errors


def test_import_stores_the_canonical_form(records):
    from thads.interchange.importer import import_lines
    from thads.interchange.tests.test_import import TODAY

    records[9]["parties"][1]["id_number"] = "0100686174 001"
    import_lines(to_lines(records), today=TODAY)
    bank = Party.objects.get(case__code="TN-SC/2021/0123", role="duoc_thi_hanh")
    assert bank.id_number == "0100686174-001"
