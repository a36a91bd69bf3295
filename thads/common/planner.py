"""Planner statistics after a bulk load (PostgreSQL).

A table filled by COPY or bulk INSERT has no statistics until autovacuum gets to it (minutes, or
never on a quiet server with the default thresholds): the first reports after `thads demo` or
`thads import` were then planned blind (a COUNT over the province's cases: 129 ms instead of
5 ms). ANALYZE samples a fixed number of rows, so it costs about a second at any size.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def analyze(*models: type[Model]) -> None:
    """ANALYZE the tables of `models` on PostgreSQL (nothing on SQLite: its planner does not
    need it for these queries)."""
    if connection.vendor != "postgresql" or not models:
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
