"""Bottleneck fixtures: cases written straight with the ORM (summary cache and events as the
services would leave them), for tests about the reads that need exact boundary values."""

from __future__ import annotations

import datetime as dt
import itertools

from thads.cases.models import Case, CaseEvent, CaseState, Judgment
from thads.org.models import Staff, Unit

serial = itertools.count(1)


def make_case(
    unit: Unit,
    *,
    decision: dt.date = dt.date(2025, 1, 10),
    accepted: dt.date | None = None,
    amount: int = 200_000_000,
    collected: int = 0,
    reduced: int = 0,
    state: str = CaseState.DANG_THI_HANH,
    classified: bool = True,
    officer: Staff | None = None,
    **extra,
) -> Case:
    n = next(serial)
    judgment = Judgment.objects.create(
        court="Tòa án nhân dân tỉnh Thái Nguyên",
        number=f"{n}/2024/DS-ST",
        date=dt.date(2024, 12, 1),
        kind="dan_su",
    )
    return Case.objects.create(
        code=f"T/{unit.code}/{n:04d}",
        unit=unit,
        judgment=judgment,
        decision_no=f"{n}/QĐ-CCTHADS",
        decision_date=decision,
        accepted_on=accepted or decision,
        mode="chu_dong",
        amount=amount,
        collected=collected,
        reduced=reduced,
        state=state,
        is_classified=classified,
        officer=officer,
        **extra,
    )


def add_event(case: Case, kind: str, on: dt.date, corrects=None, **data) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        seq=case.events.count() + 1,
        type=kind,
        on=on,
        data=data,
        law_version="2008",
        corrects=corrects,
    )
