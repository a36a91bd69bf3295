"""The clerk's books (sổ sách kế toán thi hành án), read from the append-only ledger.

* Sổ biên lai — every receipt and reversing receipt of the unit, by number within its yearly
  series (Luật THADS 2008, Điều 47; receipts are numbered per unit and calendar year without
  gaps: `services.receipts` takes the number from `ReceiptCounter` in the receipt's own
  transaction). The register still checks the series — numbers 1…last with none missing or
  repeated and the counter equal to the last number — and shows the result, so a gap could
  never go unnoticed.
* Sổ quỹ — per day, the opening balance, money in (thu: receipts less reversals), money out
  (chi: payouts less reversed payouts — the gross amount applied to the obligation, the fee
  included, because it leaves the case money too), money held (tạm thu, tạm giữ received less
  released) and the closing balance. Days without any movement are not written.
* Tiền chờ chi trả — `selectors.payouts_due`, the oldest collection first.

Every figure is a sum over set-based queries (one per kind of entry, grouped by day), never a
Python loop over the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum

from thads.ledger.models import (
    HeldMoney,
    HeldMoneyRelease,
    Payout,
    PayoutReversal,
    Receipt,
    ReceiptCounter,
)
from thads.org.access import Access, scope_unit_ids
from thads.org.models import Unit


def book_unit_ids(access: Access, unit: Unit) -> frozenset[int]:
    """The units whose entries the unit's books hold: its scope (itself, the units below it and
    those it succeeded), within what the user may read."""
    return scope_unit_ids(unit) & access.visible_unit_ids


# ---- sổ biên lai ----------------------------------------------------------------------------


@dataclass
class SeriesCheck:
    """The check of one receipt series (one unit, one year)."""

    unit: Unit
    year: int
    count: int
    last: int
    counter: int
    missing: list[int] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing and self.count == self.last == self.counter


def receipt_register(
    access: Access, unit: Unit, year: int, month: int | None = None
) -> QuerySet[Receipt]:
    """Receipts and reversing receipts of the year (and month), by unit and number."""
    rows = Receipt.objects.filter(unit_id__in=book_unit_ids(access, unit), year=year)
    if month:
        rows = rows.filter(received_on__month=month)
    return rows.select_related("unit", "case", "reverses", "reversed_by", "recorded_by").order_by(
        "unit__tree_order", "seq"
    )


def missing_numbers(seqs: list[int], last: int) -> list[int]:
    """Numbers of 1…`last` not in `seqs` (the gaps of a series)."""
    present = set(seqs)
    return [n for n in range(1, last + 1) if n not in present]


def series_checks(access: Access, unit: Unit, year: int) -> list[SeriesCheck]:
    """Each series of the year in the book's units: count, last number, counter, missing."""
    ids = book_unit_ids(access, unit)
    seqs: dict[int, list[int]] = defaultdict(list)
    for unit_id, seq in Receipt.objects.filter(unit_id__in=ids, year=year).values_list(
        "unit_id", "seq"
    ):
        seqs[unit_id].append(seq)
    counters = dict(
        ReceiptCounter.objects.filter(unit_id__in=ids, year=year).values_list("unit_id", "last")
    )
    units = Unit.objects.in_bulk(set(seqs) | set(counters))
    checks = []
    for unit_id in sorted(units, key=lambda i: units[i].tree_order):
        numbers = seqs.get(unit_id, [])
        last = max(numbers, default=0)
        checks.append(
            SeriesCheck(
                unit=units[unit_id],
                year=year,
                count=len(numbers),
                last=last,
                counter=counters.get(unit_id, 0),
                missing=missing_numbers(numbers, max(last, counters.get(unit_id, 0))),
            )
        )
    return checks


def receipt_years(access: Access, unit: Unit) -> list[int]:
    rows = Receipt.objects.filter(unit_id__in=book_unit_ids(access, unit))
    return sorted(set(rows.values_list("year", flat=True)), reverse=True)


# ---- sổ quỹ ---------------------------------------------------------------------------------


@dataclass
class CashDay:
    day: dt.date
    opening: int
    receipts: int = 0  # thu
    reversals: int = 0  # biên lai hủy (deducted from thu)
    payouts: int = 0  # chi
    payout_reversals: int = 0  # chi trả bị hủy (deducted from chi)
    held_in: int = 0  # tạm thu, tạm giữ nhận
    held_out: int = 0  # tạm thu, tạm giữ đã xử lý

    @property
    def money_in(self) -> int:
        return self.receipts - self.reversals

    @property
    def money_out(self) -> int:
        return self.payouts - self.payout_reversals

    @property
    def held(self) -> int:
        return self.held_in - self.held_out

    @property
    def closing(self) -> int:
        return self.opening + self.money_in - self.money_out + self.held


@dataclass
class CashBook:
    unit: Unit
    start: dt.date
    end: dt.date
    opening: int
    days: list[CashDay]

    @property
    def closing(self) -> int:
        return self.days[-1].closing if self.days else self.opening

    @property
    def total_in(self) -> int:
        return sum(d.money_in for d in self.days)

    @property
    def total_out(self) -> int:
        return sum(d.money_out for d in self.days)

    @property
    def total_held(self) -> int:
        return sum(d.held for d in self.days)


# name → (queryset of the entries, date field, amount field)
def _movements(ids: frozenset[int]) -> dict[str, tuple[QuerySet, str, str]]:
    receipts = Receipt.objects.filter(unit_id__in=ids)
    return {
        "receipts": (receipts.filter(reverses__isnull=True), "received_on", "amount"),
        "reversals": (receipts.filter(reverses__isnull=False), "received_on", "amount"),
        "payouts": (Payout.objects.filter(case__unit_id__in=ids), "paid_on", "amount"),
        "payout_reversals": (
            PayoutReversal.objects.filter(payout__case__unit_id__in=ids),
            "reversed_on",
            "payout__amount",
        ),
        "held_in": (HeldMoney.objects.filter(unit_id__in=ids), "received_on", "amount"),
        "held_out": (
            HeldMoneyRelease.objects.filter(held__unit_id__in=ids),
            "released_on",
            "held__amount",
        ),
    }


SIGNS = {
    "receipts": 1,
    "reversals": -1,
    "payouts": -1,
    "payout_reversals": 1,
    "held_in": 1,
    "held_out": -1,
}


def cash_book(access: Access, unit: Unit, start: dt.date, end: dt.date) -> CashBook:
    """Sổ quỹ of the unit's books from `start` to `end`: the opening balance (every entry
    before `start`), then one row per day with a movement."""
    ids = book_unit_ids(access, unit)
    opening = 0
    by_day: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for name, (rows, day_field, amount_field) in _movements(ids).items():
        before = rows.filter(**{f"{day_field}__lt": start}).aggregate(s=Sum(amount_field))["s"]
        opening += SIGNS[name] * (before or 0)
        grouped = (
            rows.filter(**{f"{day_field}__range": (start, end)})
            .values(day_field)
            .annotate(s=Sum(amount_field))
        )
        for row in grouped:
            by_day[row[day_field]][name] = row["s"] or 0
    days = []
    balance = opening
    for day in sorted(by_day):
        entry = CashDay(day=day, opening=balance, **by_day[day])
        days.append(entry)
        balance = entry.closing
    return CashBook(unit=unit, start=start, end=end, opening=opening, days=days)
