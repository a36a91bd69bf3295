"""Statistics reports through the API: every official form, the JSON of `thads report`."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from thads.ledger.services import payment_record
from thads.stats.forms import FORM_CHOICES
from thads.testing.api import api_client
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org(shared_demo_org, db):
    return shared_demo_org


def test_the_report_is_the_json_of_the_report_command(demo_org):
    case = new_case("TNG-KV2", amount=10_000_000, accepted_on=dt.date(2025, 8, 4))
    payment_record(case, amount=4_000_000, received_on=dt.date(2025, 8, 12), payer="Bình")
    response = api_client("truongphong").get(
        "/api/v1/reports/2/", {"unit": "TNG-KV2", "year": 2025, "month": 12}
    )
    assert response.status_code == 200, response.json()
    out = StringIO()
    call_command(
        "report", "money", "--unit", "TNG-KV2", "--year", "2025", "--month", "12", stdout=out
    )
    assert response.json() == json.loads(out.getvalue())
    assert response.json()["total"]["xong"] == 4_000_000


@pytest.mark.parametrize("form", [code for code, _label in FORM_CHOICES])
def test_every_official_form(demo_org, form):
    response = api_client("lanhdao").get(
        f"/api/v1/reports/{form}/", {"unit": "TNG", "year": 2026, "as_of": "2026-03-31"}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["form"] == form and body["unit"] == "TNG"
    assert (body["from"], body["to"]) == ("2025-10-01", "2026-03-31")
    assert all(set(row) <= set(body["total"]) | {"officer"} for row in body["rows"])
    assert body["checks"] and all(c["ok"] for c in body["checks"])


def test_budget_and_measures_forms_from_the_command_too(demo_org):
    case = new_case("TNG-KV2", amount=10_000_000, accepted_on=dt.date(2025, 8, 4), budget=True)
    payment_record(case, amount=3_000_000, received_on=dt.date(2025, 8, 12), payer="Bình")
    for measure, form, key in [("budget", "3", "xong"), ("measures", "7", None)]:
        out = StringIO()
        call_command(
            "report", measure, "--unit", "TNG", "--year", "2025", "--month", "12", stdout=out
        )
        payload = json.loads(out.getvalue())
        assert payload["form"] == form
        api = api_client("lanhdao").get(
            f"/api/v1/reports/{form}/", {"unit": "TNG", "year": 2025, "month": 12}
        )
        assert api.json() == payload
        if key:
            assert payload["total"][key] == 3_000_000


def test_scope_and_bad_queries_are_problems(demo_org):
    client = api_client("chv")
    query = {"unit": "TNG-KV3", "year": 2026, "month": 1}
    outside = client.get("/api/v1/reports/1/", query)
    assert outside.status_code == 404
    assert outside["Content-Type"] == "application/problem+json"
    assert (
        client.get("/api/v1/reports/11/", {**query, "unit": "TNG-KV2"}).status_code == 404
    )  # no form 11
    both = client.get("/api/v1/reports/1/", {**query, "unit": "TNG-KV2", "as_of": "2026-01-01"})
    assert both.status_code == 400 and "month" in both.json()["errors"]
    wrong_day = client.get(
        "/api/v1/reports/1/", {"unit": "TNG-KV2", "year": 2026, "as_of": "2027-01-01"}
    )
    assert wrong_day.status_code == 400
    assert "không thuộc năm báo cáo" in wrong_day.json()["errors"]["as_of"][0]
    too_early = client.get("/api/v1/reports/1/", {"unit": "TNG-KV2", "year": 2010, "month": 1})
    assert too_early.status_code == 400 and "year" in too_early.json()["errors"]
    anonymous = api_client().get("/api/v1/reports/1/", query)
    assert anonymous.status_code == 401
