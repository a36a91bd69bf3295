"""The core entries of the menu, by section (see thads.common.ui for the hook other apps use).

Each entry shows only to the users it serves: the links a role sees are the pages it may open
(the link crawler, thads/web/tests/test_crawler.py, checks that every one of them answers).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.common.ui import MenuItem, register_menu_item
from thads.org.models import Role, Unit


def _unit_url(name: str):
    return lambda request, unit: reverse(name, args=[unit.code]) if unit is not None else None


def _has_unit(request, unit) -> bool:
    return unit is not None


def _may_intake(request, unit) -> bool:
    from thads.cases.permissions import may_intake

    return unit is not None and may_intake(request.access, unit)


def _assignment_url(request, unit) -> str | None:
    access = request.access
    if unit is None or not (access.is_leader or access.can_manage_unit(unit.pk)):
        return None
    if unit.level == Unit.Level.LOCAL:
        return reverse("cases:unit_load", args=[unit.code])
    return reverse("cases:violations")


def _steers(request, unit) -> bool:
    """Leaders, inspectors and the heads of a unit follow targets and bottlenecks."""
    access = request.access
    return unit is not None and (access.is_leader or access.role in {Role.HEAD, Role.DEPUTY})


def _administers(request, unit) -> bool:
    """The administration (org.admin_views) is the `quantri` role's, within its subtree."""
    access = request.access
    return unit is not None and (access.is_superuser or access.role == Role.ADMIN)


def _holds_cases(request, unit) -> bool:
    return request.access.staff is not None or request.access.is_superuser


CORE_ITEMS = [
    MenuItem(
        "my_cases", "work", _("Việc của tôi"), "cases:my_cases", visible=_holds_cases, order=10
    ),
    MenuItem("case_list", "work", _("Danh sách việc"), "cases:list", visible=_has_unit, order=20),
    MenuItem(
        "intake",
        "work",
        _("Thụ lý việc mới"),
        url=_unit_url("cases:intake"),
        visible=_may_intake,
        order=30,
    ),
    MenuItem(
        "excel_intake",
        "work",
        _("Thụ lý từ tệp Excel"),
        url=_unit_url("interchange:upload"),
        visible=_may_intake,
        order=40,
    ),
    MenuItem("assignment", "work", _("Phân công Chấp hành viên"), url=_assignment_url, order=50),
    MenuItem(
        "held_money",
        "books",
        _("Tiền tạm thu, tạm giữ"),
        url=_unit_url("ledger:held_list"),
        order=40,
    ),
    MenuItem("stats", "stats", _("Báo cáo thống kê"), "stats:report", visible=_has_unit, order=10),
    MenuItem(
        "submission", "stats", _("Gửi, duyệt báo cáo tháng"), "submission:index", visible=_has_unit
    ),
    MenuItem(
        "targets",
        "steering",
        _("Chỉ tiêu và tiến độ"),
        "targets:cockpit",
        visible=_steers,
        order=10,
    ),
    MenuItem(
        "bottlenecks",
        "steering",
        _("Điểm nghẽn"),
        "bottlenecks:overview",
        visible=_steers,
        order=20,
    ),
    MenuItem(
        "people",
        "steering",
        _("Con người và phân công"),
        "bottlenecks:people",
        visible=_steers,
        order=30,
    ),
    MenuItem("units", "admin", _("Đơn vị và cán bộ"), "org:unit_list", order=10),
    MenuItem(
        "administration",
        "admin",
        _("Tài khoản và công tác"),
        "administration:index",
        visible=_administers,
        order=20,
    ),
    MenuItem(
        "administration_log",
        "admin",
        _("Nhật ký quản trị"),
        "administration:log",
        visible=_administers,
        order=30,
    ),
    # Django's admin site lets in staff accounts only (is_staff): nobody else gets the link.
    MenuItem(
        "admin_site",
        "admin",
        _("Trang quản trị dữ liệu"),
        "admin:index",
        visible=lambda request, unit: request.user.is_staff,
        order=90,
    ),
]


def register() -> None:
    for item in CORE_ITEMS:
        register_menu_item(item)
