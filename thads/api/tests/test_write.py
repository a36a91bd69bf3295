"""Writes through the API go through the services: intake, events, payments; If-Match/ETag."""

import datetime as dt

import pytest
from django.test import Client

from thads.cases.models import Case, CaseEvent
from thads.common.periods import as_of_period
from thads.ledger.models import Receipt
from thads.org.models import Unit
from thads.stats.report import build_report
from thads.testing.api import act_json, api_client
from thads.testing.cases import login, new_case

pytestmark = pytest.mark.django_db

INTAKE = {
    "unit": "TNG-KV2",
    "judgment": {
        "court": "Tòa án nhân dân tỉnh Thái Nguyên",
        "number": "77/2025/DS-ST",
        "date": "2025-03-03",
        "kind": "dan_su",
    },
    "decision_no": "15/QĐ-THA",
    "decision_date": "2025-08-04",
    "accepted_on": "2025-08-04",
    "mode": "chu_dong",
    "officer": "TN-SC-02",
    "parties": [
        {
            "role": "phai_thi_hanh",
            "kind": "ca_nhan",
            "name": "Lê Văn Đức",
            "id_number": "019085001234",
        },
        {"role": "duoc_thi_hanh", "kind": "to_chuc", "name": "Công ty Y"},
    ],
    "obligations": [{"description": "Trả nợ", "amount": 5_000_000, "payee_index": 1}],
}


def post(client, url, body, version=None):
    headers = {} if version is None else {"HTTP_IF_MATCH": f'"{version}"'}
    return client.post(url, body, format="json", **headers)


def test_intake_creates_the_case_through_the_service(demo_org):
    response = post(api_client("thuky"), "/api/v1/cases/", INTAKE)
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert response["Location"] == f"/api/v1/cases/{case.pk}/"
    assert response["ETag"] == f'"{case.version}"'
    assert case.amount == 5_000_000 and case.officer.code == "TN-SC-02"
    assert case.code.startswith("TNG-KV2") or case.code  # the unit's numbering
    assert case.created_by.username == "thuky"
    assert case.obligations.get().payee.name == "Công ty Y"


def test_intake_refusals(demo_org):
    client = api_client("thuky")
    invalid = post(client, "/api/v1/cases/", {**INTAKE, "mode": "khac", "parties": []})
    assert invalid.status_code == 400
    assert set(invalid.json()["errors"]) >= {"mode", "parties"}
    early = {**INTAKE, "accepted_on": "2025-01-02", "decision_date": "2025-01-02"}
    refused = post(client, "/api/v1/cases/", early)
    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    assert "không được trước ngày bản án" in refused.json()["detail"]
    assert post(client, "/api/v1/cases/", {**INTAKE, "unit": "TNG-KV3"}).status_code == 404
    assert post(api_client("kiemtra"), "/api/v1/cases/", INTAKE).status_code == 403
    assert not Case.objects.exists()


def test_event_needs_the_current_version(demo_org):
    case = new_case("TNG-KV2")
    client = api_client("chv")
    url = f"/api/v1/cases/{case.pk}/events/"
    act = act_json("xac_minh", "2025-08-10", note="Xác minh tại xã")
    body = {"type": "xac_minh", "on": "2025-08-10", "data": act}
    missing = post(client, url, body)
    assert missing.status_code == 428
    assert missing.json()["title"] == "Thiếu điều kiện phiên bản"
    stale = post(client, url, body, version=case.version + 5)
    assert stale.status_code == 412
    assert stale.json()["title"] == "Phiên bản dữ liệu đã cũ"
    done = post(client, url, body, version=case.version)
    assert done.status_code == 201, done.json()
    assert done["ETag"] == f'"{case.version + 1}"'
    assert done.json()["type"] == "xac_minh"
    assert CaseEvent.objects.get(case=case, type="xac_minh").recorded_by.username == "chv"
    again = post(client, url, body, version=case.version)  # the version it read is now stale
    assert again.status_code == 412
    listed = client.get(url)
    assert [e["type"] for e in listed.json()] == ["xac_minh"]


def test_event_rules_are_the_screens_rules(demo_org):
    case = new_case("TNG-KV2")
    client = api_client("chv")
    url = f"/api/v1/cases/{case.pk}/events/"
    # Money left: validate_history refuses "xong", with the Vietnamese reason.
    done = {"type": "xong", "on": "2025-08-10", "data": act_json("xong", "2025-08-10")}
    refused = post(client, url, done, version=case.version)
    assert refused.status_code == 422
    assert refused.json()["detail"]
    # The future is refused too (the same validate_history).
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    ahead = {"type": "xac_minh", "on": future, "data": act_json("xac_minh", future)}
    assert post(client, url, ahead, version=1).status_code == 422
    # The act must be complete (cases.acts, strict as on the case page): the field is named.
    bare = post(client, url, {"type": "xac_minh", "on": "2025-08-10"}, version=1)
    assert bare.status_code == 422 and "Thiếu thông tin bắt buộc" in bare.json()["detail"]
    # Money goes through the ledger's endpoint, never /events/.
    money = post(client, url, {"type": "thu_tien", "on": "2025-08-10", "amount": 1}, version=1)
    assert money.status_code == 400 and "type" in money.json()["errors"]
    # The clerk may record payments only; the inspector nothing.
    assert (
        post(api_client("thuky"), url, {"type": "xac_minh", "on": "2025-08-10"}, 1).status_code
        == 403
    )
    assert (
        post(api_client("kiemtra"), url, {"type": "xac_minh", "on": "2025-08-10"}, 1).status_code
        == 403
    )
    assert not case.events.exists()


def test_no_conditions_decision_with_its_ground(demo_org):
    case = new_case("TNG-KV2")
    client = api_client("chv")
    url = f"/api/v1/cases/{case.pk}/events/"
    act = act_json("chua_co_dieu_kien", "2025-08-20", ground="khong_tai_san")
    body = {"type": "chua_co_dieu_kien", "on": "2025-08-20", "data": act}
    assert post(client, url, body, version=case.version).status_code == 201
    case.refresh_from_db()
    assert case.state == "chua_co_dieu_kien"
    assert case.events.get().data["ground"] == "khong_tai_san"
    unknown = post(client, url, {**body, "data": {**act, "colour": "x"}}, version=case.version)
    assert unknown.status_code == 400 and "colour" in unknown.json()["errors"]["data"][0]
    wrong = post(client, url, {**body, "data": {**act, "ground": "khong_co"}}, version=case.version)
    assert wrong.status_code == 422 and "danh mục" in wrong.json()["detail"]


def test_payment_recorded_through_the_api_shows_on_the_case_page_and_in_statistics(demo_org):
    case = new_case("TNG-KV2", amount=10_000_000, accepted_on=dt.date(2025, 8, 4))
    kv2 = Unit.objects.get(code="TNG-KV2")
    period = as_of_period(2025, dt.date(2025, 9, 30))  # report year 01/10/2024–30/09/2025
    before = build_report(kv2, period).total.buckets.money["xong"]
    client = api_client("thuky")
    form2 = {"unit": "TNG-KV2", "year": 2025, "as_of": "2025-09-30"}
    api_before = client.get("/api/v1/reports/2/", form2).json()["total"]["xong"]
    body = {"amount": 1_250_000, "received_on": "2025-08-12", "payer": "Trần Thị Bình"}
    response = post(client, f"/api/v1/cases/{case.pk}/payments/", body, version=case.version)
    assert response.status_code == 201, response.json()
    receipt = Receipt.objects.get(case=case)
    assert response.json()["number"] == receipt.number
    assert receipt.recorded_by.username == "thuky"
    case.refresh_from_db()
    assert case.collected == 1_250_000
    assert response["ETag"] == f'"{case.version}"'
    # The money endpoints read it back.
    assert [r["number"] for r in client.get(f"/api/v1/cases/{case.pk}/receipts/").json()] == [
        receipt.number
    ]
    # The case page shows it.
    web = Client()
    login(web, "thuky")
    page = web.get(f"/viec/{case.pk}/").content.decode()
    assert receipt.number in page and "1.250.000" in page
    # And the statistics count it: money executed (thi hành xong, form 2) of the year.
    assert build_report(kv2, period).total.buckets.money["xong"] - before == 1_250_000
    # ... and so does form 02 read through the API (the JSON of `thads report`).
    assert client.get("/api/v1/reports/2/", form2).json()["total"]["xong"] - api_before == 1_250_000


def test_payment_over_the_remainder_is_refused_and_changes_nothing(demo_org):
    case = new_case("TNG-KV2", amount=1_000_000)
    body = {"amount": 2_000_000, "received_on": "2025-08-12", "payer": "Trần Thị Bình"}
    response = post(api_client("thuky"), f"/api/v1/cases/{case.pk}/payments/", body, case.version)
    assert response.status_code == 422
    assert not Receipt.objects.exists()
    assert (
        post(api_client("kiemtra"), f"/api/v1/cases/{case.pk}/payments/", body, 1).status_code
        == 403
    )
