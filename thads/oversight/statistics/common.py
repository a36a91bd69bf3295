"""Shared helpers of the oversight buckets: one grouped query per model, a Q per bucket."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

BucketQ = Callable[..., Q]


def grouped_counts(
    queryset: QuerySet,
    unit_field: str,
    buckets: Mapping[str, Q],
    sums: Mapping[str, tuple[str, Q]] | None = None,
) -> dict[int, dict[str, int]]:
    """{unit id: {bucket: count}} in one query: `buckets` count rows, `sums` add a field."""
    aggregates = {key: Count("pk", filter=q) for key, q in buckets.items()}
    for key, (field, q) in (sums or {}).items():
        aggregates[key] = Coalesce(Sum(field, filter=q), 0)
    out: dict[int, dict[str, int]] = {}
    for row in queryset.order_by().values(unit_field).annotate(**aggregates):
        out[row[unit_field]] = {key: int(row[key]) for key in aggregates}
    return out


def merge(*parts: dict[int, dict[str, int]]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    for part in parts:
        for unit_id, values in part.items():
            target = out.setdefault(unit_id, {})
            for key, n in values.items():
                target[key] = target.get(key, 0) + n
    return out
