"""`access_for` (every request's access, web.middleware): the posting in force on the day, read
with the staff in one query; a staff without a posting, a posting over, a later posting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thads.org import services
from thads.org.access import access_for, active_membership
from thads.org.models import Membership, Role, Staff, Unit

pytestmark = pytest.mark.django_db

D = dt.date


def test_the_posting_in_force_on_the_day(demo_org):
    first, second = Unit.objects.filter(level=Unit.Level.LOCAL, valid_to__isnull=True).order_by(
        "code"
    )[:2]
    staff = services.staff_create(
        code="T-ACC-1",
        full_name="Trần Văn Thử",
        title=Staff.Title.CHV_SO_CAP,
        unit=first,
        valid_from=D(2025, 7, 1),
        valid_to=D(2025, 12, 31),
        role=Role.OFFICER,
        username="t-acc-1",
        password="x-Secret-12345",
    )
    services.membership_add(
        staff=staff, unit=second, valid_from=D(2026, 2, 1), role=Role.HEAD, is_head=True
    )
    user = staff.user
    cases = {
        D(2025, 6, 30): None,  # before any posting
        D(2025, 9, 1): (first, Role.OFFICER),
        D(2026, 1, 15): None,  # between the two postings
        D(2026, 3, 1): (second, Role.HEAD),
    }
    for day, expected in cases.items():
        access = access_for(user, day)
        assert access.staff == staff
        chosen = active_membership(staff, day)
        assert access.membership == chosen, day
        if expected is None:
            assert access.membership is None and access.home_unit is None
            assert access.visible_unit_ids == frozenset()
        else:
            unit, role = expected
            assert (access.home_unit, access.role) == (unit, role)
            assert unit.pk in access.visible_unit_ids
            assert access.membership.staff is access.staff


def test_staff_and_postings_in_one_query(demo_org):
    unit = (
        Unit.objects.filter(level=Unit.Level.LOCAL, valid_to__isnull=True).order_by("code").first()
    )
    staff = services.staff_create(
        code="T-ACC-2",
        full_name="Lê Thị Thử",
        title=Staff.Title.CHV_SO_CAP,
        unit=unit,
        valid_from=D(2025, 7, 1),
        role=Role.OFFICER,
        username="t-acc-2",
        password="x-Secret-12345",
    )
    with CaptureQueriesContext(connection) as captured:
        access_for(staff.user, D(2026, 1, 1))
    # The unit tree, then the staff with its postings.
    assert len(captured) == 2
    # Without any posting: the staff is still found (and sees nothing).
    Membership.objects.filter(staff=staff).delete()
    access = access_for(staff.user, D(2026, 1, 1))
    assert access.staff == staff and access.membership is None
