"""Duplicate intake (issue 10 item 3): one rule for the intake screen, the API, the Excel
intake and the import.

- **The decision number** (số quyết định thi hành án) is given once per unit and calendar year:
  a unit numbers its documents from 01 on 01/01 to 31/12 (Nghị định 30/2020/NĐ-CP, Phụ lục I,
  số của văn bản). The same number in the same unit and year is refused — it is the same
  decision taken twice. Numbers are compared without spaces, case or diacritics
  ("15/QD-THADS" is "15/QĐ-THADS"). A case received by entrusting carries the sender's number
  and is outside the rule (Luật THADS 2008, Điều 55: the receiver accepts it anew).
- **The same judgment and obligation** already accepted (same bản án, a debtor in common — the
  same identity number, or the same name when either has none — and the same amount owed) is
  most likely the same obligation taken twice (Luật THADS 2008, Điều 36: one decision per
  obligation). It is not refused outright (a decision withdrawn and issued again, one
  obligation split between two units), but the existing case is shown and the intake goes on
  only with a reason, stored on the new case (`duplicate_of`, `duplicate_reason`, with
  `created_by` and `created_at`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

from thads.cases.models import Case, Party
from thads.common.text import fold_vietnamese

T = TypeVar("T")


def decision_no_clean(text: str) -> str:
    """The number as stored: inner runs of spaces made one, no outer spaces."""
    return " ".join((text or "").split())


def decision_fold(text: str) -> str:
    """The number as compared: no spaces, lower case, no diacritics (đ → d)."""
    return fold_vietnamese(text).replace(" ", "")


def _leading(text: str) -> str:
    """The part before the first '/' (the serial), to narrow the lookup in the database."""
    return decision_no_clean(text).split("/", 1)[0].strip()


def decision_taken(unit_id: int, decision_no: str, decision_date: dt.date) -> Case | None:
    """The case of `unit_id` that already has this decision number in this calendar year."""
    wanted = decision_fold(decision_no)
    candidates = Case.objects.filter(
        unit_id=unit_id,
        from_case__isnull=True,
        decision_date__year=decision_date.year,
        decision_no__istartswith=_leading(decision_no),
    ).only("code", "decision_no")
    return next((c for c in candidates if decision_fold(c.decision_no) == wanted), None)


def decisions_taken(
    keys: Iterable[tuple[int, str, int]], chunk: int = 900
) -> dict[tuple[int, str, int], str]:
    """For many (unit id, folded number, year): the code of the case that has it already.

    One query per `chunk` units (the import's set-based checks, never a query per record)."""
    wanted = set(keys)
    found: dict[tuple[int, str, int], str] = {}
    unit_ids = sorted({k[0] for k in wanted})
    years = sorted({k[2] for k in wanted})
    if not wanted:
        return found
    for start in range(0, len(unit_ids), chunk):
        rows = Case.objects.filter(
            unit_id__in=unit_ids[start : start + chunk],
            from_case__isnull=True,
            decision_date__year__gte=years[0],
            decision_date__year__lte=years[-1],
        ).values_list("unit_id", "decision_no", "decision_date", "code")
        for unit_id, number, day, code in rows:
            key = (unit_id, decision_fold(number), day.year)
            if key in wanted:
                found.setdefault(key, code)
    return found


def debtor_key(id_number: str, name: str) -> tuple[str, str]:
    return ("".join((id_number or "").split()), fold_vietnamese(name or ""))


def same_debtor(a: tuple[str, str], b: tuple[str, str]) -> bool:
    if a[0] and b[0]:
        return a[0] == b[0]
    return a[1] == b[1]


def _debtors_of(case: Case) -> list[tuple[str, str]]:
    return [
        debtor_key(p.id_number, p.name)
        for p in case.parties.all()
        if p.role == Party.Role.PHAI_THI_HANH
    ]


def obligations_index(
    judgment_ids: Iterable[int], chunk: int = 900
) -> dict[tuple[int, int], list[tuple[Case, list[tuple[str, str]]]]]:
    """(judgment id, amount) → the cases with their debtors' keys, oldest first; two queries
    per `chunk` judgments (the Excel intake's set-based check)."""
    ids = sorted(set(judgment_ids))
    index: dict[tuple[int, int], list[tuple[Case, list[tuple[str, str]]]]] = {}
    for start in range(0, len(ids), chunk):
        cases = (
            Case.objects.filter(judgment_id__in=ids[start : start + chunk], from_case__isnull=True)
            .select_related("unit")
            .prefetch_related("parties")
            .order_by("accepted_on", "code")
        )
        for case in cases:
            index.setdefault((case.judgment_id, case.amount), []).append((case, _debtors_of(case)))
    return index


def obligation_codes(
    judgment_ids: Iterable[int], chunk: int = 900
) -> dict[tuple[int, int], list[tuple[str, list[tuple[str, str]]]]]:
    """(judgment id, amount) → the codes of the cases with their debtors' keys, oldest first:
    `obligations_index` with plain values (two queries per `chunk` judgments, no model
    instances — the import's set-based check)."""
    ids = sorted(set(judgment_ids))
    index: dict[tuple[int, int], list[tuple[str, list[tuple[str, str]]]]] = {}
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        debtors: dict[int, list[tuple[str, str]]] = {}
        for case_id, id_number, name in Party.objects.filter(
            case__judgment_id__in=part, case__from_case__isnull=True, role=Party.Role.PHAI_THI_HANH
        ).values_list("case_id", "id_number", "name"):
            debtors.setdefault(case_id, []).append(debtor_key(id_number, name))
        cases = (
            Case.objects.filter(judgment_id__in=part, from_case__isnull=True)
            .order_by("accepted_on", "code")
            .values_list("pk", "judgment_id", "amount", "code")
        )
        for pk, judgment_id, amount, code in cases:
            index.setdefault((judgment_id, amount), []).append((code, debtors.get(pk, [])))
    return index


def matching(
    index: dict[tuple[int, int], list[tuple[T, list[tuple[str, str]]]]],
    judgment_id: int,
    debtors: Iterable[tuple[str, str]],
    amount: int,
) -> list[T]:
    """The entries (cases or codes) of `index` for the judgment and amount with a debtor in
    common."""
    debtors = list(debtors)
    return [
        case
        for case, theirs in index.get((judgment_id, amount), [])
        if any(same_debtor(a, b) for a in debtors for b in theirs)
    ]


def same_obligation_cases(
    judgment_id: int | None, debtors: Iterable[tuple[str, str]], amount: int
) -> list[Case]:
    """Cases of the judgment with a debtor in common and the same amount owed (oldest first).

    `debtors` are `debtor_key`s of the new case's debtors; cases received by entrusting are
    left out (they continue a case of the judgment, they do not repeat it)."""
    if judgment_id is None:
        return []
    return matching(obligations_index([judgment_id]), judgment_id, debtors, amount)
