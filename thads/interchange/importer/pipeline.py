"""The three phases of an import in order: parse, check, and only without any error, write.

Every error is reported as ``(line, message)``; nothing is written when there is one, and the
write is one transaction.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

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
from thads.stats.facts import fact_rows, facts_insert
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
        # The statistics facts of the new cases from the records in hand (nothing read back;
        # `freshness.after_load` then finds them up to date). Computing them in a thread while
        # the COPYs ran was measured no faster on the shared 2-core machine (20 000 cases, 5 runs
        # each way at load 2,2–2,8: median 18,3 s in a thread, 14,5 s here).
        facts_insert(fact_rows(self._fact_inputs(p.cases, units, staff, case_ids)))
        result.complaints = orm.complaints(p.complaints, units, case_ids)
        result.oversight = oversight.write(p.oversight, units, staff, case_ids)
        result.complaint_records = complaint_records.write(
            p.complaint_records, units, staff, case_ids
        )
        counters_raise(c.code for c in p.cases)  # intake numbers after the imported ones
        # The registers' numbers (acts' doc_no, QĐ THA) continue after the imported ones.
        counters_raise_for_acts(_numbered_acts(p.cases, units))
        return result

    def _fact_inputs(self, cases, units, staff, case_ids) -> Iterable[tuple[tuple, list]]:
        """(values of `stats.facts.CASE_FIELDS`, events) of every case written: as both writers
        wrote them (version 1; a judgment already stored keeps its kind, a new one takes the
        kind of its first case in the file)."""
        kinds = {key: j.kind for key, j in self.db_judgments.items()}
        for c in cases:
            kinds.setdefault(c.judgment[:3], c.judgment[3])
        for c in cases:
            flags = c.flags
            yield (
                (
                    case_ids[c.code],
                    1,
                    units[c.unit].pk,
                    staff[c.officer].pk if c.officer else None,
                    c.accepted_on,
                    c.amount,
                    kinds[c.judgment[:3]],
                    c.mode,
                    "ngan_sach" in flags,
                    "tin_dung" in flags,
                    "tham_nhung_kinh_te" in flags,
                    c.received_on,
                    c.decision_date,
                ),
                c.events,
            )


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
    with _collector_paused():
        result = Importer(today=today).run(lines)
    analyze(Judgment, Case, Party, Obligation, CaseEvent)  # planned with statistics from here
    freshness.after_load(today)
    analyze(CaseFact, StateInterval, OpenDeadline, AggregatePeriod, BucketAggregate)
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the records are read, checked and written: they are
    millions of objects without cycles, and every full collection walked all of them again
    (a quarter of the import's Python time at 20 000 cases, more at 100 000). Back on after,
    whatever happens; what little it would have freed is freed by its next run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
