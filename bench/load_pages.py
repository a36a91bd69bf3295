"""The page kinds of `bench.load`, one request at a time (not a test): queries, wall and CPU time
per request, and optionally where the CPU goes (cProfile).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_load .venv/bin/python -m bench.load_pages
    DATABASE_URL=… .venv/bin/python -m bench.load_pages --profile "leader: cockpit" --top 40

On a database with the demo province (`thads demo`), each demo role of the load mix signs in
(`force_login`: no password hash) and asks for its pages through Django's test client in this
process — the whole middleware stack (session, authentication, access), the view, SQL and
templates; no network, no gunicorn. `--repeat` requests per page kind (the first one is a warm-up
and not counted); prints per kind the queries of one request (and how many wrote), and the
median wall and CPU milliseconds (this process plus its PostgreSQL backend, `bench.pages`).
This is the server cost a request of `bench.load` asks for, whatever else loads the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time

# (page kind of bench.load, username, path); "{case}" is a case of the user's case list.
PAGES = [
    ("officer: home", "chv", "/"),
    ("officer: search", "chv", "/viec/danh-sach/?q=nguy"),
    ("officer: case list", "chv", "/viec/danh-sach/"),
    ("officer: case page", "chv", "{case}"),
    ("clerk: payment form", "thuky", "/so-sach{case}thu-tien/"),
    ("head: form", "truongphong", "/thong-ke/?bieu=1"),
    ("head: form", "truongphong", "/thong-ke/?bieu=2"),
    ("head: form", "phophong", "/thong-ke/?bieu=4"),
    ("leader: cockpit", "lanhdao", "/chi-tieu/"),
    ("leader: cockpit", "trunguong", "/chi-tieu/"),
    ("leader: drill-down", "lanhdao", "/thong-ke/chi-tiet/?don_vi=TNG&bieu=1&cot=0"),
    ("leader: drill-down", "trunguong", "/thong-ke/chi-tiet/?don_vi=TW&bieu=1&cot=0"),
]
WRITES = ("INSERT", "UPDATE", "DELETE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=6, help="requests per page (first: warm-up)")
    parser.add_argument("--profile", default="", help="a page kind to profile, e.g. 'head: form'")
    parser.add_argument("--top", type=int, default=30, help="functions shown by --profile")
    parser.add_argument("--queries", action="store_true", help="print each page's SQL")
    parser.add_argument("--callers", default="", help="with --profile: who calls this function")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL (a database with the demo province)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import config.wsgi  # noqa: F401  (set up and warmed up as the server is)
    from bench.load import CASE_LINK
    from bench.pages import cpu_clock

    clients: dict[str, Client] = {}
    cases: dict[str, str] = {}
    rows: dict[str, list[tuple[int, int, float, float]]] = {}
    profiler = cProfile.Profile(time.process_time)  # CPU, whatever else runs
    for kind, username, path in PAGES:
        if username not in clients:
            client = clients[username] = Client()
            client.force_login(get_user_model().objects.get(username=username))
            listing = client.get("/viec/danh-sach/").content.decode()
            found = CASE_LINK.findall(listing)
            cases[username] = found[len(found) // 2] if found else "/viec/0/"
        client = clients[username]
        url = path.format(case=cases[username])
        for attempt in range(args.repeat):
            profiling = kind == args.profile and attempt > 0
            cpu_started = cpu_clock()  # (reads the backend's pid: a query, not counted)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                if profiling:
                    profiler.enable()
                response = client.get(url)
                if profiling:
                    profiler.disable()
                wall = time.perf_counter() - started
            cpu = cpu_clock() - cpu_started
            if response.status_code != 200:
                raise SystemExit(f"{username} {url}: {response.status_code}")
            if attempt == 0:
                if args.queries:
                    print(f"\n-- {kind} {url}")
                    for query in captured.captured_queries:
                        print("  ", query["sql"][:300])
                continue
            sql = [q["sql"].lstrip().upper() for q in captured.captured_queries]
            writes = sum(s.startswith(WRITES) for s in sql)
            rows.setdefault(kind, []).append((len(sql), writes, wall, cpu))
    print(f"{connection.vendor}, {args.repeat - 1} requests per page after a warm-up one")
    print(f"{'page kind':<24} {'queries':>8} {'writes':>6} {'wall':>8} {'CPU':>8}")
    for kind, values in rows.items():
        print(
            f"{kind:<24} {max(v[0] for v in values):>8} {max(v[1] for v in values):>6} "
            f"{statistics.median(v[2] for v in values) * 1000:>6.1f}ms "
            f"{statistics.median(v[3] for v in values) * 1000:>6.1f}ms"
        )
    if args.profile:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats("thads/", args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        if args.callers:
            stats.print_callers(args.callers)
            stats.print_callees(args.callers)


if __name__ == "__main__":
    main()
