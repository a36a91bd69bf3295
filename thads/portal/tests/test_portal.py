"""The public portal: the list, its search and exports, the lookup, auctions, the directory —
and what it must never show."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import cache
from django.test import Client

from thads.cases import services
from thads.cases.models import EventType, Party
from thads.org.models import Unit
from thads.portal.services import unit_contact_save
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def listed(debtor="Nguyễn Văn Đạt", id_number="001085012345", unit="TNG-KV2", **kwargs):
    case = new_case(unit, debtor=debtor, id_number=id_number, **kwargs)
    Party.objects.filter(case=case, role=Party.Role.PHAI_THI_HANH).update(
        address="Số 12 đường Lê Lợi, phường Phan Đình Phùng, tỉnh Thái Nguyên"
    )
    services.event_record(
        case, type=EventType.CHUA_CO_DIEU_KIEN, on=D(2025, 9, 1), data={"ground": "khong_tai_san"}
    )
    case.refresh_from_db()
    return case


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_listed_debtor_shows_the_published_fields_only(demo_org):
    case = listed()
    html = page(Client(), "/cong-khai/")
    assert "Nguyễn Văn Đạt" in html
    assert "Năm sinh: 1985" in html  # from the CCCD, whose number is never shown
    assert "001085012345" not in html
    assert "phường Phan Đình Phùng" in html and "Số 12" not in html
    assert case.decision_no in html and "01/09/2025" in html
    assert "Không có thu nhập hoặc tài sản để thi hành án (điểm a khoản 1 Điều 44a" in html
    assert "10.000.000 đ" in html
    assert "Ngân hàng X" not in html  # the creditor


def test_delisted_when_enforcement_resumes(demo_org):
    case = listed()
    services.event_record(case, type=EventType.XAC_MINH_CO_DIEU_KIEN, on=D(2025, 10, 1))
    assert "Nguyễn Văn Đạt" not in page(Client(), "/cong-khai/")
    changes = json.loads(
        page(Client(), "/cong-khai/bien-dong.json", tu="2025-08-01", den="2025-12-31")
    )
    assert [(c["bien_dong"], c["ngay"]) for c in changes["bien_dong"]] == [
        ("listed", "2025-09-01"),
        ("delisted", "2025-10-01"),
    ]
    assert "đã có điều kiện" in changes["bien_dong"][1]["ly_do"]


def test_search_without_diacritics_unit_filter_and_pages(demo_org):
    listed("Nguyễn Văn Đạt")
    listed("Trần Thị Bình", id_number="019180000123")
    listed("Hoàng Văn Quân", id_number="004080000001", unit="CBG-KV1", officer=None)
    client = Client()
    html = page(client, "/cong-khai/", q="nguyen van dat")
    assert "Nguyễn Văn Đạt" in html and "Trần Thị Bình" not in html
    html = page(client, "/cong-khai/", q="TRAN BINH")
    assert "Trần Thị Bình" in html and "Nguyễn Văn Đạt" not in html
    html = page(client, "/cong-khai/", don_vi="CBG")
    assert "Hoàng Văn Quân" in html and "Trần Thị Bình" not in html
    for i in range(19):
        listed(f"Người Thứ {i}", id_number=f"0010900{i:05d}")
    first = page(client, "/cong-khai/")
    assert "Trang 1/2" in first and "trang=2" in first
    second = page(client, "/cong-khai/", trang=2)
    assert "Trang 2/2" in second
    assert first.count("<tr>") + second.count("<tr>") == 22 + 2  # rows + the two header rows


def test_exports_for_the_national_portal(demo_org):
    listed()
    client = Client()
    response = client.get("/cong-khai/xuat.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("nguoi_phai_thi_hanh,nam_sinh,dia_chi")
    assert "Nguyễn Văn Đạt" in row and "1985" in row and "001085012345" not in text
    data = json.loads(client.get("/cong-khai/xuat.json", {"q": "dat"}).content)
    assert len(data) == 1 and data[0]["so_tien_con_phai_thi_hanh"] == 10_000_000
    assert data[0]["ngay_quyet_dinh_chua_co_dieu_kien"] == "2025-09-01"
    assert client.get("/cong-khai/xuat.xml").status_code == 404


def test_lookup_answers_a_party_and_cannot_tell_whether_a_case_exists(demo_org):
    case = new_case("TNG-KV2", id_number="019180000123")
    creditor = case.parties.get(role=Party.Role.DUOC_THI_HANH)
    creditor.id_number = "0101234567"
    creditor.save()
    client = Client()
    answer = client.post("/cong-khai/tra-cuu/", {"code": case.code, "id_number": "019180000123"})
    html = answer.content.decode()
    assert answer.status_code == 200 and 'data-testid="lookup-answer"' in html
    assert case.get_state_display() in html and "Số tiền đã thu" in html
    assert "Trần Thị Bình" not in html and "Ngân hàng X" not in html  # nothing else
    as_creditor = client.post("/cong-khai/tra-cuu/", {"code": case.code, "id_number": "0101234567"})
    assert "Số tiền đã chi trả cho bạn" in as_creditor.content.decode()

    def body(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    wrong_number = client.post(
        "/cong-khai/tra-cuu/", {"code": case.code, "id_number": "019180000999"}
    )
    no_case = client.post(
        "/cong-khai/tra-cuu/", {"code": "KHONG/CO/VIEC", "id_number": "019180000999"}
    )
    assert wrong_number.status_code == no_case.status_code == 200
    assert 'data-testid="lookup-none"' in body(no_case)
    assert body(wrong_number) == body(no_case)


def test_lookup_is_rate_limited(demo_org, settings):
    settings.THADS_LOOKUP_LIMIT = 3
    client = Client()
    statuses = [
        client.post("/cong-khai/tra-cuu/", {"code": "X", "id_number": str(i)}).status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert (
        "quá nhiều lần"
        in client.post("/cong-khai/tra-cuu/", {"code": "X", "id_number": "1"}).content.decode()
    )


def auctioned(price=800_000_000):
    case = new_case("TNG-KV2", amount=900_000_000)
    seizure = {
        "measure": "ke_bien",
        "asset_description": "Nhà đất tại tổ 5, phường Tân Lập",
        "asset_location": "Tổ 5, phường Tân Lập, tỉnh Thái Nguyên",
    }
    auction = {"organisation": "Công ty đấu giá hợp danh Z", "starting_price": price}
    for kind, on, kwargs in [
        (EventType.XAC_MINH_CO_DIEU_KIEN, D(2025, 8, 5), {}),
        (EventType.QUYET_DINH_CUONG_CHE, D(2025, 8, 6), {"data": seizure}),
        (
            EventType.THAM_DINH_GIA,
            D(2025, 8, 20),
            {"amount": price, "data": {"valuer": "Công ty V"}},
        ),
        (EventType.DAU_GIA, D(2025, 9, 20), {"data": {**auction, "result": "khong_thanh"}}),
        (
            EventType.GIAM_GIA,
            D(2025, 9, 25),
            {"data": {"new_price": price - 80_000_000, "deposit": 72_000_000}},
        ),
    ]:
        services.event_record(case, type=kind, on=on, **kwargs)
    return case


def test_auction_notice_from_the_case_data(demo_org):
    case = auctioned()
    html = page(Client(), "/cong-khai/dau-gia/")
    assert "Nhà đất tại tổ 5, phường Tân Lập" in html
    assert "720.000.000 đ" in html  # the reduced price
    assert "Công ty đấu giá hợp danh Z" in html and "72.000.000 đ" in html
    assert re.search(r"Lần đấu giá</dt><dd[^>]*>2<", html)
    assert "Trần Thị Bình" not in html and case.code not in html
    services.event_record(
        case, type=EventType.DAU_GIA, on=D(2025, 10, 20), data={"result": "thanh_cong"}
    )
    assert 'data-testid="auction"' not in page(Client(), "/cong-khai/dau-gia/")


def test_unit_directory(demo_org):
    unit_contact_save(
        Unit.objects.get(code="TNG-KV2"),
        address="Số 1 đường Cách Mạng Tháng Tám, phường Phan Đình Phùng",
        phone="0208 3855 555",
        hours="Sáng 7:30–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu",
        reception_days="Thứ Ba và thứ Năm hằng tuần",
    )
    html = page(Client(), "/cong-khai/don-vi/")
    assert "Thứ Ba và thứ Năm hằng tuần" in html and "0208 3855 555" in html
    assert "Chưa cập nhật" in html  # the units without a published contact
    assert "Chi cục" not in html  # units no longer in force are not listed


def test_data_minimisation_on_every_portal_page_and_export(demo_org):
    """No identity number, no creditor, nothing of a case that is not listed — anywhere."""
    shown = listed("Nguyễn Văn Đạt", id_number="001085012345")
    hidden = new_case("TNG-KV2", debtor="Phạm Thị Kín", id_number="019190000777")
    auctioned()
    delisted = listed("Lý Văn Đã", id_number="001070000555")
    services.event_record(delisted, type=EventType.XAC_MINH_CO_DIEU_KIEN, on=D(2025, 9, 15))
    client = Client()
    texts = [
        page(client, url, **params)
        for url, params in [
            ("/cong-khai/", {}),
            ("/cong-khai/", {"q": "kin"}),
            ("/cong-khai/", {"trang": 2}),
            ("/cong-khai/xuat.csv", {}),
            ("/cong-khai/xuat.json", {}),
            ("/cong-khai/dau-gia/", {}),
            ("/cong-khai/don-vi/", {}),
            ("/cong-khai/tra-cuu/", {}),
        ]
    ]
    texts.append(
        client.post("/cong-khai/tra-cuu/", {"code": hidden.code, "id_number": "1"}).content.decode()
    )
    secrets = list(Party.objects.exclude(id_number="").values_list("id_number", flat=True))
    secrets += list(
        Party.objects.filter(role=Party.Role.DUOC_THI_HANH).values_list("name", flat=True)
    )
    for case in (hidden, delisted):
        secrets += [p.name for p in case.parties.all()] + [case.decision_no]
    secrets += [c.code for c in (shown, hidden, delisted)]
    for text in texts:
        for secret in secrets:
            assert secret not in text, secret
    assert "Nguyễn Văn Đạt" in texts[0]
