"""Every time limit and deadline of the rule table, on both sides of its boundary.

Tết Nguyên đán 2026: Mon 16/02 – Fri 20/02 off; 2027: Thu 04/02 – Wed 10/02 off. A calendar
period ending on a day off ends on the next working day (rules.py docstring).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thads.common.errors import DomainError
from thads.complaints import rules
from thads.complaints.models import ComplaintRule, Resolver, RuleKind
from thads.complaints.rule_defaults import RULES

D = dt.date
ONE = dt.timedelta(days=1)

# stage, day the decision was known, obstacle days, last day a letter is in time
LIMITS = [
    ("pre_measure", D(2026, 3, 5), 0, D(2026, 3, 20)),
    ("pre_measure", D(2026, 2, 1), 0, D(2026, 2, 23)),  # 16/02 is Tết
    ("pre_measure", D(2026, 3, 1), 5, D(2026, 3, 23)),  # obstacle: 21/03 is a Saturday
    ("freeze", D(2026, 2, 13), 0, D(2026, 2, 25)),  # 3 working days across Tết
    ("other_security", D(2026, 3, 10), 0, D(2026, 3, 20)),
    ("coercion", D(2026, 1, 15), 0, D(2026, 2, 23)),  # 14/02 Saturday, then Tết
    ("post_coercion", D(2026, 4, 1), 0, D(2026, 5, 4)),  # 01/05 holiday, weekend
    ("lan_hai", D(2026, 3, 2), 0, D(2026, 3, 17)),
]


@pytest.mark.parametrize(("stage", "known", "obstacle", "last"), LIMITS)
def test_time_limit_boundary(db, stage, known, obstacle, last):
    limit = rules.limitation(stage, known, obstacle)
    assert limit.end == last
    assert not limit.is_barred(last)
    assert limit.is_barred(last + ONE)


# key (kind, instance, stage), day of acceptance, last day in time
DEADLINES = [
    (("khieu_nai", 1, "pre_measure"), D(2026, 2, 1), D(2026, 2, 23)),
    (("khieu_nai", 1, "freeze"), D(2026, 2, 12), D(2026, 2, 26)),
    (("khieu_nai", 1, "other_security"), D(2026, 2, 5), D(2026, 2, 23)),
    (("khieu_nai", 1, "coercion"), D(2026, 3, 2), D(2026, 4, 1)),
    (("khieu_nai", 1, "post_coercion"), D(2026, 4, 15), D(2026, 5, 4)),
    (("khieu_nai", 2, ""), D(2027, 1, 10), D(2027, 2, 11)),
    (("to_cao", None, ""), D(2026, 1, 6), D(2026, 2, 5)),
    (("kien_nghi", None, ""), D(2026, 8, 21), D(2026, 9, 3)),
]


@pytest.mark.parametrize(("key", "accepted", "last"), DEADLINES)
def test_resolve_deadline_boundary(db, key, accepted, last):
    due, rule = rules.resolve_deadline(*key, accepted)
    assert due == last
    assert not rules.is_overdue(due, None, last)
    assert rules.is_overdue(due, None, last + ONE)
    assert not rules.is_overdue(due, last + ONE, last + ONE)  # resolved that day: not overdue
    assert rule.key == rules.deadline_key(*key)


def test_extension_and_handling_boundaries(db):
    # 30 more days from the deadline: 05/02/2026 + 30 = 07/03 (Saturday) → Monday 09/03.
    assert rules.extension_limit("to_cao", D(2026, 2, 5), D(2026, 1, 6)) == D(2026, 3, 9)
    assert rules.extension_limit("khieu_nai", D(2026, 3, 2), D(2026, 2, 1)) == D(2026, 4, 1)
    # Xử lý đơn in 10 days: 10/02/2026 + 10 = 20/02 (Tết) → 23/02.
    assert rules.handling_deadline(D(2026, 2, 10)) == D(2026, 2, 23)
    assert rules.handling_deadline(D(2026, 3, 2)) == D(2026, 3, 12)


def test_every_seeded_period_is_tested(db):
    """A new time-limit or deadline rule needs its boundary case above."""
    limits = {stage for stage, *_ in LIMITS}
    deadlines = {rules.deadline_key(*key) for key, *_ in DEADLINES}
    seeded = {(kind, key) for kind, key, *_ in RULES}
    assert {k for kind, k in seeded if kind == "thoi_hieu"} == limits
    assert {k for kind, k in seeded if kind == "han_giai_quyet"} == deadlines
    assert {k for kind, k in seeded if kind == "gia_han"} == {"khieu_nai", "to_cao"}
    assert ComplaintRule.objects.count() == len(RULES)


def test_unverified_rules_are_marked(db):
    rule = rules.rule_in_force(RuleKind.HAN_GIAI_QUYET, "kn2", D(2026, 1, 1))
    assert not rule.verified and "chưa xác minh" in rule.source
    assert rules.rule_in_force(RuleKind.THOI_HIEU, "freeze", D(2026, 1, 1)).verified


def test_a_later_rule_applies_from_its_date_only(db):
    ComplaintRule.objects.create(
        kind=RuleKind.THOI_HIEU,
        key="pre_measure",
        label="Luật THADS 2025",
        effective_from=D(2026, 7, 1),
        days=20,
        day_count="calendar",
        source="Luật THADS 106/2025/QH15",
    )
    assert rules.limitation("pre_measure", D(2026, 6, 30), 0).end == D(2026, 7, 15)
    assert rules.limitation("pre_measure", D(2026, 7, 1), 0).end == D(2026, 7, 21)


def test_no_rule_before_the_first_one(db):
    with pytest.raises(DomainError):
        rules.limitation("pre_measure", D(2010, 1, 4), 0)


def test_competence_before_and_after_the_reform(units):
    a, p, tw = units["A"], units["P"], units["TW"]
    before, after = D(2025, 6, 30), D(2025, 7, 1)
    assert rules.competent_resolver("khieu_nai", 1, "officer", a, before).unit == a
    assert rules.competent_resolver("khieu_nai", 1, "officer", a, after).unit == p
    assert rules.competent_resolver("khieu_nai", 2, "officer", a, before).unit == p
    assert rules.competent_resolver("khieu_nai", 2, "officer", a, after).unit == tw
    assert rules.competent_resolver("khieu_nai", 1, "head", p, after).unit == tw
    final = rules.competent_resolver("khieu_nai", 2, "head", p, after)
    assert final.resolver == Resolver.FINAL and final.unit is None
    assert rules.competent_resolver("to_cao", None, "head", a, before).unit == p
    assert rules.competent_resolver("to_cao", None, "officer", p, after).unit == p
