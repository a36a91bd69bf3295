"""Organisation fixtures: the demo province and a second province for access tests.

`demo_org` builds the demo province (thads.org.demo) plus a second province (Cao Bằng) inside the
test's transaction; `shared_demo_org` builds the same once per test module (the access matrix
runs hundreds of requests against it), each test still rolling back its own changes.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from thads.org import demo, services
from thads.org.models import Role, Staff, Unit

OTHER_PROVINCE = "CBG"


OTHER_LOCAL = "CBG-KV1"


def build_other_province(national: Unit) -> dict[str, Unit]:
    """A second province, one Phòng THADS khu vực, three staff: never in Thái Nguyên's scope."""
    province = services.unit_create(
        code=OTHER_PROVINCE,
        name="Thi hành án dân sự tỉnh Cao Bằng",
        level=Unit.Level.PROVINCE,
        parent=national,
        valid_from=demo.REFORM,
    )
    local = services.unit_create(
        code=OTHER_LOCAL,
        name="Phòng Thi hành án dân sự khu vực 1 – Cao Bằng",
        level=Unit.Level.LOCAL,
        parent=province,
        valid_from=demo.REFORM,
    )
    for code, name, title, unit, role in [
        ("CBG-LD01", "Hoàng Văn Quân", Staff.Title.LANH_DAO, province, Role.PROVINCIAL_LEADER),
        ("CBG-KV1-01", "Nông Văn Bình", Staff.Title.CHV_TRUNG_CAP, local, Role.HEAD),
        ("CBG-KV1-02", "Bế Thị Hạnh", Staff.Title.CHV_SO_CAP, local, Role.OFFICER),
    ]:
        services.staff_create(
            code=code,
            full_name=name,
            title=title,
            unit=unit,
            valid_from=demo.REFORM,
            is_head=role in {Role.HEAD, Role.PROVINCIAL_LEADER},
            role=role,
            username=code.lower(),
            password=demo.DEMO_PASSWORD,
        )
    return {OTHER_PROVINCE: province, OTHER_LOCAL: local}


def build_all() -> dict[str, Unit]:
    units = demo.build_org()
    units.update(build_other_province(units["TW"]))
    return units


@pytest.fixture
def demo_org(db) -> dict[str, Unit]:
    """The demo province and the other province, by unit code."""
    return build_all()


@pytest.fixture(scope="module")
def shared_demo_org(django_db_setup, django_db_blocker):
    """`demo_org` built once for a module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        units = build_all()
        yield units
        transaction.set_rollback(True)
