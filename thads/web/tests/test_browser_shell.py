"""The shell in a real browser (Debian's chromium): every role's home page and the key pages fit
a 390 px phone without sideways scrolling and a 1366 px screen with the menu on one line; the
menu collapses on the phone; dates are typed and shown dd/mm/yyyy whatever the browser's locale;
the skip link comes first. Screenshots go to test-artifacts/ (looked at by the developer).
"""

import pytest
from django.utils import timezone

from thads.org.demo import DEMO_PASSWORD
from thads.testing.browser import ARTIFACTS
from thads.testing.org import build_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1366, "height": 900}
# Key pages per demo account ("{case}": a case of the unit, "{own_case}": one of chv's).
PAGES = {
    "chv": ["/", "/viec/", "/viec/danh-sach/", "{own_case}"],
    # The clerk's books: receipts, the cash book, payouts due, held money.
    "thuky": [
        "/",
        "/so-sach/so-bien-lai/TNG-KV2/",
        "/so-sach/so-quy/TNG-KV2/",
        "/so-sach/cho-chi-tra/TNG-KV2/",
        "/so-sach/tam-giu/TNG-KV2/",
    ],
    "truongphong": ["/", "/bao-cao-thang/TNG-KV2/", "/viec/phan-cong/TNG-KV2/", "{own_case}"],
    "phophong": ["/"],
    "lanhdao": ["/", "/chi-tieu/", "/thong-ke/", "/diem-nghen/", "/bao-cao-thang/TNG/"],
    "trunguong": ["/", "/chi-tieu/"],
    "kiemtra": ["/"],
    "quantri": ["/", "/quan-tri/", "/quan-tri/nhat-ky/", "/to-chuc/don-vi/"],
}


@pytest.fixture
def demo(db):
    from thads.cases.models import Case
    from thads.interchange import demo_cases, demo_office

    build_all()
    demo_cases.load(timezone.localdate(), count=200)
    demo_office.load(timezone.localdate())  # the books and the reports have something to show
    own = (
        Case.objects.filter(officer__user__username="chv", state="dang_thi_hanh")
        .order_by("code")
        .first()
    )
    if own is None:  # the small demo's spread depends on the day: a case taken for chv today
        from thads.org.models import Staff
        from thads.testing.cases import new_case

        chv = Staff.objects.get(user__username="chv")
        own = new_case("TNG-KV2", officer=chv.code, accepted_on=timezone.localdate())
    return {"own_case": f"/viec/{own.pk}/"}


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{base}/")


def fits(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def wide(page) -> list[str]:
    """The elements that reach past the window's right edge (to say what overflows)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 8)
          .map(e => e.tagName + '.' + e.className + ' '
               + Math.round(e.getBoundingClientRect().right))"""
    )


def test_every_role_home_and_key_pages_fit_the_phone_and_the_screen(live_server, browser, demo):
    (ARTIFACTS / "shell").mkdir(parents=True, exist_ok=True)
    for username, paths in PAGES.items():
        for name, viewport in (("390", PHONE), ("1366", SCREEN)):
            context = browser.new_context(viewport=viewport, locale="en-US")
            page = context.new_page()
            problems: list[str] = []
            page.on("pageerror", lambda e, problems=problems: problems.append(str(e)))
            page.on(
                "console",
                lambda m, problems=problems: m.type == "error" and problems.append(m.text),
            )
            login(page, live_server.url, username)
            for i, path in enumerate(paths):
                page.goto(live_server.url + path.format(**demo))
                page.wait_for_load_state("networkidle")
                scroll, inner = fits(page)
                slug = path.strip("/").replace("/", "-").replace("{", "").replace("}", "")
                page.screenshot(
                    path=str(ARTIFACTS / "shell" / f"{username}-{i}-{slug or 'home'}-{name}.png"),
                    full_page=True,
                )
                assert scroll <= inner, (username, path, name, scroll, inner, wide(page))
                if viewport is SCREEN:
                    # The menu stays on one line: every section's top at the same height.
                    tops = page.eval_on_selector_all(
                        "[data-testid=main-menu] > li",
                        "items => items.map(i => Math.round(i.getBoundingClientRect().top))",
                    )
                    assert len(set(tops)) == 1, (username, path, tops)
            assert problems == [], (username, name, problems)
            context.close()


def test_phone_menu_collapses_and_opens(live_server, browser, demo):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    login(page, live_server.url, "chv")
    menu = page.get_by_test_id("main-menu")
    assert not menu.is_visible()
    page.get_by_role("button", name="Mở, đóng menu").click()
    menu.wait_for(state="visible")
    page.get_by_role("button", name="Công việc").click()
    page.get_by_role("link", name="Danh sách việc").click()
    page.wait_for_url("**/viec/danh-sach/")
    context.close()


def test_skip_link_comes_first_and_leads_to_the_content(live_server, browser, demo):
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    login(page, live_server.url, "chv")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua menu, đến nội dung chính")
    assert skip.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    context.close()


def test_dates_are_typed_and_shown_dd_mm_yyyy_whatever_the_browser_locale(
    live_server,
    browser,
    demo,
):
    today = timezone.localdate()
    # An English (US) browser would show <input type=date> as mm/dd/yyyy: ours is text + picker.
    context = browser.new_context(viewport=SCREEN, locale="en-US")
    page = context.new_page()
    login(page, live_server.url, "chv")
    page.goto(live_server.url + demo["own_case"])
    page.locator("[data-action=van_dong]").click()  # a usual next step of a case in progress
    date_input = page.locator("#action-form input[name=on]")
    date_input.wait_for()
    assert date_input.get_attribute("type") == "text"
    assert date_input.input_value() == today.strftime("%d/%m/%Y")
    # The Vietnamese picker opens on a click.
    date_input.click()
    calendar = page.locator(".flatpickr-calendar.open")
    calendar.wait_for()
    assert "Thứ" in calendar.inner_text() or "T2" in calendar.inner_text()
    page.keyboard.press("Escape")
    date_input.fill(today.strftime("%d/%m/%Y"))
    page.get_by_test_id("action-submit").click()
    page.wait_for_url(f"**{demo['own_case']}")
    assert "Đã ghi nhận" in page.content()
    row = page.get_by_test_id("timeline").locator("tr[data-type=van_dong]").last
    assert today.strftime("%d/%m/%Y") in row.inner_text()
    context.close()
