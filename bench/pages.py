"""Page timings on the demo province (not a test): every page each demo role reaches, first
visit included, server time (Django's test client in this process: URL routing, views, SQL,
templates; no network).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_pages_bench \\
        .venv/bin/python -m bench.pages --fresh
    DATABASE_URL=sqlite:////tmp/thads_pages.sqlite3 .venv/bin/python -m bench.pages --fresh

`--fresh` drops the database (PostgreSQL: only a name ending in "_bench"; SQLite: the file) and
builds it as `make run` does (`thads migrate`, `thads demo`, timed) in a subprocess; then every
demo role signs in and the link crawler (thads.testing.crawler: home page and menu, depth 3, at
most `--per-pattern` URLs of one URL pattern) visits what it is shown. Prints the slowest pages,
the first statistics page, per role the number of pages, median, p95 and max, and whether every
page met the goal (issue 10: ≤ 0,5 s, the first one included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL = 0.5
# A file to download (XLSX/PDF/CSV/JSON of a form, a drill-down cell, a printed document), not a
# page to read: listed apart (the large ones go through the background export).
DOWNLOAD_PARAMETERS = ("xuat=", "dinh_dang=")


def is_download(url: str, content_type: str = "") -> bool:
    """A download: asked for as a file, or answered with anything but an HTML page."""
    is_file = bool(content_type) and not content_type.startswith("text/html")
    return is_file or any(p in url for p in DOWNLOAD_PARAMETERS)


def _thads(*args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("thads")), *args], check=True)
    return time.perf_counter() - t0


def fresh(url: str) -> None:
    if url.startswith("postgres"):
        import dj_database_url
        import psycopg

        cfg = dj_database_url.parse(url)
        name = cfg["NAME"]
        if not name.endswith("_bench"):
            raise SystemExit(f"Refusing to drop {name!r}: the database name must end in _bench")
        with psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432,
            user=cfg["USER"] or "postgres", password=cfg["PASSWORD"] or None,
            dbname="postgres", autocommit=True,
        ) as conn:  # fmt: skip
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        path = url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"migrate: {_thads('migrate', '--noinput', '-v0'):.1f} s", flush=True)
    print(f"demo (cases + statistics built): {_thads('demo'):.1f} s", flush=True)


def cpu_clock() -> float:
    """CPU seconds of this process plus, on a local PostgreSQL, of its connection's backend
    (/proc): what the pages cost, whatever the other work on the machine."""
    from django.db import connection

    used = time.process_time()
    if connection.vendor != "postgresql":
        return used
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return used
    return used + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="drop, migrate and load the demo")
    parser.add_argument("--per-pattern", type=int, default=2)
    parser.add_argument("--max-pages", type=int, default=150, help="per role")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit("Set DATABASE_URL")
    if args.fresh:
        fresh(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # As the server starts (`make run`, `thads serve`): Django set up and the process warmed
    # (thads.web.warmup), so the first page below is the first page after a start.
    started = time.perf_counter()
    import config.wsgi  # noqa: F401

    print(f"server start (setup + warm-up): {time.perf_counter() - started:.1f} s", flush=True)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from thads.org.demo import demo_logins
    from thads.testing.crawler import Crawler, pattern_of

    visits = []  # (role, url, seconds, order)
    order = 0
    for login in demo_logins():
        client = Client()
        client.force_login(get_user_model().objects.get(username=login.username))
        crawler = Crawler(
            client, max_depth=3, per_pattern=args.per_pattern, max_pages=args.max_pages,
            allowed_403=lambda url: True, cpu_clock=cpu_clock,
        )  # fmt: skip
        report = crawler.crawl(["/"])
        for visit in report.visits:
            order += 1
            visits.append(
                (
                    login.username, visit.url, visit.seconds, order, visit.status,
                    visit.content_type, visit.cpu_seconds,
                )
            )  # fmt: skip
    print(f"\n{connection.vendor}: {len(visits)} page views, {len(set(v[1] for v in visits))} URLs")
    errors = [v for v in visits if v[4] >= 500]
    stats_first = next((v for v in visits if v[1].startswith("/thong-ke/")), None)
    if stats_first:
        print(f"first statistics page: {stats_first[1]} {stats_first[2] * 1000:.0f} ms "
              f"(as {stats_first[0]}, page view #{stats_first[3]})")  # fmt: skip
    print("\nslowest pages:")
    pages = [v for v in visits if not is_download(v[1], v[5])]
    for role, page, seconds, number, status, *_rest in sorted(pages, key=lambda v: -v[2])[:12]:
        print(f"  {seconds * 1000:7.0f} ms  {status}  {role:<12} #{number:<4} {page}")
    # Wall time waits for the CPU on a loaded machine; the CPU time (this process: Django,
    # templates, SQLite; and the PostgreSQL backend) is what a page costs, whatever the load.
    print(f"\n{'role':<12} {'pages':>5} {'median':>8} {'p95':>8} {'max':>8}   CPU: median, max")
    for role in dict.fromkeys(v[0] for v in pages):
        times = [v[2] for v in pages if v[0] == role]
        cpu = [v[6] for v in pages if v[0] == role]
        print(
            f"{role:<12} {len(times):>5} {statistics.median(times) * 1000:>6.0f}ms "
            f"{percentile(times, 0.95) * 1000:>6.0f}ms {max(times) * 1000:>6.0f}ms   "
            f"{statistics.median(cpu) * 1000:>6.0f}ms {max(cpu) * 1000:>6.0f}ms"
        )
    cpu_over = sorted((v for v in pages if v[6] > GOAL), key=lambda v: -v[6])
    print(f"\npages whose CPU time alone is over {GOAL:.1f} s: {len(cpu_over)}")
    for role, page, seconds, *_rest, cpu_seconds in cpu_over[:12]:
        print(f"  CPU {cpu_seconds * 1000:6.0f} ms (wall {seconds * 1000:5.0f} ms) {role} {page}")
    downloads = [v for v in visits if is_download(v[1], v[5])]
    if downloads:
        times = [v[2] for v in downloads]
        print(
            f"downloads (files, not pages): {len(times)}, median "
            f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
        )
    slowest_downloads = sorted(downloads, key=lambda v: -v[2])[:5]
    for role, page, seconds, number, status, content_type, _cpu in slowest_downloads:
        print(f"  {seconds * 1000:7.0f} ms  {status}  {role:<12} #{number:<4} {page}", content_type)
    visits = pages
    over = [v for v in visits if v[2] > GOAL]
    kinds = sorted({pattern_of(v[1]) for v in over})
    if kinds:
        print(f"\nkinds of page over {GOAL:.1f} s (views over / all views of the kind):")
        for kind in kinds:
            times = [v[2] for v in visits if pattern_of(v[1]) == kind]
            slowest = max((v for v in visits if pattern_of(v[1]) == kind), key=lambda v: v[2])
            print(
                f"  {kind:<40} {sum(t > GOAL for t in times):>3}/{len(times):<3} median "
                f"{statistics.median(times) * 1000:>5.0f} ms, max {max(times) * 1000:>5.0f} ms "
                f"({slowest[1]})"
            )
    print(
        f"\ngoal ≤ {GOAL:.1f} s per page: "
        + ("met" if not over else f"NOT met on {len(over)} page views ({len(kinds)} kinds)")
        + (f"; {len(errors)} server errors" if errors else "")
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
