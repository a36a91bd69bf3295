"""Gap-free number series (case codes, document numbers, …) from a locked counter row.

A series is numbered per *scope* (usually a unit's code), *series* name and year. The next
number is taken under a row lock (``SELECT … FOR UPDATE`` on PostgreSQL) in the caller's
transaction: a second transaction numbering in the same series waits until the first commits,
and a rolled-back transaction gives its number back. So the numbers have no gap and no
duplicate, whatever the number of parallel writers.

Usage (inside ``transaction.atomic``)::

    seq = counter_next("TN-KV2", "case", 2027, floor=lambda: highest_existing_number())

`floor` is read only when the series has no counter row yet (data imported or written before
the counter existed); `counter_raise` moves a counter past numbers written by an import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import QuerySet

from thads.common.models import Counter


def _locked(scope: str, series: str, year: int, floor: Callable[[], int] | None) -> Counter:
    rows = Counter.objects.select_for_update().filter(scope=scope, series=series, year=year)
    counter = rows.first()
    if counter is None:
        # ON CONFLICT DO NOTHING: of two transactions creating the row at once, one inserts and
        # the other waits for it on the unique index, then locks the row it finds.
        start = floor() if floor is not None else 0
        Counter.objects.bulk_create(
            [Counter(scope=scope, series=series, year=year, last=start)], ignore_conflicts=True
        )
        counter = rows.get()
    return counter


def counter_next(
    scope: str, series: str, year: int, *, floor: Callable[[], int] | None = None
) -> int:
    """Take the next number of the series; the row stays locked until the transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("counter_next must run inside transaction.atomic")
    counter = _locked(scope, series, year, floor)
    number = counter.last + 1
    Counter.objects.filter(pk=counter.pk).update(last=number)
    return number


def counter_peek(
    scope: str, series: str, year: int, *, floor: Callable[[], int] | None = None
) -> int:
    """The number `counter_next` would give now (for a preview; nothing is taken or locked)."""
    last = (
        Counter.objects.filter(scope=scope, series=series, year=year)
        .values_list("last", flat=True)
        .first()
    )
    if last is None:
        last = floor() if floor is not None else 0
    return last + 1


def counter_raise(
    scope: str, series: str, year: int, used: int, *, floor: Callable[[], int] | None = None
) -> None:
    """Make sure the series continues after `used` (a number written by an import)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("counter_raise must run inside transaction.atomic")
    counter = _locked(scope, series, year, floor or (lambda: used))
    if counter.last < used:
        Counter.objects.filter(pk=counter.pk).update(last=used)


_SERIAL = re.compile(r"[0-9]{1,9}")


def highest_serial(codes: Iterable[str], prefix: str) -> int:
    """The highest N of the codes "<prefix>N" among `codes` (other forms ignored), else 0."""
    tails = (code[len(prefix) :] for code in codes if code.startswith(prefix))
    return max((int(t) for t in tails if _SERIAL.fullmatch(t)), default=0)


def next_serial_code(rows: QuerySet, prefix: str, width: int = 3) -> str:
    """The code after the highest "<prefix>N" of `rows` (a queryset of a model with a unique
    `code`), N written with `width` digits at least. A series with gaps — codes imported or
    typed by hand — continues after its highest number: never a number already used (counting
    the rows instead would give one again)."""
    codes = rows.filter(code__startswith=prefix).values_list("code", flat=True)
    return f"{prefix}{highest_serial(codes, prefix) + 1:0{width}d}"
