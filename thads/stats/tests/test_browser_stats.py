"""A provincial leader opens form 1 of the province in chromium and drills into a cell."""

from __future__ import annotations

import pytest

from thads.org.demo import DEMO_PASSWORD
from thads.testing.browser import ARTIFACTS
from thads.testing.stats import CO, ev

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
M = 1_000_000


def test_leader_drills_from_form_1_to_the_cases(
    live_server,
    page,  # noqa: F811
    history,
    events_flushable,  # noqa: F811
):
    made = [
        history("TNG-KV2", "2025-10-15", 10 * M, [ev(*CO, "2025-10-20")]),
        history("TNG-KV2", "2025-11-03", 20 * M, [ev(*CO, "2025-11-10")]),
        history("TNG-KV3", "2025-12-01", 5 * M, [ev("chua_co_dieu_kien", "2025-12-20")]),
    ]
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("button", name="Thống kê").click()  # the menu's section
    page.get_by_role("link", name="Báo cáo thống kê", exact=True).click()
    picker = page.get_by_test_id("report-picker")
    picker.locator("select[name=don_vi]").select_option("TNG")
    picker.locator("select[name=bieu]").select_option("1")
    picker.locator("input[name=nam]").fill("2026")
    picker.locator("select[name=thang]").select_option("4")
    picker.get_by_role("button", name="Xem báo cáo").click()
    page.wait_for_selector("[data-testid=form-table]")
    assert "Biểu số 01/TK-THADS" in page.content()
    assert page.get_by_test_id("form-period").inner_text() == (
        "Từ ngày 01/10/2025 đến ngày 31/01/2026"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stats-form-1.png"), full_page=True)

    # Column 1 (Tổng số thụ lý) of the row of Phòng THADS khu vực 2: its two cases.
    row = page.locator("tr.unit", has_text="Phòng Thi hành án dân sự khu vực 2 – Thái Nguyên")
    cell = row.locator("td.n a").first
    assert cell.inner_text() == "2"
    cell.click()
    page.wait_for_selector("[data-testid=drill-list]")
    listing = page.get_by_test_id("drill-list").inner_text()
    assert made[0].code in listing and made[1].code in listing
    assert made[2].code not in listing
    assert "15/10/2025" in listing
    page.screenshot(path=str(ARTIFACTS / "stats-drill.png"), full_page=True)

    # Each case links to its page (cases:detail).
    link = page.get_by_role("link", name=made[0].code)
    assert link.get_attribute("href") == f"/viec/{made[0].pk}/"
    assert [p for p in page.problems if "404" not in p] == []
