"""Statistical forms whose buckets another app counts (forms 6, 10, 12: exemptions, inspections,
administrative judgments; forms 8 and 9: complaints, citizen reception).

`stats` evaluates every form definition, prints it, drills into it and freezes it; the apps of
its layer (oversight, complaints…) may not import it, so an app registers here, in its
`AppConfig.ready()`, the source of a form definition's `measure`:

    register_form_source(FormSource(
        measure="thahc", base_keys=("moi", ...), identities={"phai_theo_doi": "... + moi"},
        labels={...}, counts=counts_fn, items=items_fn, unit_text=_("Đơn vị tính: việc"),
    ))

`counts(unit_ids, start, end)` returns each unit's base buckets for the period (set-based: a few
grouped queries, never one per row); `items(unit_ids, start, end, key)` lists what is behind one
base bucket (the drill-down). Derived buckets are signed sums of base and earlier derived ones,
written once in `identities` and evaluated by `derive`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

TERM = re.compile(r"\s*([+-])?\s*([a-z_][a-z_0-9]*)\s*")
RATE = re.compile(r"^rate\((.+);(.+)\)$")  # a rate column: rate(numerator; base)


@dataclass(frozen=True)
class SourceItem:
    """One record behind a cell: its code, a description, its page and its contribution."""

    key: str
    label: str
    detail: str
    url: str
    value: int


CountsFn = Callable[[list[int], dt.date, dt.date], dict[int, dict[str, int]]]
ItemsFn = Callable[[list[int], dt.date, dt.date, str], list[SourceItem]]


@dataclass(frozen=True)
class FormSource:
    measure: str
    base_keys: tuple[str, ...]
    identities: Mapping[str, str]
    labels: Mapping[str, Any]
    counts: CountsFn
    items: ItemsFn
    unit_text: Any = ""
    # Base buckets that are sums of money (đồng), not counts.
    money_keys: frozenset[str] = frozenset()
    # Rates printed in the machine-readable report: (key, numerator, denominator), e.g.
    # ("ty_le", "da_giai_quyet", "phai_giai_quyet") → "95.00", or null with no base.
    rates: tuple[tuple[str, str, str], ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return (*self.base_keys, *self.identities)

    def derive(self, base: Mapping[str, int]) -> dict[str, int]:
        """The base buckets (missing ones are 0) with the derived ones added, in order."""
        out = {key: int(base.get(key, 0)) for key in self.base_keys}
        for key, expr in self.identities.items():
            out[key] = sum(
                (-1 if sign == "-" else 1) * out[name] for sign, name in TERM.findall(expr)
            )
        return out

    def expand(self, expr: str) -> list[tuple[int, str]]:
        """A sum of keys as signed base buckets (derived keys flattened through identities); a
        rate drills into its numerator, as the case forms' `stats.buckets.expand`."""
        match = RATE.match(expr.strip())
        if match:
            expr = match.group(1)
        coef: dict[str, int] = {}

        def add(text: str, factor: int) -> None:
            for sign, name in TERM.findall(text):
                s = factor * (-1 if sign == "-" else 1)
                if name in self.identities:
                    add(self.identities[name], s)
                elif name in self.base_keys:
                    coef[name] = coef.get(name, 0) + s
                else:
                    raise ValueError(f"Chỉ tiêu không tồn tại: {name}")

        add(expr, 1)
        return [(c, k) for k, c in coef.items() if c]


_sources: dict[str, FormSource] = {}


def register_form_source(source: FormSource) -> None:
    _sources[source.measure] = source


def form_source(measure: str) -> FormSource | None:
    """The source registered for a form definition's measure, or None (a case form)."""
    return _sources.get(measure)


def form_sources() -> dict[str, FormSource]:
    return dict(_sources)
