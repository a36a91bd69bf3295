"""Oversight's deadlines on "Việc của tôi" (cases.deadline_sources): the notice and the voluntary
period of the judgments an officer monitors, the procuracy's acts to answer, the inspection's
recommendations to carry out; in the head's per-officer counts too; on the home page's "Thời hạn
của tôi" and in the morning e-mail (cases.reminders), each once. Fixed clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from thads.cases import reminders
from thads.cases.models import DeadlineReminder
from thads.org.models import Staff
from thads.oversight.services import inspections, procuracy, thahc
from thads.testing.cases import login, new_case
from thads.testing.oversight import judgment

pytestmark = pytest.mark.django_db
D = dt.date
CLOCK = dt.datetime(2025, 11, 12, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))  # Wed


def rows(response, source: str) -> dict[str, list[str]]:
    """status → the codes of one source's rows."""
    out: dict[str, list[str]] = {}
    for status, items in response.context["other_groups"].items():
        out[status] = sorted(d.code for d in items if d.key == source)
    return out


@pytest.fixture
def data(shared_demo_org):
    kv2 = shared_demo_org["TNG-KV2"]
    chv, other = Staff.objects.get(code="TN-SC-02"), Staff.objects.get(code="TN-SC-03")
    # Notice within 5 working days of receipt (Nghị định 71/2016/NĐ-CP, Điều 14 k2).
    late = judgment(kv2, chv, received_on=D(2025, 11, 3), judgment_date=D(2025, 10, 1))  # 10/11
    due_today = judgment(kv2, chv, received_on=D(2025, 11, 5), judgment_date=D(2025, 10, 1))
    sent = judgment(kv2, chv, received_on=D(2025, 11, 3), judgment_date=D(2025, 10, 1))
    thahc.notice_record(sent, number="9/TB", on=D(2025, 11, 4), delivered_on=None, version=1)
    theirs = judgment(kv2, other, received_on=D(2025, 11, 3), judgment_date=D(2025, 10, 1))
    case = new_case(accepted_on=D(2025, 11, 3))
    act = procuracy.act_receive(
        unit=kv2,
        data=procuracy.ActInput(
            kind="yeu_cau",  # 15 days from receipt: due today, 12/11
            level="cung_cap",
            procuracy="Viện kiểm sát nhân dân khu vực 2",
            number="11/YC-VKS",
            act_on=D(2025, 10, 27),
            received_on=D(2025, 10, 28),
            content="Yêu cầu tự kiểm tra việc xác minh",
        ),
        cases=[case],
    )
    opened = inspections.inspection_open(
        inspecting_unit=shared_demo_org["TNG"],
        unit=kv2,
        data=inspections.InspectionInput(
            kind="chuyen_de",
            decision_no="4/QĐ-THADS",
            decision_on=D(2025, 9, 1),
            team="Trưởng đoàn: Võ Thị Hương",
            scope="Xác minh",
            period_from=D(2024, 10, 1),
            period_to=D(2025, 8, 31),
        ),
    )
    opened = inspections.conclusion_record(
        opened, number="2/KL-THADS", on=D(2025, 10, 1), text="Chấn chỉnh", version=opened.version
    )
    inspections.recommendation_add(
        opened, kind="chan_chinh", content="Xác minh lại đúng hạn", due_on=D(2025, 11, 14)
    )
    return {
        "late": late,
        "today": due_today,
        "sent": sent,
        "theirs": theirs,
        "act": act,
        "inspection": opened,
    }


@time_machine.travel(CLOCK, tick=False)
def test_the_officer_sees_the_judgments_he_monitors(client, data):
    login(client, "chv")
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 200
    thahc_rows = rows(response, "thahc")
    assert thahc_rows["overdue"] == [data["late"].code]
    assert thahc_rows["today"] == [data["today"].code]
    listed = {d.code for group in response.context["other_groups"].values() for d in group}
    assert data["sent"].code not in listed  # the notice was sent; no voluntary date known yet
    assert data["theirs"].code not in listed  # another officer's
    # The procuracy's act concerns one of his cases; the recommendation is for the managers.
    assert rows(response, "procuracy")["today"] == [data["act"].number]
    assert data["inspection"].code not in listed
    assert response.context["counts"]["overdue"] >= 1 + len(response.context["groups"]["overdue"])
    html = response.content.decode()
    assert reverse("oversight:thahc_detail", args=[data["late"].pk]) in html
    assert "Nghị định 71/2016/NĐ-CP, Điều 14 k2" in html
    assert 'data-source="thahc"' in html


@time_machine.travel(CLOCK, tick=False)
def test_the_head_sees_the_units_acts_and_counts_per_officer(client, data):
    login(client, "truongphong")
    response = client.get(reverse("cases:my_cases"))
    listed = {d.code for group in response.context["other_groups"].values() for d in group}
    assert data["act"].number in listed and data["inspection"].code in listed
    assert data["late"].code not in listed  # monitored by an officer, not by the head
    officers = {r["officer__code"]: r for r in response.context["officer_rows"]}
    cases_only = client.get(reverse("cases:my_cases"), {"officer": "TN-SC-02"})
    own = cases_only.context["counts"]
    # The officer's row counts his judgments and the act on his case with his cases' deadlines.
    assert officers["TN-SC-02"]["overdue"] == own["overdue"]
    assert officers["TN-SC-02"]["today"] == own["today"]
    assert officers["TN-SC-03"]["overdue"] >= 1  # the other officer's late notice


@time_machine.travel(CLOCK, tick=False)
def test_a_done_deadline_leaves_the_list(client, data):
    late = data["late"]
    thahc.notice_record(late, number="10/TB", on=D(2025, 11, 11), delivered_on=None, version=1)
    login(client, "chv")
    response = client.get(reverse("cases:my_cases"))
    assert late.code not in rows(response, "thahc")["overdue"]


# ---- the same deadlines on the home page and in the morning e-mail (cases.reminders)


@time_machine.travel(CLOCK, tick=False)
def test_the_home_page_lists_them_with_the_cases_deadlines(client, data):
    login(client, "chv")
    html = client.get(reverse("web:home")).content.decode()
    panel = html.split('data-testid="home-deadlines"', 1)[1].split("</table>", 1)[0]
    for monitored in (data["late"], data["today"]):
        assert reverse("oversight:thahc_detail", args=[monitored.pk]) in panel
    assert reverse("oversight:procuracy_detail", args=[data["act"].pk]) in panel
    assert data["theirs"].code not in panel and data["inspection"].code not in panel


def _emails(**people: str) -> None:
    for username, email in people.items():
        get_user_model().objects.filter(username=username).update(email=email)


def test_the_morning_email_reminds_them_once(data, settings):
    settings.THADS_REMINDER_WORKING_DAYS = 2  # Wednesday 12/11 → Friday 14/11
    _emails(chv="chv@thads.test", truongphong="tp@thads.test")
    wednesday = CLOCK.date()
    reminders.send_reminders(wednesday)
    body = {m.to[0]: m.body for m in mail.outbox}
    officer, head = body["chv@thads.test"], body["tp@thads.test"]
    # The officer: his judgment's notice due today, the act about his case; not the overdue
    # notice (reminded before it fell due), not another officer's, not the managers' own.
    assert f"12/11/2025 (hôm nay) — {data['today'].code}: THAHC: Thông báo tự nguyện" in officer
    assert "(Nghị định 71/2016/NĐ-CP, Điều 14 k2)" in officer
    assert f"— {data['act'].number}: Trả lời yêu cầu" in officer
    assert reverse("oversight:thahc_detail", args=[data["today"].pk]) in officer
    for absent in (data["late"].code, data["theirs"].code, data["inspection"].code):
        assert absent not in officer
    # The head of the unit: the act and the inspection's recommendation (due Friday).
    assert f"— {data['act'].number}: Trả lời yêu cầu" in head
    assert f"14/11/2025 — {data['inspection'].code}: Thực hiện kiến nghị sau kiểm tra" in head
    assert data["today"].code not in head
    rows = DeadlineReminder.objects.filter(case__isnull=True)
    assert set(rows.values_list("source", "ref", "kind", "officer__code")) >= {
        ("thahc", data["today"].code, "thong_bao", "TN-SC-02"),
        ("procuracy", data["act"].number, "procuracy", "TN-SC-02"),
    }
    # Once: the next run of the day, or the next day, sends nothing new about them.
    mail.outbox.clear()
    assert reminders.send_reminders(wednesday) == (0, 0)
    reminders.send_reminders(D(2025, 11, 13))
    assert all(data["today"].code not in m.body for m in mail.outbox)


def test_an_officer_with_only_a_judgment_is_reminded(data, settings):
    """No open case of his own: the judgments he monitors still reach him."""
    settings.THADS_REMINDER_WORKING_DAYS = 2
    other = Staff.objects.get(code="TN-SC-03")
    assert other.user_id is not None
    get_user_model().objects.filter(pk=other.user_id).update(email="binh@thads.test")
    fresh = judgment(data["late"].unit, other, received_on=D(2025, 11, 10),
                     judgment_date=D(2025, 10, 1))  # fmt: skip  # notice due 17/11
    reminders.send_reminders(D(2025, 11, 13))  # Thursday → Monday 17/11
    mine = [m.body for m in mail.outbox if m.to == ["binh@thads.test"]]
    assert len(mine) == 1 and fresh.code in mine[0]


@time_machine.travel(CLOCK, tick=False)
@pytest.mark.parametrize("username", ["chv", "truongphong", "phophong"])
def test_a_persons_own_list_is_what_they_pick_from_the_units(data, username):
    """The home page asks the sources for one viewer's rows (their query leaves out the rest):
    the same rows `deadlines_for` picks from the whole unit's — and the officer's query really
    leaves others' rows out."""
    from thads.cases.deadline_sources import Viewer, deadlines_for, other_deadlines
    from thads.org.access import access_for

    user = get_user_model().objects.get(username=username)
    access = access_for(user)
    unit, staff = access.home_unit, access.staff
    manager = access.can_manage_unit(unit.pk)
    everyone = other_deadlines(access, unit, CLOCK.date())
    own = other_deadlines(access, unit, CLOCK.date(), Viewer(staff.pk, manager))
    expected = deadlines_for(everyone, staff.pk, manager=manager)
    assert deadlines_for(own, staff.pk, manager=manager) == expected
    if username == "chv":
        assert expected and len(own) < len(everyone)
        assert data["theirs"].code not in {d.code for d in own}


def test_the_feed_reads_the_judgments_in_a_fixed_number_of_queries(shared_demo_org):
    """No query per judgment: what answers the voluntary period (a court order, the publication)
    is read with the judgment, not loaded field by field."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thads.oversight.deadline_feed import thahc_deadlines

    kv2 = shared_demo_org["TNG-KV2"]
    chv = Staff.objects.get(code="TN-SC-02")

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = thahc_deadlines(None, None, D(2025, 11, 12))
        return len(rows), len(captured)

    def monitored(n: int) -> None:
        for _ in range(n):
            monitored = judgment(kv2, chv, received_on=D(2025, 11, 3))
            thahc.obliged_receipt_record(monitored, on=D(2025, 11, 4), version=monitored.version)

    monitored(2)
    rows_before, queries_before = count()
    monitored(3)
    rows_after, queries_after = count()
    assert rows_after > rows_before  # the voluntary periods are on the list
    assert queries_after == queries_before
