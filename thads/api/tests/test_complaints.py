"""Complaints through the API: the register in scope, a letter, entering one; a denouncer's
identity protected exactly as on the letter page."""

import datetime as dt

import pytest

from thads.complaints import services
from thads.complaints.models import Complaint
from thads.org.models import Unit
from thads.testing.api import api_client
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 9, 15)


@pytest.fixture
def demo_org(shared_demo_org, db):
    return shared_demo_org


def letter(unit_code="TNG-KV2", kind="khieu_nai", name="Phạm Văn Hải", **extra):
    return services.letter_register(
        Unit.objects.get(code=unit_code),
        services.LetterInput(
            kind=kind,
            received_on=DAY,
            summary="Khiếu nại quyết định kê biên",
            senders=[services.SenderInput(name, id_number="001090000111")],
            **extra,
        ),
    )


def test_register_in_scope_with_filters(demo_org):
    mine = letter()
    denounce = letter(kind="to_cao", name="Người tố cáo Kín")
    other = letter("TNG-KV3")
    client = api_client("chv")
    body = client.get("/api/v1/complaints/").json()
    assert {c["code"] for c in body["results"]} == {mine.code, denounce.code}
    assert other.code not in str(body) and "Người tố cáo Kín" not in str(body)
    assert "senders" not in body["results"][0]
    assert client.get("/api/v1/complaints/", {"kind": "to_cao"}).json()["count"] == 1
    assert client.get("/api/v1/complaints/", {"state": "xong"}).json()["count"] == 0
    assert client.get("/api/v1/complaints/", {"state": "cho_xu_ly"}).json()["count"] == 2
    assert client.get("/api/v1/complaints/", {"year": 2025}).json()["count"] == 2
    assert client.get("/api/v1/complaints/", {"year": 2026}).json()["count"] == 0
    assert client.get("/api/v1/complaints/", {"unit": "TNG-KV3"}).status_code == 404
    leader = api_client("lanhdao").get("/api/v1/complaints/", {"unit": "TNG-KV3"}).json()
    assert [c["code"] for c in leader["results"]] == [other.code]
    assert client.get(f"/api/v1/complaints/{other.pk}/").status_code == 404


def test_a_denouncers_identity_only_to_who_may_see_it(demo_org):
    complaint = letter()
    denounce = letter(kind="to_cao", name="Người tố cáo Kín")
    officer = api_client("chv")
    shown = officer.get(f"/api/v1/complaints/{complaint.pk}/").json()
    assert shown["identity_hidden"] is False
    assert shown["senders"][0]["name"] == "Phạm Văn Hải"
    assert shown["handling_due"] and shown["matters"] == []
    hidden = officer.get(f"/api/v1/complaints/{denounce.pk}/").json()
    assert hidden["identity_hidden"] is True and hidden["senders"] is None
    assert "Người tố cáo Kín" not in str(hidden) and "001090000111" not in str(hidden)
    head = api_client("truongphong").get(f"/api/v1/complaints/{denounce.pk}/").json()
    assert head["senders"][0]["name"] == "Người tố cáo Kín"


def test_entering_a_letter(demo_org):
    case = new_case("TNG-KV2")
    body = {
        "unit": "TNG-KV2",
        "kind": "khieu_nai",
        "received_on": DAY.isoformat(),
        "channel": "buu_chinh",
        "summary": "Khiếu nại việc kê biên nhà",
        "case": case.code,
        "stage": "coercion",
        "decision_known_on": (DAY - dt.timedelta(days=5)).isoformat(),
        "senders": [{"name": "Phạm Văn Hải", "address": "Tổ 5, phường Tân Lập"}],
    }
    response = api_client("thuky").post("/api/v1/complaints/", body, format="json")
    assert response.status_code == 201, response.json()
    created = Complaint.objects.get(pk=response.json()["id"])
    assert created.case == case and created.created_by.username == "thuky"
    assert response["Location"] == f"/api/v1/complaints/{created.pk}/"
    assert response.json()["senders"][0]["address"] == "Tổ 5, phường Tân Lập"
    # Read-only roles and officers do not enter letters (the screen's rule); out of scope: 404.
    assert api_client("kiemtra").post("/api/v1/complaints/", body, format="json").status_code == 403
    assert api_client("chv").post("/api/v1/complaints/", body, format="json").status_code == 403
    elsewhere = api_client("thuky").post(
        "/api/v1/complaints/", {**body, "unit": "TNG-KV3"}, format="json"
    )
    assert elsewhere.status_code == 404
    # A rule refuses with its article; nothing is entered.
    nobody = api_client("thuky").post("/api/v1/complaints/", {**body, "senders": []}, format="json")
    assert nobody.status_code == 422 and nobody.json()["article"]
    unknown = api_client("thuky").post(
        "/api/v1/complaints/", {**body, "case": "KHONG-CO"}, format="json"
    )
    assert unknown.status_code == 400 and "case" in unknown.json()["errors"]
    no_such_letter = api_client("thuky").post(
        "/api/v1/complaints/", {**body, "duplicate_of": "KHONG/CO/DON"}, format="json"
    )
    assert no_such_letter.status_code == 400 and "duplicate_of" in no_such_letter.json()["errors"]
    assert Complaint.objects.count() == 1
