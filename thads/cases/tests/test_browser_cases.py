"""A real browser on the case screens: an officer records a payment from "Việc của tôi"
(through the ledger: the receipt number is announced and printable); the head reassigns the
case. Reuses the chromium fixtures of thads/web/tests/test_browser.py.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from thads.ledger.models import Receipt
from thads.testing.browser import ARTIFACTS, sign_in
from thads.testing.cases import new_case
from thads.testing.org import build_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_a_payment_and_head_reassigns(live_server, page, events_flushable):  # noqa: F811
    build_all()
    case = new_case(amount=10_000_000, accepted_on=timezone.localdate(), debtor="Trần Thị Bình")
    ARTIFACTS.mkdir(exist_ok=True)

    sign_in(page, live_server, "chv")
    page.get_by_role("button", name="Công việc").click()  # the menu's section
    page.get_by_role("link", name="Việc của tôi", exact=True).click()
    page.wait_for_url("**/viec/")
    page.get_by_test_id("my-open-cases").get_by_role("link", name=case.code).click()
    page.wait_for_url(f"**/viec/{case.pk}/")
    assert page.get_by_test_id("money-remainder").inner_text() == "10.000.000 đ"
    page.screenshot(path=str(ARTIFACTS / "case-before-payment.png"), full_page=True)

    # The ledger's payment form is loaded into the page by htmx, then posted normally.
    page.locator('[data-action="thu_tien"]').click()
    form = page.get_by_test_id("action-form")
    form.wait_for()
    assert form.get_by_label("Người nộp tiền").input_value() == "Trần Thị Bình"
    form.get_by_label("Số tiền (đồng)").fill("2.500.000")
    with page.expect_navigation():
        form.get_by_test_id("action-submit").click()
    receipt = Receipt.objects.get(case=case)
    assert receipt.number in page.locator(".message-success").inner_text()
    assert receipt.number in page.get_by_test_id("ledger-receipts").inner_text()
    assert page.get_by_test_id("money-collected").inner_text() == "2.500.000 đ"
    assert page.get_by_test_id("money-remainder").inner_text() == "7.500.000 đ"
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "Thu tiền / giao tài sản" in timeline and "2.500.000 đ" in timeline
    assert timezone.localdate().strftime("%d/%m/%Y") in timeline
    page.screenshot(path=str(ARTIFACTS / "case-after-payment.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_test_id("receipt-print-link").click()
    assert "BIÊN LAI THU TIỀN" in page.content() and receipt.number in page.content()
    assert "Hai triệu năm trăm nghìn đồng" in page.content()
    page.go_back()

    # Too much: refused on the form with the article, nothing changed.
    page.locator('[data-action="thu_tien"]').click()
    form = page.get_by_test_id("action-form")
    form.wait_for()
    form.get_by_label("Số tiền (đồng)").fill("9.000.000")
    with page.expect_navigation():
        form.get_by_test_id("action-submit").click()
    error = page.get_by_test_id("action-error").inner_text()
    assert "vượt quá" in error and "(Luật THADS" in error  # the article of the law in force
    page.screenshot(path=str(ARTIFACTS / "case-payment-refused.png"), full_page=True)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")

    sign_in(page, live_server, "truongphong")
    page.goto(f"{live_server.url}/viec/{case.pk}/")
    page.get_by_test_id("assign-link").click()
    page.wait_for_url(f"**/viec/{case.pk}/phan-cong/")
    page.get_by_label("Chấp hành viên được phân công").select_option("TN-SC-03")
    page.screenshot(path=str(ARTIFACTS / "case-reassign.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Phân công").click()
    assert page.get_by_test_id("case-officer").inner_text() == "Vũ Đức Thắng"
    assert "Phân công Chấp hành viên" in page.get_by_test_id("timeline").inner_text()
    page.screenshot(path=str(ARTIFACTS / "case-after-reassign.png"), full_page=True)

    assert [p for p in page.problems if "404" not in p and "400" not in p] == []
