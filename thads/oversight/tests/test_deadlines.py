"""Deadline rules: data with effective dates, each boundary tested on both sides (working days
with Tết 2026: Mon 16/02 – Fri 20/02 off)."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.oversight import deadlines
from thads.oversight.models import DeadlineRule
from thads.oversight.rule_defaults import RULES

pytestmark = pytest.mark.django_db
D = dt.date


def test_every_rule_is_seeded_with_its_source_or_says_unverified():
    assert DeadlineRule.objects.count() == len(RULES)
    unverified = DeadlineRule.objects.get(key="tra_loi_ket_luan")
    assert "Chưa xác minh" in unverified.source_text
    partly = DeadlineRule.objects.get(key="tra_loi_khang_nghi")
    assert partly.source_text.endswith("chưa xác minh")
    verified = DeadlineRule.objects.get(key="thahc_thong_bao")
    assert verified.source_text == "Nghị định 71/2016/NĐ-CP, Điều 14 k2"


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Thu 12/02: Fri 13 is day 1, Tết week skipped, Mon 23 … Thu 26 is day 5.
        (D(2026, 2, 12), D(2026, 2, 26)),
        # Fri 13/02: the fifth working day is Fri 27/02.
        (D(2026, 2, 13), D(2026, 2, 27)),
        # A day inside Tết counts from the first working day after it.
        (D(2026, 2, 17), D(2026, 2, 27)),
        (D(2026, 2, 23), D(2026, 3, 2)),
    ],
)
def test_notice_within_five_working_days_skips_tet(received, due):
    assert deadlines.due("thahc_thong_bao", received).on == due


def test_immediate_notice_for_kinds_e_and_g_is_the_day_of_receipt():
    assert deadlines.due("thahc_thong_bao_ngay", D(2026, 2, 13)).on == D(2026, 2, 13)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 1, 14), D(2026, 2, 13)),  # 30 days → Fri 13/02, a working day
        (D(2026, 1, 15), D(2026, 2, 23)),  # → Sat 14/02: rolls over the weekend and Tết
        (D(2026, 1, 17), D(2026, 2, 23)),  # → Mon 16/02 (Giao thừa off)
        (D(2026, 1, 22), D(2026, 2, 23)),  # → Sat 21/02
        (D(2026, 1, 23), D(2026, 2, 23)),  # → Sun 22/02
        (D(2026, 1, 24), D(2026, 2, 23)),  # → Mon 23/02, a working day
        (D(2026, 1, 25), D(2026, 2, 24)),
    ],
)
def test_voluntary_period_of_30_days_ends_on_a_working_day(received, due):
    assert deadlines.due("thahc_tu_nguyen", received).on == due


@pytest.mark.parametrize(
    ("key", "received", "due"),
    [
        ("vks_khang_nghi_cung_cap", D(2026, 2, 2), D(2026, 2, 23)),  # 17/02 in Tết → 23/02
        ("vks_khang_nghi_cung_cap", D(2026, 1, 29), D(2026, 2, 13)),
        ("vks_khang_nghi_cap_tren", D(2026, 1, 14), D(2026, 2, 13)),
        ("vks_khang_nghi_cap_tren", D(2026, 1, 15), D(2026, 2, 23)),
    ],
)
def test_protest_periods_15_and_30_days(key, received, due):
    assert deadlines.due(key, received).on == due


def test_a_later_rule_applies_from_its_effective_date_only():
    DeadlineRule.objects.create(
        key="thahc_thong_bao",
        label="Thông báo (quy định mới, giả định)",
        effective_from=D(2026, 7, 1),
        days=3,
        day_kind="working",
        source="",
    )
    assert deadlines.due("thahc_thong_bao", D(2026, 6, 30)).on == D(2026, 7, 7)  # 5 days
    after = deadlines.due("thahc_thong_bao", D(2026, 7, 1))
    assert after.on == D(2026, 7, 6)  # 3 working days: Thu 2, Fri 3, Mon 6
    assert after.source == "Chưa xác minh"


def test_no_rule_before_the_first_effective_date_is_a_clear_error():
    from thads.common.errors import DomainError

    with pytest.raises(DomainError, match="Chưa có quy tắc"):
        deadlines.due("thahc_thong_bao", D(2015, 1, 5))


@pytest.mark.parametrize(
    ("key", "received", "due"),
    [
        # Answers to the procuracy (15 or 30 days, data): both sides of Tết 2026.
        ("tra_loi_yeu_cau", D(2026, 1, 29), D(2026, 2, 13)),  # Fri 13/02, before Tết
        ("tra_loi_yeu_cau", D(2026, 1, 30), D(2026, 2, 23)),  # Sat 14/02 → after Tết
        ("tra_loi_khang_nghi", D(2026, 2, 1), D(2026, 2, 23)),  # Mon 16/02, in Tết
        ("tra_loi_khang_nghi", D(2026, 2, 9), D(2026, 2, 24)),  # Tue 24/02, a working day
        ("tra_loi_kien_nghi", D(2026, 1, 14), D(2026, 2, 13)),
        ("tra_loi_kien_nghi", D(2026, 1, 15), D(2026, 2, 23)),
        ("tra_loi_ket_luan", D(2026, 1, 21), D(2026, 2, 23)),  # Fri 20/02, last day of Tết
        ("tra_loi_ket_luan", D(2026, 1, 25), D(2026, 2, 24)),
        # Recommendations after an inspection: 30 days from the conclusion.
        ("khac_phuc_kien_nghi", D(2026, 1, 14), D(2026, 2, 13)),
        ("khac_phuc_kien_nghi", D(2026, 1, 16), D(2026, 2, 23)),  # Sun 15/02
    ],
)
def test_answer_and_recommendation_periods_on_both_sides_of_tet(key, received, due):
    assert deadlines.due(key, received).on == due
