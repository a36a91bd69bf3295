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
from operator import attrgetter

from thads.common.calendar import add_calendar_days, add_working_days
from thads.common.errors import DomainError
from thads.common.models import RuleBook
from thads.oversight.models import DayKind, DeadlineRule


@dataclass(frozen=True)
class Due:
    on: dt.date
    rule: DeadlineRule

    @property
    def source(self) -> str:
        return self.rule.source_text


def rule_book() -> RuleBook[DeadlineRule]:
    """Every rule, by key: one query for a list of many deadlines."""
    return RuleBook(DeadlineRule.objects.all(), key=attrgetter("key"))


def rule_on(key: str, day: dt.date, book: RuleBook[DeadlineRule] | None = None) -> DeadlineRule:
    """The rule `key` in force on `day` (the latest effective_from ≤ day)."""
    if book is not None:
        rule = book.on(key, day)
    else:
        rule = DeadlineRule.objects.filter(key=key).in_force(day).first()
    if rule is None:
        raise DomainError(f"Chưa có quy tắc thời hạn “{key}” áp dụng ngày {day:%d/%m/%Y}.")
    return rule


def apply_rule(rule: DeadlineRule, start: dt.date) -> dt.date:
    if rule.day_kind == DayKind.WORKING:
        return add_working_days(start, rule.days)
    if rule.days and rule.roll_to_working_day:
        return add_calendar_days(start, rule.days)
    return start + dt.timedelta(days=rule.days)


def due(key: str, start: dt.date, book: RuleBook[DeadlineRule] | None = None) -> Due:
    """The deadline of rule `key` triggered on `start`, under the rule in force that day."""
    rule = rule_on(key, start, book)
    return Due(apply_rule(rule, start), rule)
