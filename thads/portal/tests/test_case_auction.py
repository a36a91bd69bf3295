"""The auction notice on the officer's case page: the portal's notice (one function,
`portal.auctions.notice_of`), its next-round details recorded on the case page's act form."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from thads.cases import services
from thads.cases.models import EventType
from thads.testing.cases import act_post, login, new_case

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def demo_org(shared_demo_org, db):
    return shared_demo_org


def seized_and_valued(price=800_000_000):
    case = new_case("TNG-KV2", amount=900_000_000)
    seizure = {
        "measure": "ke_bien",
        "asset_description": "Nhà đất tại tổ 5, phường Tân Lập",
        "asset_location": "Tổ 5, phường Tân Lập, tỉnh Thái Nguyên",
    }
    services.event_record(case, type=EventType.XAC_MINH_CO_DIEU_KIEN, on=D(2025, 8, 5))
    services.event_record(case, type=EventType.QUYET_DINH_CUONG_CHE, on=D(2025, 8, 6), data=seizure)
    return case


def record_on_the_case_page(client, case, kind, on, **values):
    case.refresh_from_db()
    data = {"on": on.isoformat(), "version": case.version, **act_post(kind, on), **values}
    response = client.post(reverse("cases:action", args=[case.pk, kind]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def dl(html: str, label: str) -> str:
    match = re.search(rf"{label}</dt><dd[^>]*>([^<]*)<", html)
    return match.group(1).strip() if match else ""


def both_show(officer, case, expected: dict[str, str]) -> str:
    """The case page and the portal's auctions page show the same notice; the case page."""
    case_page = officer.get(f"/viec/{case.pk}/").content.decode()
    for html in (case_page, Client().get("/cong-khai/dau-gia/").content.decode()):
        assert {label: dl(html, label) for label in expected} == expected
    return case_page


def test_the_case_page_shows_the_notice_the_portal_publishes(demo_org):
    case = seized_and_valued()
    officer = Client()
    login(officer, "chv")
    page = officer.get(f"/viec/{case.pk}/").content.decode()
    assert 'data-testid="auction-panel"' not in page  # nothing valued yet
    # The valuation announces the first auction; its act form records the notice.
    record_on_the_case_page(
        officer,
        case,
        EventType.THAM_DINH_GIA,
        D(2025, 8, 20),
        amount="800.000.000",
        organisation="Công ty đấu giá hợp danh Z",
        deposit="80.000.000",
        auction_on="15/09/2025",
        auction_place="Hội trường Công ty Z, phường Phan Đình Phùng",
    )
    first_case = both_show(
        officer,
        case,
        {
            "Nơi có tài sản": "Tổ 5, phường Tân Lập, tỉnh Thái Nguyên",
            "Giá khởi điểm": "800.000.000 đ",
            "Tiền đặt trước": "80.000.000 đ",
            "Thời gian đấu giá": "15/09/2025",
            "Địa điểm": "Hội trường Công ty Z, phường Phan Đình Phùng",
            "Tổ chức đấu giá": "Công ty đấu giá hợp danh Z",
            "Lần đấu giá": "1",
        },
    )
    assert "Nhà đất tại tổ 5, phường Tân Lập" in first_case
    assert "Đang đăng trên cổng thông tin công khai" in first_case
    # The auction fails; the reduction announces round 2 with its own deposit, day and place.
    record_on_the_case_page(
        officer,
        case,
        EventType.DAU_GIA,
        D(2025, 9, 15),
        organisation="Công ty đấu giá hợp danh Z",
        starting_price="800.000.000",
        result="khong_thanh",
    )
    after_failure = officer.get(f"/viec/{case.pk}/").content.decode()
    assert dl(after_failure, "Lần đấu giá") == "2"
    assert dl(after_failure, "Thời gian đấu giá") == ""  # the held auction's day is not the next
    record_on_the_case_page(
        officer,
        case,
        EventType.GIAM_GIA,
        D(2025, 9, 25),
        new_price="720.000.000",
        deposit="72.000.000",
        auction_on="20/10/2025",
        auction_place="Trụ sở Phòng Thi hành án dân sự khu vực 2",
    )
    second_case = both_show(
        officer,
        case,
        {
            "Giá khởi điểm": "720.000.000 đ",
            "Tiền đặt trước": "72.000.000 đ",
            "Thời gian đấu giá": "20/10/2025",
            "Địa điểm": "Trụ sở Phòng Thi hành án dân sự khu vực 2",
            "Lần đấu giá": "2",
            "Giảm giá": "25/09/2025: 720.000.000 đ",
        },
    )
    assert "Công ty đấu giá hợp danh Z" in second_case
    # Sold: no notice anywhere.
    record_on_the_case_page(
        officer,
        case,
        EventType.DAU_GIA,
        D(2025, 10, 20),
        organisation="Công ty đấu giá hợp danh Z",
        starting_price="720.000.000",
        result="thanh_cong",
        sale_price="730.000.000",
    )
    assert 'data-testid="auction-panel"' not in officer.get(f"/viec/{case.pk}/").content.decode()
    assert 'data-testid="auction"' not in Client().get("/cong-khai/dau-gia/").content.decode()
