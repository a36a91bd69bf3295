"""Benchmark of the statistics engine at national scale (data from `bench.stats_generate`).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_national \\
        .venv/bin/python -m bench.stats_bench [--runs 5] [--year 2026] [--month 12]

Prints the median (and min / max) of several runs for: refresh_facts with nothing stale,
national forms 1 and 2 (`build_form(..., refresh=False)`, one call per form as the report screen
does), form 1 of one province, the first drill-down page (50 cases, largest amount first, with
its count and refresh) of national cells and of a province row, the national forms 1 and 4 at
dates that are not month ends (from the totals of the month end before, and by the raw query
over every case, in the same sitting), the first national form of a month whose
totals are not stored yet (the next month's are dropped first: a benchmark database only; then
the same for the report's month with the month before stored, as on the 1st of a month) — with
a worker running (the reader's wait, then the worker's filling) and without one (the reader
fills them) — and the peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import time
from unittest import mock

import django

BUDGET = {
    "refresh_facts (nothing stale)": None,
    "national forms 1 + 2": 1.0,
    "national form 1 (one report screen)": None,
    "province form 1": 0.2,
    "drill-down first page (national, cases xong)": 0.2,
    "drill-down first page (national, cases phai_thi_hanh)": 0.2,
    "drill-down first page (national, money chuyen_ky_sau)": 0.2,
    "drill-down first page (national, money co_dieu_kien)": 0.2,
    "drill-down first page (province T01 row, money xong)": 0.2,
    "national form 1 at an arbitrary date (not a month end)": 2.0,
    "national form 1 at an arbitrary date (not a month end), raw query": 2.0,
    "national form 1 on the day before a month end": 2.0,
    "national form 1 on the day before a month end, raw query": 2.0,
    "national form 4 (officers) at an arbitrary date": 2.0,
    "national form 4 (officers) at an arbitrary date, raw query": 2.0,
}


def _timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def _new_month(label: str, unit, period, *, worker: bool) -> None:
    """Time the first national form 1 of a month whose totals are not stored (wall, and the
    CPU of this process and of its PostgreSQL backend).

    worker=True: as in production, a worker is running (a heartbeat is written for one): the
    reader is answered without the totals and their filling is queued; the queued job is then
    run here, as the worker would, and timed on its own. worker=False: nobody would run the
    job, so the reader fills the totals."""
    from django.utils import timezone

    from bench.import_bench import backend_cpu
    from thads.common import jobs
    from thads.common.models import WorkerHeartbeat
    from thads.stats.layout import build_form

    def measured(fn) -> str:
        before = (time.perf_counter(), time.process_time(), backend_cpu() or 0.0)
        fn()
        after = (time.perf_counter(), time.process_time(), backend_cpu() or 0.0)
        wall, cpu, backend = (b - a for a, b in zip(before, after, strict=True))
        return f"{wall * 1000:.0f} ms (CPU: Python {cpu:.1f} s, PostgreSQL backend {backend:.1f} s)"

    if not worker:
        took = measured(lambda: build_form("1", unit, period, refresh=False))
        print(f"{label}, no worker: the reader fills them ({period.label()}): {took}")
        return
    assert jobs.durable(), "THADS_TASKS must be the database queue (the default)"
    jobs.beat("bench-worker", timezone.now())
    try:
        took = measured(lambda: build_form("1", unit, period, refresh=False))
        print(f"{label}, a worker running, the reader waits ({period.label()}): {took}; ≤ 10 s")
        took = measured(jobs.run_ready)
        print(f"  then the worker fills the month's totals: {took}")
    finally:
        WorkerHeartbeat.objects.filter(worker_id="bench-worker").delete()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--month", type=int, default=12)
    parser.add_argument("--province", default="T01")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    from django.db import connection

    from thads.common.periods import as_of_period, month_period
    from thads.org.models import Unit
    from thads.stats import engine
    from thads.stats.aggregates import period_id_for
    from thads.stats.asof import month_end_before
    from thads.stats.drilldown import drill
    from thads.stats.facts import refresh_facts
    from thads.stats.layout import build_form
    from thads.stats.models import AggregatePeriod

    national = Unit.objects.get(level=Unit.Level.NATIONAL)
    province = Unit.objects.get(code=args.province)
    period = month_period(args.year, args.month)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT (SELECT count(*) FROM cases_case), (SELECT count(*) FROM cases_caseevent),"
            " (SELECT count(*) FROM stats_stateinterval), (SELECT count(*) FROM org_unit),"
            " (SELECT count(*) FROM org_staff)"
        )
        cases, events, intervals, units, staff = cur.fetchone()
    print(
        f"data: {cases:,} cases, {events:,} events, {intervals:,} intervals, {units:,} units,"
        f" {staff:,} staff; period {period.label()}"
    )
    t0 = time.perf_counter()
    refresh_facts()  # warm-up, and nothing is stale afterwards
    print(
        f"first refresh_facts (full comparison without a marker): "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    results = {}

    def forms_national():
        one = build_form("1", national, period, refresh=False)
        two = build_form("2", national, period, refresh=False)
        return one, two

    t0 = time.perf_counter()
    one, _two = forms_national()  # first use materialises the month-end totals
    print(
        f"first national forms 1 + 2 (materialises the period if new): "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    # A new month's national totals when someone asks first (issue 15 §3: ≤ 10 s): the next
    # month's period is forgotten, then the national form 1 materialises it again.
    following = month_period(args.year, args.month % 12 + 1)
    for worker in (True, False):
        AggregatePeriod.objects.filter(start_on=following.start, end_on=following.end).delete()
        _new_month("a new month's national totals, asked first", national, following, worker=worker)
    # The usual case (the worker's month start, a reader on the 1st): the month before is stored,
    # so the new month is derived from it (`aggregates.materialise_periods`).
    if args.month > 1:
        previous = month_period(args.year, args.month - 1)
        build_form("1", national, previous, refresh=False)
        for worker in (True, False):
            AggregatePeriod.objects.filter(start_on=period.start, end_on=period.end).delete()
            _new_month("the same, the month before stored", national, period, worker=worker)
    results["refresh_facts (nothing stale)"] = _timed(refresh_facts, args.runs)
    # A date that is not a month end reads the totals of the month end before it (stored by the
    # worker when that month started; filled here if missing) plus the cases changed since
    # (`stats.asof`); "raw query" is the former path, every case in scope (same sitting).
    arbitrary = as_of_period(args.year, period.end - dt.timedelta(days=13))
    last_day = as_of_period(args.year, period.end - dt.timedelta(days=1))
    t0 = time.perf_counter()
    period_id_for(arbitrary.start, month_end_before(arbitrary.end))
    print(
        f"totals of the month end before the arbitrary dates ({month_end_before(arbitrary.end)}),"
        f" if not stored: {(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    for name, cut in (
        ("national form 1 at an arbitrary date (not a month end)", arbitrary),
        ("national form 1 on the day before a month end", last_day),
    ):
        results[name] = _timed(
            lambda cut=cut: build_form("1", national, cut, refresh=False), args.runs
        )
        with mock.patch.object(engine, "base_period", return_value=None):
            results[f"{name}, raw query"] = _timed(
                lambda cut=cut: build_form("1", national, cut, refresh=False), args.runs
            )
    results["national form 4 (officers) at an arbitrary date"] = _timed(
        lambda: build_form("4", national, arbitrary, refresh=False), args.runs
    )
    with mock.patch.object(engine, "base_period", return_value=None):
        results["national form 4 (officers) at an arbitrary date, raw query"] = _timed(
            lambda: build_form("4", national, arbitrary, refresh=False), args.runs
        )
    results["national forms 1 + 2"] = _timed(forms_national, args.runs)
    results["national form 1 (one report screen)"] = _timed(
        lambda: build_form("1", national, period, refresh=False), args.runs
    )
    results["province form 1"] = _timed(
        lambda: build_form("1", province, period, refresh=False), args.runs
    )
    results["drill-down first page (national, cases xong)"] = _timed(
        lambda: drill(national, period, "xong", "cases"), args.runs
    )
    results["drill-down first page (national, cases phai_thi_hanh)"] = _timed(
        lambda: drill(national, period, "phai_thi_hanh", "cases"), args.runs
    )
    results["drill-down first page (national, money chuyen_ky_sau)"] = _timed(
        lambda: drill(national, period, "chuyen_ky_sau", "money"), args.runs
    )
    results["drill-down first page (national, money co_dieu_kien)"] = _timed(
        lambda: drill(national, period, "co_dieu_kien", "money"), args.runs
    )
    results["drill-down first page (province T01 row, money xong)"] = _timed(
        lambda: drill(national, period, "xong", "money", row_unit=province), args.runs
    )
    page = drill(national, period, "xong", "cases")
    for name, times in results.items():
        budget = BUDGET[name]
        median = statistics.median(times)
        verdict = "" if budget is None else (" OK" if median <= budget else f" OVER {budget}s")
        print(
            f"{name:55s} median {median * 1000:8.1f} ms  (min {min(times) * 1000:.1f},"
            f" max {max(times) * 1000:.1f}, {len(times)} runs){verdict}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (maxrss) {peak_mb:.0f} MB{' OK' if peak_mb <= 1024 else ' OVER 1 GB'}")
    print(f"national form 1: {len(one.rows)} rows; drill-down 'xong': {page.count:,} cases")


if __name__ == "__main__":
    main()
