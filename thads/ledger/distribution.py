"""The legal order of payment of collected money (pure).

Luật THADS 2008, Điều 47 k1: after the enforcement costs, collected money is paid (a) first to
cấp dưỡng, tiền lương, tiền công lao động, trợ cấp, bồi thường thiệt hại tính mạng, sức khỏe,
tổn thất tinh thần; (b) then án phí, lệ phí Tòa án; (c) then the other amounts. Within one class
the creditors are paid pro rata to the amounts they are owed (Điều 47 k2).

Amounts are integer đồng: each share is floored, and the đồng left over by rounding go one by
one to the largest fractional parts, ties to the earlier obligation (its position on the
decision) — so the result is deterministic and sums exactly to the money distributed.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from thads.cases.models import Obligation

PRIORITY_ORDER: tuple[str, ...] = (
    Obligation.Priority.CAP_DUONG,
    Obligation.Priority.AN_PHI,
    Obligation.Priority.KHAC,
)


def priority_rank(priority: str) -> int:
    return PRIORITY_ORDER.index(priority)


@dataclass(frozen=True)
class Due:
    """What is still owed on one obligation."""

    key: Hashable
    priority: str
    outstanding: int
    position: int = 0


def distribute(available: int, dues: Sequence[Due]) -> dict[Hashable, int]:
    """Shares of `available` đồng per obligation key (only positive shares are returned)."""
    if available < 0:
        raise ValueError("available must not be negative")
    shares: dict[Hashable, int] = {}
    left = available
    for priority in PRIORITY_ORDER:
        if left == 0:
            break
        items = [d for d in dues if d.priority == priority and d.outstanding > 0]
        items.sort(key=lambda d: d.position)
        total = sum(d.outstanding for d in items)
        if total == 0:
            continue
        if left >= total:
            for d in items:
                shares[d.key] = d.outstanding
            left -= total
            continue
        # Pro rata with the largest-remainder method.
        floors = []
        for index, d in enumerate(items):
            whole, fraction = divmod(left * d.outstanding, total)
            floors.append((d, whole, fraction, index))
        extra = left - sum(whole for _, whole, _, _ in floors)
        order = sorted(floors, key=lambda f: (-f[2], f[3]))
        bonus = {id(f[0]): 1 for f in order[:extra]}
        for d, whole, _, _ in floors:
            share = whole + bonus.get(id(d), 0)
            if share > 0:
                shares[d.key] = share
        left = 0
    return shares
