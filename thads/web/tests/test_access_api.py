"""Every role × target × API endpoint answers as the access matrix says (access_matrix_api)."""

import json

import pytest
from django.contrib.auth import get_user_model

from thads.org.models import Staff, Unit
from thads.testing.api import api_client
from thads.web.tests.access_matrix import ROLES, STAFF_IN, Subject, cell
from thads.web.tests.access_matrix_api import (
    API_ENDPOINTS,
    PAGE,
    PUBLIC_PAGES,
    api_expected_status,
    api_object_cases,
)

pytestmark = pytest.mark.django_db


def subject_for(unit_code: str) -> Subject:
    staff_code = STAFF_IN.get(unit_code)
    return Subject(
        unit=Unit.objects.get(code=unit_code),
        staff=Staff.objects.get(code=staff_code) if staff_code else None,
    )


def call(client, endpoint, subject):
    url, body, headers = endpoint.build(subject)
    if endpoint.method == "GET":
        return client.get(url, **headers)
    return client.generic(
        endpoint.method, url, data=None if body is None else json.dumps(body),
        content_type="application/json", **headers,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("role", "target", "endpoint"),
    api_object_cases(),
    ids=lambda v: v.id if hasattr(v, "id") else v,
)
def test_api_object_access(shared_demo_org, role, target, endpoint):
    unit_code, permission = cell(role, target)
    client = api_client(ROLES[role].username)
    response = call(client, endpoint, subject_for(unit_code))
    expected = api_expected_status(endpoint, role, permission, target)
    assert response.status_code == expected, (role, target, unit_code, endpoint.id, response.data)
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize(
    "endpoint", [e for e in API_ENDPOINTS if e.kind == PAGE], ids=lambda e: e.id
)
def test_api_lists(shared_demo_org, role, endpoint):
    response = call(api_client(ROLES[role].username), endpoint, None)
    assert response.status_code == 200


@pytest.mark.parametrize("endpoint", API_ENDPOINTS, ids=lambda e: e.id)
def test_api_anonymous_is_refused(shared_demo_org, endpoint):
    response = call(api_client(), endpoint, subject_for("TNG-KV2"))
    assert response.status_code == 401
    assert response.json()["title"] == "Chưa xác thực"


@pytest.mark.parametrize("role", list(ROLES))
def test_api_lists_never_name_an_out_of_scope_unit(shared_demo_org, role):
    hidden = {
        code
        for target in ("sibling", "other_province")
        for code, permission in [cell(role, target)]
        if permission == "-"
    }
    client = api_client(ROLES[role].username)
    units = {u["code"] for u in client.get("/api/v1/units/?page_size=200").json()["results"]}
    assert not units & hidden


@pytest.mark.parametrize("url", PUBLIC_PAGES)
@pytest.mark.parametrize("role", [None, *ROLES])
def test_public_pages_answer_everyone_alike(client, shared_demo_org, role, url):
    if role is not None:
        client.force_login(get_user_model().objects.get(username=ROLES[role].username))
    assert client.get(url).status_code == 200
