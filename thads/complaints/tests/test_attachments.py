"""Scanned attachments of a letter: real type from the first bytes, bounded size, nothing
saved on refusal, download scoped like the letter and hidden with the denouncer's identity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thads.complaints import services
from thads.complaints.models import Attachment
from thads.complaints.services import LetterInput, SenderInput
from thads.complaints.tests.test_identity import denunciation  # noqa: F401 - fixture
from thads.org.models import Unit
from thads.testing.cases import login

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 9, 3)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 32


def _letter(unit_code: str = "TNG-KV2"):
    return services.letter_register(
        Unit.objects.get(code=unit_code),
        LetterInput(kind="khieu_nai", received_on=DAY, senders=[SenderInput("Phạm Văn Hải")]),
    )


def _upload(client, letter, name: str, content: bytes):
    return client.post(
        reverse("complaints:letter_attach", args=[letter.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_clerk_attaches_pdf_and_png_listed_and_downloaded(client, shared_demo_org):
    letter = _letter()
    login(client, "thuky")
    assert _upload(client, letter, "don-scan.pdf", PDF).status_code == 302
    assert _upload(client, letter, "trang 2.PNG", PNG).status_code == 302
    rows = list(letter.attachments.order_by("pk"))
    assert [(a.name, a.content_type, a.size) for a in rows] == [
        ("don-scan.pdf", "application/pdf", len(PDF)),
        ("trang 2.PNG", "image/png", len(PNG)),
    ]
    assert rows[0].uploaded_by.username == "thuky"
    page = client.get(reverse("complaints:letter", args=[letter.pk])).content.decode()
    assert "don-scan.pdf" in page and "trang 2.PNG" in page
    response = client.get(reverse("complaints:attachment", args=[rows[0].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hop-dong.pdf", EXE, "không phải là tệp PDF, JPEG hoặc PNG"),
        ("anh.png", PDF, "không phải là tệp PDF, JPEG hoặc PNG"),
        ("rong.pdf", b"", "rỗng"),
        ("lon.pdf", PDF + b"0" * 2048, "Tệp quá lớn"),
    ],
)
def test_bad_file_is_refused_and_nothing_saved(client, shared_demo_org, settings, name, content,
                                               message):  # fmt: skip
    settings.THADS_ATTACHMENT_MAX_BYTES = 1024
    letter = _letter()
    login(client, "thuky")
    response = _upload(client, letter, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_out_of_scope_user_gets_404(client, shared_demo_org):
    letter = _letter("TNG-KV3")
    attachment = services.letter_attach(letter, SimpleUploadedFile("a.pdf", PDF))
    login(client, "thuky")  # TNG-KV2: a sibling unit
    assert client.get(reverse("complaints:attachment", args=[attachment.pk])).status_code == 404
    assert _upload(client, letter, "b.pdf", PDF).status_code == 404
    assert Attachment.objects.count() == 1


def test_reader_without_the_right_to_edit_cannot_attach(client, shared_demo_org):
    letter = _letter()
    login(client, "chv")
    assert _upload(client, letter, "b.pdf", PDF).status_code == 403
    assert not Attachment.objects.exists()


def test_denouncer_identity_hides_attachments(client, denunciation):  # noqa: F811
    letter, _matter = denunciation
    attachment = services.letter_attach(letter, SimpleUploadedFile("to-cao.pdf", PDF))
    url = reverse("complaints:attachment", args=[attachment.pk])
    for username in ("chv", "thuky", "truongphong"):  # the denounced officer, not resolvers
        login(client, username)
        assert client.get(url).status_code == 404, username
        page = client.get(reverse("complaints:letter", args=[letter.pk])).content.decode()
        assert "to-cao.pdf" not in page
        assert 'data-testid="attachments-hidden"' in page
    for username in ("phophong", "lanhdao"):  # the verifier and the resolver
        login(client, username)
        assert client.get(url).status_code == 200, username
