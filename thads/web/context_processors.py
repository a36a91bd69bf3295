"""The menu by role, the active unit and the unit switcher, for every page."""

from __future__ import annotations

from urllib.parse import urlsplit

from thads.common.ui import menu_for
from thads.org.access import Access
from thads.org.middleware import active_unit


def _current(sections, path: str) -> tuple[str, str]:
    """(entry key, section key) of the menu entry whose path is the longest prefix of `path`."""
    if path == "/":
        return "home", ""
    best = ("", "", 0)
    for section in sections:
        for entry in section.entries:
            entry_path = urlsplit(entry.url).path
            if entry_path != "/" and path.startswith(entry_path) and len(entry_path) > best[2]:
                best = (entry.key, section.key, len(entry_path))
    return best[0], best[1]


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
            .order_by("tree_order")
            .only("id", "code", "name", "level", "path", "valid_to")
        )
    sections = menu_for(request, unit)
    current, section = _current(sections, request.path)
    return {
        "menu_sections": sections,
        "nav_current": current,
        "nav_section": section,
        "active_unit": unit,
        "switchable_units": switchable,
        "access": access,
    }
