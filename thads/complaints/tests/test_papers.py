"""The documents of the complaint handling through common.paper: the notice of acceptance, the
forwarding letter (not the acceptance notice) of a forwarded letter, the conclusion on a
denunciation as a draft then numbered, the reception minutes; HTML page, DOCX and PDF; the
denouncer's name printed only for who may see it (Luật Tố cáo 2018, Điều 47)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from thads.complaints import services
from thads.complaints.services import (
    HandlingInput,
    LetterInput,
    MatterInput,
    SenderInput,
    SessionInput,
)
from thads.testing.cases import login, staff

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 9, 3)
NAME = "Đinh Công Tráng"


def _paper(kind: str, pk: int, fmt: str = "") -> str:
    if fmt:
        return reverse("complaints:paper_file", args=[kind, pk, fmt])
    return reverse("complaints:paper", args=[kind, pk])


@pytest.fixture
def denunciation(shared_demo_org):
    unit = staff("TN-SC-01").memberships.get(valid_to__isnull=True).unit
    letter = services.letter_register(
        unit,
        LetterInput(kind="to_cao", received_on=DAY, senders=[SenderInput(NAME)],
                    summary="Tố cáo Chấp hành viên nhận tiền"),
    )  # fmt: skip
    services.letter_handle(
        letter,
        HandlingInput(on=DAY, handling="thu_ly",
                      matters=[MatterInput(kind="to_cao", subject_staff=staff("TN-SC-02"))]),
        expected_version=letter.version,
    )  # fmt: skip
    matter = letter.matters.get()
    matter = services.matter_assign_verifier(
        matter, staff("TN-PY-01"), on=DAY, expected_version=matter.version
    )
    return letter, matter


@pytest.mark.parametrize(
    ("username", "sees"), [("lanhdao", True), ("phophong", True), ("chv", False), ("thuky", False)]
)
def test_denouncer_named_on_papers_only_for_who_may_see(client, denunciation, username, sees):
    letter, matter = denunciation
    login(client, username)
    for url in (_paper("thong-bao-thu-ly", letter.pk), _paper("giai-quyet", matter.pk)):
        response = client.get(url)
        if response.status_code == 404:  # outside the user's scope
            assert not sees
            continue
        body = response.content.decode()
        assert response.status_code == 200
        assert (NAME in body) is sees, (username, url)
        assert ("giữ bí mật" in body) is not sees


def test_acceptance_and_conclusion_draft_then_numbered_in_three_formats(client, denunciation):
    letter, matter = denunciation
    login(client, "lanhdao")
    notice = client.get(_paper("thong-bao-thu-ly", letter.pk)).content.decode()
    assert "Về việc thụ lý giải quyết đơn" in notice and matter.code in notice
    assert matter.due_on.strftime("%d/%m/%Y") in notice
    # The acceptance notice only: the refusal of an accepted letter does not exist.
    assert client.get(_paper("thong-bao-khong-thu-ly", letter.pk)).status_code == 404
    draft = client.get(_paper("giai-quyet", matter.pk)).content.decode()
    assert "DỰ THẢO" in draft and "KẾT LUẬN" in draft
    services.matter_decide(
        matter, on=dt.date(2025, 9, 20), outcome="dung_mot_phan", decision_no="7/KL-CTHADS",
        measures="Kiểm điểm Chấp hành viên", expected_version=matter.version,
    )  # fmt: skip
    page = client.get(_paper("giai-quyet", matter.pk)).content.decode()
    assert "DỰ THẢO" not in page and "7/KL-CTHADS" in page
    assert "đúng một phần" in page and "Kiểm điểm Chấp hành viên" in page
    docx = client.get(_paper("giai-quyet", matter.pk, "docx"))
    assert docx["Content-Disposition"].endswith('.docx"')
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Nội dung tố cáo" in text and "Kiểm điểm Chấp hành viên" in text
    pdf = client.get(_paper("giai-quyet", matter.pk, "pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(_paper("giai-quyet", matter.pk, "odt")).status_code == 404


def test_forwarding_letter_and_reception_minutes(client, shared_demo_org):
    unit = staff("TN-SC-01").memberships.get(valid_to__isnull=True).unit
    session = services.session_record(
        unit,
        SessionInput(held_on=DAY, form="dinh_ky", place="Trụ sở Phòng", host=staff("TN-SC-01"),
                     by_leader=True, visits=3, people=3, matters_old=1, matters_new=1,
                     about_khieu_nai=2, content="Khiếu nại việc kê biên", outcome="Nhận đơn"),
    )  # fmt: skip
    letter = services.letter_register(
        unit, LetterInput(kind="khieu_nai", received_on=DAY, senders=[SenderInput("Lò Văn Ba")],
                          summary="Tranh chấp đất đai"),
        reception=session,
    )  # fmt: skip
    services.letter_handle(
        letter,
        HandlingInput(on=DAY, handling="chuyen_don", competent=False,
                      sent_to="Tòa án nhân dân tỉnh Thái Nguyên"),
        expected_version=letter.version,
    )  # fmt: skip
    login(client, "lanhdao")
    assert client.get(_paper("thong-bao-thu-ly", letter.pk)).status_code == 404
    body = client.get(_paper("thong-bao-khong-thu-ly", letter.pk)).content.decode()
    assert "V/v chuyển đơn" in body and "Tòa án nhân dân tỉnh Thái Nguyên" in body
    assert "Lò Văn Ba" in body
    minutes = client.get(_paper("bien-ban-tiep", session.pk)).content.decode()
    assert "BIÊN BẢN" in minutes and "Số lượt tiếp: 3; số người: 3" in minutes
    assert letter.code in minutes and "lãnh đạo tiếp" in minutes
    assert (
        'data-testid="session-papers"'
        in client.get(reverse("complaints:session", args=[session.pk])).content.decode()
    )
