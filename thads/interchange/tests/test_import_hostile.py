"""Hostile values in an import (issue 9, item 4): every value of every key of every record type
of a valid file is replaced by each hostile value in turn; the import answers `line N: …`
errors (ImportFailed) — never a traceback — and the database is unchanged. The command says
the same and exits 1."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from thads.cases.models import Case, CaseEvent
from thads.interchange.importer import ImportFailed, import_lines
from thads.org.models import Staff, Unit
from thads.targets.models import Target
from thads.testing.interchange import base_records, to_lines

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)

HOSTILE = [
    "²",
    "١٢٣",
    10**30,  # beyond bigint
    -(10**30),
    "\x00",
    "a\x00b",
    1e308,
    None,
    [],
    {"x": 1},
    True,
]
NESTED = "[" * 100_000 + "]" * 100_000  # RecursionError in json.loads today


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Unit, Staff, Target, Case, CaseEvent))


def _assert_no_traceback(lines: list[str], where: str) -> None:
    """Accepted (a strange but valid text) or refused with line errors, changing nothing."""
    before = _counts()
    with transaction.atomic():
        try:
            import_lines(lines, today=TODAY)
        except ImportFailed as failed:
            assert failed.errors, where
            for line, message in failed.errors:
                assert isinstance(line, int) and message and "Traceback" not in message, where
            assert _counts() == before, where
        except Exception as exc:  # noqa: BLE001 - a traceback is the finding
            pytest.fail(f"{where}: {type(exc).__name__}: {exc}"[:500])
        transaction.set_rollback(True)


def _case_index(records: list[dict]) -> int:
    return next(i for i, r in enumerate(records) if r["type"] == "case")


def test_every_key_of_every_record_with_every_hostile_value():
    records = base_records()
    targets = []
    seen_types = set()
    for index, record in enumerate(records):
        if record["type"] in seen_types:  # one record of each type
            continue
        seen_types.add(record["type"])
        for key in record:
            if key != "type":
                targets.append((index, (key,)))
    case = _case_index(records)
    for key in records[case]["judgment"]:
        targets.append((case, ("judgment", key)))
    for key in records[case]["parties"][0]:
        targets.append((case, ("parties", 0, key)))
    for key in records[case]["events"][1]:
        targets.append((case, ("events", 1, key)))
    for index, path in targets:
        for value in HOSTILE:
            changed = base_records()
            holder = changed[index]
            for step in path[:-1]:
                holder = holder[step]
            if holder.get(path[-1], object()) == value:
                continue
            holder[path[-1]] = value
            _assert_no_traceback(to_lines(changed), f"line {index + 1} {path} = {value!r}")


def test_deeply_nested_json_names_its_line():
    lines = to_lines(base_records())
    lines.insert(3, NESTED)
    with pytest.raises(ImportFailed) as failed:
        import_lines(lines, today=TODAY)
    assert (4, "JSON lồng nhau quá sâu.") in failed.value.errors


def test_nul_escape_names_its_line():
    records = base_records()
    lines = to_lines(records)
    lines[0] = lines[0].replace('"name": "', '"name": "\\u0000', 1)
    with pytest.raises(ImportFailed) as failed:
        import_lines(lines, today=TODAY)
    assert failed.value.errors[0][0] == 1 and "NUL" in failed.value.errors[0][1]


def test_the_command_prints_line_errors_and_exits_1(tmp_path):
    records = base_records()
    records[_case_index(records)]["amount"] = 10**30
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join([*to_lines(records), NESTED]) + "\n", encoding="utf-8")
    before = _counts()
    err = io.StringIO()
    with pytest.raises(CommandError) as exited:  # `thads import` exits 1 on a CommandError
        call_command("import", str(path), "--today", TODAY.isoformat(), stderr=err)
    text = err.getvalue() + str(exited.value)
    assert "Traceback" not in text
    assert f"line {len(records) + 1}: JSON lồng nhau quá sâu." in text
    assert "vượt quá giới hạn" in text
    assert _counts() == before
