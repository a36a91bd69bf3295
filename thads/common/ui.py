"""Extension points of the shell: the navigation menu and the panels of the home page.

Any app adds its screens here, in its `AppConfig.ready()`, without editing a template:

    from thads.common.ui import HomePanel, MenuItem, register_home_panel, register_menu_item

    register_menu_item(MenuItem(
        key="documents_register", section="books", label=_("Sổ văn bản"),
        url=lambda request, unit: reverse("documents:register", args=[unit.code]) if unit else None,
    ))
    register_home_panel(HomePanel(
        key="documents_to_sign", template_name="documents/_home_to_sign.html",
        context=lambda request, unit: {...} or None,   # None hides the panel for this user
        order=20,
    ))

The registry lives in `common` (the lowest app) so that every app may register; `web` renders
it (the menu in `web/base.html`, the panels on the home page). Registering a key again replaces
the entry (an app may take over a core entry, e.g. a richer "payouts due" panel).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The sections of the menu, in their order (Vietnamese labels, translated by the catalogue).
SECTIONS: tuple[tuple[str, Any], ...] = (
    ("work", _("Công việc")),
    ("books", _("Sổ sách")),
    ("stats", _("Thống kê")),
    ("steering", _("Chỉ đạo điều hành")),
    ("admin", _("Quản trị")),
)
SECTION_KEYS = frozenset(key for key, _label in SECTIONS)

UrlFn = Callable[[Any, Any], str | None]
VisibleFn = Callable[[Any, Any], bool]
ContextFn = Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class MenuItem:
    """One entry of a menu section.

    `url(request, unit)` (or the fixed `url_name`) gives the link; None hides the entry, as does
    `visible(request, unit)` returning False. `unit` is the unit the user is looking at (None when
    the account has none). `key` is what a view may pass as `nav_active` to mark the entry.
    """

    key: str
    section: str
    label: Any
    url_name: str = ""
    url: UrlFn | None = None
    visible: VisibleFn | None = None
    order: int = 100

    def __post_init__(self):
        if self.section not in SECTION_KEYS:
            raise ValueError(
                f"unknown menu section {self.section!r}; one of {sorted(SECTION_KEYS)}"
            )
        if not self.url_name and self.url is None:
            raise ValueError(f"menu item {self.key!r} needs url_name or url")

    def link(self, request, unit) -> str | None:
        if self.visible is not None and not self.visible(request, unit):
            return None
        if self.url is not None:
            return self.url(request, unit)
        return reverse(self.url_name)


@dataclass(frozen=True)
class HomePanel:
    """A panel of the home page: `context(request, unit)` returns its template context, or None
    to leave it out for this user (panels decide by role themselves). `wide` panels take the
    whole row; others share it two by two on a large screen."""

    key: str
    template_name: str
    context: ContextFn
    order: int = 100
    wide: bool = False


_menu: dict[str, MenuItem] = {}
_panels: dict[str, HomePanel] = {}


def register_menu_item(item: MenuItem) -> None:
    _menu[item.key] = item


def unregister_menu_item(key: str) -> None:
    _menu.pop(key, None)


def register_home_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def unregister_home_panel(key: str) -> None:
    _panels.pop(key, None)


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: Any
    url: str


@dataclass(frozen=True)
class MenuSection:
    key: str
    label: Any
    entries: tuple[MenuEntry, ...]


def menu_for(request, unit) -> list[MenuSection]:
    """The sections this user sees, each with its visible entries in order; empty ones left out."""
    by_section: dict[str, list[tuple[int, str, MenuEntry]]] = {key: [] for key in SECTION_KEYS}
    for item in _menu.values():
        url = item.link(request, unit)
        if url:
            by_section[item.section].append(
                (item.order, item.key, MenuEntry(item.key, item.label, url))
            )
    sections = []
    for key, label in SECTIONS:
        entries = tuple(entry for _o, _k, entry in sorted(by_section[key], key=lambda t: t[:2]))
        if entries:
            sections.append(MenuSection(key, label, entries))
    return sections


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    template_name: str
    context: dict
    wide: bool


def home_panels_for(request, unit) -> list[RenderedPanel]:
    """The registered panels with their context for this user, in order (hidden ones left out)."""
    rendered = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request, unit)
        if context is not None:
            rendered.append(RenderedPanel(panel.key, panel.template_name, context, panel.wide))
    return rendered
