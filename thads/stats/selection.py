"""The unit and period a report screen shows, read from its query (`stats.forms.PeriodForm`).

Shared by the statistics screens and the leaders' cockpit: a unit the user may not read answers
404; no unit given means the active unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from thads.common.periods import Period
from thads.org.middleware import active_unit
from thads.org.models import Unit
from thads.org.shortcuts import unit_for_read_or_404
from thads.stats.forms import PeriodForm


@dataclass
class Selection:
    unit: Unit
    period: Period
    query: dict  # the GET parameters that select this report
    # The path of each view named, reversed once: a form links each of its ~40 cells, the
    # cockpit each rate (Django's reverse costs ≈ 0,1 ms a call; the query part is per link).
    _paths: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def form(self) -> str:
        """The form number (biểu) of a statistics screen."""
        return self.query.get("bieu", "1")

    def url(self, name: str, *args, **extra) -> str:
        path = self._paths.get((name, args))
        if path is None:
            path = self._paths[(name, args)] = reverse(name, args=args)
        return f"{path}?{urlencode({**self.query, **extra})}"


def select(
    request, form_class: type[PeriodForm] = PeriodForm
) -> tuple[Selection | None, PeriodForm]:
    """The selection of `request.GET`, or None (with the form's errors, or no unit at all)."""
    form = form_class(request.GET or None)
    if form.is_bound and not form.is_valid():
        return None, form
    data = form.cleaned_data if form.is_bound else {}
    if data.get("don_vi"):
        unit = unit_for_read_or_404(request.access, data["don_vi"])
    else:
        unit = active_unit(request)
        if unit is None:
            return None, form
    chosen = form.period(timezone.localdate())
    if chosen is None:
        return None, form
    period, period_query = chosen
    query = {"don_vi": unit.code, **form.extra_query(), **period_query}
    return Selection(unit, period, query), form
