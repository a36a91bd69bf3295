"""Pure rules of the cockpit: differences, met, traffic lights, ranks, projection, needs,
money in words, rate parsing."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from thads.common.errors import DomainError
from thads.targets.cockpit import colour, diff_text, difference, is_met, needed, project, ranks
from thads.targets.services import parse_rate
from thads.targets.summary import money_words, pad2


def test_difference_text_as_the_seeds_write_it():
    # Hải Dương 2021: "về việc đạt tỉ lệ 83.99%, vượt chỉ tiêu Tổng cục giao 1,49%".
    assert diff_text(D("83.99"), D("82.50")) == "vượt 1,49%"
    # "về tiền đạt tỉ lệ 44,26% vượt chỉ tiêu … 4,16%" (target 40,10%).
    assert diff_text(D("44.26"), D("40.10")) == "vượt 4,16%"
    assert diff_text(D("81.65"), D("82.50")) == "còn thiếu 0,85%"
    assert diff_text(D("82.50"), D("82.50")) == "đạt"
    assert diff_text(None, D("82.50")) == ""
    assert diff_text(D("82.50"), None) == ""
    assert difference(D("83.99"), D("82.50")) == D("1.49")


def test_met_is_rate_at_least_target_and_unknown_without_base_or_target():
    assert is_met(D("82.50"), D("82.50")) is True
    assert is_met(D("82.49"), D("82.50")) is False
    assert is_met(None, D("82.50")) is None
    assert is_met(D("90"), None) is None


def test_traffic_light_green_amber_red_and_configurable(settings):
    assert colour(D("82.50"), D("82.50")) == "green"
    assert colour(D("80.50"), D("82.50")) == "amber"  # exactly 2 points short
    assert colour(D("80.49"), D("82.50")) == "red"
    assert colour(None, D("82.50")) == "none"
    settings.TARGETS_AMBER_POINTS = 5
    assert colour(D("78.00"), D("82.50")) == "amber"
    assert colour(D("80.49"), D("82.50"), amber=D("1")) == "red"


def test_ranks_one_is_best_ties_share_and_skip():
    assert ranks([D("50"), D("70"), D("70"), None, D("10")]) == [3, 1, 1, None, 4]
    assert ranks([]) == []


def test_projection_follows_last_years_shape():
    # Last year: 40% at the same month, 80% at 30/09 → the rate doubles by the year end.
    assert project(
        D("35.00"), last_same=D("40.00"), last_end=D("80.00"), elapsed_days=182, year_days=365
    ) == D("70.00")
    # Rounded half up to two decimals: 33,33 × 75 / 45 = 55,55.
    assert project(
        D("33.33"), last_same=D("45.00"), last_end=D("75.00"), elapsed_days=1, year_days=365
    ) == D("55.55")


def test_projection_is_clamped_to_100_and_0():
    assert project(
        D("60"), last_same=D("20"), last_end=D("90"), elapsed_days=100, year_days=365
    ) == D("100.00")
    assert project(D("0"), last_same=None, last_end=None, elapsed_days=10, year_days=365) == D(
        "0.00"
    )


def test_projection_falls_back_to_linear_pace_without_an_earlier_year():
    # No last year (new unit) or a zero rate last year: the pace since 01/10 continues.
    for last_same, last_end in ((None, None), (D("0"), D("50")), (D("30"), None)):
        assert project(
            D("20.00"), last_same=last_same, last_end=last_end, elapsed_days=73, year_days=365
        ) == D("100.00")
        assert project(
            D("10.00"), last_same=last_same, last_end=last_end, elapsed_days=146, year_days=365
        ) == D("25.00")
    assert project(None, last_same=D("1"), last_end=D("2"), elapsed_days=1, year_days=365) is None


def test_needed_is_the_smallest_count_whose_rounded_rate_reaches_the_target():
    assert needed(done=500, base=620, target=D("84.03")) == 21  # 521/620 = 84,03%
    assert needed(done=236, base=281, target=D("83.99")) == 0
    assert needed(done=235, base=281, target=D("83.99")) == 1
    assert needed(done=90, base=100, target=D("80")) == 0  # already above: never negative
    assert needed(done=0, base=0, target=D("80")) is None
    assert needed(done=0, base=10, target=None) is None
    # Money in đồng: 40,095% (rounds to 40,10%) of 1.000.000.000 đ, 300.000.000 đ done.
    assert needed(done=300_000_000, base=1_000_000_000, target=D("40.10")) == 100_950_000


def test_money_in_words_as_the_reports_round_it():
    assert money_words(164_250_000_000) == "hơn 164 tỷ đồng"
    assert money_words(164_000_000_000) == "164 tỷ đồng"
    assert money_words(1_234_500_000_000) == "hơn 1.234 tỷ đồng"
    assert money_words(2_500_000) == "hơn 2 triệu đồng"
    assert money_words(999_999_999) == "hơn 999 triệu đồng"
    assert money_words(850_000) == "850.000 đồng"
    assert money_words(0) == "0 đồng"


def test_counts_are_zero_padded_to_two_digits():
    assert pad2(2) == "02"
    assert pad2(0) == "00"
    assert pad2(12) == "12"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("82,50", "82.50"),
        ("82.5", "82.50"),
        ("100", "100.00"),
        ("0", "0.00"),
        ("80.00", "80.00"),
        ("82.500", "82.50"),
        (" 40,1 % ", "40.10"),
    ],
)
def test_rates_accept_comma_or_dot_and_two_decimals(text, value):
    assert parse_rate(text) == D(value)


@pytest.mark.parametrize("text", ["100.01", "82.505", "-1", "abc", "", None, "1e2", True])
def test_rates_refuse_out_of_range_or_too_precise_values(text):
    with pytest.raises(DomainError):
        parse_rate(text, "Chỉ tiêu về việc")
