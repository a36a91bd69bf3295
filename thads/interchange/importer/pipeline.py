"""The three phases of an import in order: parse, check, and only without any error, write.

Every error is reported as ``(line, message)``; nothing is written when there is one, and the
write is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

from thads.cases.act_numbers import act_day, counters_raise_for_acts
from thads.cases.codes import counters_raise
from thads.cases.models import Case, CaseEvent, Judgment, Obligation, Party
from thads.common.planner import analyze
from thads.interchange.importer import complaint_records, oversight
from thads.interchange.importer.checks import Checker
from thads.interchange.importer.copy_writer import CopyWriter
from thads.interchange.importer.orm_writer import OrmWriter
from thads.interchange.importer.parsing import parse
from thads.interchange.importer.records import ImportFailed, ImportResult, Parsed
from thads.stats import freshness
from thads.stats.models import (
    AggregatePeriod,
    BucketAggregate,
    CaseFact,
    OpenDeadline,
    StateInterval,
)


class Importer(Checker):
    """Checks parsed records (`check`, phase 2) and writes them (`write`, phase 3)."""

    def run(self, lines: Iterable[str]) -> ImportResult:
        parsed = parse(lines, self.errors)
        self.check(parsed)
        if self.errors:
            raise ImportFailed(self.errors)
        return self.write(parsed)

    @transaction.atomic
    def write(self, p: Parsed) -> ImportResult:
        result = ImportResult()
        orm = OrmWriter(self)
        units = dict(self.db_units)
        result.units = orm.units(units)
        staff = dict(self.db_staff)
        result.staff, result.postings = orm.staff(units, staff)
        result.targets = orm.targets(p.targets, units)
        case_ids = {code: case.pk for code, case in self.db_cases.items()}
        cases_writer = CopyWriter(self) if connection.vendor == "postgresql" else orm
        result.judgments, result.cases, result.events = cases_writer.write_cases(
            p.cases, units, staff, case_ids
        )
        result.complaints = orm.complaints(p.complaints, units, case_ids)
        result.oversight = oversight.write(p.oversight, units, staff, case_ids)
        result.complaint_records = complaint_records.write(
            p.complaint_records, units, staff, case_ids
        )
        counters_raise(c.code for c in p.cases)  # intake numbers after the imported ones
        # The registers' numbers (acts' doc_no, QĐ THA) continue after the imported ones.
        counters_raise_for_acts(_numbered_acts(p.cases, units))
        return result


def _numbered_acts(cases, units) -> Iterable[tuple[int, dt.date, object]]:
    """(unit id, day, doc_no) of every act of the imported cases carrying a number, and of
    their QĐ THA (a case received by entrusting carries the sender's number: not counted)."""
    for c in cases:
        unit_id = units[c.unit].pk
        if c.from_case is None:
            yield unit_id, c.decision_date, c.decision_no
        for e in c.events:
            if e.data and "doc_no" in e.data:
                yield unit_id, act_day(e.on, e.data), e.data["doc_no"]


def import_lines(lines: Iterable[str], *, today: dt.date | None = None) -> ImportResult:
    """Validate and import JSON Lines; raise ImportFailed with every error, writing nothing.

    Then the statistics of the new cases are built (`stats.freshness.after_load`: facts
    set-based, the month-end totals the screens open on), so the first report after an import
    reads them instead of building them."""
    result = Importer(today=today).run(lines)
    analyze(Judgment, Case, Party, Obligation, CaseEvent)  # planned with statistics from here
    freshness.after_load(today)
    analyze(CaseFact, StateInterval, OpenDeadline, AggregatePeriod, BucketAggregate)
    return result
