"""Money is an integer number of đồng. Formatting and Vietnamese amounts in words."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ"]


def group_thousands(value: int, sep: str = ".") -> str:
    """1234567 -> '1.234.567' (Vietnamese grouping)."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", sep)


def format_vnd(value: int) -> str:
    """1234567 -> '1.234.567 đ'."""
    return f"{group_thousands(value)} đ"


def to_thousands(value: int) -> Decimal:
    """Đồng to nghìn đồng, as the money forms print it (rounded half up, no floats)."""
    return (Decimal(int(value)) / 1000).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A rate in percent rounded half up to two decimals; None on a zero base."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def format_rate(value: Decimal | None, decimal_sep: str = ",") -> str:
    """Decimal('83.99') -> '83,99%'; None -> '—' (a zero base is not 0% nor 100%)."""
    if value is None:
        return "—"
    return f"{value:.2f}".replace(".", decimal_sep) + "%"


def _three_digits(n: int, full: bool) -> str:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (full or hundreds):
            words.append("lẻ")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def amount_in_words(value: int) -> str:
    """Vietnamese words for an amount in đồng, as written on receipts (biên lai).

    1250000 -> 'Một triệu hai trăm năm mươi nghìn đồng'.
    """
    value = int(value)
    if value < 0:
        return "Âm " + amount_in_words(-value)[0].lower() + amount_in_words(-value)[1:]
    if value == 0:
        return "Không đồng"
    # Split into groups of three digits, billions repeat ("nghìn tỷ").
    groups: list[int] = []
    n = value
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    parts: list[str] = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        g = groups[index]
        if g == 0:
            # "tỷ" must still be said when a billion group is followed by zeros above it.
            if index % 3 == 0 and index > 0 and any(groups[index + 1 : index + 3]):
                parts.append("tỷ")
            continue
        words = _three_digits(g, full=index != top)
        unit = _GROUPS[index % 3] if index % 3 else " ".join(["tỷ"] * (index // 3))
        parts.append(f"{words} {unit}".strip())
    text = " ".join(parts).replace("  ", " ")
    return text[0].upper() + text[1:] + " đồng"
