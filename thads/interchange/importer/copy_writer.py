"""Phase 3 of an import on PostgreSQL: the cases written with COPY.

Judgments, cases, parties, obligations and events are written with COPY (psycopg 3
`cursor.copy`), keys allocated beforehand from the tables' sequences so that every reference
(judgment, entrusting case, corrected event) is known before writing. The foreign keys (Django
creates them DEFERRABLE INITIALLY DEFERRED) are checked at the end of each COPY and deferred
again afterwards.

Row history: the pghistory insert triggers of the four tracked tables are skipped
(`pgtrigger.ignore`) and the same history rows are written afterwards with one
`INSERT … SELECT` per table: same columns, label "insert", the context the trigger would have
attached (`_pgh_attach_context()`, e.g. a request's or a command's `pghistory.context`) and
NOW(), the transaction's time, as the trigger would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

import pgtrigger
from django.apps import apps
from django.db import connection
from django.utils import timezone

from thads.cases.law import law_on
from thads.cases.models import Case, CaseEvent, Judgment, Obligation, Party
from thads.common.text import fold_vietnamese
from thads.interchange.importer.checks import Checker
from thads.interchange.importer.records import OBLIGATION_DESCRIPTION, CaseRec
from thads.org.models import Staff, Unit

HISTORY_INSERT_TRIGGERS = (
    "cases.Judgment:insert_insert",
    "cases.Case:insert_insert",
    "cases.Party:insert_insert",
    "cases.Obligation:insert_insert",
)
TRACKED = ("created_at", "updated_at", "created_by_id", "updated_by_id", "version")
JUDGMENT_COLUMNS = ("id", *TRACKED, "court", "number", "date", "kind")
CASE_COLUMNS = (
    "id",
    *TRACKED,
    "code",
    "unit_id",
    "judgment_id",
    "decision_no",
    "decision_date",
    "accepted_on",
    "received_on",
    "mode",
    "officer_id",
    "is_state_budget",
    "is_bank_credit",
    "is_corruption",
    "from_case_id",
    "duplicate_of_id",
    "duplicate_reason",
    "amount",
    "steering_note",
    "state",
    "is_classified",
    "collected",
    "reduced",
    "paid_out",
    "first_collected_on",
    "closed_on",
)
PARTY_COLUMNS = (
    *TRACKED,
    "case_id",
    "role",
    "kind",
    "name",
    "id_number",
    "address",
    "search_name",
    "position",
)
OBLIGATION_COLUMNS = (
    *TRACKED,
    "case_id",
    "description",
    "amount",
    "priority",
    "is_state_budget",
    "payee_id",
    "position",
)
EVENT_COLUMNS = (
    "id",
    "case_id",
    "seq",
    "type",
    "on",
    "recorded_at",
    "recorded_by_id",
    "amount",
    "data",
    "law_version",
    "corrects_id",
    "to_unit_id",
)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


class CopyWriter:
    """Writes the cases `checked` (a `Checker` without errors) resolved, with COPY."""

    def __init__(self, checked: Checker):
        self.checked = checked

    def write_cases(
        self,
        cases: list[CaseRec],
        units: dict[str, Unit],
        staff: dict[str, Staff],
        case_ids: dict[str, int],
    ) -> tuple[int, int, int]:
        imp = self.checked
        unit_ids = {code: u.pk for code, u in units.items()}
        staff_ids = {code: s.pk for code, s in staff.items()}
        now = timezone.now()
        tracked = (now, now, None, None, 1)
        new_judgments: dict[tuple, str] = {}
        for c in cases:
            key = c.judgment[:3]
            if key not in imp.db_judgments and key not in new_judgments:
                new_judgments[key] = c.judgment[3]
        events_total = sum(len(c.events) for c in cases)
        with pgtrigger.ignore(*HISTORY_INSERT_TRIGGERS), connection.cursor() as cursor:
            cursor.execute("SELECT _pgh_attach_context()")
            context_id = cursor.fetchone()[0]
            foreign_keys = self.deferred_foreign_keys(cursor)
            if foreign_keys:
                # Checked at the end of each COPY instead of at commit: the same checks, but
                # a queue of a million deferred checks at commit took twice as long.
                cursor.execute(f"SET CONSTRAINTS {foreign_keys} IMMEDIATE")
            judgment_ids = self.allocate(cursor, Judgment, len(new_judgments))
            new_case_ids = self.allocate(cursor, Case, len(cases))
            event_ids = iter(self.allocate(cursor, CaseEvent, events_total))
            judgment_pk = {key: j.pk for key, j in imp.db_judgments.items()}
            judgment_pk.update(zip(new_judgments, judgment_ids, strict=True))
            for c, pk in zip(cases, new_case_ids, strict=True):
                case_ids[c.code] = pk

            self.copy(
                cursor,
                Judgment,
                JUDGMENT_COLUMNS,
                (
                    (pk, *tracked, court, number, date, kind)
                    for ((court, number, date), kind), pk in zip(
                        new_judgments.items(), judgment_ids, strict=True
                    )
                ),
            )
            self.copy(
                cursor,
                Case,
                CASE_COLUMNS,
                (
                    (
                        case_ids[c.code],
                        *tracked,
                        c.code,
                        unit_ids[c.unit],
                        judgment_pk[c.judgment[:3]],
                        c.decision_no,
                        c.decision_date,
                        c.accepted_on,
                        c.received_on,
                        c.mode,
                        staff_ids[c.officer] if c.officer else None,
                        "ngan_sach" in c.flags,
                        "tin_dung" in c.flags,
                        "tham_nhung_kinh_te" in c.flags,
                        case_ids[c.from_case] if c.from_case else None,
                        # A case of a judgment and obligation taken already, with its reason
                        # (`checks`, `cases.duplicates`); keys allocated above, so a case of
                        # the file is referred to whatever its place in the COPY.
                        case_ids[c.duplicate_of] if c.duplicate_of else None,
                        c.duplicate_reason,
                        c.amount,
                        "",
                        c.snapshot.state,
                        c.snapshot.is_classified,
                        c.snapshot.collected,
                        c.snapshot.reduced,
                        c.snapshot.paid_out,
                        c.snapshot.first_collected_on,
                        c.snapshot.closed_on,
                    )
                    for c in cases
                ),
            )
            self.copy(
                cursor,
                Party,
                PARTY_COLUMNS,
                (
                    (
                        *tracked,
                        case_ids[c.code],
                        role,
                        kind,
                        name,
                        id_number,
                        address,
                        fold_vietnamese(name),
                        position,
                    )
                    for c in cases
                    for position, (role, kind, name, id_number, address) in enumerate(c.parties)
                ),
            )
            self.copy(
                cursor,
                Obligation,
                OBLIGATION_COLUMNS,
                (
                    (
                        *tracked,
                        case_ids[c.code],
                        OBLIGATION_DESCRIPTION,
                        c.amount,
                        Obligation.Priority.KHAC.value,
                        "ngan_sach" in c.flags,
                        None,
                        0,
                    )
                    for c in cases
                ),
            )
            self.copy(
                cursor,
                CaseEvent,
                EVENT_COLUMNS,
                lines=self.event_lines(cases, case_ids, event_ids, unit_ids, now),
            )
            self.history(cursor, Judgment, "id", judgment_ids, context_id)
            self.history(cursor, Case, "id", new_case_ids, context_id)
            self.history(cursor, Party, "case_id", new_case_ids, context_id)
            self.history(cursor, Obligation, "case_id", new_case_ids, context_id)
            if foreign_keys:
                cursor.execute(f"SET CONSTRAINTS {foreign_keys} DEFERRED")
        return len(new_judgments), len(cases), events_total

    @staticmethod
    def event_lines(cases, case_ids, event_ids, unit_ids, now) -> Iterator[str]:
        """The events as lines of COPY text, formatted here (the bulk of the rows: 8 a case).

        Every value is a number, a date, a timestamp, a choice code or `json.dumps` output
        (ASCII, control characters already escaped), so the only character COPY needs escaped
        is the backslash.
        """
        versions: dict[dt.date, str] = {}
        recorded_at = now.isoformat()
        for c in cases:
            case_id = case_ids[c.code]
            ids: dict[int, int] = {}
            for e in c.events:
                pk = ids[e.seq] = next(event_ids)
                version = versions.get(e.on)
                if version is None:
                    version = versions[e.on] = law_on(e.on).version
                data = json.dumps(e.data).replace("\\", "\\\\") if e.data else "{}"
                amount = "\\N" if e.amount is None else e.amount
                corrects = "\\N" if e.corrects_id is None else ids[e.corrects_id]
                to_unit = unit_ids[e.to_unit_id] if e.to_unit_id else "\\N"
                yield (
                    f"{pk}\t{case_id}\t{e.seq}\t{e.type}\t{e.on}\t{recorded_at}\t\\N\t"
                    f"{amount}\t{data}\t{version}\t{corrects}\t{to_unit}\n"
                )

    @staticmethod
    def deferred_foreign_keys(cursor) -> str:
        """The initially deferred foreign keys of the tables written here, quoted, joined."""
        tables = [m._meta.db_table for m in (Judgment, Case, Party, Obligation, CaseEvent)]
        cursor.execute(
            "SELECT n.nspname, c.conname FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE c.contype = 'f' AND c.condeferrable AND c.condeferred "
            "AND c.conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        return ", ".join(f"{_quote(schema)}.{_quote(name)}" for schema, name in cursor.fetchall())

    @staticmethod
    def allocate(cursor, model, count: int) -> range | list[int]:
        """`count` fresh keys from the table's sequence."""
        if not count:
            return []
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column]
        )
        sequence = cursor.fetchone()[0]
        # Usually one consecutive range (nobody else took a key meanwhile): only its bounds
        # travel; otherwise every key.
        cursor.execute(
            "WITH k AS (SELECT nextval(%s::regclass) AS id FROM generate_series(1, %s)) "
            "SELECT min(id), max(id), CASE WHEN max(id) - min(id) + 1 = count(*) THEN NULL "
            "ELSE array_agg(id ORDER BY id) END FROM k",
            [sequence, count],
        )
        first, last, keys = cursor.fetchone()
        return keys if keys is not None else range(first, last + 1)

    @staticmethod
    def copy(
        cursor,
        model,
        columns: tuple[str, ...],
        rows: Iterable[tuple] = (),
        lines: Iterable[str] = (),
    ) -> None:
        """COPY tuples (formatted by psycopg) or ready lines of COPY text."""
        table = _quote(model._meta.db_table)
        names = ", ".join(_quote(c) for c in columns)
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(row)
            chunk: list[str] = []
            for line in lines:
                chunk.append(line)
                if len(chunk) == 4096:
                    copy.write("".join(chunk))
                    chunk.clear()
            if chunk:
                copy.write("".join(chunk))

    @staticmethod
    def history(cursor, model, key: str, ids: range | list[int], context_id) -> None:
        """The row-history rows the skipped insert trigger would have written, set-based."""
        if not ids:
            return
        history = apps.get_model(model._meta.app_label, f"{model.__name__}History")
        special = {
            "pgh_context_id": "%s::uuid",
            "pgh_created_at": "NOW()",
            "pgh_label": "'insert'",
            "pgh_obj_id": _quote(model._meta.pk.column),
        }
        columns = [f.column for f in history._meta.concrete_fields if f.column != "pgh_id"]
        values = [special.get(c, _quote(c)) for c in columns]
        params: list[Any] = [context_id]
        if isinstance(ids, range):  # consecutive keys: all of them are ours
            where = f"{_quote(key)} BETWEEN %s AND %s"
            params += [ids[0], ids[-1]]
        else:
            where = f"{_quote(key)} = ANY(%s)"
            params.append(list(ids))
        table, source = _quote(history._meta.db_table), _quote(model._meta.db_table)
        sql = (
            f"INSERT INTO {table} ({', '.join(map(_quote, columns))}) "  # noqa: S608 - model names
            f"SELECT {', '.join(values)} FROM {source} WHERE {where} "
            f"ORDER BY {_quote(model._meta.pk.column)}"
        )
        cursor.execute(
            sql,
            params,
        )
