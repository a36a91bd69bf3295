"""A real browser: Debian's chromium driven by Playwright against the live server.

Never `playwright install`: the browser is /usr/bin/chromium (apt). Without it the test is
skipped on a developer machine and fails under CI (CI=true), where .ci/run installs it.
"""

import pytest
from django.conf import settings

from thads.org.demo import DEMO_PASSWORD
from thads.testing.browser import ARTIFACTS
from thads.testing.org import build_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_sees_only_its_unit_and_switches_language(live_server, page):
    units = build_all()
    own = units["TNG-KV2"]
    others = [units[code] for code in ("TNG-KV1", "TNG-KV3", "TNG-KV4", "TNG-KV5", "CBG-KV1")]

    # Static files (vendor libraries from npm) are served by the live server.
    for path in (
        "vendor/bootstrap.min.css",
        "vendor/bootstrap.bundle.min.js",
        "vendor/flatpickr.min.js",
        "vendor/flatpickr-vn.js",
        "vendor/htmx.min.js",
        "web/app.js",
        "web/favicon.svg",
    ):
        response = page.request.get(f"{live_server.url}{settings.STATIC_URL}{path}")
        assert response.status == 200, path

    page.goto(f"{live_server.url}/")
    assert "/dang-nhap/" in page.url
    assert page.get_by_role("heading", name="Đăng nhập hệ thống").is_visible()
    page.fill("#id_username", "chv")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    assert page.locator("h1").inner_text() == own.name
    assert page.get_by_test_id("active-unit").inner_text() == own.name
    assert page.get_by_test_id("panel-my-deadlines").is_visible()  # the officer's home
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "officer-home-vi.png"), full_page=True)

    for url in ("/", "/to-chuc/don-vi/", f"/to-chuc/don-vi/{own.code}/"):
        page.goto(f"{live_server.url}{url}")
        content = page.content()
        for other in others:
            assert other.name not in content, (url, other.code)

    response = page.goto(f"{live_server.url}/to-chuc/don-vi/TNG-KV3/")
    assert response.status == 404
    assert "Không tìm thấy trang" in page.content()

    # Switch to English with the selector (app.js submits the form on change).
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.get_by_test_id("language").select_option("en")
    page.get_by_test_id("user-menu").click()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert page.get_by_role("heading", name="My deadlines").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=str(ARTIFACTS / "officer-home-en.png"), full_page=True)

    with page.expect_navigation():
        page.get_by_test_id("language").select_option("vi")
    page.get_by_test_id("user-menu").click()
    assert page.get_by_role("button", name="Đăng xuất").is_visible()
    assert page.get_by_role("heading", name="Thời hạn của tôi").is_visible()

    # Logging out is a POST from the button; the login page follows.
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")

    # No script blocked by the Content-Security-Policy, no JavaScript error.
    assert [p for p in page.problems if "404" not in p] == []
