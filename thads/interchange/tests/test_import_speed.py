"""The importer's fast paths give the same result as the careful ones.

- `_fast_case` (well-formed case lines) must build exactly the record `_parse_case` builds, and
  give up (None) on every line `_parse_case` refuses, so the messages still come from one place.
- On PostgreSQL the cases are written with COPY and their row history set-based: the history
  rows must be the ones the pghistory triggers would have written, the triggers must be active
  again afterwards and the foreign keys deferred again.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from django.db import IntegrityError, connection, transaction

from thads.cases.models import Case, CaseEvent, Judgment, Obligation, Party
from thads.interchange import importer
from thads.interchange.importer import import_lines, parsing, replay
from thads.testing.interchange import CASE, RECEIVER, SENDER, base_records, to_lines

TODAY = dt.date(2026, 11, 21)


def comparable(parsed: importer.Parsed) -> list:
    def event(e: importer.EventRec) -> tuple:
        return tuple(getattr(e, name) for name in importer.EventRec.__slots__)

    return [
        (c.__dict__ | {"events": [event(e) for e in c.events], "snapshot": None})
        for c in parsed.cases
    ]


def parse_both(obj, monkeypatch) -> tuple[list, list, list, list]:
    """(fast records, fast errors, careful records, careful errors) of one line."""
    line = [json.dumps(obj, ensure_ascii=False)]
    fast_errors: list = []
    fast = importer.parse(line, fast_errors)
    with monkeypatch.context() as m:
        m.setattr(parsing, "_fast_case", lambda obj, line: None)
        slow_errors: list = []
        slow = importer.parse(line, slow_errors)
    return comparable(fast), fast_errors, comparable(slow), slow_errors


def variants() -> list[tuple[str, dict]]:
    """Valid and invalid case lines: (name, record)."""
    out: list[tuple[str, dict]] = [("case", CASE), ("sender", SENDER), ("receiver", RECEIVER)]

    def with_(name, change):
        record = copy.deepcopy(CASE)
        change(record)
        out.append((name, record))

    def set_(key, value):
        return lambda r: r.__setitem__(key, value)

    def event(index, key, value):
        return lambda r: r["events"][index].__setitem__(key, value)

    def party(index, key, value):
        return lambda r: r["parties"][index].__setitem__(key, value)

    for key in ("received_on", "flags", "officer", "events", "from_case"):
        with_(f"{key} null", set_(key, None))
    for key in ("flags", "officer", "events"):
        with_(f"{key} absent", lambda r, key=key: r.pop(key))
    with_("received_on set", set_("received_on", "2020-10-01"))
    with_("duplicate keys", lambda r: r.update(duplicate_reason=" Tách nghĩa vụ ",
                                               duplicate_of="TN-SC/2021/0001"))  # fmt: skip
    for key in ("duplicate_reason", "duplicate_of"):
        with_(f"{key} null", set_(key, None))
        with_(f"{key} blank", set_(key, " "))
        with_(f"{key} number", set_(key, 7))
    with_("events empty", set_("events", []))
    with_("all flags", set_("flags", ["ngan_sach", "tin_dung", "tham_nhung_kinh_te"]))
    with_("party optional null", party(1, "address", None))
    with_("party empty id", party(0, "id_number", ""))
    with_("event data", event(0, "data", {"ground": "x"}))
    with_("event data null", event(0, "data", None))
    with_("event data empty", event(0, "data", {}))
    with_("event amount null", event(1, "amount", None))
    with_("correction", lambda r: r["events"].append({"on": "2021-12-02", "type": "huy_su_kien",
                                                      "corrects": 2}))  # fmt: skip
    with_("hoan reason", lambda r: r["events"].insert(1, {"on": "2020-12-01", "type": "hoan",
                                                          "reason": "thoa_thuan"}))  # fmt: skip
    # Refused lines: the fast path must give up on each.
    for key in ("code", "unit", "decision_no"):
        with_(f"{key} blank", set_(key, "  "))
        with_(f"{key} number", set_(key, 12))
    for key in ("accepted_on", "decision_date", "received_on"):
        with_(f"{key} bad", set_(key, "03/11/2020"))
        with_(f"{key} impossible", set_(key, "2020-02-30"))
    with_("missing amount", lambda r: r.pop("amount"))
    with_("unknown key", set_("note", "x"))
    with_("amount bool", set_("amount", True))
    with_("amount negative", set_("amount", -1))
    with_("amount float", set_("amount", 1.5))
    with_("mode unknown", set_("mode", "khac"))
    with_("mode null", set_("mode", None))
    with_("judgment list", set_("judgment", []))
    with_("judgment type key", lambda r: r["judgment"].__setitem__("type", "x"))
    with_("judgment missing", lambda r: r["judgment"].pop("kind"))
    with_("judgment kind", lambda r: r["judgment"].__setitem__("kind", "x"))
    with_("judgment date", lambda r: r["judgment"].__setitem__("date", "2020-8-14"))
    with_("flags unknown", set_("flags", ["x"]))
    with_("flags text", set_("flags", "tin_dung"))
    with_("flags nested", set_("flags", [["tin_dung"]]))
    with_("officer blank", set_("officer", ""))
    with_("from_case number", set_("from_case", 5))
    with_("parties not list", set_("parties", {}))
    with_("party not object", set_("parties", ["x"]))
    with_("party type key", party(0, "type", "x"))
    with_("party role", party(0, "role", "x"))
    with_("party kind", party(0, "kind", None))
    with_("party name blank", party(0, "name", " "))
    with_("party id number", party(0, "id_number", 19))
    with_("party address", party(0, "address", False))
    with_("party missing", lambda r: r["parties"][0].pop("role"))
    with_("events not list", set_("events", {}))
    with_("event not object", set_("events", [1]))
    with_("event unknown key", event(0, "note", "x"))
    with_("event missing on", lambda r: r["events"][0].pop("on"))
    with_("event type", event(0, "type", "x"))
    with_("event date", event(0, "on", None))
    with_("event data list", event(0, "data", []))
    with_("event amount type", event(0, "amount", 5))
    with_("event amount negative", event(1, "amount", -5))
    with_("event amount bool", event(1, "amount", False))
    with_("event reason type", event(1, "reason", "khac"))
    with_("event to_unit type", event(1, "to_unit", "TN-PY"))
    with_("event corrects forward", event(0, "corrects", 1))
    with_("event corrects bool", event(1, "corrects", True))
    with_("event corrects null", event(1, "corrects", None))
    void = {"on": "2021-12-02", "type": "huy_su_kien"}
    with_("void without corrects", lambda r: r["events"].append(void))

    def hoan(reason, data=None):
        def change(r):
            e = {"on": "2020-12-01", "type": "hoan", "reason": reason}
            if data is not None:
                e["data"] = data
            r["events"].insert(1, e)

        return change

    with_("hoan bad reason", hoan("x"))
    with_("hoan null reason", hoan(None))
    with_("hoan reason twice", hoan("khac", {"reason": "khac"}))
    uy_thac = copy.deepcopy(SENDER)
    uy_thac["events"][-1]["to_unit"] = " "
    out.append(("to_unit blank", uy_thac))
    return out


@pytest.mark.parametrize("name,record", variants(), ids=lambda v: v if isinstance(v, str) else "")
def test_fast_case_path_equals_the_careful_one(name, record, monkeypatch):
    fast, fast_errors, slow, slow_errors = parse_both(record, monkeypatch)
    assert (fast, fast_errors) == (slow, slow_errors)


def test_fast_case_path_reads_valid_lines(monkeypatch):
    """The fast path is really taken for valid lines (else the import is slow, not wrong)."""
    valid = 0
    for name, record in variants():
        _fast, _fast_errors, slow, slow_errors = parse_both(record, monkeypatch)
        # A "type" key inside a judgment or party is tolerated; the careful path reads those.
        if slow and not slow_errors and "type key" not in name:
            assert importer._fast_case(record, 1) is not None, name
            valid += 1
    assert valid >= 20
    careful = []
    monkeypatch.setitem(parsing.PARSERS, "case", (lambda r, line: careful.append(line), "cases"))
    importer.parse(to_lines(base_records()), [])
    assert careful == []


def test_copy_columns_are_every_column_of_the_model():
    """A new column must be given a value by the PostgreSQL COPY path too."""
    for model, columns, implicit in [
        (Judgment, importer.JUDGMENT_COLUMNS, set()),
        (Case, importer.CASE_COLUMNS, set()),
        (Party, importer.PARTY_COLUMNS, {"id"}),
        (Obligation, importer.OBLIGATION_COLUMNS, {"id"}),
        (CaseEvent, importer.EVENT_COLUMNS, set()),
    ]:
        assert len(set(columns)) == len(columns)
        assert set(columns) | implicit == {f.column for f in model._meta.concrete_fields}


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY and pghistory triggers: PostgreSQL only"
)


def history_rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pgh_obj_id, pgh_label, pgh_context_id FROM {table} ORDER BY pgh_id"  # noqa: S608
        )
        return cursor.fetchall()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_history_rows_are_those_of_the_triggers(records):
    import pghistory

    with pghistory.context(source="thads import"):
        import_lines(to_lines(records), today=TODAY)
    context_ids = set()
    for model, table in [
        (Judgment, "cases_judgmenthistory"),
        (Case, "cases_casehistory"),
        (Party, "cases_partyhistory"),
        (Obligation, "cases_obligationhistory"),
    ]:
        rows = history_rows(table)
        assert sorted(r[0] for r in rows) == sorted(model.objects.values_list("pk", flat=True))
        assert {r[1] for r in rows} == {"insert"}
        context_ids |= {r[2] for r in rows}
    assert len(context_ids) == 1 and None not in context_ids
    # Same values as the row (the trigger copies NEW.*).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM cases_casehistory h JOIN cases_case c ON c.id = h.pgh_obj_id "
            "WHERE (h.code, h.state, h.collected, h.judgment_id, h.from_case_id, h.created_at) "
            "IS NOT DISTINCT FROM (c.code, c.state, c.collected, c.judgment_id, c.from_case_id, "
            "c.created_at)"
        )
        assert cursor.fetchone()[0] == Case.objects.count() == 3
    # The triggers work again after the import: a change writes its history row.
    case = Case.objects.get(code="TN-SC/2021/0123")
    Case.objects.filter(pk=case.pk).update(version=2)
    assert history_rows("cases_casehistory")[-1][:2] == (case.pk, "update")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_without_context_the_history_has_none(records):
    import_lines(to_lines(records), today=TODAY)
    assert {r[2] for r in history_rows("cases_casehistory")} == {None}
    assert len(history_rows("cases_partyhistory")) == Party.objects.count() == 4


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_foreign_keys_are_deferred_again_after_the_import(records):
    with pytest.raises(IntegrityError), transaction.atomic():
        import_lines(to_lines(records), today=TODAY)
        # A dangling reference is only refused at commit, as before the import.
        Party.objects.create(case_id=10**9, role="phai_thi_hanh", kind="ca_nhan", name="X")
        assert Party.objects.filter(case_id=10**9).exists()
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_event_data_with_special_characters_is_kept(records):
    """Backslashes, tabs, newlines and Vietnamese text survive the COPY text format."""
    data = {"ground": "khong_tai_san", "note": "a\\b\tc\nd\r\\N đương sự", "signer": None}
    records[11]["events"][0]["data"] = data
    records[9]["events"][1]["corrects"] = None
    del records[9]["events"][1]["corrects"]
    import_lines(to_lines(records), today=TODAY)
    event = CaseEvent.objects.get(case__code=RECEIVER["code"], seq=1)
    assert event.data == data
    assert event.amount is None and event.corrects_id is None and event.to_unit_id is None
    sent = CaseEvent.objects.get(case__code=SENDER["code"], seq=5)
    assert sent.to_unit.code == "TN-PY" and sent.data == {}
    paid = CaseEvent.objects.get(case__code=CASE["code"], seq=2)
    assert paid.amount == 50_000_000 and paid.law_version == "2008"


def two_process_records() -> list:
    """Valid cases and a refused history in each half, a bad line, units and staff late."""
    records = base_records()
    cases = []
    for i in range(12):
        case = copy.deepcopy(CASE)
        case["code"] = f"TN-SC/2021/{i:04d}"
        case["judgment"]["number"] = f"{i}/2020/DS-ST"
        # Its own QĐ THA number: one number per unit and year (`cases.duplicates`).
        case["decision_no"] = f"{1000 + i}/QĐ-CCTHADS"
        cases.append(case)
    cases[2]["events"].insert(0, {"on": "2020-11-20", "type": "xong"})  # refused history
    cases[9]["events"][1]["amount"] = 999_000_000  # refused history in the second half
    cases[10]["amount"] = -1  # a line the parser refuses, second half
    return [*cases[:6], "{not json", *cases[6:], *records]


def outcome(lines, today=TODAY) -> tuple:
    imp = importer.Importer(today=today)
    parsed = importer.parse(lines, imp.errors)
    imp.check(parsed)
    cases = [(c.code, c.line, c.snapshot) for c in parsed.cases]
    return cases, imp.errors


@pytest.mark.django_db
def test_two_processes_give_the_one_process_result(monkeypatch):
    lines = to_lines(two_process_records())
    one = outcome(lines)
    assert len(one[1]) == 4  # the three refused lines and the bad JSON
    monkeypatch.setattr(replay, "PARALLEL_CASES", 1)
    forked = []
    real_in_child = replay._in_child
    monkeypatch.setattr(replay, "_in_child", lambda work: forked.append(1) or real_in_child(work))
    assert outcome(lines) == one
    assert forked == [1]
    # A child that fails: its half is replayed again here, same result.
    monkeypatch.setattr(replay, "_in_child", lambda work: lambda: None)
    assert outcome(lines) == one


@pytest.mark.django_db
def test_two_processes_import_everything(monkeypatch):
    monkeypatch.setattr(replay, "PARALLEL_CASES", 1)
    records = [r for r in two_process_records() if isinstance(r, dict)]
    del records[10], records[9], records[2]
    result = import_lines(to_lines(records), today=TODAY)
    assert result.cases == Case.objects.count() == 12
    assert Case.objects.get(code="TN-SC/2021/0011").state == "xong"


@postgres_only
@pytest.mark.django_db
def test_the_loaded_tables_are_analysed_for_the_planner(records):
    """After an import the planner knows the new rows (ANALYZE sets pg_class.reltuples, -1 on
    a table never analysed), so the first reports are not planned blind."""

    def reltuples(table: str) -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]

    import_lines(to_lines(records), today=TODAY)
    assert reltuples("cases_case") == Case.objects.count() == 3
    assert reltuples("cases_caseevent") == CaseEvent.objects.count() > 0
    assert reltuples("stats_casefact") == 3
