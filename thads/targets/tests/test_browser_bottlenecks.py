"""A real browser on the bottleneck screens of the demo province (Debian's /usr/bin/chromium,
the fixtures of thads/web/tests/test_browser.py; never `playwright install`)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from thads.cases.models import Case
from thads.interchange import demo_cases
from thads.org.demo import DEMO_PASSWORD
from thads.targets import bottlenecks
from thads.testing.browser import ARTIFACTS
from thads.testing.org import build_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_COUNT = 600


def test_leader_opens_a_bottleneck_list_of_the_demo_province(
    live_server,
    page,  # noqa: F811
    events_flushable,  # noqa: F811
):
    build_all()
    today = timezone.localdate()
    demo_cases.load(today, count=DEMO_COUNT)
    expected = bottlenecks.cases_of(
        bottlenecks.BY_KEY["qua-mot-nam"], Case.objects.all(), bottlenecks.Params.defaults(), today
    ).count()
    assert expected > 0, "the demo has cases with conditions older than a year"

    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/diem-nghen/")
    card = page.get_by_test_id("bottleneck-qua-mot-nam")
    assert card.get_by_test_id("count").inner_text() == f"{expected:,}".replace(",", ".")
    card.get_by_role("link").click()
    page.wait_for_url("**/diem-nghen/qua-mot-nam/**")
    assert page.get_by_role("heading", name="Có điều kiện, quá 1 năm chưa xong").is_visible()
    rows = page.get_by_test_id("bottleneck-list").locator("tbody tr")
    assert rows.count() == min(expected, 50)
    first_money = rows.first.locator("td.num").first.inner_text()
    assert first_money.endswith(" đ") and "." in first_money
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "bottlenecks-list-vi.png"), full_page=True)

    # Sorting by age puts the oldest decision first; the case link opens the case page.
    page.get_by_test_id("sort-age").click()
    page.wait_for_url("**sap_xep=tuoi**")
    first = page.get_by_test_id("bottleneck-list").locator("tbody tr").first
    code = first.locator("td").nth(1).inner_text()
    first.get_by_role("link").first.click()
    page.wait_for_url("**/viec/*/")
    assert code in page.content()

    # The cockpit loads the panel through its hook (htmx).
    page.goto(f"{live_server.url}/chi-tieu/")
    page.get_by_test_id("bottleneck-cards").wait_for()
    page.screenshot(path=str(ARTIFACTS / "bottlenecks-cockpit-panel-vi.png"), full_page=True)
    # The browser asks for /favicon.ico on its own (the site has none): not a page problem.
    problems = [p for p in page.problems if "404" not in p or "favicon" in page.url]
    assert not problems, problems
