"""Benchmark of `thads import` (not a test): a realistic N-case file into a fresh database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \\
        .venv/bin/python -m bench.import_bench --cases 100000 --runs 3

The database named in DATABASE_URL is DROPPED and recreated for every run (PostgreSQL: only a
database whose name ends in "_bench", cloned from "<name>_tpl", which is rebuilt once per
invocation: migrate + demo province; SQLite: the file is deleted and copied from "<file>.tpl").
The file is made by the demo generator (`thads.interchange.demo_cases`) on the demo province,
with lawful histories, entrusting, auctions, targets and complaints; it is written to disk once
(kept for the next invocation with --reuse-file), then each run imports it in a fresh process
and reports the wall time, the CPU time of the process and of the PostgreSQL backend (when the
server is on this machine), the peak memory of the process, and the time of the first report
after the import (`thads report cases --unit <province> --year N --month 12`, which builds the
statistics facts of every imported case). The statistics built at the end of the import
(`stats.freshness.after_load`, inside the import's figure) are also printed on their own, with
the month-end totals (`materialise`) apart. Medians over the runs at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROVINCE = "TNG"  # the demo province after the 01/07/2025 reform


def _pg_admin(url: str, *statements: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        for statement in statements:
            conn.execute(statement)


def _names(url: str) -> tuple[str, str]:
    import dj_database_url

    name = dj_database_url.parse(url)["NAME"]
    if not name.endswith("_bench"):
        raise SystemExit(f"Refusing to drop {name!r}: the benchmark database must end in _bench")
    return name, f"{name}_tpl"


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def template_url(url: str) -> str:
    """The URL of the template database of `url`."""
    if url.startswith("postgres"):
        _name, template = _names(url)
        return url.rsplit("/", 1)[0] + f"/{template}"
    return f"sqlite:///{_sqlite_path(url)}.tpl"


def build_template(url: str) -> None:
    """A migrated database with the demo province, cloned by every run."""
    if url.startswith("postgres"):
        _name, template = _names(url)
        _pg_admin(
            url,
            f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)',
            f'CREATE DATABASE "{template}"',
        )
    else:
        path = _sqlite_path(url)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}.tpl{suffix}").unlink(missing_ok=True)
    _child(["--step", "template"], template_url(url))


def reset_database(url: str) -> None:
    if url.startswith("postgres"):
        name, template = _names(url)
        _pg_admin(
            url,
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
        )
    elif url.startswith("sqlite:///"):
        path = _sqlite_path(url)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(f"{path}.tpl", path)


def _child(args: list[str], url: str) -> dict:
    env = dict(os.environ, DATABASE_URL=url)
    done = subprocess.run(
        [sys.executable, "-m", "bench.import_bench", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def backend_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (local server only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def step_template() -> None:
    _setup_django()
    from django.core.management import call_command

    from thads.org import demo

    call_command("migrate", verbosity=0)
    demo.build_org()


def step_generate(cases: int, path: str, today: dt.date) -> None:
    _setup_django()
    from thads.interchange import demo_cases

    records = demo_cases.build_records(today, count=cases)
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def step_import(path: str, today: dt.date, report_year: int) -> None:
    import resource

    _setup_django()
    from django.core.management import call_command
    from django.db import connection

    from thads.cases.models import Case, CaseEvent
    from thads.interchange.importer import import_lines
    from thads.stats import freshness

    # The statistics built at the end of the import (`freshness.after_load`), timed on their own:
    # the facts (`refresh_facts`) and the month-end totals (`materialise`).
    parts: dict[str, list[float]] = {}

    def timed(name, fn):
        def run(*args, **kwargs):
            before = (time.perf_counter(), time.process_time(), backend_cpu() or 0.0)
            value = fn(*args, **kwargs)
            after = (time.perf_counter(), time.process_time(), backend_cpu() or 0.0)
            parts[name] = [b - a for a, b in zip(before, after, strict=True)]
            return value

        return run

    freshness.after_load = timed("after_load", freshness.after_load)
    freshness.materialise = timed("materialise", freshness.materialise)
    backend_before = backend_cpu()
    cpu_before = time.process_time()
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        result = import_lines(handle, today=today)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - cpu_before
    backend_after = backend_cpu()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cases, events = Case.objects.count(), CaseEvent.objects.count()
    t1 = time.perf_counter()
    with open(os.devnull, "w") as sink:
        call_command("report", "cases", unit=PROVINCE, year=report_year, month=12, stdout=sink)
    report = time.perf_counter() - t1
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "summary": result.summary(),
                "cases": cases,
                "events": events,
                "seconds": seconds,
                "cpu": cpu,
                "backend_cpu": (
                    backend_after - backend_before
                    if backend_before is not None and backend_after is not None
                    else None
                ),
                "peak_mb": peak,
                "report_seconds": report,
                "parts": parts,
            },
            ensure_ascii=False,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--file", default="/tmp/thads_import_bench.jsonl")
    parser.add_argument("--reuse-file", action="store_true", help="keep an existing --file")
    parser.add_argument("--today", default="2026-11-21")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--step", choices=["template", "generate", "import"], help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    today = dt.date.fromisoformat(args.today)
    report_year = today.year if today.month >= 10 else today.year - 1
    if args.step == "template":
        return step_template()
    if args.step == "generate":
        return step_generate(args.cases, args.file, today)
    if args.step == "import":
        return step_import(args.file, today, report_year)

    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit("Set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/thads_bench)")
    t0 = time.perf_counter()
    build_template(url)
    print(f"setup (migrate + demo org, once): {time.perf_counter() - t0:.1f} s", flush=True)
    if not (args.reuse_file and Path(args.file).exists()):
        t0 = time.perf_counter()
        # The generator reads the demo province (units, staff postings): from the template,
        # the only database that exists yet on a fresh server (each run clones its own).
        _child(
            ["--step", "generate", "--cases", str(args.cases), "--file", args.file,
             "--today", args.today],
            template_url(url),
        )  # fmt: skip
        print(f"generate file: {time.perf_counter() - t0:.1f} s", flush=True)
    print(f"file: {args.file} ({Path(args.file).stat().st_size / 1e6:.1f} MB)", flush=True)
    runs = []
    for number in range(1, args.runs + 1):
        reset_database(url)
        with open("/proc/loadavg") as handle:
            load = handle.read().split()[0]
        run = _child(["--step", "import", "--file", args.file, "--today", args.today], url)
        runs.append(run)
        backend = run["backend_cpu"]
        print(
            f"run {number} ({run['database']}, load {load}): import {run['seconds']:.1f} s "
            f"(CPU: Python {run['cpu']:.1f} s"
            + (f", PostgreSQL backend {backend:.1f} s" if backend is not None else "")
            + f"), peak {run['peak_mb']:.0f} MB; {run['cases']} cases, {run['events']} events; "
            f"first report {run['report_seconds']:.1f} s — {run['summary']}",
            flush=True,
        )
        for name, (wall, cpu, backend) in run["parts"].items():
            print(
                f"  of which {name}: {wall:.1f} s (CPU: Python {cpu:.1f} s, PostgreSQL backend"
                f" {backend:.1f} s)",
                flush=True,
            )
    if len(runs) > 1:

        def median(key):
            values = [r[key] for r in runs if r[key] is not None]
            return statistics.median(values) if values else float("nan")

        print(
            f"median of {len(runs)}: import {median('seconds'):.1f} s, Python CPU "
            f"{median('cpu'):.1f} s, backend CPU {median('backend_cpu'):.1f} s, peak "
            f"{median('peak_mb'):.0f} MB, first report {median('report_seconds'):.1f} s"
        )


if __name__ == "__main__":
    main()
