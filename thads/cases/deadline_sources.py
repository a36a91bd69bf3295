"""Deadlines that other apps keep, shown with the cases' own on "Việc của tôi".

`cases.deadlines` computes the statutory deadlines of enforcement cases. Apps above `cases`
(oversight: the administrative judgments an officer monitors, the procuracy's acts to answer,
the recommendations of an inspection) have deadlines of their own that belong on the same list;
`cases` may not import them, so each registers a source here in its `AppConfig.ready()`:

    register_deadline_source("thahc", thahc_deadlines)

A source is called as `source(access, unit, today, viewer)` and returns the open deadlines (not yet
done) of the units of `unit`'s subtree that `access` sees (every visible unit when `unit` is
None; every unit at all when `access` is None too — the morning reminders, which pick each
person's rows themselves), as `OtherDeadline`s: each names the officers it is for
(`officer_ids`) and whether the head and deputies of its unit (`unit_id`) see it on their own
list (`for_managers`). With a `viewer` (one person's own list: the home page), a source may
leave out in its query the rows that are not for that person; `deadlines_for` still picks them
exactly. The morning e-mail (`cases.reminders`) reminds each of them once, like
the cases' own deadlines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from thads.cases.deadlines import deadline_status


@dataclass(frozen=True)
class OtherDeadline:
    """One open deadline kept by another app: what is due, when, on what basis, where to act."""

    key: str  # the source's key ("thahc", "procuracy"…)
    due: dt.date
    label: str
    article: str  # the rule and its source (or "chưa xác minh")
    code: str  # what it is about: a judgment's code, an act's number
    url: str
    officer_ids: frozenset[int] = frozenset()
    for_managers: bool = False
    kind: str = ""  # which deadline of `code` when it has several ("thong_bao", "tu_nguyen")
    unit_id: int | None = None  # the unit whose managers it is for (`for_managers`)

    def status(self, today: dt.date) -> str:
        return deadline_status(self.due, None, today)


@dataclass(frozen=True)
class Viewer:
    """Whose list the deadlines are for: a staff member, and whether they manage the unit."""

    staff_id: int
    manager: bool


SourceFn = Callable[[Any, Any, dt.date, Viewer | None], list[OtherDeadline]]
_sources: dict[str, SourceFn] = {}


def register_deadline_source(key: str, source: SourceFn) -> None:
    _sources[key] = source


def unregister_deadline_source(key: str) -> None:
    _sources.pop(key, None)


def other_deadlines(
    access, unit, today: dt.date, viewer: Viewer | None = None
) -> list[OtherDeadline]:
    """Every registered source's open deadlines in the scope, nearest first (with a `viewer`,
    at least those for that person: pass the rows through `deadlines_for`)."""
    rows = [row for source in _sources.values() for row in source(access, unit, today, viewer)]
    rows.sort(key=lambda d: (d.due, d.key, d.code))
    return rows


def every_open_deadline(today: dt.date) -> list[OtherDeadline]:
    """Every registered source's open deadlines of every unit (no user's scope: the morning
    reminders), nearest first."""
    return other_deadlines(None, None, today)


def deadlines_for(
    rows: list[OtherDeadline], staff_id: int | None, *, manager: bool
) -> list[OtherDeadline]:
    """The rows on one person's list: those for the officer, and for a head or deputy looking
    at their own list, those kept for the unit's managers."""
    return [d for d in rows if staff_id in d.officer_ids or (manager and d.for_managers)]


def counts_by_officer(rows: list[OtherDeadline], today: dt.date) -> dict[int, dict[str, int]]:
    """Per officer: the rows overdue, due today, due this week (for the head's table)."""
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        status = row.status(today)
        if status not in ("overdue", "today", "this_week"):
            continue
        for officer_id in row.officer_ids:
            counts.setdefault(officer_id, {"overdue": 0, "today": 0, "this_week": 0})
            counts[officer_id][status] += 1
    return counts
