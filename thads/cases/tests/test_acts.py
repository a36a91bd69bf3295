"""Acts carry their legal content: typed, checked, mandatory fields named in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases import acts
from thads.cases.models import EventType
from thads.common.errors import DomainError

D = dt.date


def test_every_ground_list_cites_the_law_in_force():
    old = acts.grounds(EventType.HOAN, "2008")
    new = acts.grounds(EventType.HOAN, "2025")
    assert old["om_nang"][0] == "điểm a khoản 1 Điều 48 Luật THADS 2008"
    assert new["om_nang"][0] == "Luật THADS 2025"
    assert set(old) == set(new)
    for event_type in acts.GROUNDS_2008:
        assert acts.schema_for(event_type).has_grounds


def test_strict_names_the_missing_field_in_vietnamese():
    with pytest.raises(DomainError, match="Thiếu thông tin bắt buộc: Hoãn đến ngày"):
        acts.clean_act(
            EventType.HOAN,
            {"reason": "khac", "ground": "om_nang"},
            law_version="2008",
            on=D(2025, 8, 5),
            strict=True,
        )
    # Not strict (an imported history): the same data passes.
    data = {"reason": "khac", "ground": "om_nang"}
    assert acts.clean_act(EventType.HOAN, data, law_version="2008", on=D(2025, 8, 5)) == data


def test_values_are_typed_and_checked():
    clean = acts.clean_act(
        EventType.DAU_GIA,
        {
            "organisation": " Công ty đấu giá Hợp danh Thái Nguyên ",
            "starting_price": 500_000_000,
            "result": "thanh_cong",
            "sale_price": 520_000_000,
            "doc_date": D(2025, 9, 1),
        },
        law_version="2008",
        on=D(2025, 9, 1),
        strict=True,
    )
    assert clean["organisation"] == "Công ty đấu giá Hợp danh Thái Nguyên"
    assert clean["doc_date"] == "2025-09-01"
    with pytest.raises(DomainError, match="Giá bán được"):
        acts.clean_act(
            EventType.DAU_GIA,
            {"organisation": "X", "starting_price": 1, "result": "thanh_cong"},
            law_version="2008",
            on=D(2025, 9, 1),
            strict=True,
        )
    with pytest.raises(DomainError, match="Giá khởi điểm"):
        acts.clean_act(
            EventType.DAU_GIA, {"starting_price": "nhiều"}, law_version="2008", on=D(2025, 9, 1)
        )
    with pytest.raises(DomainError, match="danh mục"):
        acts.clean_act(
            EventType.DINH_CHI, {"ground": "vi_thich"}, law_version="2008", on=D(2025, 9, 1)
        )
    with pytest.raises(DomainError, match="Ngày văn bản"):
        acts.clean_act(
            EventType.XONG, {"doc_date": "31/02/2025"}, law_version="2008", on=D(2025, 9, 1)
        )


@pytest.mark.parametrize(
    ("event_type", "data", "message"),
    [
        # A number where a date belongs (fromisoformat would read 20250901 as a date).
        (EventType.HOAN, {"until": 20251201}, "Hoãn đến ngày: ngày không hợp lệ"),
        (EventType.XONG, {"doc_date": "2025-9-1"}, "Ngày văn bản: ngày không hợp lệ"),
        (EventType.XONG, {"doc_date": dt.datetime(2025, 9, 1, 8)}, "ngày không hợp lệ"),
        # Money as text, as a fraction, as true.
        (EventType.GIAM_GIA, {"new_price": "1000000"}, "phải là số nguyên đồng"),
        (EventType.GIAM_GIA, {"new_price": 1e6}, "phải là số nguyên đồng"),
        (EventType.GIAM_GIA, {"new_price": True}, "phải là số nguyên đồng"),
        (EventType.GIAM_GIA, {"new_price": 10**18}, "phải là số nguyên đồng"),
        # A number where text belongs.
        (EventType.XONG, {"doc_no": 12}, "Số văn bản: phải là chữ"),
        (EventType.THAM_DINH_GIA, {"certificate": 123}, "Chứng thư thẩm định giá số: phải"),
        # A flag that is not true/false, an id that is not a number.
        (EventType.XAC_MINH, {"can_uy_thac": "có"}, "phải là true hoặc false"),
        (EventType.CHI_TRA, {"payee": "3"}, "Người được nhận: phải là số nguyên"),
        # A key the type does not have.
        (EventType.XONG, {"colour": "đỏ"}, "Khóa không được hỗ trợ cho loại sự kiện này: colour"),
        (EventType.HOAN, {"sale_price": 1}, "Khóa không được hỗ trợ cho loại sự kiện này"),
    ],
)
def test_every_key_is_of_its_type(event_type, data, message):
    with pytest.raises(DomainError, match=message):
        acts.clean_act(event_type, data, law_version="2008", on=D(2025, 9, 1))
    assert acts.act_problems(event_type, data, on=D(2025, 9, 1))


def test_the_keys_the_system_writes_are_known_and_typed():
    kw = {"law_version": "2008", "on": D(2025, 9, 1)}
    assignment = {"officer": "TN-SC-02", "previous": None}
    assert acts.clean_act(EventType.PHAN_CONG, assignment, **kw) == assignment
    payout = {"obligation": 4, "payee": None, "self_settled": False}
    assert acts.clean_act(EventType.CHI_TRA, payout, **kw) == payout
    notice = {"new_price": 900_000_000, "deposit": 90_000_000, "auction_on": "2025-10-01"}
    assert acts.clean_act(EventType.GIAM_GIA, notice, **kw) == notice
    assert acts.act_problems(EventType.GIAM_GIA, notice, on=D(2025, 9, 1)) == []


def test_seizure_needs_the_asset_only_when_the_measure_is_ke_bien():
    kw = {"law_version": "2008", "on": D(2025, 9, 1), "strict": True}
    assert acts.clean_act(EventType.QUYET_DINH_CUONG_CHE, {"measure": "tru_thu_nhap"}, **kw)
    with pytest.raises(DomainError, match="Tài sản kê biên"):
        acts.clean_act(EventType.QUYET_DINH_CUONG_CHE, {"measure": "ke_bien"}, **kw)


def test_postponement_must_end_after_it_starts():
    with pytest.raises(DomainError, match="Hoãn đến ngày phải sau"):
        acts.clean_act(
            EventType.HOAN, {"until": "2025-08-01"}, law_version="2008", on=D(2025, 8, 5)
        )


def test_signers():
    assert acts.signer_role(EventType.HOAN) == acts.HEAD
    assert acts.signer_role(EventType.QUYET_DINH_CUONG_CHE) == acts.OFFICER
    assert acts.signer_role(EventType.PHONG_TOA) == acts.OFFICER


@pytest.mark.django_db
def test_event_record_refuses_an_incomplete_act_and_records_nothing(units, make_case, record):
    case = make_case()
    with pytest.raises(DomainError, match="Kết quả xác minh"):
        record(case, "xac_minh", D(2024, 2, 1), data={"minutes_date": "2024-02-01"}, strict=True)
    assert not case.events.exists()
    event = record(
        case,
        "xac_minh",
        D(2024, 2, 1),
        data={
            "minutes_date": "2024-02-01",
            "result": "Có thửa đất 120 m² tại xã Phúc Xuân",
            "informants": "UBND xã Phúc Xuân",
        },
        strict=True,
    )
    assert event.data["result"] == "Có thửa đất 120 m² tại xã Phúc Xuân"


def test_verification_result_shows_on_the_case_page(client, shared_demo_org):
    from django.urls import reverse

    from thads.testing.cases import login, new_case

    case = new_case()
    login(client, "chv")
    url = reverse("cases:action", args=[case.pk, EventType.XAC_MINH])
    posted = {
        "on": "2025-08-05",
        "version": case.version,
        "minutes_date": "05/08/2025",
        "result": "Có xe máy Honda Wave biển số 20B1-123.45",
        "informants": "UBND xã Phúc Xuân",
        "accounts": "Không có tài khoản tại Agribank Thái Nguyên",
    }
    assert client.post(url, posted).status_code == 302
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Kết quả xác minh: Có xe máy Honda Wave biển số 20B1-123.45" in html
    assert "Ngày lập biên bản xác minh: 05/08/2025" in html
    assert "Tài khoản: Không có tài khoản tại Agribank Thái Nguyên" in html
