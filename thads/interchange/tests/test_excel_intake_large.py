"""A 2 000-row file through the background path (run synchronously here), with progress."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from thads.cases.models import Case, Party
from thads.interchange import excel_intake
from thads.interchange.excel_intake import COLUMNS, uploads
from thads.interchange.models import UploadedIntake

pytestmark = pytest.mark.django_db

UNIT = "TNG-KV2"
ROWS = 2000


def big_workbook(rows: int, bad_row: int | None = None) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Thụ lý")
    ws.append([c.header for c in COLUMNS])
    keys = [c.key for c in COLUMNS]
    for i in range(rows):
        values = {
            "decision_no": f"{i + 1}/QĐ-THADS",
            "decision_date": "05/08/2025",
            "accepted_on": "05/08/2025",
            "mode": "Theo đơn" if i % 2 else "Chủ động",
            "court": "Tòa án nhân dân tỉnh Thái Nguyên",
            "judgment_no": f"{i // 3 + 1}/2025/DS-ST",
            "judgment_date": "14/07/2025",
            "kind": "Dân sự",
            "officer": "TN-SC-02",
            "amount": 1000000 + i,
            "tin_dung": "x" if i % 5 == 0 else None,
            "debtor_name": f"Người phải thi hành {i}",
        }
        if i + 2 == bad_row:
            values["amount"] = -1
        ws.append([values.get(k) for k in keys])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_two_thousand_rows_checked_and_written_in_the_background(
    client, demo_org, settings, monkeypatch, django_capture_on_commit_callbacks
):
    seen: list[int] = []
    real = uploads._set_progress

    def record(pk, fraction):
        real(pk, fraction)
        seen.append(UploadedIntake.objects.get(pk=pk).progress)

    monkeypatch.setattr(uploads, "_set_progress", record)
    client.force_login(get_user_model().objects.get(username="thuky"))
    content = big_workbook(ROWS)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("interchange:upload", args=[UNIT]),
            {"tep": SimpleUploadedFile("lon.xlsx", content)},
        )
    intake = UploadedIntake.objects.get()
    assert response["Location"] == reverse("interchange:detail", args=[intake.pk])
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.READY, intake.errors[:3]
    assert intake.row_count == ROWS
    assert len(intake.rows) == excel_intake.PREVIEW_ROWS
    assert seen == sorted(seen) and len(set(seen)) >= 3 and 0 < seen[0] < seen[-1] < 100
    page = client.get(reverse("interchange:detail", args=[intake.pk])).content.decode()
    assert "… và 1.800 dòng nữa" in page

    seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interchange:confirm", args=[intake.pk]))
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.DONE, intake.errors[:3]
    assert seen
    cases = Case.objects.filter(unit__code=UNIT)
    assert cases.count() == ROWS
    assert cases.filter(is_bank_credit=True).count() == ROWS // 5
    assert Party.objects.filter(case__unit__code=UNIT).count() == ROWS
    codes = sorted(cases.values_list("code", flat=True))
    assert codes[0] == "TNG-KV2/2025/0001" and codes[-1] == f"TNG-KV2/2025/{ROWS:04d}"


def test_one_bad_row_among_two_thousand_writes_nothing(demo_org, settings):
    user = get_user_model().objects.get(username="thuky")
    intake = excel_intake.create_upload(
        user, demo_org[UNIT], "lon.xlsx", big_workbook(ROWS, bad_row=1501)
    )
    UploadedIntake.objects.filter(pk=intake.pk).update(status=UploadedIntake.Status.READY)
    assert excel_intake.confirm(intake, user)
    excel_intake.run(intake.pk)  # the write re-checks every row
    intake.refresh_from_db()
    assert intake.status == UploadedIntake.Status.INVALID
    assert [row for row, _m in intake.errors] == [1501]
    assert not Case.objects.filter(unit__code=UNIT).exists()
