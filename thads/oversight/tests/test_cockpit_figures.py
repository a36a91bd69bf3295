"""The oversight figures of the leaders' cockpit (targets) agree with the oversight pages: both
come from the same selectors (oversight.selectors: one per figure)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from thads.org.models import Staff
from thads.oversight import selectors
from thads.oversight.services import inspections, thahc
from thads.testing.oversight import judgment

# A fixed day late in a year: the year's inspection is decided, concluded and overdue by then.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("fixed_today"),
]


@pytest.fixture
def fixed_today():
    with time_machine.travel(dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))


def figure(page: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">(?:<a [^>]*>)?([^<]+)<', page)
    assert match, testid
    return match.group(1).strip()


def body_counts(page: str) -> dict[str, str]:
    table = page[page.index('data-testid="oversight-bodies"') :]
    table = table[: table.index("</table>")]
    return dict(re.findall(r'data-body="(\w+)"><a [^>]*>([^<]+)</a>', table))


@pytest.fixture
def oversight_data(demo_org):
    today = timezone.localdate()
    kv2, kv3, tng = demo_org["TNG-KV2"], demo_org["TNG-KV3"], demo_org["TNG"]
    chv = Staff.objects.get(code="TN-SC-02")
    received = today - dt.timedelta(days=40)
    for body in ("ubnd_tinh", "ubnd_tinh", "ubnd_xa", "khac"):
        judgment(kv2, chv, received_on=received, obliged_body=body)
    done = judgment(kv2, chv, received_on=received, obliged_body="ubnd_huyen")
    thahc.outcome_record(done, outcome="xong", on=today, version=done.version)
    judgment(kv2, None, received_on=received, has_content=False)

    plan = inspections.plan_create(
        unit=tng, year=today.year, decision_no="5/QĐ-THADS", approved_on=today.replace(month=1)
    )
    items = [
        inspections.plan_item_add(plan, target=unit, kind="toan_dien", month=m)
        for unit, m in ((kv2, 3), (kv3, 6), (kv3, 9))
    ]
    inspections.plan_item_trim(
        items[2], on=today, reason="Giảm theo chỉ đạo", version=items[2].version
    )
    start = today.replace(month=1, day=1)
    opened = inspections.inspection_open(
        inspecting_unit=tng,
        unit=kv2,
        data=inspections.InspectionInput(
            kind="toan_dien",
            decision_no="9/QĐ-THADS",
            decision_on=start + dt.timedelta(days=60),
            team="Trưởng đoàn: Nguyễn Thị Thu Trang",
            scope="Toàn diện",
            period_from=start - dt.timedelta(days=365),
            period_to=start,
            plan_item=items[0],
        ),
    )
    opened = inspections.conclusion_record(
        opened,
        number="3/KL-THADS",
        on=start + dt.timedelta(days=70),
        text="Chấn chỉnh",
        version=opened.version,
    )
    inspections.recommendation_add(
        opened, kind="chan_chinh", content="Khắc phục thời hạn", due_on=start + dt.timedelta(80)
    )
    return demo_org


def test_cockpit_panel_and_oversight_pages_show_the_same_figures(client, oversight_data):
    login(client, "lanhdao")
    today = timezone.localdate()
    cockpit = client.get(reverse("targets:cockpit") + f"?don_vi=TNG&nam={today.year}&thang=2")
    assert cockpit.status_code == 200
    cockpit = cockpit.content.decode()
    assert 'data-testid="cockpit-oversight"' in cockpit
    register = client.get(
        reverse("oversight:thahc_list", args=["TNG"]) + "?trang_thai=dang_theo_doi"
    ).content.decode()
    overview = client.get(reverse("oversight:inspections", args=["TNG"])).content.decode()

    # Judgments monitored and not done: 4 (one done, one without content left out).
    assert figure(cockpit, "oversight-not-done") == "4"
    assert register.count('href="/giam-sat/thahc/viec/') == 4
    by_body = body_counts(cockpit)
    assert by_body == body_counts(register)
    assert by_body == {"ubnd_tinh": "2", "ubnd_huyen": "0", "ubnd_xa": "1", "khac": "1"}
    # Inspections this year against the plan (the trimmed item is not planned any more).
    assert figure(cockpit, "oversight-inspections") == "1 / 2"
    assert figure(overview, "figure-inspections") == "1 / 2"
    assert figure(overview, "figure-plan-done") == "1"
    # Open recommendations past their deadline.
    assert figure(cockpit, "oversight-overdue") == figure(overview, "figure-overdue") == "1"


def test_the_figures_are_the_selectors(oversight_data):
    from thads.org.access import access_for

    access = access_for(get_user_model().objects.get(username="lanhdao"))
    tng = oversight_data["TNG"]
    today = timezone.localdate()
    panel = selectors.cockpit_figures(access, tng, today)
    assert (
        panel["not_done"]
        == selectors.judgments_of(access, tng).filter(selectors.OPEN_JUDGMENT).count()
    )
    assert panel["planned"] == selectors.plan_progress(access, tng, today.year).planned == 2
    assert panel["inspections"] == selectors.inspections_in_year(access, tng, today.year).count()
    # A body filter on the register lists exactly the body's count.
    rows = selectors.filtered_judgments(
        selectors.judgments_of(access, tng), "dang_theo_doi", "", "ubnd_tinh"
    )
    assert rows.count() == 2
