"""The cockpit's complaint line: per unit below, matters resolved against matters to resolve
(form 8's `ty_le`), the on-time rate and the unit's target "giải quyết khiếu nại, tố cáo đúng
hạn" (`Target.complaints_on_time_rate`), and the overdue matters by resolving unit.

Every number comes from form 8 (`stats.layout.build_form`, counted by `complaints.statistics`):
nothing here counts letters itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from thads.common.money import rate
from thads.common.periods import Period
from thads.org.models import Unit
from thads.stats.layout import FormNotFound, build_form
from thads.targets.cockpit import colour, diff_text
from thads.targets.models import Target


@dataclass
class ComplaintRow:
    unit_code: str
    name: str
    to_resolve: int
    resolved: int
    on_time: int
    overdue: int
    rate: Decimal | None
    on_time_rate: Decimal | None
    target: Decimal | None

    @property
    def diff_text(self) -> str:
        return diff_text(self.on_time_rate, self.target)

    @property
    def colour(self) -> str:
        return colour(self.on_time_rate, self.target)


def complaint_rows(unit: Unit, period: Period) -> tuple[list[ComplaintRow], ComplaintRow] | None:
    """Rows per unit below `unit` and the total; None when form 8 is not defined then."""
    try:
        table = build_form("8", unit, period)
    except FormNotFound:
        return None
    targets = {
        t.unit.code: t.complaints_on_time_rate
        for t in Target.objects.filter(year=period.year).select_related("unit")
    }

    def row(line) -> ComplaintRow:
        raw = line.raw
        base = raw["phai_giai_quyet"]
        return ComplaintRow(
            unit_code=line.unit_code,
            name=line.name,
            to_resolve=base,
            resolved=raw["da_giai_quyet"],
            on_time=raw["dung_han"],
            overdue=raw["qua_han"],
            rate=rate(raw["da_giai_quyet"], base),
            on_time_rate=rate(raw["dung_han"], base),
            target=targets.get(line.unit_code),
        )

    return [row(r) for r in table.rows], row(table.total)
