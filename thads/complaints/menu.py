"""The complaint screens in the menu (thads.common.ui)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.common.ui import MenuItem, register_menu_item


def _unit_url(name: str):
    return lambda request, unit: reverse(name, args=[unit.code]) if unit is not None else None


ITEMS = [
    MenuItem(
        "complaints_register",
        "books",
        _("Sổ tiếp nhận đơn thư"),
        url=_unit_url("complaints:register"),
        order=50,
    ),
    MenuItem(
        "complaints_matters",
        "work",
        _("Giải quyết khiếu nại, tố cáo"),
        url=_unit_url("complaints:matters"),
        order=60,
    ),
    MenuItem(
        "complaints_reception",
        "books",
        _("Tiếp công dân"),
        url=_unit_url("complaints:sessions"),
        order=55,
    ),
    MenuItem(
        "complaints_rules",
        "admin",
        _("Quy định về khiếu nại, tố cáo"),
        "complaints:rules",
        order=50,
    ),
]


def register() -> None:
    for item in ITEMS:
        register_menu_item(item)
