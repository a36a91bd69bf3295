"""Django's admin saves units through the services, so the materialised path stays right."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thads.org.models import Unit


@pytest.fixture
def superuser_client(client, demo_org):
    user = get_user_model().objects.create_superuser("root", password="x-root-pass-1")
    client.force_login(user)
    return client


def _form(unit: Unit, **changes) -> dict:
    data = {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        "parent": unit.parent_id or "",
        "valid_from": unit.valid_from.strftime("%d/%m/%Y"),
        "valid_to": unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "",
        "successor": unit.successor_id or "",
    }
    data.update(changes)
    return data


def test_admin_add_sets_the_path(superuser_client, demo_org):
    province = demo_org["TNG"]
    data = {
        "code": "TNG-KV6",
        "name": "Phòng Thi hành án dân sự khu vực 6 – Thái Nguyên",
        "level": Unit.Level.LOCAL,
        "parent": province.pk,
        "valid_from": "01/01/2026",
        "valid_to": "",
        "successor": "",
    }
    response = superuser_client.post(reverse("admin:org_unit_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(code="TNG-KV6")
    assert unit.path == f"{province.path}{unit.pk}/"


def test_admin_change_of_parent_rewrites_the_subtree(superuser_client, demo_org):
    kv2 = demo_org["TNG-KV2"]
    other = demo_org["CBG"]
    response = superuser_client.post(
        reverse("admin:org_unit_change", args=[kv2.pk]), _form(kv2, parent=other.pk)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    kv2.refresh_from_db()
    assert kv2.path == f"{other.path}{kv2.pk}/"
    assert kv2.version == 2


def test_admin_refuses_a_cycle_in_vietnamese(superuser_client, demo_org):
    tw = demo_org["TW"]
    response = superuser_client.post(
        reverse("admin:org_unit_change", args=[tw.pk]),
        _form(tw, parent=demo_org["TNG"].pk),
    )
    assert response.status_code == 200
    assert "Đơn vị trung ương không có đơn vị cấp trên." in response.content.decode()
    tw.refresh_from_db()
    assert tw.parent_id is None
