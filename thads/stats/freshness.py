"""Statistics ready before anyone asks (nothing built on a reader's first visit).

What the report screens, the home panels and the cockpit read is built when the data changes:
after a load (`thads demo`, `thads import`, an Excel intake: `after_load`), every night
(`nightly`: the full comparison of every case, folding the delta rows) and when a month starts
(`month_start`: the new month's totals). A reader then only pays for the cases changed since
(a few, through the services) and for the dates nobody asked for before.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thads.common.periods import current_month, month_period, report_year_of
from thads.stats import aggregates
from thads.stats.facts import refresh_facts
from thads.stats.models import AggregatePeriod


def warm_periods(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The month-end periods the screens open on: every month of this report year up to the
    running one (reports, the cockpit's trend) and the 12 months of last year (the cockpit's
    comparison and trend)."""
    year, month = report_year_of(today), current_month(today)
    periods = [month_period(year, k) for k in range(1, month + 1)]
    periods += [month_period(year - 1, k) for k in range(1, 13)]
    return [(p.start, p.end) for p in periods]


def materialise(today: dt.date | None = None) -> int:
    """Fill the month-end totals of `warm_periods` not filled yet; returns how many."""
    today = today or timezone.localdate()
    existing = set(AggregatePeriod.objects.values_list("start_on", "end_on"))
    missing = [p for p in warm_periods(today) if p not in existing]
    if missing:
        aggregates.materialise_periods(missing)  # together: one pass over the facts
    return len(missing)


def after_load(today: dt.date | None = None) -> tuple[int, int]:
    """After data was loaded: the facts of every changed case, then the month-end totals.
    Returns (cases rebuilt, periods filled)."""
    rebuilt = refresh_facts()
    return rebuilt, materialise(today)


def nightly(today: dt.date | None = None) -> tuple[int, int]:
    """Every case compared (catches what the change marker cannot see: bulk loads with
    triggers off, transactions open longer than its overlap), the delta rows folded."""
    rebuilt = refresh_facts(full=True)
    for period_id in AggregatePeriod.objects.values_list("pk", flat=True):
        aggregates.compact(period_id)
    return rebuilt, materialise(today)


def month_start(today: dt.date | None = None) -> tuple[int, int]:
    """A new month: its totals (and last year's same month) before the first reader."""
    return after_load(today)
