"""Reading the rule table: time limits, deadlines and competence in force on a day.

Days: "ngày" are calendar days, "ngày làm việc" working days (`common.calendar`: weekends,
Tết and the other holidays skipped; the triggering day not counted). A period in calendar days
that ends on a day off ends on the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5 —
applied to THADS by practice, chưa xác minh, see oversight.md §0).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thads.common.calendar import add_calendar_days, add_working_days
from thads.common.errors import DomainError
from thads.common.models import RuleBook
from thads.complaints.models import (
    ComplaintRule,
    DayCount,
    MatterKind,
    MatterOutcome,
    Resolver,
    RuleKind,
)
from thads.org.models import Unit


def rule_book() -> RuleBook[ComplaintRule]:
    """The whole table read once, by (kind, key): for a page that needs a rule per row."""
    return RuleBook(ComplaintRule.objects.all(), key=lambda rule: (rule.kind, rule.key))


def rule_in_force(
    kind: str, key: str, on: dt.date, book: RuleBook[ComplaintRule] | None = None
) -> ComplaintRule:
    """The rule (kind, key) with the latest `effective_from` on or before `on`."""
    if book is not None:
        rule = book.on((kind, key), on)
    else:
        rule = ComplaintRule.objects.filter(kind=kind, key=key).in_force(on).first()
    if rule is None:
        raise DomainError(
            _("Chưa có quy định “%(kind)s” cho trường hợp này vào ngày %(day)s.")
            % {"kind": RuleKind(kind).label, "day": on.strftime("%d/%m/%Y")}
        )
    return rule


def period_end(start: dt.date, days: int, day_count: str) -> dt.date:
    """The last day of a period of `days` counted from the day after `start` (a period in
    calendar days ending on a day off ends on the next working day: `add_calendar_days`)."""
    if day_count == DayCount.WORKING:
        return add_working_days(start, days)
    return add_calendar_days(start, days)


def apply_rule(rule: ComplaintRule, start: dt.date) -> dt.date:
    return period_end(start, rule.days or 0, rule.day_count)


@dataclass(frozen=True)
class Limitation:
    """The end of the time to complain and the rule that set it."""

    end: dt.date
    rule: ComplaintRule

    def is_barred(self, received_on: dt.date) -> bool:
        return received_on > self.end


def limitation(stage: str, known_on: dt.date, obstacle_days: int = 0) -> Limitation:
    """Thời hiệu khiếu nại (Luật THADS 2008, Điều 140 khoản 2) by the stage of the decision
    complained of, counted from the day it was received or known; time lost to an objective
    obstacle or force majeure is not counted (it moves the start)."""
    rule = rule_in_force(RuleKind.THOI_HIEU, stage, known_on)
    return Limitation(apply_rule(rule, known_on + dt.timedelta(days=obstacle_days)), rule)


def deadline_key(kind: str, instance: int | None, stage: str) -> str:
    if kind == "khieu_nai":
        if instance == 2:
            return "kn2"
        return f"kn1.{stage or 'pre_measure'}"
    if kind == "to_cao":
        return "to_cao"
    return "kien_nghi"


def resolve_deadline(kind: str, instance: int | None, stage: str, accepted_on: dt.date):
    """Thời hạn giải quyết from the day of acceptance (thụ lý) and the rule applied."""
    rule = rule_in_force(RuleKind.HAN_GIAI_QUYET, deadline_key(kind, instance, stage), accepted_on)
    return apply_rule(rule, accepted_on), rule


def extension_limit(kind: str, deadline: dt.date, accepted_on: dt.date) -> dt.date:
    """The furthest day an extension may reach (gia hạn, vụ việc phức tạp)."""
    key = "to_cao" if kind == "to_cao" else "khieu_nai"
    rule = rule_in_force(RuleKind.GIA_HAN, key, accepted_on)
    return apply_rule(rule, deadline)


def handling_deadline(received_on: dt.date, book: RuleBook[ComplaintRule] | None = None) -> dt.date:
    """The day by which a letter must be classified and handled (xử lý đơn)."""
    return apply_rule(rule_in_force(RuleKind.XU_LY_DON, "don", received_on, book), received_on)


@dataclass(frozen=True)
class Competence:
    resolver: str
    unit: Unit | None
    rule: ComplaintRule

    @property
    def title(self) -> str:
        return Resolver(self.resolver).label


def competence_key(kind: str, instance: int | None, subject_role: str, subject_unit: Unit) -> str:
    group = "to_cao" if kind == "to_cao" else ("kn2" if instance == 2 else "kn1")
    level = "local" if subject_unit.level == Unit.Level.LOCAL else "province"
    return f"{group}.{subject_role}_{level}"


def _national() -> Unit | None:
    return Unit.objects.filter(level=Unit.Level.NATIONAL).order_by("valid_from").first()


def competent_resolver(
    kind: str, instance: int | None, subject_role: str, subject_unit: Unit, on: dt.date
) -> Competence:
    """Who resolves (Luật THADS 2008, Điều 142; tố cáo: TT 13/2021/TT-BTP, Điều 15): the head
    of the subject's agency, of the agency directly above, or of the national department."""
    if kind in {"kien_nghi", "phan_anh"}:
        key, resolver = "", Resolver.SAME
        rule = rule_in_force(RuleKind.HAN_GIAI_QUYET, "kien_nghi", on)
    else:
        key = competence_key(kind, instance, subject_role, subject_unit)
        rule = rule_in_force(RuleKind.THAM_QUYEN, key, on)
        resolver = rule.resolver
    unit: Unit | None
    if resolver == Resolver.SAME:
        unit = subject_unit
    elif resolver == Resolver.PARENT:
        unit = subject_unit.parent or subject_unit
    elif resolver == Resolver.NATIONAL:
        unit = _national()
    else:
        unit = None
    return Competence(resolver, unit, rule)


def is_overdue(due: dt.date, resolved_on: dt.date | None, as_of: dt.date) -> bool:
    """Quá hạn on `as_of`: not resolved by then and the (extended) deadline has passed."""
    if resolved_on is not None and resolved_on <= as_of:
        return False
    return due < as_of


# ---- what each kind of matter allows (read by the services, which refuse the rest, and by the
# matter page, which offers only these) ----

ANSWERED_KINDS = frozenset({MatterKind.KIEN_NGHI, MatterKind.PHAN_ANH})


def decision_outcomes(kind: str) -> list[str]:
    """The results a matter of `kind` is resolved with: a complaint is decided and a denunciation
    concluded as right, wrong or partly right (Luật THADS 2008, Điều 140–152; Luật Tố cáo 2018);
    a petition or report is answered (oversight.md §A.5)."""
    if kind in ANSWERED_KINDS:
        return [MatterOutcome.TRA_LOI]
    return [MatterOutcome.DUNG, MatterOutcome.SAI, MatterOutcome.DUNG_MOT_PHAN]


def may_suspend(kind: str) -> bool:
    """Only the decision or act complained of may be suspended while the complaint is resolved
    (Luật THADS 2008, Điều 145 khoản 1 điểm b)."""
    return kind == MatterKind.KHIEU_NAI


def may_extend(kind: str) -> bool:
    """A complex complaint or denunciation may be given more time (the extension rows of the
    rule table; Luật Tố cáo 2018, Điều 30 — chưa xác minh); a petition or report may not."""
    return kind in {MatterKind.KHIEU_NAI, MatterKind.TO_CAO}
