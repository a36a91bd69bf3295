"""Statistics that count something other than cases: a registry the statistics engine reads.

An app that owns the rows (complaints: letters and matters; reception sessions) registers a
`Source` in its `AppConfig.ready()`; `stats.layout` evaluates a form definition whose `measure`
is the source's key on the per-unit counts the source returns, and `stats` drills a cell down
through the source. The registry lives in `common` so that apps of one layer (stats,
complaints) never import each other.

    register_source(Source(
        key="complaints", keys=("don_tiep_nhan", ...),
        counts=lambda unit_ids, start, end: {unit_id: {"don_tiep_nhan": 3, ...}},
        drill=lambda unit_ids, start, end, key, limit, offset: (count, [DrillItem(...)]),
    ))

`counts` must be set-based (a few GROUP BY queries, never a loop over rows); keys absent from a
unit's dict count 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DrillItem:
    """One row behind a cell: its code, a description, its page, and what it contributes."""

    code: str
    label: str
    url: str
    value: int = 1


CountsFn = Callable[[Iterable[int], dt.date, dt.date], dict[int, dict[str, int]]]
DrillFn = Callable[[Iterable[int], dt.date, dt.date, str, int, int], tuple[int, list[DrillItem]]]


@dataclass(frozen=True)
class Source:
    key: str
    keys: tuple[str, ...]
    counts: CountsFn
    drill: DrillFn
    labels: dict[str, str] | None = None


_sources: dict[str, Source] = {}


def register_source(source: Source) -> None:
    _sources[source.key] = source


def source_for(key: str) -> Source | None:
    return _sources.get(key)
