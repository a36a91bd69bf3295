"""Excel intake: template → upload → preview with row errors → confirm all-or-nothing."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thads.cases.models import Case, Party
from thads.common import jobs
from thads.interchange import excel_intake
from thads.interchange.excel_intake import COLUMNS, read_amount, read_date, uploads
from thads.interchange.importer import import_lines
from thads.interchange.models import UploadedIntake
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db

UNIT = "TNG-KV2"
KEYS = [c.key for c in COLUMNS]


_serial = itertools.count(15)


def row(**values) -> dict:
    """A filled row; each row its own decision number and judgment (duplicates are refused,
    `cases.duplicates`) unless given."""
    n = next(_serial)
    base = {
        "decision_no": f"{n}/QĐ-THADS",
        "decision_date": "05/08/2025",
        "accepted_on": "05/08/2025",
        "mode": "Chủ động",
        "court": "Tòa án nhân dân tỉnh Thái Nguyên",
        "judgment_no": f"{n + 30}/2025/DS-ST",
        "judgment_date": "14/07/2025",
        "kind": "Dân sự",
        "officer": "TN-SC-02",
        "amount": "1.234.567",
        "debtor_name": "Trần Thị Bích",
        "debtor_kind": "Cá nhân",
        "debtor_id": "019180000123",
        "debtor_address": "Tổ 3, phường Mỏ Chè",
        "creditor_name": "Ngân hàng Nông nghiệp",
        "creditor_kind": "Tổ chức",
    }
    base.update(values)
    return base


def workbook(template: bytes, rows: list[dict | None]) -> bytes:
    """Fill the downloaded template: one dict per row from row 2 (None: an empty row)."""
    wb = load_workbook(io.BytesIO(template))
    ws = wb["Thụ lý"]
    headers = {c.header: i for i, c in enumerate(COLUMNS, start=1)}
    assert [ws.cell(row=1, column=i).value for i in range(1, len(COLUMNS) + 1)] == list(headers)
    for number, values in enumerate(rows, start=2):
        for key, value in (values or {}).items():
            ws.cell(row=number, column=KEYS.index(key) + 1, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def inline(settings):
    """Jobs run when the request commits (the test settings' immediate backend)."""
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


@pytest.fixture
def clerk(client, demo_org):
    user = get_user_model().objects.get(username="thuky")
    client.force_login(user)
    return user


def download_template(client) -> bytes:
    response = client.get(reverse("interchange:template", args=[UNIT]))
    assert response.status_code == 200
    assert response["Content-Type"] == excel_intake.CONTENT_TYPE
    return response.content


def upload(client, content: bytes, django_capture_on_commit_callbacks) -> UploadedIntake:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("interchange:upload", args=[UNIT]),
            {"tep": SimpleUploadedFile("viec.xlsx", content)},
        )
    assert response.status_code == 302, response.content
    return UploadedIntake.objects.latest("pk")


def confirm(client, intake, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("interchange:confirm", args=[intake.pk]))


def test_template_sheets_lists_and_instructions(client, clerk):
    wb = load_workbook(io.BytesIO(download_template(client)))
    assert wb.sheetnames[0] == "Thụ lý"
    assert "Hướng dẫn" in wb.sheetnames
    ws = wb["Thụ lý"]
    mode_col = ws.cell(row=1, column=KEYS.index("mode") + 1).column_letter
    lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert lists[f"{mode_col}2:{mode_col}20001"].type == "list"
    listed = [c.value for c in wb["Danh mục"]["A"] if c.value]
    assert listed == ["Chủ động", "Theo đơn"]
    assert "Dân sự" in [c.value for c in wb["Danh mục"]["B"]]


def test_round_trip_creates_cases_after_confirm_only(
    client, clerk, inline, django_capture_on_commit_callbacks
):
    template = download_template(client)
    content = workbook(
        template,
        [
            row(ngan_sach="x", tham_nhung_kinh_te="X", judgment_no="45/2025/DS-ST"),
            None,  # empty rows are skipped
            row(
                code="TNG-KV2/2025/0500",
                mode="Theo đơn",
                decision_no="16/QĐ-THADS",
                decision_date=dt.datetime(2025, 8, 6),  # a real Excel date
                accepted_on=dt.date(2025, 8, 6),
                kind="Kinh doanh, thương mại",
                judgment_no="7/2025/KDTM-ST",
                amount=50000000,
                tin_dung="x",
                officer=None,
                creditor_name=None,
                creditor_kind=None,
                debtor_kind="Tổ chức",
                debtor_id="4600123456",  # an organisation: its tax code
            ),
        ],
    )
    intake = upload(client, content, django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.READY, intake.errors
    assert intake.row_count == 2
    assert not Case.objects.filter(unit__code=UNIT).exists()  # nothing until confirmed
    page = client.get(reverse("interchange:detail", args=[intake.pk]))
    assert page.status_code == 200
    assert "TNG-KV2/2025/0001" in page.content.decode()  # generated code shown in the preview
    assert "1.234.567" in page.content.decode()

    response = confirm(client, intake, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.DONE, intake.errors
    first = Case.objects.get(code="TNG-KV2/2025/0001")
    assert first.amount == 1234567
    assert first.officer.code == "TN-SC-02"
    assert first.mode == "chu_dong"
    assert (first.is_state_budget, first.is_bank_credit, first.is_corruption) == (True, False, True)
    assert first.accepted_on == dt.date(2025, 8, 5)
    assert first.judgment.number == "45/2025/DS-ST"
    assert first.judgment.kind == "dan_su"
    assert list(first.obligations.values_list("amount", flat=True)) == [1234567]
    debtor, creditor = first.parties.order_by("position")
    assert (debtor.role, debtor.kind, debtor.name, debtor.id_number, debtor.address) == (
        Party.Role.PHAI_THI_HANH,
        "ca_nhan",
        "Trần Thị Bích",
        "019180000123",
        "Tổ 3, phường Mỏ Chè",
    )
    assert (creditor.role, creditor.kind) == (Party.Role.DUOC_THI_HANH, "to_chuc")
    second = Case.objects.get(code="TNG-KV2/2025/0500")
    assert second.officer is None
    assert second.mode == "theo_don"
    assert second.accepted_on == dt.date(2025, 8, 6)
    assert (second.is_state_budget, second.is_bank_credit) == (False, True)
    assert second.judgment.kind == "kinh_doanh_thuong_mai"
    assert [p.kind for p in second.parties.all()] == ["to_chuc"]
    assert (
        "Đã thụ lý 2 việc."
        in client.get(reverse("interchange:detail", args=[intake.pk])).content.decode()
    )
    # a second confirm writes nothing more
    confirm(client, intake, django_capture_on_commit_callbacks)
    assert Case.objects.filter(unit__code=UNIT).count() == 2


def test_every_row_error_names_its_row_and_nothing_is_written(
    client, clerk, inline, django_capture_on_commit_callbacks
):
    # a case already in the database
    existing = {
        "type": "case", "code": "TNG-KV2/2025/0900", "unit": UNIT, "accepted_on": "2025-08-01",
        "decision_no": "1/QĐ", "decision_date": "2025-08-01", "mode": "chu_dong",
        "judgment": {"court": "TAND", "number": "1/2025", "date": "2025-07-01", "kind": "dan_su"},
        "amount": 1, "parties": [{"role": "phai_thi_hanh", "kind": "ca_nhan", "name": "A"}],
    }  # fmt: skip
    import_lines([json.dumps(existing, ensure_ascii=False)])
    before = Case.objects.count()
    rows = [
        row(),  # 2: fine
        row(accepted_on="31/02/2025"),  # 3
        row(officer="KHONG-CO"),  # 4
        row(amount="-5.000"),  # 5
        row(code="TNG-KV2/2025/0777"),  # 6
        row(code="TNG-KV2/2025/0777"),  # 7: duplicate in the file
        row(code="TNG-KV2/2025/0900"),  # 8: duplicate in the database
        row(debtor_name=None, debtor_kind=None, debtor_id=None, debtor_address=None),  # 9
        row(mode="Bất kỳ"),  # 10
        row(officer="TN-SC-04"),  # 11: a clerk, not an officer
        row(amount="12,5"),  # 12
        row(accepted_on="01/08/2025", judgment_date="02/08/2025"),  # 13: before the judgment
        row(tin_dung="có lẽ"),  # 14
    ]
    intake = upload(
        client, workbook(download_template(client), rows), django_capture_on_commit_callbacks
    )
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.INVALID
    by_row = {}
    for number, message in intake.errors:
        by_row.setdefault(number, []).append(message)
    assert 2 not in by_row
    assert "Ngày thụ lý không hợp lệ" in by_row[3][0]
    assert "KHONG-CO" in by_row[4][0]
    assert "âm" in by_row[5][0]
    assert 6 not in by_row
    assert "trùng (đã có ở dòng 6)" in by_row[7][0]
    assert "đã có trong cơ sở dữ liệu" in by_row[8][0]
    assert "người phải thi hành án" in by_row[9][0]
    assert "Hình thức không hợp lệ" in by_row[10][0]
    assert "không phải Chấp hành viên" in by_row[11][0]
    assert "Số tiền không hợp lệ" in by_row[12][0]
    assert "trước ngày bản án" in by_row[13][0]
    assert "Tín dụng" in by_row[14][0]
    assert set(by_row) == set(range(3, 15)) - {6}
    page = client.get(reverse("interchange:detail", args=[intake.pk])).content.decode()
    assert "Dòng 3: Ngày thụ lý không hợp lệ" in page
    assert "Dòng 7: Mã việc" in page
    assert 'data-testid="excel-confirm"' not in page
    # confirming an invalid upload writes nothing
    confirm(client, intake, django_capture_on_commit_callbacks)
    assert Case.objects.count() == before
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.INVALID


def test_codes_come_from_the_units_series_when_written(
    client, clerk, inline, django_capture_on_commit_callbacks
):
    # Accepted in November 2025: report year 2026 (one series rule for every intake path).
    content = workbook(
        download_template(client),
        [row(accepted_on="05/11/2025", decision_date="05/11/2025"), row(decision_no="17/QĐ")],
    )
    intake = upload(client, content, django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert [r["code"] for r in intake.rows] == ["TNG-KV2/2026/0001", "TNG-KV2/2025/0001"]
    # Meanwhile a case is taken on the screen: the preview's number is no longer free.
    taken = new_case(UNIT, accepted_on=dt.date(2025, 11, 10), auto_code=True)
    assert taken.code == "TNG-KV2/2026/0001"
    confirm(client, intake, django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.DONE, intake.errors
    codes = sorted(Case.objects.filter(unit__code=UNIT).values_list("code", flat=True))
    assert codes == ["TNG-KV2/2025/0001", "TNG-KV2/2026/0001", "TNG-KV2/2026/0002"]


def test_confirm_revalidates_when_the_database_changed(
    client, clerk, inline, django_capture_on_commit_callbacks
):

    intake = upload(
        client,
        workbook(download_template(client), [row(code="TNG-KV2/2025/0042"), row()]),
        django_capture_on_commit_callbacks,
    )
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.READY
    taken = {
        "type": "case", "code": "TNG-KV2/2025/0042", "unit": UNIT, "accepted_on": "2025-08-01",
        "decision_no": "1/QĐ", "decision_date": "2025-08-01", "mode": "chu_dong",
        "judgment": {"court": "TAND", "number": "1/2025", "date": "2025-07-01", "kind": "dan_su"},
        "amount": 1, "parties": [{"role": "phai_thi_hanh", "kind": "ca_nhan", "name": "A"}],
    }  # fmt: skip
    import_lines([json.dumps(taken, ensure_ascii=False)])
    confirm(client, intake, django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.INVALID
    assert intake.errors == [[2, "Mã việc “TNG-KV2/2025/0042” đã có trong cơ sở dữ liệu."]]
    assert Case.objects.filter(unit__code=UNIT).count() == 1  # only the one written meanwhile


def test_file_that_is_not_a_workbook_or_not_the_template(
    client, clerk, inline, django_capture_on_commit_callbacks
):
    intake = upload(client, b"not a zip", django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.INVALID
    assert intake.errors[0][0] == 0 and "không phải là bảng tính Excel" in intake.errors[0][1]
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["A", "B"])
    out = io.BytesIO()
    wb.save(out)
    intake = upload(client, out.getvalue(), django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert "Tệp không đúng mẫu" in intake.errors[0][1]
    response = client.post(
        reverse("interchange:upload", args=[UNIT]), {"tep": SimpleUploadedFile("a.csv", b"x")}
    )
    assert response.status_code == 400


def test_only_the_uploader_sees_and_confirms(
    client, clerk, inline, django_capture_on_commit_callbacks
):
    intake = upload(
        client, workbook(download_template(client), [row()]), django_capture_on_commit_callbacks
    )
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.READY
    other = get_user_model().objects.get(username="truongphong")  # same unit, may intake
    client.force_login(other)
    assert client.get(reverse("interchange:detail", args=[intake.pk])).status_code == 404
    assert client.get(reverse("interchange:status", args=[intake.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interchange:confirm", args=[intake.pk]))
    assert response.status_code == 404
    assert excel_intake.confirm(intake, other) is False
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.READY
    assert not Case.objects.filter(unit__code=UNIT).exists()


def test_progress_endpoint_polls_while_busy(
    client, clerk, settings, django_capture_on_commit_callbacks
):
    # The database queue: nothing runs until a worker picks it up.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    intake = upload(
        client, workbook(download_template(client), [row()]), django_capture_on_commit_callbacks
    )
    UploadedIntake.objects.filter(pk=intake.pk).update(status="checking", progress=37)
    url = reverse("interchange:status", args=[intake.pk])
    fragment = client.get(url).content.decode()
    assert 'value="37" max="100"' in fragment and "<progress" in fragment
    assert f'hx-get="{url}"' in fragment
    assert "<script" not in fragment
    UploadedIntake.objects.filter(pk=intake.pk).update(status="pending", progress=0)
    assert jobs.run_ready() == 1
    fragment = client.get(url).content.decode()
    assert "hx-get" not in fragment  # finished: no more polling
    assert 'data-status="ready"' in fragment


def test_read_only_roles_cannot_intake(client, demo_org):
    client.force_login(get_user_model().objects.get(username="kiemtra"))
    assert client.get(reverse("interchange:upload", args=[UNIT])).status_code == 403
    assert client.get(reverse("interchange:template", args=[UNIT])).status_code == 403
    client.force_login(get_user_model().objects.get(username="thuky"))
    assert client.get(reverse("interchange:upload", args=["CBG-KV1"])).status_code == 404


def test_intake_page_links_to_the_excel_intake(client, clerk):
    page = client.get(reverse("cases:intake", args=[UNIT])).content.decode()
    assert reverse("interchange:upload", args=[UNIT]) in page


def test_purge_removes_old_uploads_only(clerk, demo_org):
    from django.utils import timezone

    unit = demo_org[UNIT]
    old = excel_intake.create_upload(clerk, unit, "a.xlsx", b"x")
    new = excel_intake.create_upload(clerk, unit, "b.xlsx", b"x")
    UploadedIntake.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=8)
    )
    assert excel_intake.purge() == 1
    assert list(UploadedIntake.objects.values_list("pk", flat=True)) == [new.pk]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.234.567", 1234567), ("1 234 567 đ", 1234567), (1234567, 1234567),
        (1234567.0, 1234567), ("0", 0), ("-5", -5), ("12,5", None), (12.5, None),
        ("1.23", None), ("abc", None), (True, None),
    ],
)  # fmt: skip
def test_read_amount(value, expected):
    assert read_amount(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/08/2025", dt.date(2025, 8, 5)), ("5/8/2025", dt.date(2025, 8, 5)),
        ("2025-08-05", dt.date(2025, 8, 5)), (dt.datetime(2025, 8, 5, 0, 0), dt.date(2025, 8, 5)),
        ("31/02/2025", None), ("08/2025", None),
    ],
)  # fmt: skip
def test_read_date(value, expected):
    assert read_date(value) == expected


def test_upload_pages_need_a_signed_in_owner(client, demo_org):
    user = get_user_model().objects.get(username="thuky")
    intake = excel_intake.create_upload(user, demo_org[UNIT], "a.xlsx", b"x")
    for name in ("detail", "status"):
        response = client.get(reverse(f"interchange:{name}", args=[intake.pk]))
        assert response.status_code == 302 and "dang-nhap" in response["Location"]
    response = client.post(reverse("interchange:confirm", args=[intake.pk]))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]
    # the owner, once read only (e.g. moved to inspection), may no longer act on it
    inspector = get_user_model().objects.get(username="kiemtra")
    UploadedIntake.objects.filter(pk=intake.pk).update(owner=inspector)
    client.force_login(inspector)
    assert client.get(reverse("interchange:detail", args=[intake.pk])).status_code == 403


def _checked(client, django_capture_on_commit_callbacks) -> UploadedIntake:
    template = download_template(client)
    content = workbook(template, [row(code="TNG-KV2/2025/0400", decision_no="15/QĐ-THADS")])
    intake = upload(client, content, django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.READY
    return intake


def _written_cases() -> int:
    return Case.objects.filter(unit__code=UNIT, decision_no="15/QĐ-THADS").count()


def test_an_interrupted_write_is_done_again_once(
    client, clerk, inline, django_capture_on_commit_callbacks
):
    """A worker killed while writing leaves the upload "writing" (its transaction rolled back):
    the queue runs the job again and the rows are written once; once done, never again."""
    intake = _checked(client, django_capture_on_commit_callbacks)
    UploadedIntake.objects.filter(pk=intake.pk).update(status="writing", progress=40)
    with django_capture_on_commit_callbacks(execute=True):
        uploads.run(intake.pk)
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.DONE
    assert _written_cases() == 1
    uploads.run(intake.pk)  # the same task delivered again after its success was lost
    assert _written_cases() == 1


def test_the_done_mark_commits_with_the_rows(
    client, clerk, inline, monkeypatch, django_capture_on_commit_callbacks
):
    """If recording "done" fails, the rows are not written either (one transaction)."""
    intake = _checked(client, django_capture_on_commit_callbacks)
    UploadedIntake.objects.filter(pk=intake.pk).update(status="confirmed")

    def power_cut(pk, result):
        raise RuntimeError("power cut")

    monkeypatch.setattr(uploads, "_written", power_cut)
    uploads.run(intake.pk)
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.FAILED
    assert _written_cases() == 0
