"""Phase 3 of an import, with the ORM: `bulk_create` in batches, one transaction (the caller's).

Units go through ``org.services.unit_create`` (few, and their tree paths are the service's),
targets and their change log through ``targets.services.targets_create_imported``; staff,
postings and complaints with `bulk_create`. On SQLite the cases too (judgments, cases,
parties, obligations, events) in "waves", since `bulk_create` returns keys only after the rows
are written: a receiving case after the case it was entrusted from, a correcting event after
the event it corrects. On PostgreSQL the cases go through `copy_writer` instead.
"""

from __future__ import annotations

from collections import defaultdict

from thads.cases.law import law_on
from thads.cases.models import Case, CaseEvent, Judgment, Obligation, Party
from thads.common.text import fold_vietnamese
from thads.complaints.imports import legacy_letter_fields, legacy_matters
from thads.complaints.models import Complaint, Matter
from thads.interchange.importer.checks import Checker
from thads.interchange.importer.records import (
    OBLIGATION_DESCRIPTION,
    CaseRec,
    ComplaintRec,
    TargetRec,
)
from thads.org import services as org_services
from thads.org.models import Membership, Staff, Unit
from thads.targets import services as target_services

BATCH = 2000


class OrmWriter:
    """Writes what `checked` (a `Checker` without errors) resolved, with the ORM."""

    def __init__(self, checked: Checker):
        self.checked = checked

    def units(self, units: dict[str, Unit]) -> int:
        pending = dict(self.checked.file_units)
        created = 0
        while pending:
            ready = [
                u
                for u in pending.values()
                if (not u.parent or u.parent in units) and (not u.successor or u.successor in units)
            ]
            for u in sorted(ready, key=lambda u: u.code):
                units[u.code] = org_services.unit_create(
                    code=u.code,
                    name=u.name,
                    level=u.level,
                    parent=units[u.parent] if u.parent else None,
                    valid_from=u.valid_from,
                    valid_to=u.valid_to,
                    successor=units[u.successor] if u.successor else None,
                    short_name=u.short_name,
                    refresh_order=False,
                )
                del pending[u.code]
                created += 1
            if not ready:  # pragma: no cover - cycles were refused in phase 2
                raise RuntimeError("unit cycle")
        if created:
            org_services.tree_orders_refresh()  # once, not per unit
        return created

    def staff(self, units: dict[str, Unit], staff: dict[str, Staff]) -> tuple[int, int]:
        people = [
            Staff(code=code, full_name=recs[0].name, title=recs[0].title)
            for code, recs in self.checked.file_staff.items()
        ]
        Staff.objects.bulk_create(people, batch_size=BATCH)
        staff.update({s.code: s for s in people})
        postings = [
            Membership(
                staff=staff[code],
                unit=units[r.unit],
                role=org_services.default_role(r.title, r.is_head, units[r.unit].level),
                is_head=r.is_head,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
            )
            for code, recs in self.checked.file_staff.items()
            for r in recs
        ]
        Membership.objects.bulk_create(postings, batch_size=BATCH)
        return len(people), len(postings)

    def targets(self, targets: list[TargetRec], units: dict[str, Unit]) -> int:
        # Through the service: the targets and their change log (source "import") together.
        target_services.targets_create_imported(
            [(units[t.unit], t.year, t.case_rate, t.money_rate) for t in targets], batch_size=BATCH
        )
        return len(targets)

    def complaints(
        self, complaints: list[ComplaintRec], units: dict[str, Unit], case_ids: dict[str, int]
    ) -> int:
        """One letter per record and, unless it was forwarded, its matter (complaints.imports)."""
        letters = Complaint.objects.bulk_create(
            [
                Complaint(
                    code=c.code,
                    unit=units[c.unit],
                    kind=c.kind,
                    received_on=c.received_on,
                    case_id=case_ids[c.case] if c.case else None,
                    resolved_on=c.resolved_on,
                    result=c.result,
                    **legacy_letter_fields(c.result, c.received_on, c.resolved_on),
                )
                for c in complaints
            ],
            batch_size=BATCH,
        )
        if letters and letters[0].pk is None:  # backends that do not return keys
            by_code = dict(
                Complaint.objects.filter(code__in=[c.code for c in letters]).values_list(
                    "code", "pk"
                )
            )
            for letter in letters:
                letter.pk = by_code[letter.code]
        Matter.objects.bulk_create(legacy_matters(letters), batch_size=BATCH)
        return len(complaints)

    def write_cases(
        self,
        cases: list[CaseRec],
        units: dict[str, Unit],
        staff: dict[str, Staff],
        case_ids: dict[str, int],
    ) -> tuple[int, int, int]:
        """Judgments, cases, parties, obligations and events; (judgments, cases, events)."""
        judgments = self._judgments(cases)
        written, events = self._cases(cases, units, staff, case_ids)
        return judgments, written, events

    def _judgments(self, cases: list[CaseRec]) -> int:
        new: dict[tuple, Judgment] = {}
        for c in cases:
            court, number, date, kind = c.judgment
            key = (court, number, date)
            if key not in self.checked.db_judgments and key not in new:
                new[key] = Judgment(court=court, number=number, date=date, kind=kind)
        Judgment.objects.bulk_create(list(new.values()), batch_size=BATCH)
        self.judgment_ids = {key: j.pk for key, j in self.checked.db_judgments.items()}
        self.judgment_ids.update({key: j.pk for key, j in new.items()})
        return len(new)

    def _cases(
        self,
        cases: list[CaseRec],
        units: dict[str, Unit],
        staff: dict[str, Staff],
        case_ids: dict[str, int],
    ) -> tuple[int, int]:
        unit_ids = {code: u.pk for code, u in units.items()}
        staff_ids = {code: s.pk for code, s in staff.items()}
        # Waves: a receiving case is written after the case it was entrusted from.
        depth: dict[str, int] = {}

        def depth_of(c: CaseRec) -> int:
            if c.code not in depth:
                parent = self.checked.file_cases.get(c.from_case) if c.from_case else None
                depth[c.code] = depth_of(parent) + 1 if parent else 0
            return depth[c.code]

        waves: dict[int, list[CaseRec]] = defaultdict(list)
        for c in cases:
            waves[depth_of(c)].append(c)
        batches = [
            wave[start : start + BATCH]
            for _depth, wave in sorted(waves.items())
            for start in range(0, len(wave), BATCH)
        ]
        events_total = 0
        repeats: list[Case] = []
        for batch in batches:
            rows = []
            for c in batch:
                s = c.snapshot
                rows.append(
                    Case(
                        code=c.code,
                        unit_id=unit_ids[c.unit],
                        judgment_id=self.judgment_ids[c.judgment[:3]],
                        decision_no=c.decision_no,
                        decision_date=c.decision_date,
                        accepted_on=c.accepted_on,
                        received_on=c.received_on,
                        mode=c.mode,
                        officer_id=staff_ids[c.officer] if c.officer else None,
                        is_state_budget="ngan_sach" in c.flags,
                        is_bank_credit="tin_dung" in c.flags,
                        is_corruption="tham_nhung_kinh_te" in c.flags,
                        from_case_id=case_ids[c.from_case] if c.from_case else None,
                        duplicate_reason=c.duplicate_reason,
                        amount=c.amount,
                        state=s.state,
                        is_classified=s.is_classified,
                        collected=s.collected,
                        reduced=s.reduced,
                        paid_out=s.paid_out,
                        first_collected_on=s.first_collected_on,
                        closed_on=s.closed_on,
                    )
                )
            Case.objects.bulk_create(rows)
            parties, obligations = [], []
            for c, row in zip(batch, rows, strict=True):
                case_ids[c.code] = row.pk
                for position, (role, kind, name, id_number, address) in enumerate(c.parties):
                    parties.append(
                        Party(
                            case_id=row.pk,
                            role=role,
                            kind=kind,
                            name=name,
                            id_number=id_number,
                            address=address,
                            search_name=fold_vietnamese(name),
                            position=position,
                        )
                    )
                obligations.append(
                    Obligation(
                        case_id=row.pk,
                        description=OBLIGATION_DESCRIPTION,
                        amount=c.amount,
                        priority=Obligation.Priority.KHAC,
                        is_state_budget="ngan_sach" in c.flags,
                    )
                )
            Party.objects.bulk_create(parties, batch_size=BATCH * 2)
            Obligation.objects.bulk_create(obligations, batch_size=BATCH)
            events_total += self._events(batch, rows, unit_ids)
            repeats += [row for c, row in zip(batch, rows, strict=True) if c.duplicate_of]
        # The case a duplicate repeats may come later in the file: linked once all are written
        # (few rows; the reason was written with the row).
        by_code = {c.code: c for c in cases}
        for row in repeats:
            row.duplicate_of_id = case_ids[by_code[row.code].duplicate_of]
        Case.objects.bulk_update(repeats, ["duplicate_of_id"], batch_size=BATCH)
        return len(cases), events_total

    def _events(self, batch: list[CaseRec], rows: list[Case], unit_ids: dict) -> int:
        # Waves again: an event that corrects another is written after it (append-only, so
        # `corrects` cannot be filled in later).
        pending: list[tuple[CaseEvent, int | None, dict]] = []
        for c, row in zip(batch, rows, strict=True):
            by_seq: dict[int, CaseEvent] = {}
            for e in c.events:
                event = CaseEvent(
                    case_id=row.pk,
                    seq=e.seq,
                    type=e.type,
                    on=e.on,
                    amount=e.amount,
                    data=e.data,
                    law_version=law_on(e.on).version,
                    to_unit_id=unit_ids[e.to_unit_id] if e.to_unit_id else None,
                )
                by_seq[e.seq] = event
                pending.append((event, e.corrects_id, by_seq))
        total = len(pending)
        while pending:
            wave = [
                (event, corrects, by_seq)
                for event, corrects, by_seq in pending
                if corrects is None or by_seq[corrects].pk is not None
            ]
            for event, corrects, by_seq in wave:
                if corrects is not None:
                    event.corrects_id = by_seq[corrects].pk
            CaseEvent.objects.bulk_create([w[0] for w in wave], batch_size=BATCH * 2)
            pending = [item for item in pending if item[0].pk is None]
        return total
