"""One number series per unit, register (sổ) and calendar year, whatever wrote the number.

A unit numbers its documents from 01 on 01/01 to 31/12, one series per kind of document
(Nghị định 30/2020/NĐ-CP, Phụ lục I: số của văn bản): "5/QĐ-CCTHADS" is number 5 of the unit's
decisions of the year. Numbers are written by the documents app when it issues (from the
locked counter of `common.counters`), by an import or the demo (an act's `doc_no`, a case's
QĐ THA number) and by hand on the case page. So that none of them repeats a number:

- an import (and the demo, which is one) raises each counter it wrote numbers in to the
  highest of them (`counters_raise_for_acts`, from the import's records: one statement per
  counter);
- a counter created on first use starts after the highest number already in the acts
  (`highest_used`, the `floor` of `counter_next`);
- a number typed by hand that is already used in the unit, series and year is refused, and one
  above the counter moves the counter past it (`act_number_claim`);
- so does the QĐ THA number typed at intake (`decision_number_claim`, issue 11): it is the
  number of a decision already signed on paper, so the register continues after it (the
  counter takes the highest) rather than refusing it — only a number another document of the
  register already carries is refused, since the two documents cannot both hold it.

The unit that numbers an act is the one that carried the case's work on the document's date
(`org.letterhead.unit_on`: the successor after the 01/07/2025 reform).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from thads.cases.models import Case, CaseEvent
from thads.common.counters import counter_raise
from thads.common.errors import DomainError
from thads.common.models import Counter
from thads.common.text import fold_vietnamese
from thads.org.models import Unit

# The registers (documents.Series values), by their folded form ("qd" → "QĐ").
SERIES = {"qd": "QĐ", "tb": "TB", "bb": "BB", "cv": "CV", "kh": "KH", "don": "ĐƠN"}
NUMBER_RE = re.compile(r"^(?P<number>[0-9]{1,9})/(?:[0-9]{4}/)?(?P<series>[a-z]+)(?:-|$)")
# The usual spelling ("5/QĐ-CCTHADS": no space, the register in capitals) read without folding
# (an import reads ~8 numbers a case); a match gives what NUMBER_RE gives on the folded text.
PLAIN_RE = re.compile(
    r"^(?P<number>[0-9]{1,9})/(?:[0-9]{4}/)?(?P<series>QĐ|TB|BB|CV|KH|ĐƠN)(?:-|$)"
)

Key = tuple[str, str, int]  # (unit code, counter series, year)

# Other holders of numbers (documents issued without an event): (unit code, series, year,
# number) → used? Registered by the apps above (documents).
number_users: list[Callable[[str, str, int, int], bool]] = []


def counter_series(series: str) -> str:
    """The name of a register's series in `common.counters` ("documents:QĐ")."""
    return f"documents:{series}"


def parse_doc_no(text: str | None) -> tuple[int, str] | None:
    """(number, register) of a document number "5/QĐ-CCTHADS" (or "5/2026/QĐ-…"), else None.

    Compared without spaces, case or diacritics, like the QĐ THA numbers (cases.duplicates)."""
    plain = PLAIN_RE.match(text) if text else None
    if plain is not None:
        return int(plain["number"]), plain["series"]
    folded = fold_vietnamese(text or "").replace(" ", "")
    match = NUMBER_RE.match(folded)
    if match is None or match["series"] not in SERIES:
        return None
    return int(match["number"]), SERIES[match["series"]]


class _Units:
    """Every unit's code and successor, read once: the numbering unit of a date, no query."""

    def __init__(self) -> None:
        rows = Unit.objects.values_list("pk", "code", "valid_to", "successor_id")
        self.rows = {pk: (code, valid_to, successor) for pk, code, valid_to, successor in rows}

    def issuer(self, unit_id: int, day: dt.date) -> str:
        """The code of the unit carrying `unit_id`'s work on `day` (as `unit_on`)."""
        seen = set()
        code, valid_to, successor = self.rows[unit_id]
        while valid_to is not None and valid_to < day and successor and unit_id not in seen:
            seen.add(unit_id)
            unit_id = successor
            code, valid_to, successor = self.rows[unit_id]
        return code

    def feeding(self, code: str) -> list[int]:
        """The units whose work `code` carries (itself and its predecessors)."""
        by_code = {c: pk for pk, (c, _v, _s) in self.rows.items()}
        wanted = {by_code[code]}
        changed = True
        while changed:
            changed = False
            for pk, (_c, _v, successor) in self.rows.items():
                if successor in wanted and pk not in wanted:
                    wanted.add(pk)
                    changed = True
        return sorted(wanted)


def _event_day(on: dt.date, doc_date: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(doc_date) if doc_date else on
    except ValueError:
        return on


Numbered = tuple[int, dt.date, object]  # (unit id, the act's or decision's date, doc_no)


def _keyed(numbered: Iterable[Numbered], units: _Units) -> Iterable[tuple[Key, int]]:
    """(unit, series, year) and number of every (unit id, date, doc_no) that is a number."""
    for unit_id, day, doc_no in numbered:
        parsed = parse_doc_no(doc_no if isinstance(doc_no, str) else None)
        if parsed is not None:
            yield (units.issuer(unit_id, day), counter_series(parsed[1]), day.year), parsed[0]


def _numbered(events, cases, units: _Units) -> Iterable[tuple[Key, int]]:
    """(unit, series, year) and number of each numbered act of `events` and QĐ THA of `cases`
    (querysets; each read in one query)."""
    rows = events.filter(data__has_key="doc_no").values_list(
        "case__unit_id", "on", "data__doc_no", "data__doc_date"
    )
    decisions = cases.filter(from_case__isnull=True).values_list(
        "unit_id", "decision_date", "decision_no"
    )
    numbered = [(u, _event_day(on, d), no) for u, on, no, d in rows] + list(decisions)
    return _keyed(numbered, units)


def _highest_of(keyed: Iterable[tuple[Key, int]]) -> dict[Key, int]:
    highest: dict[Key, int] = defaultdict(int)
    for key, number in keyed:
        highest[key] = max(highest[key], number)
    return highest


def _highest(events, cases, units: _Units) -> dict[Key, int]:
    """The highest number per (unit, series, year) among `events` and `cases`."""
    return _highest_of(_numbered(events, cases, units))


def highest_used(unit_code: str, series: str, year: int) -> int:
    """The highest number of the register `series` in `year` already in the acts and QĐ THA
    of the cases the unit numbers for (the counter's floor on first use)."""
    units = _Units()
    feeding = units.feeding(unit_code)
    window = Q(on__year__gte=year - 1, on__year__lte=year + 1)
    events = CaseEvent.objects.filter(window, case__unit_id__in=feeding)
    cases = Case.objects.filter(unit_id__in=feeding, decision_date__year=year)
    if series != "QĐ":
        cases = cases.none()
    return _highest(events, cases, units).get((unit_code, counter_series(series), year), 0)


def counters_raise_many(highest: dict[Key, int]) -> None:
    """Every counter of `highest` continues after its number: one statement to create the
    missing counters, one update per counter (in key order: no deadlock between imports)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("counters_raise_many must run inside transaction.atomic")
    Counter.objects.bulk_create(
        [Counter(scope=s, series=n, year=y, last=0) for (s, n, y) in sorted(highest)],
        ignore_conflicts=True,
    )
    for (scope, series, year), used in sorted(highest.items()):
        Counter.objects.filter(scope=scope, series=series, year=year, last__lt=used).update(
            last=used
        )


def counters_raise_for_acts(numbered: Iterable[Numbered]) -> None:
    """After an import (the demo too): the registers continue after every number it wrote —
    the acts' `doc_no` on their `doc_date` (else the event's day) and the QĐ THA of cases not
    received by entrusting — read from the import's own records, not back from the tables."""
    counters_raise_many(_highest_of(_keyed(numbered, _Units())))


def act_day(on: dt.date, data: dict | None) -> dt.date:
    """The day an act was numbered: its `doc_date` when valid, else the event's day."""
    return _event_day(on, (data or {}).get("doc_date"))


def _holder(
    unit_id: int, number: int, series: str, day: dt.date, units: _Units, corrects=None
) -> tuple[str, bool]:
    """(the numbering unit's code, whether `number` of the register `series` in `day`'s year is
    already held there: by an act not corrected since — `corrects` gives its number to its
    correction —, a QĐ THA, or a document issued without an event)."""
    unit_code = units.issuer(unit_id, day)
    feeding = units.feeding(unit_code)
    same = CaseEvent.objects.filter(
        case__unit_id__in=feeding, data__doc_no__regex=rf"^\s*0*{number}\s*/"
    ).filter(corrected_by__isnull=True)
    if corrects is not None:
        same = same.exclude(pk=corrects.pk)
    cases = Case.objects.filter(
        unit_id__in=feeding,
        decision_date__year=day.year,
        decision_no__regex=rf"^\s*0*{number}\s*/",
    )
    if series != "QĐ":
        cases = cases.none()
    key = (unit_code, counter_series(series), day.year)
    held = (key, number) in set(_numbered(same, cases, units)) or any(
        used(unit_code, series, day.year, number) for used in number_users
    )
    return unit_code, held


def _counter_past(unit_code: str, series: str, year: int, number: int) -> None:
    """The register's counter continues after `number` (created above the acts' numbers)."""
    counter_raise(
        unit_code,
        counter_series(series),
        year,
        number,
        floor=lambda: highest_used(unit_code, series, year),
    )


def act_number_claim(
    case: Case, data: dict, *, on: dt.date, corrects: CaseEvent | None = None
) -> None:
    """A number typed on an act: refused when the unit already used it in that register and
    year (another act, a QĐ THA, an issued document), else the counter moves past it."""
    parsed = parse_doc_no(data.get("doc_no"))
    if parsed is None:
        return
    number, series = parsed
    units = _Units()
    day = _event_day(on, data.get("doc_date"))
    unit_code, held = _holder(case.unit_id, number, series, day, units, corrects)
    if held:
        raise DomainError(
            gettext("Số văn bản %(no)s đã được dùng trong năm %(year)s của đơn vị.")
            % {"no": data["doc_no"], "year": day.year}
        )
    _counter_past(unit_code, series, day.year, number)


def decision_number_claim(unit: Unit, decision_no: str, decision_date: dt.date) -> None:
    """Intake (issue 11): the QĐ THA number typed on the intake screen takes its place in the
    unit's register of decisions (QĐ) of the decision's year, like a number the documents app
    issues (Nghị định 30/2020/NĐ-CP, Phụ lục I: one series per unit, kind and year).

    The counter takes the highest: a typed number above it moves it past the number, so the next
    decision issued from the counter never repeats it; a number below it that no document holds
    (one the counter skipped) is kept. A number another act or issued document of the register
    already holds is refused — two documents cannot carry one number. A case received by
    entrusting keeps the sender's number and is not claimed (the caller skips it)."""
    parsed = parse_doc_no(decision_no)
    if parsed is None:
        return
    number, series = parsed
    unit_code, held = _holder(unit.pk, number, series, decision_date, _Units())
    if held:
        raise DomainError(
            gettext(
                "Số quyết định thi hành án %(no)s trùng số %(number)s của sổ %(series)s năm "
                "%(year)s mà đơn vị đã dùng cho một văn bản khác (quyết định đã ghi trong hồ sơ "
                "việc hoặc đã ban hành trong Sổ văn bản). Hãy kiểm tra lại số trên quyết định."
            )
            % {"no": decision_no, "number": number, "series": series, "year": decision_date.year}
        )
    _counter_past(unit_code, series, decision_date.year, number)
