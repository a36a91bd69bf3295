"""The enforcement fee schedule (TT 216/2016/TT-BTC, Điều 4): bands, exemption, 1/3, rounding."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads.ledger import fees
from thads.ledger.models import FeeSchedule

D = dt.date
S2024 = fees.default_schedule_on(D(2024, 8, 1))
TY = 1_000_000_000


def test_default_schedule_follows_base_salary():
    assert fees.default_schedule_on(D(2024, 6, 30)).exempt_up_to == 3_600_000
    assert S2024.exempt_up_to == 4_680_000
    assert fees.default_schedule_on(D(2019, 7, 1)).exempt_up_to == 2_980_000
    # Before TT 216 took effect: its first version.
    assert fees.default_schedule_on(D(2010, 1, 1)).valid_from == D(2017, 1, 1)


@pytest.mark.parametrize(
    ("total", "fee"),
    [
        (4_680_000, 0),  # not above 2 × lương cơ sở: no fee
        (4_680_001, 140_400),  # 3% of the whole amount once above (rounded half up)
        (10_000_000, 300_000),
        (5 * TY, 150_000_000),
        (6 * TY, 170_000_000),
        (7 * TY, 190_000_000),
        (8 * TY, 200_000_000),
        (10 * TY, 220_000_000),
        (15 * TY, 245_000_000),
        (25 * TY, 246_000_000),
    ],
)
def test_fee_bands(total, fee):
    assert fees.fee_of_total(S2024, total) == fee


def test_rounding_half_up_to_the_dong():
    # 3% of 4.680.017 = 140.400,51 → 140.401; 3% of 4.680.050 = 140.401,5 → 140.402
    assert fees.fee_of_total(S2024, 4_680_017) == 140_401
    assert fees.fee_of_total(S2024, 4_680_050) == 140_402


def test_one_third_when_parties_settled():
    quote = fees.fee_for(S2024, received_before=0, amount=10_000_000, reduced=True)
    assert quote.full_amount == 300_000
    assert quote.amount == 100_000
    # 1/3 of 140.401 = 46.800,33 → 46.800; of 140.402 = 46.800,67 → 46.801
    assert fees.fee_for(S2024, received_before=0, amount=4_680_017, reduced=True).amount == 46_800
    assert fees.fee_for(S2024, received_before=0, amount=4_680_050, reduced=True).amount == 46_801


def test_cumulative_fee_crosses_the_exemption():
    first = fees.fee_for(S2024, received_before=0, amount=3_000_000, reduced=False)
    second = fees.fee_for(S2024, received_before=3_000_000, amount=3_000_000, reduced=False)
    assert first.amount == 0
    assert second.amount == 180_000  # 3% of the 6.000.000 received in all


@given(
    before=st.integers(min_value=0, max_value=30 * TY),
    amount=st.integers(min_value=1, max_value=30 * TY),
    split=st.integers(min_value=1, max_value=30 * TY),
)
def test_splitting_a_payout_never_changes_the_fee(before, amount, split):
    split = min(split, amount)
    whole = fees.fee_for(S2024, received_before=before, amount=amount, reduced=False).amount
    parts = fees.fee_for(S2024, received_before=before, amount=split, reduced=False).amount
    if split < amount:
        parts += fees.fee_for(
            S2024, received_before=before + split, amount=amount - split, reduced=False
        ).amount
    assert whole == parts
    assert 0 <= whole <= amount


@given(total=st.integers(min_value=0, max_value=50 * TY))
def test_fee_never_decreases_and_stays_within_3_percent(total):
    fee = fees.fee_of_total(S2024, total)
    assert fee <= round(total * Decimal("0.03")) + 1
    assert fees.fee_of_total(S2024, total + 1) >= fee


@pytest.mark.django_db
def test_database_schedule_wins_over_default():
    # The migration seeded the defaults.
    assert FeeSchedule.objects.count() == len(fees.DEFAULT_SCHEDULES)
    assert fees.schedule_on(D(2024, 8, 1)) == S2024
    FeeSchedule.objects.create(
        valid_from=D(2025, 1, 1),
        legal_basis="Biểu phí thử nghiệm",
        tiers=[{"up_to": None, "rate": "0.02"}],
        exempt_up_to=0,
        exempt_priorities=["cap_duong"],
    )
    schedule = fees.schedule_on(D(2025, 2, 1))
    assert fees.fee_of_total(schedule, 1_000_000) == 20_000
    assert schedule.exempt_priorities == {"cap_duong"}
    assert fees.schedule_on(D(2024, 12, 31)) == S2024


@pytest.mark.django_db
def test_default_used_when_no_row():
    FeeSchedule.objects.all().delete()
    assert fees.schedule_on(D(2024, 8, 1)) == S2024


@pytest.mark.parametrize(
    "tiers",
    [
        [{"up_to": None, "rate": "0.03"}, {"up_to": 5, "rate": "0.02"}],
        [{"up_to": 10, "rate": "0.03"}, {"up_to": 5, "rate": "0.02"}],
        [{"up_to": None, "rate": "1.5"}],
        [{"up_to": None, "rate": "-0.01"}],
    ],
)
def test_bad_tiers_refused(tiers):
    with pytest.raises(ValueError):
        fees.tiers_from_json(tiers)


def test_tiers_round_trip():
    assert fees.tiers_from_json(fees.tiers_to_json(fees.TT216_TIERS)) == fees.TT216_TIERS
