"""Benchmark of `thads import` (not a test): a realistic N-case file into a fresh database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \\
        .venv/bin/python -m bench.import_bench --cases 100000

The database named in DATABASE_URL is DROPPED and recreated (PostgreSQL: only a database whose
name ends in "_bench"; SQLite: the file is deleted). The file is made by the demo generator
(`thads.interchange.demo_cases`) on the demo province, with lawful histories, entrusting,
auctions, targets and complaints; it is written to disk, then imported and timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from pathlib import Path


def reset_database(url: str) -> None:
    if url.startswith("postgres"):
        import dj_database_url
        import psycopg

        cfg = dj_database_url.parse(url)
        name = cfg["NAME"]
        if not name.endswith("_bench"):
            raise SystemExit(
                f"Refusing to drop {name!r}: the benchmark database must end in _bench"
            )
        with psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"] or "postgres",
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    elif url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--file", default="/tmp/thads_import_bench.jsonl")
    parser.add_argument("--today", default="2026-11-21")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit("Set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/thads_bench)")
    reset_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.core.management import call_command

    from thads.cases.models import Case, CaseEvent
    from thads.interchange import demo_cases
    from thads.interchange.importer import import_lines
    from thads.org import demo

    today = dt.date.fromisoformat(args.today)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    demo.build_org()
    t1 = time.perf_counter()
    records = demo_cases.build_records(today, count=args.cases)
    with open(args.file, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    del records
    t2 = time.perf_counter()
    size = Path(args.file).stat().st_size
    with open(args.file, encoding="utf-8") as handle:
        result = import_lines(handle, today=today)
    t3 = time.perf_counter()
    cases = Case.objects.count()
    events = CaseEvent.objects.count()
    engine = django.db.connection.vendor
    print(f"database: {engine}")
    print(f"setup (migrate + demo org): {t1 - t0:.1f} s")
    print(f"generate file: {t2 - t1:.1f} s ({size / 1e6:.1f} MB)")
    print(f"import: {t3 - t2:.1f} s — {result.summary()}")
    print(f"rows: {cases} cases, {events} events; {cases / (t3 - t2):.0f} cases/s")


if __name__ == "__main__":
    main()
