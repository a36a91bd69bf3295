"""`thads document` (the document of an event, the templates in force, a blank form) and the
procuracy register's Excel file read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from thads.cases.services import event_record
from thads.documents import services
from thads.documents.rendering import template_in_force
from thads.testing.cases import login, new_case, staff
from thads.testing.documents import docx_text

D = dt.date
DAY = D(2025, 9, 1)
TODAY = D(2025, 9, 10)
pytestmark = pytest.mark.django_db
HOAN = {"reason": "khac", "ground": "om_nang", "until": "2025-12-01"}


def _issued(case, code="qd-hoan", act=None, signer="TN-SC-01"):
    draft = services.document_draft(
        case, template=template_in_force(code, DAY), doc_date=DAY, act=act or HOAN
    )
    return services.document_issue(
        draft, signer=staff(signer), expected_version=draft.version, today=TODAY
    )


def _run(*args) -> str:
    out = io.StringIO()
    call_command("document", *args, stdout=out)
    return out.getvalue()


def test_the_document_of_an_event_recorded_without_one(shared_demo_org, tmp_path):
    case = new_case(debtor="Vũ Thị Hạnh")
    # A number above the case's own QĐ THA (the unit's decisions share one series a year).
    no = f"{int(case.decision_no.split('/')[0]) + 7}/QĐ-PTHADS"
    act = {**HOAN, "doc_no": no, "doc_date": "2025-09-01", "signer": "Lê Văn Tâm"}
    event_record(case, type="hoan", on=DAY, data=act, today=TODAY, strict=True)
    path = tmp_path / "hoan.docx"
    assert "Đã ghi" in _run(case.code, "1", "--format", "docx", "--output", str(path))
    text = docx_text(path.read_bytes())
    assert f"Số: {no}" in text
    assert "ngày 01 tháng 09 năm 2025" in text
    assert "PHÒNG THI HÀNH ÁN DÂN SỰ KHU VỰC 2 – THÁI NGUYÊN" in text
    assert "Vũ Thị Hạnh" in text and "Lê Văn Tâm" in text
    assert "điểm a khoản 1 Điều 48 Luật THADS 2008" in text
    assert "01/12/2025" in text
    pdf = tmp_path / "hoan.pdf"
    _run(case.code, "1", "--format", "pdf", "--output", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_document_of_an_event_issued_from_a_document(shared_demo_org, tmp_path):
    case = new_case()
    issued = _issued(case)
    path = tmp_path / "issued.docx"
    _run(case.code, str(issued.event.seq), "--format", "docx", "--output", str(path))
    assert f"Số: {issued.number_display}" in docx_text(path.read_bytes())


def test_list_and_blank_form(shared_demo_org, tmp_path):
    before = _run("--list", "--date", "30/06/2026")
    after = _run("--list", "--date", "01/07/2026")
    assert "qd-hoan" in before and "Luật THADS 2008" in before
    assert "qd-hoan" in after and "106/2025/QH15" in after and "Luật THADS 2008" not in after
    assert "don-yeu-cau [D 04-THA]" in after
    path = tmp_path / "don.docx"
    _run("--blank", "don-yeu-cau", "--format", "docx", "--output", str(path))
    assert "ĐƠN YÊU CẦU THI HÀNH ÁN" in docx_text(path.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("KHONG/CO/0001", "1", "--output", "x.pdf"), "Không tìm thấy việc"),
        (("--list", "--date", "31/02/2026"), "Ngày không hợp lệ"),
        ((), "Cần MÃ_VIỆC và SỐ_THỨ_TỰ"),
    ],
)
def test_command_refusals_are_vietnamese(shared_demo_org, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_an_event_number_the_case_does_not_have(shared_demo_org):
    case = new_case()
    with pytest.raises(CommandError, match="không có sự kiện thứ 9"):
        _run(case.code, "9", "--output", "x.pdf")


def test_procuracy_register_in_excel_read_back(client, shared_demo_org):
    case = new_case(debtor="Đinh Thị Lan")
    sent = _issued(case)
    services.document_mark_sent(sent, sent_on=TODAY, expected_version=sent.version)
    # Minutes go to no procuracy: not in its register.
    _issued(case, "bb-xac-minh", act={"minutes_date": "2025-09-01", "result": "Có tài sản",
                                      "informants": "Công an xã"}, signer="TN-SC-02")  # fmt: skip
    login(client, "truongphong")
    response = client.get(
        reverse("documents:procuracy_register", args=["TNG-KV2"]), {"xuat": "xlsx"}
    )
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Sổ gửi VKS"
    assert sheet["A2"].value == "Sổ theo dõi văn bản gửi Viện kiểm sát"
    header = [c.value for c in sheet[3]]
    assert header[1] == "Số, ký hiệu" and header[8] == "Ngày gửi Viện kiểm sát"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1
    assert rows[0][1] == sent.number_display and rows[0][6] == "Đinh Thị Lan"
    assert rows[0][2].date() == DAY and rows[0][8].date() == TODAY
    assert sheet.cell(row=4, column=9).number_format == "DD/MM/YYYY"


def test_the_template_catalogue_page_lists_every_family(client, shared_demo_org):
    """The case documents, the complaint handling's and oversight's, each family in its own
    table numbered from 1, the titles in Vietnamese."""
    from django.utils import timezone

    from thads.documents.models import Family
    from thads.documents.rendering import templates_in_force

    login(client, "chv")
    page = client.get(reverse("documents:templates")).content.decode()
    today = timezone.localdate()
    for family in Family:
        assert str(family.label) in page
        table = page.split(f'data-testid="template-list-{family.value}"')[1].split("</table>")[0]
        in_force = templates_in_force(today, family=family.value).count()
        assert in_force and table.count("<tr>") == in_force + 1  # the header row
        assert "{{" not in table  # a field to fill is "…", not "{{ kind_label }}"
    assert "đình chỉ giải quyết …" in page
    # A letter (công văn) has no title: it is named "Công văn v/v …", not " v/v …".
    letter = page.split('data-testid="template-list-complaint"')[1].split("</table>")[0]
    assert "<td>Công văn v/v chuyển đơn</td>" in letter
    assert "<td> " not in page and "<td>v/v" not in page


def test_a_letter_is_named_as_a_letter_wherever_it_is_listed():
    from thads.documents.models import DocumentTemplate

    letter = DocumentTemplate(title="", subject="V/v chuyển đơn")
    decision = DocumentTemplate(title="QUYẾT ĐỊNH", subject="Về việc hoãn thi hành án")
    assert letter.kind_name == "Công văn" and letter.display_name == "Công văn v/v chuyển đơn"
    assert decision.display_name == "Quyết định về việc hoãn thi hành án"
