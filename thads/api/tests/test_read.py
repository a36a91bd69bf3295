"""Reading units, staff and cases through the API: tokens, scope, filters, errors, ETag."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from thads.cases.models import Case
from thads.testing.api import api_client, token_for
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db


def test_without_a_token_the_answer_is_a_vietnamese_problem(demo_org):
    response = api_client().get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401
    assert body["title"] == "Chưa xác thực"
    assert "Token" in body["detail"]
    assert body["instance"] == "/api/v1/cases/"


def test_a_revoked_token_no_longer_works(demo_org):
    client = api_client("chv")
    assert client.get("/api/v1/units/").status_code == 200
    Token.objects.filter(user__username="chv").delete()  # revoked in the administration
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Token không hợp lệ hoặc đã bị thu hồi."


def test_units_are_those_of_the_users_scope(demo_org):
    codes = {u["code"] for u in api_client("chv").get("/api/v1/units/").json()["results"]}
    assert codes == {"TNG-KV2", "TN-SC", "TN-PY"}  # its unit and the Chi cục it continues
    leader = api_client("lanhdao").get("/api/v1/units/?level=local&in_force=true").json()
    leader_codes = {u["code"] for u in leader["results"]}
    assert "TNG-KV3" in leader_codes and "CBG-KV1" not in leader_codes
    assert all(u["level"] == "local" and u["valid_to"] is None for u in leader["results"])
    assert api_client("chv").get("/api/v1/units/TNG-KV3/").status_code == 404


def test_staff_in_scope_with_their_postings(demo_org):
    response = api_client("truongphong").get("/api/v1/staff/?unit=TNG-KV2")
    assert response.status_code == 200
    staff = response.json()["results"]
    assert staff and all(any(m["unit"] == "TNG-KV2" for m in s["memberships"]) for s in staff)
    assert api_client("truongphong").get("/api/v1/staff/CBG-KV1-02/").status_code == 404


def test_cases_list_filters_and_scope(demo_org):
    own = new_case("TNG-KV2", debtor="Nguyễn Văn Đạt")
    new_case("TNG-KV2", debtor="Trần Thị Bình")
    other = new_case("TNG-KV3", officer="TN-DT-02", debtor="Nguyễn Văn Đạt")
    client = api_client("truongphong")
    body = client.get("/api/v1/cases/").json()
    codes = {c["code"] for c in body["results"]}
    assert own.code in codes and other.code not in codes
    assert body["count"] == 2
    found = client.get("/api/v1/cases/", {"q": "nguyen van dat"}).json()["results"]
    assert [c["code"] for c in found] == [own.code]
    assert client.get("/api/v1/cases/", {"state": "xong"}).json()["count"] == 0
    assert client.get("/api/v1/cases/", {"officer": "TN-SC-02"}).json()["count"] == 2
    wrong = client.get("/api/v1/cases/", {"state": "khong_co"})
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"
    assert "state" in wrong.json()["errors"]


def test_case_detail_has_its_etag_and_outside_the_scope_is_404(demo_org):
    case = new_case("TNG-KV2")
    client = api_client("chv")
    response = client.get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == f'"{case.version}"'
    body = response.json()
    assert body["code"] == case.code and body["remainder"] == case.amount
    assert {p["role"] for p in body["parties"]} == {"phai_thi_hanh", "duoc_thi_hanh"}
    other = new_case("CBG-KV1", officer=None)
    missing = client.get(f"/api/v1/cases/{other.pk}/")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Không tìm thấy, hoặc không thuộc phạm vi bạn được xem."
    assert Case.objects.filter(pk=other.pk).exists()


def test_pages_and_page_size(demo_org):
    for _ in range(3):
        new_case("TNG-KV2")
    body = api_client("chv").get("/api/v1/cases/?page_size=2").json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]


def test_a_user_without_a_posting_sees_nothing(demo_org):
    user = get_user_model().objects.create_user("khach", password="x-Very-long-1")
    new_case("TNG-KV2")
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user.username)}")
    assert client.get("/api/v1/cases/").json()["count"] == 0
    assert client.get("/api/v1/units/").json()["count"] == 0


def test_tokens_are_issued_and_revoked_in_the_administration(demo_org, client):
    admin = get_user_model().objects.create_superuser("root", password="x-Very-long-1")
    client.force_login(admin)
    head = get_user_model().objects.get(username="truongphong")
    response = client.post("/quan-tri/du-lieu/authtoken/tokenproxy/add/", {"user": head.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    key = Token.objects.get(user=head).key
    api = api_client()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/units/TNG-KV2/").status_code == 200
    # The administration names a token by its user (one token per user).
    response = client.post(
        f"/quan-tri/du-lieu/authtoken/tokenproxy/{head.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert api.get("/api/v1/units/TNG-KV2/").status_code == 401
