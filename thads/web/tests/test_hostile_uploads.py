"""Every upload is bounded before it is read (issue 9, item 3): a few kB declaring a huge sheet,
a truncated sheet, a zip bomb, a file that is not a workbook — each refused with a Vietnamese
message, never a 500, never hundreds of MB, nothing written."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thads.cases.models import Case
from thads.interchange.models import UploadedIntake
from thads.targets.models import Target
from thads.testing.hostile_files import (
    declared_dimension,
    rows_workbook,
    small_workbook,
    truncated_sheet,
    zip_bomb,
)

pytestmark = pytest.mark.django_db


def _file(content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = "tep.xlsx"
    return upload


def _targets(client, content: bytes) -> str:
    response = client.post(reverse("targets:upload", args=["TNG"]), {"tep": _file(content)})
    assert response.status_code == 200
    assert not Target.objects.exists()
    return response.content.decode()


def _intake(client, content: bytes, capture) -> UploadedIntake:
    with capture(execute=True):
        response = client.post(
            reverse("interchange:upload", args=["TNG-KV2"]), {"tep": _file(content)}
        )
    assert response.status_code in (200, 302)
    assert not Case.objects.exists()
    return UploadedIntake.objects.order_by("-pk").first()


@pytest.fixture(autouse=True)
def _small_unpack_limit(settings):
    settings.THADS_UPLOAD_MAX_UNPACKED = 5 * 1024 * 1024  # so that the zip bomb stays quick


@pytest.fixture
def leader(client, demo_org):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    return client


@pytest.fixture
def clerk(client, demo_org, settings):
    settings.INTERCHANGE_INTAKE_RUNNER = "inline"
    client.force_login(get_user_model().objects.get(username="thuky"))
    return client


def _peak(call) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_targets_upload_declaring_a_huge_sheet_stays_small(leader):
    content = declared_dimension(small_workbook(), "A1:XFD3000")
    assert len(content) < 10_000
    peak = _peak(lambda: _targets(leader, content))
    assert peak < 40 * 1024 * 1024  # was 500 MB


def test_targets_upload_malformed_files_answer_in_vietnamese(leader):
    for content in (truncated_sheet(rows_workbook(40)), b"not a workbook", zip_bomb(8 << 20)):
        page = _targets(leader, content)
        assert "Tệp không phải là bảng tính Excel" in page or "quá lớn" in page, page[-500:]
    page = _targets(leader, rows_workbook(2500))
    assert "Tệp có quá 2000 dòng" in page


def test_excel_intake_malformed_files_are_refused_in_vietnamese(
    clerk, django_capture_on_commit_callbacks
):
    huge = declared_dimension(small_workbook(title="Thụ lý"), "A1:XFD1048576")
    peak = _peak(lambda: _intake(clerk, huge, django_capture_on_commit_callbacks))
    assert peak < 60 * 1024 * 1024
    for content in (truncated_sheet(rows_workbook(40, "Thụ lý")), zip_bomb(8 << 20)):
        intake = _intake(clerk, content, django_capture_on_commit_callbacks)
        assert intake.status == UploadedIntake.Status.INVALID, intake.errors
        message = intake.errors[0][1]
        assert "Tệp không phải là bảng tính Excel" in message or "quá lớn" in message, message
