"""Phase 2 of an import: resolve every reference and check every rule, writing nothing.

Records come in any order, so references are resolved after reading, against the file and the
database (a few `IN (…)` lookups, never a query per record): the unit hierarchy is checked
with ``Unit.clean`` itself, staff postings, targets, judgments, entrusting chains, complaints,
duplicates; every case history is replayed through ``cases.transitions.validate_history``
(`replay`). Every problem is recorded as ``(line, message)``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils import timezone

from thads.cases.models import Case
from thads.complaints.models import Complaint
from thads.interchange.importer import complaint_records, oversight
from thads.interchange.importer.case_checks import CaseChecks
from thads.interchange.importer.lookups import CHUNK, chunks, error_messages, existing_by
from thads.interchange.importer.records import (
    CaseRec,
    ComplaintRec,
    Parsed,
    StaffRec,
    TargetRec,
    UnitRec,
)
from thads.org.models import Staff, Unit
from thads.targets.models import Target

__all__ = ["CHUNK", "Checker"]


class Checker(CaseChecks):
    """Resolves the references of parsed records and records every error (phase 2).

    What it resolves (the units, staff, cases and judgments already in the database, the
    file's units, staff and cases by code, each case's replayed snapshot) is what the writers
    then use.
    """

    def __init__(self, today: dt.date | None = None, *, intake: bool = False):
        self.today = today or timezone.localdate()
        self.errors: list[tuple[int, str]] = []
        # The Excel intake (new cases, not a migration's history) has no place for the reason
        # a case whose judgment and obligation were accepted already needs: its message sends
        # the clerk to the intake screen; an import's record carries it (`duplicate_reason`).
        self.intake = intake

    def err(self, line: int, message: str) -> None:
        self.errors.append((line, message))

    # ----- references
    def check(self, p: Parsed) -> None:
        referenced_units = {u.code for u in p.units}
        referenced_units |= {u.parent for u in p.units if u.parent}
        referenced_units |= {u.successor for u in p.units if u.successor}
        referenced_units |= {s.unit for s in p.staff} | {t.unit for t in p.targets}
        referenced_units |= {c.unit for c in p.cases} | {c.unit for c in p.complaints}
        referenced_units |= {e.to_unit_id for c in p.cases for e in c.events if e.to_unit_id}
        self.db_units = existing_by(Unit, "code", referenced_units)
        self.file_units: dict[str, UnitRec] = {}
        self._check_units(p.units)
        self._check_staff(p.staff, p.cases)
        self._check_targets(p.targets)
        self._check_cases(p.cases)
        self._check_complaints(p.complaints)
        self._check_oversight(p.oversight)
        self._check_complaint_records(p.complaint_records, {c.code for c in p.complaints})

    def unit_validity(self, code: str) -> tuple[dt.date, dt.date | None] | None:
        if code in self.file_units:
            u = self.file_units[code]
            return u.valid_from, u.valid_to
        if code in self.db_units:
            u = self.db_units[code]
            return u.valid_from, u.valid_to
        return None

    def unit_level(self, code: str) -> str:
        if code in self.file_units:
            return self.file_units[code].level
        return self.db_units[code].level

    def _unit_known(self, line: int, code: str, what: str = "đơn vị") -> bool:
        if code in self.file_units or code in self.db_units:
            return True
        self.err(line, f"Không tìm thấy {what} “{code}” (trong tệp hoặc cơ sở dữ liệu).")
        return False

    def _check_units(self, units: list[UnitRec]) -> None:
        for u in units:
            if u.code in self.file_units:
                first = self.file_units[u.code].line
                self.err(u.line, f"Mã đơn vị “{u.code}” bị trùng (đã có ở dòng {first}).")
            elif u.code in self.db_units:
                self.err(u.line, f"Mã đơn vị “{u.code}” đã có trong cơ sở dữ liệu.")
            elif u.short_name and len(u.short_name) > 60:
                self.err(u.line, f"“short_name” dài quá 60 ký tự: “{u.short_name}”.")
            else:
                self.file_units[u.code] = u
        self._attach_roots()
        # Unsaved Unit objects with temporary negative keys, so that Unit.clean (cycles,
        # validity inside the parent, successor valid the day after) runs unchanged.
        fakes: dict[str, Unit] = {}
        for i, u in enumerate(self.file_units.values(), start=1):
            fake = Unit(
                code=u.code,
                name=u.name,
                level=u.level,
                valid_from=u.valid_from,
                valid_to=u.valid_to,
            )
            fake.pk = -i
            fakes[u.code] = fake

        def resolve(code: str) -> Unit | None:
            return fakes.get(code) or self.db_units.get(code)

        broken: set[str] = set()
        for u in self.file_units.values():
            for code, what in ((u.parent, "đơn vị cấp trên"), (u.successor, "đơn vị kế thừa")):
                if code and resolve(code) is None:
                    self.err(u.line, f"Không tìm thấy {what} “{code}”.")
                    broken.add(u.code)
            if u.code in broken:
                continue
            fake = fakes[u.code]
            fake.parent = resolve(u.parent) if u.parent else None
            fake.successor = resolve(u.successor) if u.successor else None
        for u in self.file_units.values():
            if u.code in broken:
                continue
            try:
                fakes[u.code].clean()
            except ValidationError as exc:
                for message in error_messages(exc):
                    self.err(u.line, f"Đơn vị “{u.code}”: {message}")
            except RecursionError:  # pragma: no cover - clean() stops at cycles itself
                self.err(u.line, f"Đơn vị “{u.code}”: vòng lặp trong cây đơn vị.")

    def _attach_roots(self) -> None:
        """A province whose `parent` is null is a root of the file (the spec): it joins the
        installation's national unit when there is exactly one whose validity covers it, and
        is otherwise the top of its own installation (a province migrating alone)."""
        roots = [
            u
            for u in self.file_units.values()
            if u.parent is None and u.level == Unit.Level.PROVINCE
        ]
        if not roots:
            return
        nationals = list(Unit.objects.filter(level=Unit.Level.NATIONAL, parent__isnull=True))
        for u in roots:
            covering = [
                n
                for n in nationals
                if n.valid_from <= u.valid_from
                and (n.valid_to is None or (u.valid_to is not None and u.valid_to <= n.valid_to))
            ]
            if len(covering) == 1:
                u.parent = covering[0].code
                self.db_units[u.parent] = covering[0]

    def _check_staff(self, staff: list[StaffRec], cases: list[CaseRec]) -> None:
        self.db_staff = existing_by(
            Staff, "code", {s.code for s in staff} | {c.officer for c in cases if c.officer}
        )
        self.file_staff: dict[str, list[StaffRec]] = defaultdict(list)
        for s in staff:
            if s.code in self.db_staff:
                self.err(s.line, f"Mã cán bộ “{s.code}” đã có trong cơ sở dữ liệu.")
                continue
            postings = self.file_staff[s.code]
            if postings:
                first = postings[0]
                if (s.name, s.title) != (first.name, first.title):
                    self.err(
                        s.line,
                        f"Cán bộ “{s.code}”: họ tên và chức danh phải giống dòng {first.line} "
                        "(các bản ghi cùng mã là các quá trình công tác của cùng một người).",
                    )
            if s.valid_to and s.valid_to < s.valid_from:
                self.err(s.line, "Ngày kết thúc không được trước ngày bắt đầu.")
            elif self._unit_known(s.line, s.unit):
                valid_from, valid_to = self.unit_validity(s.unit)
                if s.valid_from < valid_from or (
                    valid_to and (s.valid_to is None or s.valid_to > valid_to)
                ):
                    self.err(
                        s.line,
                        f"Thời gian công tác phải nằm trong thời gian hiệu lực của đơn vị "
                        f"“{s.unit}”.",
                    )
            for other in postings:
                end, other_end = s.valid_to or dt.date.max, other.valid_to or dt.date.max
                if s.valid_from <= other_end and other.valid_from <= end:
                    self.err(
                        s.line,
                        f"Cán bộ “{s.code}”: quá trình công tác trùng thời gian với dòng "
                        f"{other.line}.",
                    )
            postings.append(s)

    def _check_targets(self, targets: list[TargetRec]) -> None:
        seen: dict[tuple[str, int], int] = {}
        db_ids = {u.pk for u in self.db_units.values()}
        existing = {
            (t.unit.code, t.year)
            for chunk in chunks(sorted(db_ids))
            for t in Target.objects.filter(unit_id__in=chunk).select_related("unit")
        }
        for t in targets:
            self._unit_known(t.line, t.unit)
            key = (t.unit, t.year)
            if key in seen:
                self.err(
                    t.line,
                    f"Chỉ tiêu của “{t.unit}” năm {t.year} bị trùng (đã có ở dòng {seen[key]}).",
                )
            elif key in existing:
                self.err(t.line, f"Chỉ tiêu của “{t.unit}” năm {t.year} đã có trong cơ sở dữ liệu.")
            seen.setdefault(key, t.line)

    def _check_oversight(self, records: list[dict]) -> None:
        """Administrative judgments, inspections, procuracy acts (importer.oversight)."""
        if not records:
            return
        self.db_cases.update(
            existing_by(Case, "code", oversight.case_refs(records) - self.file_cases.keys())
        )
        self.db_staff.update(
            existing_by(Staff, "code", oversight.staff_refs(records) - self.file_staff.keys())
        )
        self._unit_refs_known(records)
        oversight.check(self, records)

    def _check_complaint_records(self, records: list[dict], legacy_letters: set[str]) -> None:
        """Letters, matters, reception sessions (importer.complaint_records)."""
        if not records:
            return
        refs = complaint_records.refs
        self.db_cases.update(
            existing_by(Case, "code", refs(records, "case") - self.file_cases.keys())
        )
        self.db_staff.update(
            existing_by(Staff, "code", refs(records, "staff") - self.file_staff.keys())
        )
        self.db_units.update(
            existing_by(Unit, "code", refs(records, "unit") - self.file_units.keys())
        )
        complaint_records.check(self, records, legacy_letters)

    def _unit_refs_known(self, records: list[dict]) -> None:
        codes = {r[k] for r in records for k in ("unit", "inspecting_unit") if k in r}
        self.db_units.update(existing_by(Unit, "code", codes - self.file_units.keys()))

    def _check_complaints(self, complaints: list[ComplaintRec]) -> None:
        codes = {c.code for c in complaints}
        db_codes = set()
        for chunk in chunks(sorted(codes)):
            db_codes |= set(Complaint.objects.filter(code__in=chunk).values_list("code", flat=True))
        case_refs = {c.case for c in complaints if c.case} - self.file_cases.keys()
        self.db_cases.update(existing_by(Case, "code", case_refs - self.db_cases.keys()))
        seen: dict[str, int] = {}
        for c in complaints:
            if c.code in seen:
                self.err(c.line, f"Mã đơn “{c.code}” bị trùng (đã có ở dòng {seen[c.code]}).")
            elif c.code in db_codes:
                self.err(c.line, f"Mã đơn “{c.code}” đã có trong cơ sở dữ liệu.")
            seen.setdefault(c.code, c.line)
            self._unit_known(c.line, c.unit)
            if c.case and c.case not in self.file_cases and c.case not in self.db_cases:
                self.err(c.line, f"Không tìm thấy việc “{c.case}”.")
            if bool(c.result) != bool(c.resolved_on):
                self.err(
                    c.line,
                    "Đơn đã giải quyết phải có cả “resolved_on” và “result”; đơn chưa giải "
                    "quyết không có cả hai.",
                )
            if c.resolved_on and c.resolved_on < c.received_on:
                self.err(c.line, "Ngày giải quyết không được trước ngày nhận đơn.")
            if c.resolved_on and c.resolved_on > self.today or c.received_on > self.today:
                self.err(c.line, "Không được ghi nhận ngày ở tương lai.")
