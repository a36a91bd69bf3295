"""Deadlines computed from the rule table (`DeadlineRule`, data with effective dates).

A rule in working days counts the working days after the triggering day (the day itself not
counted; `common.calendar.add_working_days`: weekends, Tết and public holidays skipped). A rule
in calendar days ends `days` days later; when that day is not a working day the period ends on
the next working day (Bộ luật Dân sự 2015, Điều 148 k5) unless the rule says otherwise. A rule
of 0 days means "at once": the triggering day itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thads.common.calendar import add_working_days, is_working_day
from thads.common.errors import DomainError
from thads.oversight.models import DayKind, DeadlineRule


@dataclass(frozen=True)
class Due:
    on: dt.date
    rule: DeadlineRule

    @property
    def source(self) -> str:
        return self.rule.source_text


RuleBook = dict[str, list[DeadlineRule]]


def rule_book() -> RuleBook:
    """Every rule, by key, latest first: one query for a list of many deadlines."""
    book: RuleBook = {}
    for rule in DeadlineRule.objects.order_by("key", "-effective_from"):
        book.setdefault(rule.key, []).append(rule)
    return book


def rule_on(key: str, day: dt.date, book: RuleBook | None = None) -> DeadlineRule:
    """The rule `key` in force on `day` (the latest effective_from ≤ day)."""
    if book is not None:
        rule = next((r for r in book.get(key, []) if r.effective_from <= day), None)
    else:
        rule = (
            DeadlineRule.objects.filter(key=key, effective_from__lte=day)
            .order_by("-effective_from")
            .first()
        )
    if rule is None:
        raise DomainError(f"Chưa có quy tắc thời hạn “{key}” áp dụng ngày {day:%d/%m/%Y}.")
    return rule


def apply_rule(rule: DeadlineRule, start: dt.date) -> dt.date:
    if rule.day_kind == DayKind.WORKING:
        return add_working_days(start, rule.days)
    end = start + dt.timedelta(days=rule.days)
    if rule.days and rule.roll_to_working_day:
        while not is_working_day(end):
            end += dt.timedelta(days=1)
    return end


def due(key: str, start: dt.date, book: RuleBook | None = None) -> Due:
    """The deadline of rule `key` triggered on `start`, under the rule in force that day."""
    rule = rule_on(key, start, book)
    return Due(apply_rule(rule, start), rule)
