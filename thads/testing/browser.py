"""Browser fixtures: Debian's chromium driven by Playwright (never `playwright install`).

`browser` (one per module), `page` (one per test), `ARTIFACTS` (screenshots, outside git),
`sign_in(page, live_server, username)`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from thads.org.demo import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")


ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


ARTIFACTS = settings.BASE_DIR / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: install it with apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); CI runs this test")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; Django would then refuse
    # the test's own ORM calls. They are synchronous, so telling Django so is safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.problems = problems
    yield page
    context.close()


@pytest.fixture
def events_flushable(live_server):
    """Kept for the browser tests that name it: the root conftest now lets every transactional
    test's flush empty the append-only tables and puts the reference data back."""
    yield


def sign_in(page, live_server, username: str) -> None:  # noqa: F811
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def user_page(browser, live_server, username: str):
    """A fresh browser context per account (a sign-in never reuses another's session), its
    page errors collected in `page.problems`."""
    page = browser.new_context(locale="vi-VN").new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.problems = problems
    sign_in(page, live_server, username)
    return page


def shot(page, folder: str, name: str) -> Path:
    """A full-page screenshot in test-artifacts/<folder>/<name>.png."""
    path = ARTIFACTS / folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
