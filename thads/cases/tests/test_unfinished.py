"""One definition of "an officer's unfinished cases" (selectors.unfinished_cases): the
assignment page, the case list filtered by the officer with "Chưa kết thúc", the head's table
in "Việc của tôi", the officer's own "Việc của tôi" and home page show the same number.

On the demo data (as `thads demo` loads it), where the officers of TNG-KV2 carry unfinished
cases of the Chi cục it succeeded (TN-SC, TN-PY) as well as its own — the cases that made the
figures disagree (46 on the assignment page, 79 in "Việc của tôi", 81 in the list).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thads.cases.models import TERMINAL_STATES, Case
from thads.testing.cases import new_case
from thads.testing.org import build_all

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    from thads.interchange import demo_cases

    with django_db_blocker.unblock(), transaction.atomic():
        units = build_all()
        demo_cases.load(timezone.localdate(), count=300)
        # A case the Chi cục accepted before the reform, carried by KV2's officer (the demo
        # has such cases; one more makes the test independent of the demo's random draw).
        new_case("TN-SC", officer="TN-SC-02", accepted_on=dt.date(2025, 3, 3))
        yield units
        transaction.set_rollback(True)


def _login(client, username: str) -> None:
    client.force_login(get_user_model().objects.get(username=username))


def test_the_three_counts_agree_for_every_officer_of_the_unit(client, demo_data):
    kv2 = demo_data["TNG-KV2"]
    _login(client, "truongphong")  # the head of TNG-KV2
    load = client.get(reverse("cases:unit_load", args=[kv2.code])).context["load"]
    head_table = {
        row["officer__code"]: row["open_cases"]
        for row in client.get(reverse("cases:my_cases")).context["officer_rows"]
    }
    checked = 0
    for officer in load.officers:
        code = officer.staff.code
        listed = client.get(reverse("cases:list"), {"officer": code, "open_only": "on"})
        mine = client.get(reverse("cases:my_cases"), {"officer": code})
        counts = {
            "assignment": officer.open_cases,
            "case list": listed.context["page"].paginator.count,
            "Việc của tôi": len(mine.context["cases"]),
            "head's table": head_table.get(code, 0),
        }
        assert len(set(counts.values())) == 1, (code, counts)
        checked += officer.open_cases > 0
    assert checked >= 2, "the demo should give at least two officers unfinished cases"


def test_the_officer_sees_the_same_number_and_it_includes_the_predecessors_cases(client, demo_data):
    kv2 = demo_data["TNG-KV2"]
    _login(client, "chv")
    staff = get_user_model().objects.get(username="chv").staff
    held = Case.objects.filter(officer=staff).exclude(state__in=TERMINAL_STATES)
    own_unit_only = held.filter(unit=kv2).count()
    assert held.count() > own_unit_only > 0, "demo: cases of TN-SC carried by KV2 and KV2's own"

    mine = len(client.get(reverse("cases:my_cases")).context["cases"])
    home = client.get(reverse("web:home"))
    listed = client.get(reverse("cases:list"), {"officer": staff.code, "open_only": "on"})
    from thads.cases.assignment import unit_load

    on_assignment = next(o.open_cases for o in unit_load(kv2).officers if o.staff == staff)
    assert mine == listed.context["page"].paginator.count == on_assignment == held.count()
    panel = next(p for p in home.context["panels"] if "open_count" in p.context)
    assert panel.context["open_count"] == held.count()
