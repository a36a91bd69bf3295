"""Issue 10 item 4: parties' identity numbers are checked on the intake screen and by the
service (so by the API too): CCCD 12 digits, CMND 9, an organisation's tax code 10 or 10-3."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thads.cases.models import Case, Judgment, Party
from thads.cases.tests.test_views import intake_data
from thads.testing.api import api_client
from thads.testing.cases import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["0190ABC", "abc", "01918000012", "000180000123"])
def test_intake_screen_refuses_a_wrong_cccd(client, shared_demo_org, number):
    login(client, "thuky")
    response = client.post(
        reverse("cases:intake", args=["TNG-KV2"]), intake_data(1, **{"c0-p-0-id_number": number})
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Số CCCD" in page and "không hợp lệ" in page and number in page
    assert not Case.objects.exists() and not Judgment.objects.exists()


def test_intake_screen_checks_an_organisations_tax_code(client, shared_demo_org):
    login(client, "thuky")
    organisation = {"c0-p-1-role": "duoc_thi_hanh", "c0-p-1-kind": "to_chuc",
                    "c0-p-1-name": "Công ty TNHH Hòa Bình"}  # fmt: skip
    url = reverse("cases:intake", args=["TNG-KV2"])
    refused = client.post(url, intake_data(1, **organisation, **{"c0-p-1-id_number": "12345"}))
    assert refused.status_code == 400 and "Mã số thuế" in refused.content.decode()
    assert not Case.objects.exists()
    # A CMND (9 digits) for the person, a branch's tax code typed without its hyphen.
    data = intake_data(
        1, **organisation, **{"c0-p-1-id_number": "4600123456012", "c0-p-0-id_number": "090123456"}
    )
    assert client.post(url, data).status_code == 302
    company = Party.objects.get(name="Công ty TNHH Hòa Bình")
    assert company.id_number == "4600123456-012"
    assert Party.objects.get(name="Lê Văn Đức").id_number == "090123456"


def test_api_intake_refuses_a_wrong_cccd_through_the_service(shared_demo_org):
    from thads.api.tests.test_write import INTAKE

    body = {**INTAKE, "parties": [{**INTAKE["parties"][0], "id_number": "0190ABC"},
                                   INTAKE["parties"][1]]}  # fmt: skip
    response = api_client("thuky").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 422
    assert "Lê Văn Đức" in response.json()["detail"]
    assert "0190ABC" in response.json()["detail"]
    assert not Case.objects.exists()
