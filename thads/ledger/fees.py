"""Phí thi hành án dân sự: the schedule in force on a date and the fee of an amount (pure).

Legal basis: Luật THADS 2008, Điều 60; NĐ 62/2015/NĐ-CP, Điều 46; TT 216/2016/TT-BTC (in force
from 01/01/2017), Điều 4. The fee is paid by the creditor (người được thi hành án) on the money
actually received.

Built-in default (used when no `FeeSchedule` row is valid on the date; migration 0003 seeds the
same rows, which an administrator can supersede with a later `valid_from`):
- amounts not above 2 × lương cơ sở pay no fee (TT 216 Điều 4 k1 a: "trên 2 lần mức lương cơ
  sở"); the base salary by date: 1.210.000 đ (NĐ 47/2016, from 01/05/2016), 1.300.000 đ
  (NĐ 47/2017, 01/07/2017), 1.390.000 đ (NĐ 72/2018, 01/07/2018), 1.490.000 đ (NĐ 38/2019,
  01/07/2019), 1.800.000 đ (NĐ 24/2023, 01/07/2023), 2.340.000 đ (NĐ 73/2024, 01/07/2024)
  [unverified: from memory];
- 3% up to 5 tỷ đồng, then 150 triệu + 2% of the part above 5 tỷ up to 7 tỷ, 190 triệu + 1%
  above 7 tỷ up to 10 tỷ, 220 triệu + 0,5% above 10 tỷ up to 15 tỷ, 245 triệu + 0,01% above
  15 tỷ [unverified: the bands above 5 tỷ are from memory; the fixed parts are consistent with
  marginal bands, which is how they are stored];
- one third (1/3) when the parties hand over money between themselves after the QĐ THA and
  before a coercion decision (TT 216 Điều 4 k4);
- no classes of obligation exempt by default (`exempt_priorities` is configuration; which
  obligations TT 216 exempts is [unverified]).

The fee is computed on the creditor's cumulative amount received in the case: each payout pays
fee(before + amount) − fee(before), so splitting a payout never changes the total fee. Every
fee is rounded half up to the đồng, the 1/3 reduction too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from thads.ledger.models import FeeSchedule

LEGAL_BASIS = "TT 216/2016/TT-BTC, Điều 4"

# (upper bound of the band in đồng or None for the last band, marginal rate)
TT216_TIERS: tuple[tuple[int | None, Decimal], ...] = (
    (5_000_000_000, Decimal("0.03")),
    (7_000_000_000, Decimal("0.02")),
    (10_000_000_000, Decimal("0.01")),
    (15_000_000_000, Decimal("0.005")),
    (None, Decimal("0.0001")),
)

# (from, lương cơ sở in đồng, decree) [unverified]
BASE_SALARY: tuple[tuple[dt.date, int, str], ...] = (
    (dt.date(2017, 1, 1), 1_210_000, "NĐ 47/2016/NĐ-CP"),
    (dt.date(2017, 7, 1), 1_300_000, "NĐ 47/2017/NĐ-CP"),
    (dt.date(2018, 7, 1), 1_390_000, "NĐ 72/2018/NĐ-CP"),
    (dt.date(2019, 7, 1), 1_490_000, "NĐ 38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP"),
)


@dataclass(frozen=True)
class Schedule:
    valid_from: dt.date
    legal_basis: str
    tiers: tuple[tuple[int | None, Decimal], ...]
    exempt_up_to: int
    exempt_priorities: frozenset[str] = field(default_factory=frozenset)
    reduced_numerator: int = 1
    reduced_denominator: int = 3


DEFAULT_SCHEDULES: tuple[Schedule, ...] = tuple(
    Schedule(
        valid_from=start,
        legal_basis=f"{LEGAL_BASIS}; lương cơ sở theo {decree}",
        tiers=TT216_TIERS,
        exempt_up_to=2 * salary,
    )
    for start, salary, decree in BASE_SALARY
)


def tiers_to_json(tiers: tuple[tuple[int | None, Decimal], ...]) -> list[dict]:
    return [{"up_to": up_to, "rate": str(rate)} for up_to, rate in tiers]


def tiers_from_json(data: list[dict]) -> tuple[tuple[int | None, Decimal], ...]:
    tiers = []
    previous = 0
    for index, band in enumerate(data):
        up_to = band.get("up_to")
        rate = Decimal(str(band["rate"]))
        if rate < 0 or rate > 1:
            raise ValueError(f"fee rate out of range: {rate}")
        if up_to is None and index != len(data) - 1:
            raise ValueError("only the last fee band may be open-ended")
        if up_to is not None and int(up_to) <= previous:
            raise ValueError("fee bands must increase")
        if up_to is not None:
            previous = int(up_to)
        tiers.append((None if up_to is None else int(up_to), rate))
    return tuple(tiers)


def schedule_from_row(row) -> Schedule:
    return Schedule(
        valid_from=row.valid_from,
        legal_basis=row.legal_basis,
        tiers=tiers_from_json(row.tiers),
        exempt_up_to=row.exempt_up_to,
        exempt_priorities=frozenset(row.exempt_priorities or ()),
        reduced_numerator=row.reduced_numerator,
        reduced_denominator=row.reduced_denominator,
    )


def schedule_on(day: dt.date) -> Schedule:
    """The schedule in force on `day`: the latest `FeeSchedule` row, else the built-in one."""
    row = FeeSchedule.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if row is not None:
        return schedule_from_row(row)
    return default_schedule_on(day)


def default_schedule_on(day: dt.date) -> Schedule:
    candidates = [s for s in DEFAULT_SCHEDULES if s.valid_from <= day]
    # Before TT 216 took effect there is no schedule here; use its first version.
    return candidates[-1] if candidates else DEFAULT_SCHEDULES[0]


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def fee_of_total(schedule: Schedule, total: int) -> int:
    """The full fee on a cumulative amount received, in đồng (rounded half up)."""
    if total <= schedule.exempt_up_to:
        return 0
    fee = Decimal(0)
    lower = 0
    for up_to, rate in schedule.tiers:
        top = total if up_to is None else min(total, up_to)
        if top > lower:
            fee += Decimal(top - lower) * rate
        if up_to is None or total <= up_to:
            break
        lower = up_to
    return _round(fee)


@dataclass(frozen=True)
class FeeQuote:
    full_amount: int
    amount: int
    is_reduced: bool


def fee_for(schedule: Schedule, *, received_before: int, amount: int, reduced: bool) -> FeeQuote:
    """The fee due on receiving `amount` after `received_before` was received in the case."""
    if amount <= 0 or received_before < 0:
        raise ValueError("amounts must be positive")
    full = fee_of_total(schedule, received_before + amount) - fee_of_total(
        schedule, received_before
    )
    if reduced:
        due = _round(
            Decimal(full) * schedule.reduced_numerator / Decimal(schedule.reduced_denominator)
        )
    else:
        due = full
    return FeeQuote(full_amount=full, amount=due, is_reduced=reduced)
