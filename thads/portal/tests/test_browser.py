"""The portal's pages and the API's Swagger UI in a real browser (Debian's chromium), on a
desktop and at 390 px, with screenshots. Database-independent: runs once, on SQLite."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.conf import settings

from thads.cases import services
from thads.cases.models import EventType, Party
from thads.portal.demo import load_contacts
from thads.testing.browser import ARTIFACTS, sign_in
from thads.testing.cases import new_case
from thads.testing.org import build_all

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(settings.IS_POSTGRES, reason="database-independent: runs on SQLite"),
]
SHOTS = Path(os.environ.get("THADS_SHOTS", ARTIFACTS / "portal"))
D = dt.date


def _world():
    build_all()
    for i, (name, number) in enumerate(
        [("Nguyễn Văn Đạt", "001085012345"), ("Trần Thị Bình", "019180000123")]
    ):
        case = new_case("TNG-KV2", debtor=name, id_number=number, amount=(i + 1) * 12_500_000)
        Party.objects.filter(case=case, role=Party.Role.PHAI_THI_HANH).update(
            address="Số 12 đường Lê Lợi, phường Phan Đình Phùng, tỉnh Thái Nguyên"
        )
        services.event_record(
            case,
            type=EventType.CHUA_CO_DIEU_KIEN,
            on=D(2025, 9, 1),
            data={"ground": "khong_tai_san"},
        )
    sale = new_case("TNG-KV2", amount=900_000_000)  # chv's (TN-SC-02)
    for kind, on, kwargs in [
        (EventType.XAC_MINH_CO_DIEU_KIEN, D(2025, 8, 5), {}),
        (
            EventType.QUYET_DINH_CUONG_CHE,
            D(2025, 8, 6),
            {
                "data": {
                    "measure": "ke_bien",
                    "asset_description": "Nhà đất tại tổ 5, phường Tân Lập",
                    "asset_location": "Tổ 5, phường Tân Lập",
                }
            },
        ),
        (
            EventType.THAM_DINH_GIA,
            D(2025, 8, 20),
            {
                "amount": 800_000_000,
                "data": {
                    "valuer": "Công ty Thẩm định giá V",
                    "organisation": "Công ty đấu giá hợp danh Z",
                    "deposit": 80_000_000,
                    "auction_on": "2025-09-15",
                    "auction_place": "Hội trường Công ty Z, phường Phan Đình Phùng",
                },
            },
        ),
    ]:
        services.event_record(sale, type=kind, on=on, **kwargs)
    load_contacts()  # every demo unit's address, hours and reception days (thads demo)
    return case, sale


def test_portal_pages_on_a_desktop_and_a_phone(live_server, browser):
    case, sale = _world()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height, label in [(1280, 900, "desktop"), (390, 844, "390")]:
        context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m, seen=errors: m.type == "error" and seen.append(m.text))
        for name, url, heading in [
            ("debtors", "/cong-khai/?q=nguyen%20van%20dat", "Danh sách người phải thi hành án"),
            ("auctions", "/cong-khai/dau-gia/", "Thông báo đấu giá tài sản thi hành án"),
            ("units", "/cong-khai/don-vi/", "Danh bạ cơ quan thi hành án dân sự"),
            ("lookup", "/cong-khai/tra-cuu/", "Tra cứu việc thi hành án"),
        ]:
            page.goto(f"{live_server.url}{url}")
            assert heading in page.locator("h1").inner_text()
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (name, label, overflow)
            page.screenshot(path=str(SHOTS / f"portal-{name}-{label}.png"), full_page=True)
        # The lookup, as a party would use it.
        page.fill("#id_code", case.code)
        page.fill("#id_id_number", "019180000123")
        page.get_by_role("button", name="Tra cứu").click()
        page.get_by_test_id("lookup-answer").wait_for()  # the click does not wait for the answer
        assert "Chưa có điều kiện thi hành" in page.get_by_test_id("lookup-answer").inner_text()
        page.screenshot(path=str(SHOTS / f"portal-lookup-answer-{label}.png"), full_page=True)
        # The officer's case page shows the same notice as the auctions page.
        sign_in(page, live_server, "chv")
        page.goto(f"{live_server.url}/viec/{sale.pk}/")
        panel = page.get_by_test_id("auction-panel")
        assert "80.000.000 đ" in panel.inner_text() and "15/09/2025" in panel.inner_text()
        panel.scroll_into_view_if_needed()
        panel.screenshot(path=str(SHOTS / f"case-auction-panel-{label}.png"))
        assert errors == [], errors
        context.close()


def test_swagger_ui_and_redoc_render_the_schema(live_server, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "THADS API" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".opblock-summary-path >> text=/api/v1/cases/{id}/events/")
    for path in ("/api/v1/reports/{form}/", "/api/v1/targets/", "/api/v1/complaints/{id}/"):
        assert page.locator(f".opblock-summary-path >> text={path}").count() >= 1, path
    page.screenshot(path=str(SHOTS / "swagger-ui.png"), full_page=False)
    page.goto(f"{live_server.url}/api/v1/redoc/")
    page.wait_for_selector("text=THADS API")
    page.screenshot(path=str(SHOTS / "redoc.png"), full_page=False)
    # Only Redoc's "powered by" logo tries a CDN, and the CSP blocks it: nothing else is refused.
    refused = [p for p in page.problems if "Content Security Policy" in p]
    assert all("cdn.redoc.ly/redoc/logo-mini.svg" in p for p in refused), refused
