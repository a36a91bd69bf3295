"""Extension points of the case page, filled by apps above cases (which cases never imports).

* `register_action_view(event_type, url_name)`: the action of that event type on the case page
  goes to the named view (reversed with the case's pk) instead of the generic action view, and
  the generic view refuses the event type (the money actions go through the ledger, so a
  payment always gets its receipt).
* `register_case_panel(template_name, context_fn)`: a panel rendered on the case page;
  `context_fn(request, case)` returns the panel's context (a dict, or None to hide the panel).

Apps register in their `AppConfig.ready()`; registering the same key again replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

PanelContext = Callable[[Any, Any], dict | None]

_action_views: dict[str, str] = {}
_panels: dict[str, PanelContext] = {}


@dataclass(frozen=True)
class Panel:
    template_name: str
    context: dict


def register_action_view(event_type: str, url_name: str) -> None:
    _action_views[str(event_type)] = url_name


def unregister_action_view(event_type: str) -> None:
    _action_views.pop(str(event_type), None)


def register_case_panel(template_name: str, context_fn: PanelContext) -> None:
    _panels[template_name] = context_fn


def unregister_case_panel(template_name: str) -> None:
    _panels.pop(template_name, None)


def has_action_view(event_type: str) -> bool:
    return str(event_type) in _action_views


def action_url(case, event_type: str) -> str:
    """The URL of the action on the case: the registered view's, else the generic one."""
    url_name = _action_views.get(str(event_type))
    if url_name is not None:
        return reverse(url_name, args=[case.pk])
    return reverse("cases:action", args=[case.pk, event_type])


def case_panels(request, case) -> list[Panel]:
    """The registered panels with their context, in registration order (hidden ones left out)."""
    panels = []
    for template_name, context_fn in _panels.items():
        context = context_fn(request, case)
        if context is not None:
            panels.append(Panel(template_name, context))
    return panels
