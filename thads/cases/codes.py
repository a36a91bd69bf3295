"""Case codes (mã việc): one series per unit, "<UNIT>/<report year>/<seq:04d>".

The year of the series is the **report year** of the acceptance date (năm báo cáo, 01/10 of
the year before to 30/09: a case accepted on 03/11/2020 is `TN-SC/2021/…`, as in the
interchange spec's example), so a unit's cases of one report year are numbered 0001, 0002, …
without a gap. The numbers come from the locked counter of `common.counters`; intake, the
Excel intake, entrusting, the import and the demo all follow this rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

from thads.cases.models import Case
from thads.common.counters import counter_next, counter_peek, counter_raise, highest_serial
from thads.common.periods import report_year_of
from thads.org.models import Unit

SERIES = "case"
CODE_RE = re.compile(r"^(?P<unit>.+)/(?P<year>[0-9]{4})/(?P<seq>[0-9]{1,9})$")


def case_code(unit_code: str, year: int, seq: int) -> str:
    return f"{unit_code}/{year}/{seq:04d}"


def series_year(accepted_on: dt.date) -> int:
    """The year of the case-number series: the report year of the acceptance date."""
    return report_year_of(accepted_on)


def parse_case_code(code: str) -> tuple[str, int, int] | None:
    """(unit code, year, number) of a code in the series form, else None (legacy codes)."""
    match = CODE_RE.match(code)
    if match is None:
        return None
    return match["unit"], int(match["year"]), int(match["seq"])


def _highest_used(unit_code: str, year: int) -> int:
    """The highest number already used in the series (rows written before the counter)."""
    prefix = f"{unit_code}/{year}/"
    codes = Case.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    return highest_serial(codes, prefix)


def case_code_allocate(unit: Unit, accepted_on: dt.date) -> str:
    """Take the next code of the unit's series (inside the intake's transaction: locked)."""
    year = series_year(accepted_on)
    seq = counter_next(unit.code, SERIES, year, floor=lambda: _highest_used(unit.code, year))
    return case_code(unit.code, year, seq)


def case_code_preview(unit: Unit, accepted_on: dt.date, offset: int = 0) -> str:
    """The code the next intake would get (nothing taken): for a preview."""
    year = series_year(accepted_on)
    seq = counter_peek(unit.code, SERIES, year, floor=lambda: _highest_used(unit.code, year))
    return case_code(unit.code, year, seq + offset)


def series_mismatch(code: str, unit_code: str, accepted_on: dt.date) -> int | None:
    """The expected year when `code` is in the unit's series form with another year, else None.

    Codes of other forms (migrated from other software) are kept as they are.
    """
    parsed = parse_case_code(code)
    if parsed is None or parsed[0] != unit_code:
        return None
    expected = series_year(accepted_on)
    return expected if parsed[1] != expected else None


def counters_raise(codes: Iterable[str]) -> None:
    """After an import: every series continues after the highest number the import wrote."""
    highest: dict[tuple[str, int], int] = defaultdict(int)
    for code in codes:
        parsed = parse_case_code(code)
        if parsed is not None:
            unit_code, year, seq = parsed
            highest[unit_code, year] = max(highest[unit_code, year], seq)
    for (unit_code, year), seq in sorted(highest.items()):
        counter_raise(
            unit_code, SERIES, year, seq, floor=lambda u=unit_code, y=year: _highest_used(u, y)
        )
