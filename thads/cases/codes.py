"""Case codes: "<UNIT>/<year>/<seq:04d>", numbered per unit and year."""

from __future__ import annotations

from thads.cases.models import Case
from thads.org.models import Unit


def next_case_code(unit: Unit, year: int) -> str:
    """The next free case code of the unit for the year: "<UNIT>/<year>/<seq:04d>"."""
    prefix = f"{unit.code}/{year}/"
    codes = Case.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(c[len(prefix) :]) for c in codes if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"
