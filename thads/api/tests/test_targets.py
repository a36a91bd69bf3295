"""Targets through the API: read in scope; given where the screens let the role."""

from decimal import Decimal

import pytest

from thads.org.models import Staff, Unit
from thads.targets.models import OfficerTarget, Target, TargetChange
from thads.testing.api import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org(shared_demo_org, db):
    return shared_demo_org


def give(username, **body):
    return api_client(username).post("/api/v1/targets/", body, format="json")


def test_the_province_gives_its_regional_offices_targets(demo_org):
    body = {"unit": "TNG-KV2", "year": 2026, "case_rate": "82.50", "money_rate": 41}
    response = give("lanhdao", **body)
    assert response.status_code == 200, response.json()
    assert response.json()["case_rate"] == 82.5 and response.json()["unit"] == "TNG-KV2"
    target = Target.objects.get(unit__code="TNG-KV2", year=2026)
    assert target.money_rate == Decimal("41.00") and target.set_by.username == "lanhdao"
    assert TargetChange.objects.filter(unit=target.unit, source="api").count() == 2
    # A change needs its reason (logged), as on the screens: 422 and nothing changed.
    refused = give("lanhdao", **{**body, "money_rate": 45})
    assert refused.status_code == 422
    assert "lý do" in refused.json()["detail"]
    assert Target.objects.get(pk=target.pk).money_rate == Decimal("41.00")
    changed = give("lanhdao", **{**body, "money_rate": 45, "reason": "Điều chỉnh giữa năm"})
    assert changed.status_code == 200 and changed.json()["version"] == target.version + 1
    # Everyone in scope reads it; out of scope it is not listed.
    listed = api_client("chv").get("/api/v1/targets/", {"year": 2026}).json()
    assert [(t["unit"], t["money_rate"]) for t in listed["results"]] == [("TNG-KV2", 45.0)]
    assert api_client("chv").get(f"/api/v1/targets/{target.pk}/").status_code == 200
    other = api_client("truongphong").get("/api/v1/targets/", {"unit": "TNG-KV2"}).json()
    assert other["count"] == 1
    assert api_client("lanhdao").get("/api/v1/targets/?parent=TNG").json()["count"] == 1


def test_who_may_give_a_unit_target(demo_org):
    body = {"unit": "TNG-KV2", "year": 2026, "case_rate": 80, "money_rate": 40}
    assert give("truongphong", **body).status_code == 403  # its own unit: the level above gives
    assert give("kiemtra", **body).status_code == 403
    assert give("lanhdao", **{**body, "unit": "CBG-KV1"}).status_code == 404
    assert give("trunguong", **{**body, "unit": "TNG"}).status_code == 200
    bad = give("lanhdao", **{**body, "money_rate": 140})
    assert bad.status_code == 400 and "money_rate" in bad.json()["errors"]
    assert not Target.objects.filter(unit__code="TNG-KV2").exists()


def test_the_head_gives_its_officers_targets(demo_org):
    officer = Staff.objects.get(code="TN-SC-02")
    body = {"unit": "TNG-KV2", "officer": officer.code, "year": 2026, "case_rate": 85,
            "money_rate": 45}  # fmt: skip
    client = api_client("truongphong")
    response = client.post("/api/v1/officer-targets/", body, format="json")
    assert response.status_code == 200, response.json()
    assert OfficerTarget.objects.get(staff=officer, year=2026).money_rate == Decimal("45.00")
    mine = api_client("chv").get("/api/v1/officer-targets/", {"officer": "TN-SC-02"}).json()
    assert [t["officer"] for t in mine["results"]] == ["TN-SC-02"]
    assert (
        api_client("chv").post("/api/v1/officer-targets/", body, format="json").status_code == 403
    )
    elsewhere = client.post(
        "/api/v1/officer-targets/", {**body, "officer": "TN-DT-02"}, format="json"
    )
    assert elsewhere.status_code == 400 and "officer" in elsewhere.json()["errors"]
    assert api_client("lanhdao").get("/api/v1/officer-targets/").json()["count"] == 1
    assert api_client("lanhdao").get("/api/v1/officer-targets/?unit=CBG-KV1").json()["count"] == 0
    assert Unit.objects.filter(code="CBG-KV1").exists()
