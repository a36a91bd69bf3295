"""Money: amounts in Vietnamese words, rates rounded half up, display filters by language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from thads.common import money
from thads.common.templatetags.thads_format import number, percent, thousands, vnd


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (10, "Mười đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (101_000, "Một trăm lẻ một nghìn đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (1_000_001, "Một triệu không trăm lẻ một đồng"),
        (15_000_000, "Mười lăm triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_005_000_000, "Một tỷ không trăm lẻ năm triệu đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (-15_000, "Âm mười lăm nghìn đồng"),
    ],
)
def test_amount_in_words(amount, words):
    assert money.amount_in_words(amount) == words


def test_group_thousands_and_format_vnd():
    assert money.group_thousands(1234567) == "1.234.567"
    assert money.group_thousands(-1000) == "-1.000"
    assert money.format_vnd(1234567) == "1.234.567 đ"


def test_to_thousands_rounds_half_up():
    assert money.to_thousands(1500) == Decimal("2")
    assert money.to_thousands(2500) == Decimal("3")  # not banker's rounding (which gives 2)
    assert money.to_thousands(2499) == Decimal("2")


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (8399, 10000, Decimal("83.99")),
        (1, 3, Decimal("33.33")),
        (2, 3, Decimal("66.67")),
        (1, 800, Decimal("0.13")),  # 0,125 → 0,13 half up (banker's rounding would give 0,12)
        (5, 800, Decimal("0.63")),  # 0,625 → 0,63 (banker's: 0,62)
        (10, 10, Decimal("100.00")),
        (0, 10, Decimal("0.00")),
    ],
)
def test_rate_rounds_half_up(numerator, denominator, expected):
    assert money.rate(numerator, denominator) == expected


def test_zero_base_has_no_rate():
    assert money.rate(5, 0) is None
    assert money.format_rate(None) == "—"
    assert percent(None) == "—"


def test_format_rate():
    assert money.format_rate(Decimal("83.99")) == "83,99%"
    assert money.format_rate(Decimal("5"), decimal_sep=".") == "5.00%"


def test_filters_in_vietnamese():
    with translation.override("vi"):
        assert vnd(1234567) == "1.234.567 đ"
        assert number(1234567) == "1.234.567"
        assert thousands(1234567) == "1.235"
        assert percent(Decimal("83.99")) == "83,99%"
        assert vnd(None) == "—"


def test_filters_in_english():
    with translation.override("en"):
        assert vnd(1234567) == "1,234,567 đ"
        assert number(1234567) == "1,234,567"
        assert percent(Decimal("83.99")) == "83.99%"


def test_filters_are_builtins_in_templates():
    template = Template("{{ amount|vnd }} {{ r|percent }}")
    with translation.override("vi"):
        text = template.render(Context({"amount": 1005000000, "r": Decimal("49.56")}))
    assert text == "1.005.000.000 đ 49,56%"
