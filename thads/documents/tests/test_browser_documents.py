"""A decision drafted and issued in chromium, with screenshots (test-artifacts/documents/): the
officer drafts a hoãn from the case, the head sees it waiting, signs it, the register lists it;
the issued PDF's page rendered to PNG (pdftoppm) for the eye."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.utils import timezone

from thads.documents.models import Document
from thads.testing.browser import ARTIFACTS, shot, user_page
from thads.testing.cases import new_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = ARTIFACTS / "documents"


def snap(page, name: str) -> None:
    shot(page, "documents", name)


def test_draft_issue_and_register_in_the_browser(live_server, browser, demo_org):
    case = new_case(debtor="Trần Văn Bảo", amount=48_500_000)
    officer = user_page(browser, live_server, "chv")
    officer.goto(f"{live_server.url}/van-ban/viec/{case.pk}/soan/?mau=qd-hoan")
    today = timezone.localdate()
    until = f"{today + dt.timedelta(days=90):%d/%m/%Y}"
    officer.fill("#id_doc_date", f"{today:%d/%m/%Y}")
    officer.select_option("#id_reason", "khac")
    officer.select_option("#id_ground", "om_nang")
    officer.fill("#id_until", until)
    snap(officer, "1-soan-quyet-dinh-hoan")
    officer.get_by_test_id("draft-save").click()
    officer.wait_for_url(f"{live_server.url}/van-ban/*/")
    body = officer.content()
    assert "DỰ THẢO" in body and "Trần Văn Bảo" in body
    assert f"đến hết ngày {until}" in body
    snap(officer, "2-du-thao")
    # The head signs: the draft waits on the head's home page, then gets its number.
    head = user_page(browser, live_server, "truongphong")
    head.goto(f"{live_server.url}/")
    assert "Văn bản chờ ký" in head.content()
    document = Document.objects.get(case=case)
    head.goto(f"{live_server.url}/van-ban/{document.pk}/")
    head.get_by_role("button", name="Ký ban hành").click()
    head.wait_for_load_state()
    document.refresh_from_db()
    assert document.status == "issued"
    issued = head.content()
    assert document.number_display in issued and "DỰ THẢO" not in issued
    snap(head, "3-da-ban-hanh")
    head.goto(f"{live_server.url}/van-ban/so/TNG-KV2/")
    assert document.number_display in head.content()
    snap(head, "4-so-van-ban")
    assert officer.problems == [] and head.problems == []
    # The PDF as printed: its first page as an image.
    response = head.request.get(f"{live_server.url}/van-ban/{document.pk}/tai/pdf/")
    assert response.ok and response.body().startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = SHOTS / "5-quyet-dinh-hoan.pdf"
    pdf.write_bytes(response.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(SHOTS / "5-pdf")],
        check=True,
    )
    png = next(SHOTS.glob("5-pdf*.png"))
    assert png.stat().st_size > 20_000  # a page with text, not a blank one
