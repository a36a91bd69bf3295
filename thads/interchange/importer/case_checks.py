"""Phase 2 of an import, the cases: judgments, QĐ THA numbers, duplicates, entrusting chains,
each case's officer, parties and identity numbers, and its history replayed
(``cases.transitions.validate_history`` through `replay`). A part of `checks.Checker`."""

from __future__ import annotations

from collections import defaultdict

from thads.cases import duplicates
from thads.cases.codes import series_mismatch
from thads.cases.models import Case, CaseEvent, EventType, Judgment, Party
from thads.common.errors import DomainError
from thads.common.identity import identity_number_clean
from thads.interchange.importer import replay
from thads.interchange.importer.lookups import chunks, existing_by, valid_on
from thads.interchange.importer.records import CaseRec


class CaseChecks:
    """The case checks of `checks.Checker` (its state: the file's and the database's units,
    staff, cases and judgments; `err` records a problem)."""

    def _officer_title(self, code: str) -> str | None:
        if code in self.file_staff:
            return self.file_staff[code][0].title
        if code in self.db_staff:
            return self.db_staff[code].title
        return None

    def _check_cases(self, cases: list[CaseRec]) -> None:
        codes = [c.code for c in cases]
        refs = {c.from_case for c in cases if c.from_case}
        refs |= {c.duplicate_of for c in cases if c.duplicate_of}
        self.db_cases = existing_by(Case, "code", set(codes) | refs)
        self.file_cases: dict[str, CaseRec] = {}
        for c in cases:
            if c.code in self.file_cases:
                first = self.file_cases[c.code].line
                self.err(c.line, f"Mã việc “{c.code}” bị trùng (đã có ở dòng {first}).")
            elif c.code in self.db_cases:
                self.err(c.line, f"Mã việc “{c.code}” đã có trong cơ sở dữ liệu.")
            else:
                self.file_cases[c.code] = c
        self._check_judgments(cases)
        self._check_decisions(cases)
        self._check_same_obligations(cases)
        self._check_entrusting(cases)
        replay.prevalidate(cases, self.today)
        for c in cases:
            self._check_case(c)

    def _check_judgments(self, cases: list[CaseRec]) -> None:
        numbers = sorted({c.judgment[1] for c in cases})
        self.db_judgments: dict[tuple, Judgment] = {}
        for chunk in chunks(numbers):
            for j in Judgment.objects.filter(number__in=chunk):
                self.db_judgments[(j.court, j.number, j.date)] = j
        kinds: dict[tuple, tuple[str, int]] = {}
        for c in cases:
            court, number, date, kind = c.judgment
            key = (court, number, date)
            if key in self.db_judgments and self.db_judgments[key].kind != kind:
                self.err(
                    c.line,
                    f"Bản án {number} đã được nhập với loại việc khác "
                    f"({self.db_judgments[key].kind}).",
                )
            elif key in kinds and kinds[key][0] != kind:
                self.err(
                    c.line,
                    f"Bản án {number} có loại việc khác với dòng {kinds[key][1]} "
                    f"({kinds[key][0]}).",
                )
            kinds.setdefault(key, (kind, c.line))

    def _check_decisions(self, cases: list[CaseRec]) -> None:
        """One decision number per unit and calendar year, in the file and against the
        database (`cases.duplicates`; a case received by entrusting is outside the rule)."""
        seen: dict[tuple[str, str, int], int] = {}
        keys: dict[tuple[int, str, int], list[CaseRec]] = defaultdict(list)
        for c in cases:
            c.decision_no = duplicates.decision_no_clean(c.decision_no)
            if c.from_case:
                continue
            key = (c.unit, duplicates.decision_fold(c.decision_no), c.decision_date.year)
            if key in seen:
                self.err(
                    c.line,
                    f"Số quyết định thi hành án “{c.decision_no}” năm {key[2]} của đơn vị "
                    f"“{c.unit}” bị trùng (đã có ở dòng {seen[key]}).",
                )
                continue
            seen[key] = c.line
            if c.unit in self.db_units:
                keys[(self.db_units[c.unit].pk, key[1], key[2])].append(c)
        for key, code in duplicates.decisions_taken(keys).items():
            for c in keys[key]:
                self.err(
                    c.line,
                    f"Số quyết định thi hành án “{c.decision_no}” năm {key[2]} đã được thụ lý "
                    f"tại đơn vị “{c.unit}” (việc {code}); không thụ lý hai lần một quyết định.",
                )

    def _check_same_obligations(self, cases: list[CaseRec]) -> None:
        """The same judgment, a debtor in common and the same amount as a case in the
        database or an earlier record of the file without a reason (`cases.duplicates`, Luật
        THADS 2008, Điều 36: one decision per obligation): refused unless the record gives the
        reason it is taken again (`duplicate_reason`), as the intake screen asks; the case it
        repeats is `duplicate_of` (given, or the oldest found). An earlier record that gives
        its reason is the repeat, not the original: a file written by code (the export) may
        put the repeat before the case it repeats. Set-based: debtors are compared only for
        records whose judgment and amount occur twice in the file or are in the database (two
        queries per 900 judgments)."""
        index = duplicates.obligation_codes(j.pk for j in self.db_judgments.values())
        judgment_keys = {j.pk: key for key, j in self.db_judgments.items()}
        db_keys = {(*judgment_keys[pk], amount) for pk, amount in index}
        file_keys: dict[tuple, int] = defaultdict(int)
        for c in cases:
            if not c.from_case:
                file_keys[(*c.judgment[:3], c.amount)] += 1
        earlier: dict[tuple, list[tuple[list, str, int, bool]]] = defaultdict(list)
        linked: set[str] = set()  # the cases found to be repeated, for the writers' keys
        for c in cases:
            c.duplicate_reason = c.duplicate_reason.strip()
            self._check_duplicate_keys(c)
            key = (*c.judgment[:3], c.amount)
            if c.from_case or (file_keys[key] < 2 and key not in db_keys):
                continue
            debtors = [
                duplicates.debtor_key(p[3], p[2])
                for p in c.parties
                if p[0] == Party.Role.PHAI_THI_HANH
            ]
            # (code, how the message names it, whether it makes this record a repeat)
            found: list[tuple[str, str, bool]] = []
            judgment = self.db_judgments.get(c.judgment[:3])
            if judgment is not None:
                matched = duplicates.matching(index, judgment.pk, debtors, c.amount)
                found += [(code, code, True) for code in matched]
            found += [
                (code, f"dòng {line}", not explained)
                for others, code, line, explained in earlier[key]
                if any(duplicates.same_debtor(a, b) for a in debtors for b in others)
            ]
            earlier[key].append((debtors, c.code, c.line, bool(c.duplicate_reason)))
            if c.duplicate_reason and found:
                c.duplicate_of = c.duplicate_of or found[0][0]
                linked.add(c.duplicate_of)
            blocking = [label for _code, label, blocks in found if blocks]
            if c.duplicate_reason or not blocking:
                continue
            where = ", ".join(blocking)
            if self.intake:
                advice = "Nếu vẫn thụ lý, hãy nhập việc này trên màn hình Thụ lý và ghi rõ lý do."
            else:
                advice = (
                    "Nếu vẫn thụ lý, ghi rõ lý do vào khóa “duplicate_reason” của bản ghi "
                    "(việc bị trùng: khóa “duplicate_of”, không bắt buộc)."
                )
            self.err(
                c.line,
                f"Bản án {c.judgment[1]} đã được thụ lý với cùng người phải thi hành án và cùng "
                f"số tiền ({where}). {advice}",
            )
        self.db_cases.update(
            existing_by(Case, "code", linked - self.file_cases.keys() - self.db_cases.keys())
        )

    def _check_duplicate_keys(self, c: CaseRec) -> None:
        """`duplicate_of` names a case of the file or the database, never the record itself,
        and comes with its reason (the database's check `case_duplicate_has_reason`)."""
        if not c.duplicate_of:
            return
        if not c.duplicate_reason:
            self.err(
                c.line, "Có “duplicate_of” thì phải ghi lý do vẫn thụ lý (“duplicate_reason”)."
            )
        if c.duplicate_of == c.code:
            self.err(c.line, "Việc không thể trùng với chính nó (duplicate_of).")
        elif c.duplicate_of not in self.file_cases and c.duplicate_of not in self.db_cases:
            self.err(c.line, f"Không tìm thấy việc “{c.duplicate_of}” (duplicate_of).")

    def _check_entrusting(self, cases: list[CaseRec]) -> None:
        # The sending cases in the database: their entrusting events and existing receivers.
        db_senders = self.db_cases
        sent_to: dict[str, set[str]] = defaultdict(set)
        taken: set[str] = set()
        sender_ids = {case.pk: code for code, case in db_senders.items()}
        for chunk in chunks(sorted(sender_ids)):
            for case_id, to_code in CaseEvent.objects.filter(
                case_id__in=chunk, type=EventType.UY_THAC
            ).values_list("case_id", "to_unit__code"):
                sent_to[sender_ids[case_id]].add(to_code)
            for from_id in Case.objects.filter(from_case_id__in=chunk).values_list(
                "from_case_id", flat=True
            ):
                taken.add(sender_ids[from_id])
        for code, rec in self.file_cases.items():
            for e in rec.events:
                if e.type == EventType.UY_THAC and e.to_unit_id:
                    sent_to[code].add(e.to_unit_id)
        receivers: dict[str, int] = {}
        for c in cases:
            if not c.from_case:
                continue
            if c.from_case == c.code:
                self.err(c.line, "Việc không thể nhận ủy thác từ chính nó.")
                continue
            if c.from_case not in self.file_cases and c.from_case not in self.db_cases:
                self.err(c.line, f"Không tìm thấy việc ủy thác “{c.from_case}” (from_case).")
                continue
            if c.from_case in receivers:
                self.err(
                    c.line,
                    f"Việc “{c.from_case}” đã được nhận ủy thác ở dòng {receivers[c.from_case]}.",
                )
            elif c.from_case in taken:
                self.err(
                    c.line,
                    f"Việc “{c.from_case}” đã có việc nhận ủy thác trong cơ sở dữ liệu.",
                )
            elif c.unit not in sent_to.get(c.from_case, set()):
                self.err(
                    c.line,
                    f"Việc “{c.from_case}” không có sự kiện ủy thác (uy_thac) cho đơn vị "
                    f"“{c.unit}”.",
                )
            receivers.setdefault(c.from_case, c.line)
        # Chains of entrusting must not loop (A from B, B from A).
        for c in cases:
            seen = {c.code}
            current = c.from_case
            while current and current in self.file_cases:
                if current in seen:
                    self.err(c.line, "Chuỗi ủy thác tạo thành vòng lặp.")
                    break
                seen.add(current)
                current = self.file_cases[current].from_case

    def _check_case(self, c: CaseRec) -> None:
        line = c.line
        if self._unit_known(line, c.unit):
            valid_from, valid_to = self.unit_validity(c.unit)
            if not valid_on(valid_from, valid_to, c.accepted_on):
                self.err(
                    line,
                    f"Đơn vị “{c.unit}” không hoạt động vào ngày thụ lý {c.accepted_on:%d/%m/%Y}.",
                )
        expected_year = series_mismatch(c.code, c.unit, c.accepted_on)
        if expected_year is not None:
            self.err(
                line,
                f"Mã việc “{c.code}” không đúng sổ thụ lý của đơn vị: việc thụ lý ngày "
                f"{c.accepted_on:%d/%m/%Y} thuộc năm báo cáo {expected_year} "
                f"(mã “{c.unit}/{expected_year}/…”).",
            )
        judgment_date = c.judgment[2]
        if c.decision_date < judgment_date or c.accepted_on < judgment_date:
            self.err(
                line,
                "Ngày thụ lý và ngày ra quyết định thi hành án không được trước ngày bản án "
                f"({judgment_date:%d/%m/%Y}).",
            )
        if not any(p[0] == Party.Role.PHAI_THI_HANH for p in c.parties):
            self.err(line, "Việc thi hành án phải có ít nhất một người phải thi hành án.")
        self._check_identities(c)
        if c.officer:
            title = self._officer_title(c.officer)
            if title is None:
                self.err(line, f"Không tìm thấy Chấp hành viên “{c.officer}”.")
            elif not title.startswith("chap_hanh_vien"):
                self.err(line, f"Cán bộ “{c.officer}” không phải Chấp hành viên.")
        corrected: set[int] = set()
        for e in c.events:
            if e.corrects_id is not None:
                if e.corrects_id in corrected:
                    self.err(
                        line,
                        f"Sự kiện thứ {e.seq}: sự kiện thứ {e.corrects_id} đã được sửa trước đó.",
                    )
                    return
                corrected.add(e.corrects_id)
            if e.to_unit_id:
                label = f"Sự kiện thứ {e.seq} ({e.type} ngày {e.on:%d/%m/%Y})"
                validity = self.unit_validity(e.to_unit_id)
                if validity is None:
                    self.err(line, f"{label}: không tìm thấy đơn vị nhận ủy thác “{e.to_unit_id}”.")
                    return
                if not valid_on(*validity, e.on):
                    self.err(
                        line,
                        f"{label}: đơn vị “{e.to_unit_id}” không hoạt động vào ngày "
                        f"{e.on:%d/%m/%Y}.",
                    )
                    return
        outcome = c.validated or replay.validate_case(c, self.today)
        if outcome[0] == "ok":
            c.snapshot = outcome[1]
        else:
            _error, index, text, article = outcome
            event = c.events[index]
            message = text + (f" ({article})" if article else "")
            self.err(
                line,
                f"sự kiện thứ {event.seq} ({event.type} ngày {event.on:%d/%m/%Y}): {message}",
            )

    def _check_identities(self, c: CaseRec) -> None:
        """Each party's CCCD / CMND / tax code (`common.identity`), kept in canonical form."""
        parties = []
        for i, (role, kind, name, id_number, address) in enumerate(c.parties, start=1):
            if id_number:
                try:
                    id_number = identity_number_clean(
                        id_number, organisation=kind == Party.Kind.TO_CHUC
                    )
                except DomainError as exc:
                    self.err(c.line, f"đương sự thứ {i} ({name}): {exc.message}")
            parties.append((role, kind, name, id_number, address))
        c.parties = parties
