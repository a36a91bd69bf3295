"""The compiled SQL of an ORM read kept per process, by the read's arguments.

Some reads are made of many conditional aggregates — form 8's complaint counts are 53
`Count("id", filter=Q(...))` over letters and matters — and Django's query compiler spends more
CPU building their SQL (≈ 12 ms on the cockpit) than the database spends running it. Their SQL
text and parameters are a pure function of the arguments (nothing is read from the database to
build them), so the statement compiled once is run again as is for the same arguments on the
same database: the same statement, the same rows. The conditions stay where they are defined
(one definition per figure); only Django's work of turning them into SQL is not repeated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet

# Distinct (database, arguments) kept per build function: units × periods asked for recently.
KEPT = 256


def compiled_values(model: type[Model]) -> Callable:
    """Decorator of `build(*args) -> QuerySet` (a `.values(...)` read of `model` that depends on
    its hashable arguments only): the decorated function returns the read's rows as dicts,
    compiling the SQL once per (database the router picks for `model`, arguments).

    `decorated.queryset(*args)` is the undecorated build (for tests and other callers).
    """

    def decorate(build: Callable[..., QuerySet]) -> Callable[..., list[dict]]:
        @functools.lru_cache(maxsize=KEPT)
        def compiled(alias: str, *args: Hashable) -> tuple[str, tuple] | None:
            query = build(*args).query
            try:
                sql, params = query.get_compiler(using=alias).as_sql()
            except EmptyResultSet:  # e.g. an empty `__in`: Django runs nothing either
                return None
            return sql, tuple(params)

        @functools.wraps(build)
        def rows(*args: Hashable) -> list[dict]:
            alias = router.db_for_read(model)  # as QuerySet.db decides it
            found = compiled(alias, *args)
            if found is None:
                return []
            sql, params = found
            with connections[alias].cursor() as cursor:
                cursor.execute(sql, params)
                names = [column[0] for column in cursor.description]
                return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

        rows.queryset = build  # type: ignore[attr-defined]
        rows.cache_clear = compiled.cache_clear  # type: ignore[attr-defined]
        rows.cache_info = compiled.cache_info  # type: ignore[attr-defined]
        return rows

    return decorate
