"""Deadlines computed from the rule table (`DeadlineRule`, data with effective dates).

A rule in working days counts the working days after the triggering day (the day itself not
counted; `common.calendar.add_working_days`: weekends, Tết and public holidays skipped). A rule
in calendar days ends `days` days later; when that day is not a working day the period ends on
the next working day (Bộ luật Dân sự 2015, Điều 148 k5) unless the rule says otherwise. A rule
of 0 days means "at once": the triggering day itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from django.utils.translation import gettext as _

from thads.common.calendar import add_calendar_days, add_working_days
from thads.common.errors import DomainError
from thads.common.models import RuleBook
from thads.common.request_memo import memoised
from thads.oversight.models import AdminJudgment, DayKind, DeadlineRule, Outcome
from thads.oversight.models.thahc import IMMEDIATE_KINDS


@dataclass(frozen=True)
class Due:
    on: dt.date
    rule: DeadlineRule

    @property
    def source(self) -> str:
        return self.rule.source_text


def rule_book() -> RuleBook[DeadlineRule]:
    """Every rule, by key: one query for a list of many deadlines, once per page
    (`common.request_memo`: the officer's home asks for its deadline feed and its panel)."""
    return memoised(
        "oversight.rule_book", lambda: RuleBook(DeadlineRule.objects.all(), key=attrgetter("key"))
    )


def rule_on(key: str, day: dt.date, book: RuleBook[DeadlineRule] | None = None) -> DeadlineRule:
    """The rule `key` in force on `day` (the latest effective_from ≤ day)."""
    if book is not None:
        rule = book.on(key, day)
    else:
        rule = DeadlineRule.objects.filter(key=key).in_force(day).first()
    if rule is None:
        raise DomainError(
            _("Chưa có quy tắc thời hạn “%(key)s” áp dụng ngày %(day)s.")
            % {"key": key, "day": f"{day:%d/%m/%Y}"}
        )
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


# ---- the deadlines of a monitored administrative judgment ---------------------------------


@dataclass(frozen=True)
class JudgmentDeadline:
    kind: str
    label: str
    due: dt.date
    source: str
    done_on: dt.date | None
    basis: str = ""
    # What answered the deadline when it is not the act itself ("Quyết định buộc thi hành").
    done_by: str = ""


def judgment_deadlines(
    judgment: AdminJudgment, book: RuleBook[DeadlineRule] | None = None
) -> list[JudgmentDeadline]:
    """The notice (5 working days from receipt, at once for kinds e and g) and the end of the
    voluntary period (30 days from the obliged party's receipt of the judgment, when known;
    otherwise from the notice's delivery — the basis says which)."""
    if not judgment.has_content:
        return []
    immediate = judgment.kind in IMMEDIATE_KINDS
    out = []
    notice = due(
        "thahc_thong_bao_ngay" if immediate else "thahc_thong_bao", judgment.received_on, book
    )
    out.append(
        JudgmentDeadline(
            "thong_bao",
            _("Thông báo tự nguyện thi hành"),
            notice.on,
            notice.source,
            judgment.notice_on,
            _("từ ngày nhận bản án, quyết định"),
        )
    )
    if judgment.obliged_received_on is not None:
        start, basis = (
            judgment.obliged_received_on,
            _("từ ngày người phải thi hành nhận bản án, quyết định"),
        )
    elif judgment.notice_delivered_on is not None:
        start, basis = (
            judgment.notice_delivered_on,
            _("từ ngày tống đạt thông báo (chưa biết ngày người phải thi hành nhận bản án)"),
        )
    else:
        return out
    voluntary = due("thahc_tu_nguyen_ngay" if immediate else "thahc_tu_nguyen", start, book)
    done, done_by = _voluntary_period_answer(judgment)
    out.append(
        JudgmentDeadline(
            "tu_nguyen",
            _("Hết thời hạn tự nguyện thi hành"),
            voluntary.on,
            voluntary.source,
            done,
            basis,
            done_by,
        )
    )
    return out


def _voluntary_period_answer(judgment: AdminJudgment) -> tuple[dt.date | None, str]:
    """The voluntary period is answered by the judgment done, or — when it ran out unheeded —
    by the court's order compelling enforcement (Luật TTHC 2015, Điều 312) or the publication
    of the non-compliance: the monitoring has moved on, the period is no longer a deadline
    waiting on the officer (it stayed red and on his list for ever)."""
    if judgment.outcome == Outcome.XONG:
        return judgment.outcome_on, ""
    if judgment.court_order_on is not None:
        return judgment.court_order_on, _("Quyết định buộc thi hành")
    if judgment.published_on is not None:
        return judgment.published_on, _("Công khai không chấp hành")
    return None, ""


def open_judgment_deadlines(
    judgments: Iterable[AdminJudgment], book: RuleBook[DeadlineRule]
) -> Iterator[tuple[JudgmentDeadline, AdminJudgment]]:
    """The deadlines not met yet of the judgments (the officer's home panel and "Việc của
    tôi" read the same), with their judgment."""
    for judgment in judgments:
        for deadline in judgment_deadlines(judgment, book):
            if deadline.done_on is None:
                yield deadline, judgment
