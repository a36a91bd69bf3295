"""Việc của tôi with a fixed clock: overdue, due today and this week; a head sees per officer."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from thads.cases.models import EventType
from thads.cases.services import event_record
from thads.testing.cases import login, new_case

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2025, 11, 12)  # a Wednesday
CLOCK = dt.datetime(2025, 11, 12, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))


def notice_rows(response, status):
    return {
        case.code
        for deadline, case in response.context["groups"][status]
        if deadline.kind == "thong_bao"
    }


@time_machine.travel(CLOCK, tick=False)
def test_my_cases_groups_deadlines_by_urgency(client, shared_demo_org):
    # Notice within 3 working days of the QĐ THA (Luật THADS 2008, Điều 39).
    overdue = new_case(accepted_on=D(2025, 11, 3))  # due 06/11
    today = new_case(accepted_on=D(2025, 11, 7))  # Fri → due Wed 12/11
    week = new_case(accepted_on=D(2025, 11, 10))  # due 13/11
    done = new_case(accepted_on=D(2025, 11, 3))
    event_record(done, type=EventType.THONG_BAO, on=D(2025, 11, 4))
    someone_else = new_case(accepted_on=D(2025, 11, 3), officer="TN-SC-03")
    login(client, "chv")
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 200
    assert notice_rows(response, "overdue") == {overdue.code}
    assert notice_rows(response, "today") == {today.code}
    assert notice_rows(response, "this_week") == {week.code}
    listed = {c.code for c in response.context["cases"]}
    assert listed == {overdue.code, today.code, week.code, done.code}
    assert someone_else.code not in listed
    html = response.content.decode()
    assert "12/11/2025" in html and "Luật THADS 2008, Điều 39" in html
    assert "officer_rows" not in response.context


@time_machine.travel(CLOCK, tick=False)
def test_head_sees_counts_per_officer_and_drills_down(client, shared_demo_org):
    new_case(accepted_on=D(2025, 11, 3))
    new_case(accepted_on=D(2025, 11, 10))
    theirs = new_case(accepted_on=D(2025, 11, 3), officer="TN-SC-03", amount=7_000_000)
    login(client, "truongphong")
    response = client.get(reverse("cases:my_cases"))
    rows = {r["officer__code"]: r for r in response.context["officer_rows"]}
    assert rows["TN-SC-02"]["open_cases"] == 2
    assert rows["TN-SC-02"]["overdue"] >= 1 and rows["TN-SC-02"]["this_week"] >= 1
    assert rows["TN-SC-03"]["remainder"] == 7_000_000
    drill = client.get(reverse("cases:my_cases"), {"officer": "TN-SC-03"})
    assert {c.code for c in drill.context["cases"]} == {theirs.code}
    # An officer cannot look at a colleague's list.
    login(client, "chv")
    mine = client.get(reverse("cases:my_cases"), {"officer": "TN-SC-03"})
    assert theirs.code not in {c.code for c in mine.context["cases"]}
