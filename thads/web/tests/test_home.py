"""The home page of each role and the shell's extension points (thads.common.ui)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from thads.common.ui import (
    HomePanel,
    MenuItem,
    register_home_panel,
    register_menu_item,
    unregister_home_panel,
    unregister_menu_item,
)
from thads.ledger import services as ledger_services
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db

PANELS = {
    "chv": {"panel-my-deadlines"},
    "thuky": {"panel-receipts-today", "panel-payouts-due"},
    "truongphong": {"panel-waiting", "panel-unit-month"},
    "phophong": {"panel-waiting", "panel-unit-month"},
    "lanhdao": {"panel-cockpit", "panel-waiting"},
    "trunguong": {"panel-cockpit", "panel-waiting"},
    "kiemtra": {"panel-cockpit", "panel-unit-month"},
    "quantri": {"panel-administration"},
}
ALL_PANELS = set().union(*PANELS.values())


def home(client, username: str) -> str:
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("username", "panels"), PANELS.items())
def test_each_role_has_its_home_page(client, shared_demo_org, username, panels):
    page = home(client, username)
    shown = {p for p in ALL_PANELS if f'data-testid="{p}"' in page}
    assert shown == panels


def test_the_officer_sees_its_deadlines_and_cases(client, shared_demo_org):
    case = new_case(accepted_on=timezone.localdate(), officer="TN-SC-02")
    page = home(client, "chv")
    assert case.code in page  # among my cases, with its nearest deadline
    assert "Thông báo quyết định thi hành án" in page or "Ra quyết định" in page


def test_each_deadline_line_links_to_its_case(client, shared_demo_org):
    """The lines' addresses are made for the lines shown only (`web.home.my_deadlines`)."""
    case = new_case(accepted_on=timezone.localdate(), officer="TN-SC-02")
    page = home(client, "chv")
    table = page.split('data-testid="home-deadlines"', 1)[1].split("</table>", 1)[0]
    assert f'<a href="{reverse("cases:detail", args=[case.pk])}">{case.code}</a>' in table
    links = table.count('<a href="')
    assert links == table.count('<a href="/')  # every line an address, none a bare key
    assert 0 < links <= 8


def test_the_clerk_sees_todays_receipts_and_the_money_to_pay_out(client, shared_demo_org):
    today = timezone.localdate()
    case = new_case(amount=5_000_000, accepted_on=today)
    receipt = ledger_services.payment_record(case, amount=1_200_000, received_on=today, payer="An")
    page = home(client, "thuky")
    assert receipt.number in page
    receipts = page[page.index('data-testid="panel-receipts-today"') :]
    assert "1.200.000 đ" in receipts[: receipts.index("</section>")]
    due = page[page.index('data-testid="panel-payouts-due"') :]
    due = due[: due.index("</section>")]
    assert case.code in due and "1.200.000 đ" in due
    ledger_services.payout_record(case, paid_on=today)
    due = home(client, "thuky")
    due = due[due.index('data-testid="panel-payouts-due"') :]
    assert case.code not in due[: due.index("</section>")]


def test_the_head_sees_what_waits_for_it(client, shared_demo_org):
    unassigned = new_case(officer=None, accepted_on=timezone.localdate())
    assert unassigned.officer is None
    page = home(client, "truongphong")
    waiting = page[page.index('data-testid="panel-waiting"') :]
    waiting = waiting[: waiting.index("</section>")]
    assert "việc chưa phân công Chấp hành viên" in waiting
    assert reverse("cases:unit_load", args=["TNG-KV2"]) in waiting
    assert "Báo cáo thống kê Tháng" in waiting  # the last closed month, still to submit


def test_the_leader_sees_the_cockpit_by_short_names(client, shared_demo_org):
    page = home(client, "lanhdao")
    cockpit = page[page.index('data-testid="panel-cockpit"') :]
    cockpit = cockpit[: cockpit.index("</section>")]
    for label in ("KV1", "KV2", "KV3", "KV4", "KV5"):
        assert f">{label}</th>" in cockpit
    assert reverse("targets:cockpit") in cockpit


def test_an_app_adds_a_menu_entry_and_a_home_panel_without_editing_a_template(
    client, shared_demo_org
):
    register_menu_item(
        MenuItem(
            key="test_register",
            section="books",
            label="Sổ thử nghiệm",
            url=lambda request, unit: reverse("org:unit_list") + "?so=1",
            visible=lambda request, unit: request.access.role == "clerk",
        )
    )
    # Any template reading `panel` (its context); here a core one, for the officer only.
    register_home_panel(
        HomePanel(
            key="test_panel",
            template_name="web/home/_payouts_due.html",
            context=lambda request, unit: (
                {"rows": [], "count": 0, "total": 0} if request.access.role == "officer" else None
            ),
            order=1,
        )
    )
    try:
        clerk = home(client, "thuky")
        assert "Sổ thử nghiệm" in clerk and "?so=1" in clerk
        officer = home(client, "chv")
        assert "Sổ thử nghiệm" not in officer
        assert 'data-panel="test_panel"' in officer and "panel-payouts-due" in officer
    finally:
        unregister_menu_item("test_register")
        unregister_home_panel("test_panel")
    assert "Sổ thử nghiệm" not in home(client, "thuky")


def test_menu_sections_follow_the_role(client, shared_demo_org):
    officer = home(client, "chv")
    assert 'data-section="work"' in officer and 'data-section="steering"' not in officer
    leader = home(client, "lanhdao")
    assert 'data-section="steering"' in leader
    assert reverse("cases:intake", args=["TNG-KV2"]) not in leader  # a reader does not intake


def test_a_menu_entry_needs_a_known_section_and_a_link():
    with pytest.raises(ValueError, match="unknown menu section"):
        MenuItem(key="x", section="elsewhere", label="X", url_name="web:home")
    with pytest.raises(ValueError, match="needs url_name or url"):
        MenuItem(key="x", section="work", label="X")


def test_the_heads_month_panel_names_the_figure_as_form_01_does(client, shared_demo_org):
    """The figure is Biểu 01's column 20 (chuyển kỳ sau, có điều kiện), which also counts the
    cases postponed by agreement (column 13): it was labelled "đang thi hành", the name of
    column 12 — two different figures under one name on two pages."""
    from thads.common.periods import month_period, report_year_of
    from thads.org.models import Unit
    from thads.stats.report import build_report

    new_case(accepted_on=timezone.localdate())
    page = home(client, "truongphong")
    panel = page[page.index('data-testid="panel-unit-month"') :]
    panel = panel[: panel.index("</section>")]
    today = timezone.localdate()
    period = month_period(report_year_of(today), (today.month - 10) % 12 + 1)
    total = build_report(Unit.objects.get(code="TNG-KV2"), period).total
    carried = total.buckets.cases["chuyen_ky_sau_co_dieu_kien"]
    assert f"Việc có điều kiện chuyển kỳ sau: {carried}" in panel
    assert "đang thi hành" not in panel


@pytest.mark.parametrize(
    ("username", "unit", "entries"),
    [
        ("chv", "TNG-KV2", {"procuracy", "exemptions"}),
        ("truongphong", "TNG-KV2", {"procuracy", "exemptions", "inspections"}),
        ("lanhdao", "TNG", {"procuracy", "inspections"}),
        ("phongkiemtra", "TNG", {"procuracy", "inspections"}),
        ("thuky", "TNG-KV2", set()),
    ],
)
def test_the_oversight_registers_are_in_the_menu_and_open(
    client, shared_demo_org, username, unit, entries
):
    """The procuracy's acts, the exemption dossiers and the inspections had pages but no menu
    entry (only a home panel led to the inspections). Each entry shown opens (200)."""
    urls = {
        "procuracy": reverse("oversight:procuracy_list", args=[unit]),
        "exemptions": reverse("oversight:exemptions", args=[unit]),
        "inspections": reverse("oversight:inspections", args=[unit]),
    }
    page = home(client, username)
    shown = {key for key, url in urls.items() if f'href="{url}" data-menu="{key}"' in page}
    assert shown == entries
    for key in shown:
        assert client.get(urls[key]).status_code == 200, key
