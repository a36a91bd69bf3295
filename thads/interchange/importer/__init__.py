"""`thads import`: read a JSON Lines file, validate everything, then write it set-based.

The contract is `../shared/spec/interchange.md` (and `docs/interchange-notes.md` for the
choices it leaves open). Three phases, one concern per module:

1. parse every line into plain records (`records`) — syntax, keys, types, dates, amounts,
   choices: the careful reader (`parsing`) and, for well-formed case lines, the fast one
   (`fast_parsing`);
2. resolve references after reading (records come in any order) against the file and the
   database, check the unit hierarchy (``Unit.clean``), staff postings, duplicates (`checks`),
   and replay every case history through ``cases.transitions.validate_history`` (`replay`,
   half of it in a forked child for large files);
3. only when there is no error at all: write in one transaction (`pipeline`) — with the ORM,
   ``bulk_create`` in batches (`orm_writer`), the cases with COPY on PostgreSQL
   (`copy_writer`).

Every error is reported as ``(line, message)``; nothing is written when there is one.

This package was one module: the names below are the ones it had, so that callers and tests
import them from here unchanged.
"""

from __future__ import annotations

from thads.interchange.importer.checks import CHUNK
from thads.interchange.importer.copy_writer import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    HISTORY_INSERT_TRIGGERS,
    JUDGMENT_COLUMNS,
    OBLIGATION_COLUMNS,
    PARTY_COLUMNS,
    TRACKED,
)
from thads.interchange.importer.fast_parsing import (
    CASE_ALLOWED,
    CASE_MODES,
    CASE_REQUIRED,
    EVENT_ALLOWED,
    EVENT_TYPE_SET,
    HOAN_REASONS,
    JUDGMENT_FIELDS,
    JUDGMENT_KINDS,
    NO_FLAGS,
    PARTY_ALLOWED,
    PARTY_KINDS,
    PARTY_REQUIRED,
    PARTY_ROLES,
    _fast_case,
)
from thads.interchange.importer.orm_writer import BATCH
from thads.interchange.importer.parsing import (
    CASE_MODE_VALUES,
    COMPLAINT_KINDS,
    COMPLAINT_RESULTS,
    EVENT_TYPES,
    JUDGMENT_KIND_VALUES,
    PARSERS,
    PARTY_KIND_VALUES,
    PARTY_ROLE_VALUES,
    STAFF_TITLES,
    UNIT_LEVELS,
    _parse_case,
    parse,
)
from thads.interchange.importer.pipeline import Importer, import_lines
from thads.interchange.importer.records import (
    AMOUNT_EVENTS,
    EVENT_KEYS,
    FLAGS,
    JUDGMENT_KEYS,
    KEYS,
    OBLIGATION_DESCRIPTION,
    PARTY_KEYS,
    RATE_RE,
    RECORD_TYPES,
    WORK_EVENTS,
    CaseRec,
    ComplaintRec,
    EventRec,
    ImportFailed,
    ImportResult,
    Parsed,
    StaffRec,
    TargetRec,
    UnitRec,
)
from thads.interchange.importer.replay import PARALLEL_CASES, _in_child

__all__ = [
    # records
    "AMOUNT_EVENTS",
    "EVENT_KEYS",
    "FLAGS",
    "JUDGMENT_KEYS",
    "KEYS",
    "OBLIGATION_DESCRIPTION",
    "PARTY_KEYS",
    "RATE_RE",
    "RECORD_TYPES",
    "WORK_EVENTS",
    "CaseRec",
    "ComplaintRec",
    "EventRec",
    "ImportFailed",
    "ImportResult",
    "Parsed",
    "StaffRec",
    "TargetRec",
    "UnitRec",
    # parsing
    "CASE_MODE_VALUES",
    "COMPLAINT_KINDS",
    "COMPLAINT_RESULTS",
    "EVENT_TYPES",
    "JUDGMENT_KIND_VALUES",
    "PARSERS",
    "PARTY_KIND_VALUES",
    "PARTY_ROLE_VALUES",
    "STAFF_TITLES",
    "UNIT_LEVELS",
    "_parse_case",
    "parse",
    # fast_parsing
    "CASE_ALLOWED",
    "CASE_MODES",
    "CASE_REQUIRED",
    "EVENT_ALLOWED",
    "EVENT_TYPE_SET",
    "HOAN_REASONS",
    "JUDGMENT_FIELDS",
    "JUDGMENT_KINDS",
    "NO_FLAGS",
    "PARTY_ALLOWED",
    "PARTY_KINDS",
    "PARTY_REQUIRED",
    "PARTY_ROLES",
    "_fast_case",
    # checks, replay
    "CHUNK",
    "PARALLEL_CASES",
    "_in_child",
    # writers
    "BATCH",
    "CASE_COLUMNS",
    "EVENT_COLUMNS",
    "HISTORY_INSERT_TRIGGERS",
    "JUDGMENT_COLUMNS",
    "OBLIGATION_COLUMNS",
    "PARTY_COLUMNS",
    "TRACKED",
    # pipeline
    "Importer",
    "import_lines",
]
