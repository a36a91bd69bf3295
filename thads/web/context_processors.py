"""Navigation by role and the unit switcher, for every page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from thads.cases.permissions import may_intake
from thads.org.access import Access
from thads.org.middleware import active_unit


def _nav_items(user) -> list[dict]:
    items = [{"label": _("Trang chủ"), "url": reverse("web:home"), "key": "home"}]
    items.append({"label": _("Đơn vị"), "url": reverse("org:unit_list"), "key": "units"})
    # Django's admin site only lets in staff accounts (is_staff); a link others cannot open
    # would only lead to the admin's login page.
    if user.is_staff:
        items.append({"label": _("Quản trị"), "url": reverse("admin:index"), "key": "admin"})
    return items


def _case_nav_items(access: Access, unit) -> list[dict]:
    """Case screens by role: officers' home, the case list, intake, assignment."""

    items = []
    if access.staff is not None or access.is_superuser:
        items.append(
            {"label": _("Việc của tôi"), "url": reverse("cases:my_cases"), "key": "my_cases"}
        )
    items.append({"label": _("Danh sách việc"), "url": reverse("cases:list"), "key": "case_list"})
    if unit is not None and may_intake(access, unit):
        items.append(
            {
                "label": _("Thụ lý"),
                "url": reverse("cases:intake", args=[unit.code]),
                "key": "intake",
            }
        )
    if unit is not None and (access.is_leader or access.can_manage_unit(unit.pk)):
        url = (
            reverse("cases:unit_load", args=[unit.code])
            if unit.level == unit.Level.LOCAL
            else reverse("cases:violations")
        )
        items.append({"label": _("Phân công"), "url": url, "key": "assignment"})
    if unit is not None:
        items.append({"label": _("Thống kê"), "url": reverse("stats:report"), "key": "stats"})
        items.append(
            {"label": _("Báo cáo tháng"), "url": reverse("submission:index"), "key": "submission"}
        )
    if unit is not None and (access.is_leader or access.role in {"head", "deputy"}):
        items.append(
            {"label": _("Chỉ đạo điều hành"), "url": reverse("targets:cockpit"), "key": "targets"}
        )
    return items


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "access"):
        return {}
    access: Access = request.access
    unit = active_unit(request)
    switchable = []
    if access.is_leader:
        from thads.org.models import Unit

        switchable = list(
            Unit.objects.filter(pk__in=access.visible_unit_ids)
            .order_by("path")
            .only("id", "code", "name", "level", "path", "valid_to")
        )
    return {
        "nav_items": _nav_items(user)[:1] + _case_nav_items(access, unit) + _nav_items(user)[1:],
        "active_unit": unit,
        "switchable_units": switchable,
        "access": access,
    }
