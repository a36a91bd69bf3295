"""Phase 2, the history replay: every case's events through ``validate_history``.

The replay is pure (no query). From `PARALLEL_CASES` cases on, and where the machine has a
second core, half of the histories are replayed ahead in a forked child, which inherits the
parsed records and sends back only the outcomes (pickled through a pipe); if it fails for any
reason, the checks replay those histories themselves, so the result never depends on the
child.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from typing import Any

from thads.cases.transitions import CaseFacts, TransitionError, validate_history
from thads.interchange.importer.records import CaseRec

PARALLEL_CASES = 20_000  # below this, one process (a fork costs more than it saves)


def validate_case(c: CaseRec, today: dt.date) -> tuple:
    """("ok", snapshot) or ("error", event index, message, article) of one case's history."""
    facts = CaseFacts(
        amount=c.amount,
        mode=c.mode,
        accepted_on=c.accepted_on,
        unit_id=c.unit,
        has_state_budget_obligation="ngan_sach" in c.flags,
    )
    try:
        return ("ok", validate_history(facts, c.events, today=today))
    except TransitionError as exc:
        return ("error", exc.index, str(exc.message), str(exc.article) if exc.article else "")


def _prevalidate(cases: list[CaseRec], today: dt.date) -> None:
    """Replay every history ahead of the checks; an unexpected failure is left to the checks."""
    for c in cases:
        try:
            c.validated = validate_case(c, today)
        except Exception:  # noqa: BLE001 - `_check_case` replays it again and raises
            c.validated = None


def _in_child(work) -> Any:
    """Run `work()` in a forked process; returns a function giving its result, or None."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return lambda: None
    if pid == 0:  # pragma: no cover - the child (coverage does not follow the fork)
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)  # no atexit, no database connection closing: the parent owns it
    os.close(write_end)

    def receive() -> Any:
        with os.fdopen(read_end, "rb") as source:
            data = source.read()
        _pid, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return None
        try:
            return pickle.loads(data)  # noqa: S301 - our own child's data
        except Exception:  # noqa: BLE001 - read the half again in this process
            return None

    return receive


def prevalidate(cases: list[CaseRec], today: dt.date) -> None:
    """Replay the histories ahead in two processes when there are many (else nothing: the
    checks replay each history as they come to it)."""
    if len(cases) >= PARALLEL_CASES and hasattr(os, "fork") and (os.cpu_count() or 1) > 1:
        _prevalidate_in_two(cases, today)


def _prevalidate_in_two(cases: list[CaseRec], today: dt.date) -> None:
    """Replay the histories of the second half of the cases in a forked child (it has the
    records already), the first half here; the child sends back only the outcomes. If it
    fails for any reason, `Checker._check_case` replays those histories itself."""
    half = len(cases) // 2

    def second_half() -> list:
        _prevalidate(cases[half:], today)
        return [c.validated for c in cases[half:]]

    receive = _in_child(second_half)
    try:
        _prevalidate(cases[:half], today)
    finally:
        outcomes = receive()  # always reap the child
    if outcomes is not None and len(outcomes) == len(cases) - half:
        for c, validated in zip(cases[half:], outcomes, strict=True):
            c.validated = validated
