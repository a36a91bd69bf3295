"""Menu entries and home panels of oversight (registered through `common.ui`).

The THAHC register is a book of every unit; inspections and the procuracy's acts are followed
by leaders, heads and the inspection office; exemption dossiers by the unit's officers. The
home panels: the officer's THAHC deadlines; for leaders and the inspection office, the
judgments monitored and not done by obliged body, inspections this year against the plan and
recommendations past their deadline.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.common.ui import HomePanel, MenuItem, register_home_panel, register_menu_item
from thads.org.models import Role

OVERSEERS = frozenset(
    {
        Role.PROVINCIAL_LEADER,
        Role.NATIONAL,
        Role.INSPECTOR,
        Role.INSPECTION_OFFICE,
        Role.HEAD,
        Role.DEPUTY,
    }
)
COCKPIT_ROLES = frozenset(
    {Role.PROVINCIAL_LEADER, Role.NATIONAL, Role.INSPECTOR, Role.INSPECTION_OFFICE}
)
LIST_SIZE = 8


def _unit_url(name: str, roles: frozenset | None = None):
    def url(request, unit):
        if unit is None:
            return None
        if roles is not None and not (request.access.is_superuser or request.access.role in roles):
            return None
        return reverse(name, args=[unit.code])

    return url


def officer_thahc(request, unit):
    """The officer's monitored administrative judgments with an open deadline."""
    from thads.oversight.selectors import open_judgment_deadlines

    access = request.access
    if access.staff is None or access.role not in {Role.OFFICER, Role.HEAD, Role.DEPUTY}:
        return None
    today = timezone.localdate()
    rows = open_judgment_deadlines(access, access.staff, today)
    if not rows:
        return None
    return {"rows": rows[:LIST_SIZE], "more": max(0, len(rows) - LIST_SIZE), "today": today}


def oversight_cockpit(request, unit):
    from thads.oversight.selectors import cockpit_figures

    if unit is None or request.access.role not in COCKPIT_ROLES:
        return None
    return cockpit_figures(request.access, unit, timezone.localdate())


MENU = [
    MenuItem(
        "thahc",
        "books",
        _("Sổ theo dõi thi hành án hành chính"),
        url=_unit_url("oversight:thahc_list"),
        order=50,
    ),
    # The pages below set their menu key (nav_active) but had no entry: the procuracy's acts
    # and the exemption dossiers were reached from no menu at all, the inspections only from a
    # home panel.
    MenuItem(
        "procuracy",
        "work",
        _("Văn bản của Viện kiểm sát"),
        url=_unit_url("oversight:procuracy_list", OVERSEERS | {Role.OFFICER}),
        order=70,
    ),
    MenuItem(
        "exemptions",
        "work",
        _("Hồ sơ miễn, giảm"),
        url=_unit_url("oversight:exemptions", frozenset({Role.OFFICER, Role.HEAD, Role.DEPUTY})),
        order=75,
    ),
    MenuItem(
        "inspections",
        "steering",
        _("Kiểm tra"),
        url=_unit_url("oversight:inspections", OVERSEERS),
        order=60,
    ),
]
PANELS = [
    HomePanel("officer_thahc", "oversight/home/_officer_thahc.html", officer_thahc, order=12),
    HomePanel(
        "oversight_cockpit", "oversight/home/_cockpit.html", oversight_cockpit, order=6, wide=True
    ),
]


def register() -> None:
    for item in MENU:
        register_menu_item(item)
    for panel in PANELS:
        register_home_panel(panel)
