"""Every role × target × endpoint answers as the access matrix says (see access_matrix.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thads.org.models import Staff, Unit
from thads.web.tests.access_matrix import (
    ENDPOINTS,
    PAGE,
    ROLES,
    STAFF_IN,
    TARGETS,
    Subject,
    cell,
    expected_status,
    object_cases,
)

pytestmark = pytest.mark.django_db


def login(client, role: str):
    user = get_user_model().objects.get(username=ROLES[role].username)
    client.force_login(user)
    return user


def request(client, endpoint, subject):
    url, data = endpoint.build(subject)
    if endpoint.method == "POST":
        return client.post(url, data or {})
    return client.get(url)


def subject_for(unit_code: str) -> Subject:
    staff_code = STAFF_IN.get(unit_code)
    return Subject(
        unit=Unit.objects.get(code=unit_code),
        staff=Staff.objects.get(code=staff_code) if staff_code else None,
    )


def test_every_role_has_a_demo_account(shared_demo_org):
    for role, account in ROLES.items():
        user = get_user_model().objects.get(username=account.username)
        assert user.staff.memberships.filter(role=role, valid_to__isnull=True).exists(), role


@pytest.mark.parametrize(
    ("role", "target", "endpoint"),
    object_cases(),
    ids=lambda v: v.id if hasattr(v, "id") else v,
)
def test_object_access(client, shared_demo_org, role, target, endpoint):
    unit_code, permission = cell(role, target)
    login(client, role)
    response = request(client, endpoint, subject_for(unit_code))
    expected = expected_status(endpoint, role, permission)
    assert response.status_code == expected, (role, target, unit_code, endpoint.id)


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.kind == PAGE], ids=lambda e: e.id)
def test_pages(client, shared_demo_org, role, endpoint):
    login(client, role)
    response = request(client, endpoint, None)
    assert response.status_code == expected_status(endpoint, role, "r")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_anonymous_is_sent_to_login(client, shared_demo_org, endpoint):
    response = request(client, endpoint, subject_for("TNG-KV2"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", list(ROLES))
def test_out_of_scope_units_are_not_named(client, shared_demo_org, role):
    """Lists and the home page never name a unit the role may not see."""
    login(client, role)
    hidden = [
        Unit.objects.get(code=code).name
        for target in TARGETS
        for code, permission in [cell(role, target)]
        if permission == "-" and target in {"sibling", "other_province"}
    ]
    own_code, _ = cell(role, "own")
    for url in [
        reverse("web:home"),
        reverse("org:unit_list"),
        reverse("org:unit_detail", args=[own_code]),
    ]:
        page = client.get(url).content.decode()
        for name in hidden:
            assert name not in page, (role, url, name)


def test_switched_unit_is_shown_and_out_of_scope_switch_keeps_the_old_one(client, shared_demo_org):
    login(client, "provincial_leader")
    kv3 = shared_demo_org["TNG-KV3"]
    assert client.post(reverse("web:switch_unit"), {"unit": kv3.pk}).status_code == 302
    assert kv3.name in client.get(reverse("web:home")).content.decode()
    other = shared_demo_org["CBG-KV1"]
    assert client.post(reverse("web:switch_unit"), {"unit": other.pk}).status_code == 404
    page = client.get(reverse("web:home")).content.decode()
    assert other.name not in page


def test_switch_refuses_an_external_next_url(client, shared_demo_org):
    login(client, "provincial_leader")
    response = client.post(
        reverse("web:switch_unit"),
        {"unit": shared_demo_org["TNG-KV2"].pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_admin_edit_saves_and_records_the_author(client, shared_demo_org):
    user = login(client, "admin")
    staff = Staff.objects.get(code="TN-SC-03")
    url = reverse("org:staff_edit", args=[staff.code])
    response = client.post(
        url, {"full_name": "Vũ Đức Thắng (sửa)", "title": staff.title, "version": staff.version}
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.full_name == "Vũ Đức Thắng (sửa)"
    assert staff.updated_by == user
    # The stale version is refused with a conflict, in Vietnamese.
    response = client.post(
        url, {"full_name": "Ghi đè", "title": staff.title, "version": staff.version - 1}
    )
    assert response.status_code == 409
    assert "người khác thay đổi" in response.content.decode()
