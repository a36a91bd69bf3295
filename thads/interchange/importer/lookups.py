"""The import's lookups of what the database already holds: `IN (…)` in chunks, never a query per
record, and the small date and message helpers the checks share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError

CHUNK = 900  # values per `IN (...)` lookup (below SQLite's variable limit)


def chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def existing_by(model, field_name: str, values: Iterable[str]) -> dict[str, Any]:
    values = sorted(set(values))
    found: dict[str, Any] = {}
    for chunk in chunks(values):
        for obj in model.objects.filter(**{f"{field_name}__in": chunk}):
            found[getattr(obj, field_name)] = obj
    return found


def valid_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day <= valid_to)


def error_messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]
