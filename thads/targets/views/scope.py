"""The scope of the bottleneck screens: the unit of `?don_vi=` (404 when the user may not read
it) or the active unit, narrowed to what the user may see, and the tuning parameters given."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet

from thads.cases.models import Case
from thads.org.access import scope_unit_ids
from thads.org.middleware import active_unit
from thads.org.models import Unit
from thads.org.shortcuts import unit_for_read_or_404
from thads.targets import bottlenecks


@dataclass
class Scope:
    unit: Unit | None
    unit_ids: frozenset[int]
    cases: QuerySet[Case]
    query: dict  # don_vi and the tuning parameters given

    def qs(self, **extra) -> str:
        return urlencode({**self.query, **extra})


def scope_from(request) -> Scope:
    access = request.access
    code = (request.GET.get("don_vi") or "").strip()
    unit = unit_for_read_or_404(access, code) if code else active_unit(request)
    ids = frozenset() if unit is None else access.visible_unit_ids & scope_unit_ids(unit)
    query = {"don_vi": unit.code} if unit is not None else {}
    for name in bottlenecks.QUERY_PARAMS:
        value = (request.GET.get(name) or "").strip()
        if value:
            query[name] = value
    return Scope(unit, ids, Case.objects.filter(unit_id__in=ids), query)
