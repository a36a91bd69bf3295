"""The provincial leader opens the cockpit of the demo province in chromium: table, counts,
charts drawn by the static script from the json_script data (CSP: no inline script)."""

from __future__ import annotations

import pytest

from thads.org.access import access_for
from thads.org.demo import DEMO_PASSWORD
from thads.org.models import Unit
from thads.targets import services
from thads.testing.browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
M = 1_000_000
CO = ("xac_minh_co_dieu_kien", "2025-10-20")


def test_leader_sees_the_cockpit_of_the_province(
    live_server,
    page,  # noqa: F811
    history,
    events_flushable,  # noqa: F811
):
    import importlib

    from django.apps import apps
    from django.contrib.auth import get_user_model

    # A transactional test before this one may have flushed the form definitions seeded by
    # migration (the drill-down links need them): seed them again, idempotently.
    importlib.import_module("thads.stats.migrations.0003_default_forms").seed(apps, None)
    leader = get_user_model().objects.get(username="lanhdao")
    access = access_for(leader)
    for i, code in enumerate(["TNG-KV1", "TNG-KV2", "TNG-KV3", "TNG-KV4", "TNG-KV5"]):
        services.target_set(
            access, Unit.objects.get(code=code), 2026, case_rate="80", money_rate="40", by=leader
        )
        for n in range(4):
            events = [CO, ("dinh_chi", "2025-12-01")] if n < i else [CO]
            history(code, "2025-10-15", (n + 1) * 10 * M, events)
    # Last year (the Chi cục before the reform) for the trend and the projection.
    history(
        "TN-SC",
        "2024-10-15",
        5 * M,
        [("xac_minh_co_dieu_kien", "2024-10-20"), ("dinh_chi", "2025-08-01")],
    )

    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("button", name="Chỉ đạo điều hành").click()  # the menu's section
    page.get_by_role("link", name="Chỉ tiêu và tiến độ").click()
    picker = page.get_by_test_id("cockpit-picker")
    picker.locator("select[name=don_vi]").select_option("TNG")
    picker.locator("input[name=nam]").fill("2026")
    picker.locator("select[name=thang]").select_option("12")
    picker.get_by_role("button", name="Xem").click()
    page.wait_for_selector("[data-testid=cockpit-table]")
    page.wait_for_selector("html[data-charts=ready]")
    assert page.get_by_test_id("cockpit-unit").inner_text() == "Thi hành án dân sự tỉnh Thái Nguyên"
    # KV4 and KV5 completed 3 and 4 of 4 (75%, 100%) against 80%: one unit on target.
    assert page.get_by_test_id("case-met-count").inner_text().startswith("1/5")
    kv5 = page.locator("tr[data-key='TNG-KV5']")
    assert kv5.get_by_test_id("rate-cases").inner_text() == "100,00%"
    assert "vượt 20,00%" in kv5.inner_text()
    for chart in ("chart-rank-cases", "chart-rank-money", "chart-trend", "chart-projection"):
        assert page.locator(f"#{chart} svg").count() == 1, chart
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "targets-cockpit.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "targets-cockpit-print.png"), full_page=True)
    page.emulate_media(media="screen")

    # Lowest first on demand, then a rate opens its cases.
    page.get_by_test_id("lowest-cases").click()
    page.wait_for_selector("[data-testid=cockpit-table]")
    first = page.get_by_test_id("cockpit-row").first
    assert first.get_attribute("data-key") == "TNG-KV1"
    page.locator("tr[data-key='TNG-KV5']").get_by_test_id("rate-cases").click()
    page.wait_for_selector("[data-testid=drill-list]")
    assert page.get_by_test_id("drill-count").inner_text() == "Số việc: 4"
    assert [p for p in page.problems if "404" not in p] == []  # favicon
