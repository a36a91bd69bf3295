"""Forms 8 and 9 go up the report chain with the other forms: frozen when a month is approved, a
letter entered late for that month changes the live numbers (named with the form's labels on the
report's status page), never the snapshot."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thads.common.periods import month_period
from thads.complaints import services
from thads.complaints.services import LetterInput, SenderInput, SessionInput
from thads.org.access import access_for
from thads.stats import submission as sub
from thads.stats.models import ReportSnapshot, ReportSubmission
from thads.stats.snapshots import compare
from thads.testing.cases import login

pytestmark = pytest.mark.django_db
# Report year 2026: month 1 = October 2025, closed on Friday 31/10/2025.
Y = 2026
AFTER_M1 = dt.date(2025, 11, 3)


def _act(action, unit, username: str) -> None:
    user = get_user_model().objects.get(username=username)
    row = ReportSubmission.objects.filter(unit=unit, year=Y, month=1).first()
    action(unit, Y, 1, access=access_for(user), user=user,
           expected_version=row.version if row else 1, today=AFTER_M1)  # fmt: skip


def test_forms_8_and_9_frozen_on_approval_then_compared_with_live_numbers(demo_org, client):
    kv2 = demo_org["TNG-KV2"]
    services.session_record(
        kv2,
        SessionInput(held_on=dt.date(2025, 10, 7), form="thuong_xuyen", visits=2, people=2,
                     matters_new=1, about_khieu_nai=1),
        today=AFTER_M1,
    )  # fmt: skip
    _act(sub.report_submit, kv2, "truongphong")
    _act(sub.report_approve, kv2, "lanhdao")
    row = ReportSubmission.objects.get(unit=kv2, year=Y, month=1)
    assert row.status == ReportSubmission.Status.APPROVED
    payloads = ReportSnapshot.objects.get(submission=row).payloads
    assert payloads["9"]["total"]["luot"] == 2 and payloads["8"]["total"]["don_tiep_nhan"] == 0
    assert payloads["8"]["total"]["ty_le"] is None
    assert compare(row, month_period(Y, 1)).changed is False

    services.letter_register(
        kv2,
        LetterInput(kind="khieu_nai", received_on=dt.date(2025, 10, 20),
                    senders=[SenderInput("Đỗ Văn Hùng")]),
        today=AFTER_M1,
    )  # fmt: skip
    diff = compare(row, month_period(Y, 1))
    totals = diff.total_cells("8")
    assert (totals["don_tiep_nhan"].frozen, totals["don_tiep_nhan"].live) == (0, 1)
    assert totals["don_tiep_nhan"].label == "Tổng số đơn"
    assert {c.form for c in diff.source_cells} == {"8"}
    assert ReportSnapshot.objects.get(submission=row).payloads["8"]["total"]["don_tiep_nhan"] == 0

    login(client, "lanhdao")
    page = client.get(f"{reverse('submission:status', args=['TNG-KV2'])}?nam={Y}&thang=1")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="changed-source-cells"' in body
    assert "Biểu 06, 08, 09, 10, 12: số liệu đã thay đổi" in body and "Tổng số đơn" in body
