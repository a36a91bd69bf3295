"""People: the load per officer, surges of new cases per unit ("to move staff"), and breaches
of the head-assignment policy.

The load and the policy come from `cases.assignment` (one definition of "load" in the system);
this module only gathers them over the units of a scope and adds the surge rule:

* new cases (thụ lý mới) of a unit = cases whose `accepted_on` falls in the month, counted per
  calendar month over the last 12 months ending with the last complete month before `as_of`
  (the month of `as_of` itself only when `as_of` is its last day); cases accepted by a unit
  that a reform merged into another are counted for the unit that continues it (successor);
* a unit surges when its last month ≥ ratio × the average of the `window` months before it,
  with at least `min_cases` new cases in the last month (a unit going from 1 to 2 cases is not
  a reason to move staff). Settings: THADS_SURGE_RATIO (default "1.5"), THADS_SURGE_WINDOW
  (default 6), THADS_SURGE_MIN_CASES (default 5). Compared exactly: last × window ≥
  ratio × sum of the window.

Set-based: one query counts every unit's months (`TruncMonth`), one reads the units.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth

from thads.cases import assignment
from thads.cases.models import Case
from thads.org.models import Unit

MONTHS = 12


def surge_settings() -> tuple[Decimal, int, int]:
    ratio = Decimal(str(getattr(settings, "THADS_SURGE_RATIO", "1.5")))
    window = int(getattr(settings, "THADS_SURGE_WINDOW", 6))
    minimum = int(getattr(settings, "THADS_SURGE_MIN_CASES", 5))
    return ratio, window, minimum


def last_complete_month(as_of: dt.date) -> dt.date:
    """The first day of the last month complete on `as_of`."""
    last_day = calendar.monthrange(as_of.year, as_of.month)[1]
    first = as_of.replace(day=1)
    if as_of.day == last_day:
        return first
    return (first - dt.timedelta(days=1)).replace(day=1)


def month_starts(last: dt.date, count: int = MONTHS) -> list[dt.date]:
    """`count` month starts ending with `last`, oldest first."""
    result = [last]
    while len(result) < count:
        result.append((result[-1] - dt.timedelta(days=1)).replace(day=1))
    return list(reversed(result))


@dataclass
class UnitSurge:
    unit: Unit
    months: list[tuple[dt.date, int]] = field(default_factory=list)  # oldest first
    average: Decimal = Decimal(0)  # of the window before the last month
    ratio: Decimal | None = None  # last / average, two decimals; None when the average is 0
    is_surge: bool = False

    @property
    def last(self) -> int:
        return self.months[-1][1] if self.months else 0


def is_surge(last: int, window_counts: list[int], ratio: Decimal, minimum: int) -> bool:
    """last ≥ ratio × average(window), with at least `minimum` cases last month."""
    if last < minimum or not window_counts:
        return False
    return Decimal(last) * len(window_counts) >= ratio * sum(window_counts)


def _current(unit: Unit, by_id: dict[int, Unit], on: dt.date) -> Unit:
    seen: set[int] = set()
    while not unit.is_valid_on(on) and unit.successor_id in by_id and unit.pk not in seen:
        seen.add(unit.pk)
        unit = by_id[unit.successor_id]
    return unit


def surges(unit_ids: frozenset[int], as_of: dt.date) -> list[UnitSurge]:
    """New cases per month for every unit of the scope in force on `as_of` (not the national
    department), surging units first, then in the tree's order."""
    ratio, window, minimum = surge_settings()
    starts = month_starts(last_complete_month(as_of), MONTHS)
    first, last = starts[0], starts[-1]
    end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    units = list(Unit.objects.filter(pk__in=unit_ids).order_by("tree_order"))
    by_id = {u.pk: u for u in units}
    shown = {
        u.pk: UnitSurge(u) for u in units if u.is_valid_on(as_of) and u.level != Unit.Level.NATIONAL
    }
    counts: dict[tuple[int, dt.date], int] = {}
    rows = (
        Case.objects.filter(unit_id__in=unit_ids, accepted_on__gte=first, accepted_on__lte=end)
        .annotate(month=TruncMonth("accepted_on"))
        .order_by()
        .values("unit_id", "month")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = month.date()
        target = _current(by_id[row["unit_id"]], by_id, as_of)
        key = (target.pk, month)
        counts[key] = counts.get(key, 0) + row["n"]
    for pk, surge in shown.items():
        surge.months = [(m, counts.get((pk, m), 0)) for m in starts]
        before = [n for _m, n in surge.months[-1 - window : -1]]
        if before:
            surge.average = (Decimal(sum(before)) / len(before)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        if sum(before):
            surge.ratio = (Decimal(surge.last) * len(before) / sum(before)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        surge.is_surge = is_surge(surge.last, before, ratio, minimum)
    result = list(shown.values())
    result.sort(key=lambda s: (not s.is_surge, s.unit.tree_order))
    return result


@dataclass
class UnitPeople:
    load: assignment.UnitLoad
    violation: assignment.Violation | None


def loads(unit_ids: frozenset[int], on: dt.date) -> list[UnitPeople]:
    """The load per officer of each local unit of the scope in force on `on`, with its breach of
    the head-assignment policy (`cases.assignment.unit_load` / `policy_violation`)."""
    units = Unit.objects.filter(pk__in=unit_ids, level=Unit.Level.LOCAL).order_by("tree_order")
    result = []
    for unit in units:
        if not unit.is_valid_on(on):
            continue
        load = assignment.unit_load(unit, on)
        result.append(UnitPeople(load, assignment.policy_violation(load)))
    return result
