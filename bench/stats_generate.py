"""National-scale data for the statistics benchmark, written directly with PostgreSQL COPY.

    createdb -h 127.0.0.1 -U postgres thads_national
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_national .venv/bin/thads migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_national \\
        .venv/bin/python -m bench.stats_generate [--scale 1.0] [--workers 2]

Organisation: 1 national unit, 34 provinces with 355 Phòng THADS khu vực (from 01/07/2025),
and the pre-reform structure (63 Cục THADS tỉnh, 693 Chi cục until 30/06/2025, each naming
its successor); ~4 000 staff, mostly Chấp hành viên. Cases: accepted from 01/10/2016 to
`TODAY`, ~590 000 a year (× --scale), each with a synthetic history of statistical and work
events (verification, payments, postponements, reductions, corrections, closings). The facts
(`stats_casefact`, `stats_stateinterval`) are computed with `thads.stats.facts.intervals_for`,
exactly what `facts_rebuild` writes; `--verify N` checks N random cases against it.

Rows are written with triggers off (`session_replication_role = replica`): no pghistory rows
and no foreign-key checks during the load. Parties and obligations are not generated.
Deterministic: the same seed and scale give the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import sys
import time
from multiprocessing import Pool

import django

TODAY = dt.date(2026, 11, 20)
FIRST_DAY = dt.date(2016, 10, 1)
REFORM = dt.date(2025, 7, 1)
FULL_FROM = dt.date(2023, 10, 1)  # the last three report years at full density
FOUNDED = dt.date(2009, 10, 1)
CASES_PER_YEAR = 590_000
CHUNK = 20_000
SEED = 20261121
NEW_PROVINCES = 34
NEW_LOCALS = 355
OLD_PROVINCES = 63
OLD_LOCALS = 693
KINDS = [
    ("dan_su", 46),
    ("hinh_su", 30),
    ("hon_nhan_gia_dinh", 9),
    ("kinh_doanh_thuong_mai", 7),
    ("hanh_chinh", 2),
    ("lao_dong", 2),
    ("pha_san", 1),
    ("trong_tai", 1),
    ("khac", 2),
]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()


# --------------------------------------------------------------------------- organisation


def build_org() -> dict:
    """Units and staff through the ORM (a few thousand rows); returns the id maps for workers."""
    from django.db import transaction

    from thads.org import services
    from thads.org.models import Membership, Staff, Unit

    if Unit.objects.filter(code="TW").exists():
        raise SystemExit("Database already has data: use a fresh database.")
    rng = random.Random(SEED)
    with transaction.atomic():
        national = services.unit_create(
            code="TW",
            name="Cục Quản lý thi hành án dân sự",
            level=Unit.Level.NATIONAL,
            valid_from=FOUNDED,
        )
        provinces, locals_by_province = [], {}
        local_counts = [NEW_LOCALS // NEW_PROVINCES] * NEW_PROVINCES
        for i in range(NEW_LOCALS % NEW_PROVINCES):
            local_counts[i] += 1
        for p in range(NEW_PROVINCES):
            prov = services.unit_create(
                code=f"T{p + 1:02d}",
                name=f"Thi hành án dân sự tỉnh số {p + 1}",
                level=Unit.Level.PROVINCE,
                parent=national,
                valid_from=REFORM,
            )
            provinces.append(prov)
            locals_by_province[prov.pk] = [
                services.unit_create(
                    code=f"T{p + 1:02d}-KV{k + 1}",
                    name=f"Phòng Thi hành án dân sự khu vực {k + 1} – tỉnh số {p + 1}",
                    level=Unit.Level.LOCAL,
                    parent=prov,
                    valid_from=REFORM,
                )
                for k in range(local_counts[p])
            ]
        old_provinces, old_locals = [], []
        old_counts = [OLD_LOCALS // OLD_PROVINCES] * OLD_PROVINCES
        for o in range(OLD_PROVINCES):
            new = provinces[o * NEW_PROVINCES // OLD_PROVINCES]
            old = services.unit_create(
                code=f"C{o + 1:02d}",
                name=f"Cục Thi hành án dân sự tỉnh cũ số {o + 1}",
                level=Unit.Level.PROVINCE,
                parent=national,
                valid_from=FOUNDED,
                valid_to=REFORM - dt.timedelta(days=1),
                successor=new,
            )
            old_provinces.append(old)
            successors = locals_by_province[new.pk]
            for k in range(old_counts[o]):
                old_locals.append(
                    services.unit_create(
                        code=f"C{o + 1:02d}-CC{k + 1:02d}",
                        name=f"Chi cục Thi hành án dân sự huyện số {k + 1} – tỉnh cũ số {o + 1}",
                        level=Unit.Level.LOCAL,
                        parent=old,
                        valid_from=FOUNDED,
                        valid_to=REFORM - dt.timedelta(days=1),
                        successor=successors[(o * 7 + k) % len(successors)],
                    )
                )
        # Staff: ~10 per Phòng khu vực, ~8 per province; each also posted before the reform.
        staff, memberships, officers_by_unit = [], [], {}
        now = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
        n = 0
        postings = []
        for prov in provinces:
            for unit in [prov, *locals_by_province[prov.pk]]:
                size = 8 if unit.level == Unit.Level.PROVINCE else 10 + rng.randint(-2, 2)
                for j in range(size):
                    n += 1
                    title = (
                        Staff.Title.LANH_DAO
                        if j == 0
                        else Staff.Title.THU_KY
                        if j == size - 1
                        else Staff.Title.CHV_TRUNG_CAP
                        if j < 3
                        else Staff.Title.CHV_SO_CAP
                    )
                    staff.append(
                        Staff(
                            code=f"CB{n:05d}",
                            full_name=f"Cán bộ số {n}",
                            title=title,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    postings.append((unit, title, j == 0))
        Staff.objects.bulk_create(staff, batch_size=2000)
        old_of = {}
        for old in old_locals:
            old_of.setdefault(old.successor_id, []).append(old)
        for person, (unit, title, head) in zip(staff, postings, strict=True):
            role = services.default_role(title, head, unit.level)
            memberships.append(
                Membership(
                    staff=person,
                    unit=unit,
                    role=role,
                    is_head=head,
                    valid_from=REFORM,
                    created_at=now,
                    updated_at=now,
                )
            )
            before = old_of.get(unit.pk)
            if before:
                memberships.append(
                    Membership(
                        staff=person,
                        unit=before[person.pk % len(before)],
                        role=role,
                        is_head=False,
                        valid_from=FOUNDED,
                        valid_to=REFORM - dt.timedelta(days=1),
                        created_at=now,
                        updated_at=now,
                    )
                )
            if title.startswith("chap_hanh_vien"):
                officers_by_unit.setdefault(unit.pk, []).append(person.pk)
        Membership.objects.bulk_create(memberships, batch_size=2000)
    return {
        "national": national.pk,
        "provinces": [p.pk for p in provinces],
        "locals": {p.pk: [u.pk for u in locals_by_province[p.pk]] for p in provinces},
        "old_locals": [(u.pk, u.successor_id) for u in old_locals],
        "old_provinces": [(u.pk, u.successor_id) for u in old_provinces],
        "officers": officers_by_unit,
        "staff": len(staff),
    }


# --------------------------------------------------------------------------- case histories


class Ev:
    """A generated event (the attributes `intervals_for` reads)."""

    __slots__ = ("pk", "type", "on", "seq", "amount", "data", "corrects_id", "to_unit_id")

    def __init__(self, pk, type_, on, seq, amount=None, data=None, corrects_id=None, to_unit=None):
        self.pk = pk
        self.type = type_
        self.on = on
        self.seq = seq
        self.amount = amount
        self.data = data or {}
        self.corrects_id = corrects_id
        self.to_unit_id = to_unit


def _amount(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.12:
        return 0  # non-money obligation
    if r < 0.45:
        return rng.randint(2, 60) * 100_000  # court fees, small fines
    if r < 0.85:
        return rng.randint(5, 500) * 1_000_000
    if r < 0.98:
        return rng.randint(500, 20_000) * 1_000_000
    return rng.randint(20, 2_000) * 1_000_000_000


def _history(rng: random.Random, accepted: dt.date, amount: int, mode: str, next_id, units):
    """A plausible life: notification, verification, payments, suspensions, a closing."""
    events: list[Ev] = []
    day = accepted

    def add(type_, gap_lo, gap_hi, amount_=None, data=None, corrects=None, to_unit=None):
        nonlocal day
        day = day + dt.timedelta(days=rng.randint(gap_lo, gap_hi))
        if day > TODAY:
            return None
        ev = Ev(next_id(), type_, day, len(events) + 1, amount_, data, corrects, to_unit)
        events.append(ev)
        return ev

    if add("thong_bao", 1, 5) is None:
        return events
    r = rng.random()
    if r < 0.03 and mode == "theo_don":
        add("tra_don", 5, 40)
        return events
    if r < 0.06:
        add("uy_thac", 10, 60, to_unit=rng.choice(units))
        return events
    if r < 0.075:
        add("thu_hoi", 10, 90)
        return events
    if amount == 0:
        add("xac_minh", 5, 30)
        if rng.random() < 0.9:
            add("xong", 10, 200)
        return events
    able = rng.random() < 0.68
    if not able:
        if add("chua_co_dieu_kien", 20, 90) is None:
            return events
        months = rng.choice([6, 6, 12, 12, 12, 24, 36, 60, 90])
        for _ in range(rng.randint(0, 6)):
            if add("xac_minh_lai", 150, 200) is None:
                return events
        fate = rng.random()
        if fate < 0.35:
            if add("xac_minh_co_dieu_kien", 30, months * 30) is None:
                return events
        elif fate < 0.55:
            add("so_rieng", 60, 400)
            return events
        elif fate < 0.65:
            add("dinh_chi", 60, 900)
            return events
        else:
            return events  # still without means
    else:
        if add("xac_minh_co_dieu_kien", 10, 60) is None:
            return events
    paid = reduced = 0
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])):
        step = rng.random()
        if step < 0.06:
            reason = "thoa_thuan" if rng.random() < 0.4 else "khac"
            if add("hoan", 10, 60, data={"reason": reason}) is None:
                return events
            if rng.random() < 0.8 and add("tiep_tuc", 30, 200) is None:
                return events
            continue
        if step < 0.09:
            if add("tam_dinh_chi", 10, 60) is None:
                return events
            if rng.random() < 0.7 and add("tiep_tuc", 60, 300) is None:
                return events
            continue
        if step < 0.12:
            add("van_dong", 5, 30)
            continue
        if step < 0.15:
            cut = (amount - paid - reduced) // 10
            if cut > 0 and add("mien_giam", 20, 120, cut) is None:
                return events
            reduced += max(cut, 0)
            continue
        if paid + reduced >= amount:
            break
        part = max(1, (amount - paid - reduced) * rng.randint(20, 100) // 100)
        ev = add("thu_tien", 15, 150, part)
        if ev is None:
            return events
        paid += part
        if rng.random() < 0.01:  # a wrongly entered payment, replaced by the right amount
            add("thu_tien", 1, 10, max(1, part // 2), corrects=ev.pk)
            paid -= part - max(1, part // 2)
    if paid + reduced >= amount:
        add("xong", 1, 20)
    elif rng.random() < 0.5:
        if rng.random() < 0.15:
            add("dinh_chi", 30, 300)
        else:
            rest = amount - paid - reduced
            if add("thu_tien", 30, 400, rest) is not None:
                add("xong", 1, 20)
    return events


def _esc(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def generate_chunk(args):
    """Generate cases [first_id, first_id + count) and COPY them; returns row counts."""
    first_id, count, org, dsn, days = args
    _setup()
    import psycopg

    from thads.cases.models import TERMINAL_STATES
    from thads.stats.facts import intervals_for

    rng = random.Random(SEED * 1_000_003 + first_id)
    event_id = [first_id * 12]  # disjoint event id ranges per chunk (≤ 12 events per case)

    def next_id():
        event_id[0] += 1
        return event_id[0]

    all_new_locals = [u for units in org["locals"].values() for u in units]
    officers = {int(k): v for k, v in org["officers"].items()}
    kinds = [k for k, _w in KINDS]
    weights = [w for _k, w in KINDS]
    buf = {name: io.StringIO() for name in ("judgment", "case", "event", "fact", "interval")}
    n_events = n_intervals = 0
    for case_id in range(first_id, first_id + count):
        accepted = FIRST_DAY + dt.timedelta(days=days[case_id - first_id])
        if case_id % 2 == 1:  # two consecutive cases share one judgment (same kind)
            kind = rng.choices(kinds, weights)[0]
            judgment_id = (case_id + 1) // 2
            jdate = accepted - dt.timedelta(days=rng.randint(30, 200))
            buf["judgment"].write(
                f"{judgment_id}\t{jdate} 08:00:00+07\t{jdate} 08:00:00+07\t1\t"
                f"TAND số {judgment_id % 700}\t{judgment_id}/BA\t{jdate}\t{kind}\n"
            )
        else:
            judgment_id = case_id // 2
        if accepted < REFORM:
            unit, successor = rng.choice(org["old_locals"])
            if rng.random() < 0.1:
                unit, successor = rng.choice(org["old_provinces"])
            pool = officers.get(successor, [])
        else:
            unit = rng.choice(all_new_locals)
            if rng.random() < 0.1:
                unit = rng.choice(org["provinces"])
            pool = officers.get(unit, [])
        officer = rng.choice(pool) if pool and rng.random() < 0.95 else None
        mode = "chu_dong" if rng.random() < 0.55 else "theo_don"
        amount = _amount(rng)
        flags = (rng.random() < 0.25, rng.random() < 0.04, rng.random() < 0.02)
        events = _history(rng, accepted, amount, mode, next_id, all_new_locals)
        rows = intervals_for(amount, accepted, events)
        last = rows[-1]
        closed_on = last.start_on if last.state in TERMINAL_STATES else None
        version = 1 + len(events)
        classified = any(e.type in ("xac_minh_co_dieu_kien", "chua_co_dieu_kien") for e in events)
        touched = events[-1].on if events else accepted
        code = f"V{case_id:08d}"
        buf["case"].write(
            f"{case_id}\t{accepted} 09:00:00+07\t{touched} 16:00:00+07\t{version}\t{code}\t"
            f"{case_id}/QĐ-CTHADS\t{accepted}\t{accepted}\t\\N\t{mode}\t"
            f"{_esc(flags[0])}\t{_esc(flags[1])}\t{_esc(flags[2])}\t{amount}\t\t{last.state}\t"
            f"{_esc(classified)}\t{last.collected_cum}\t{last.reduced_cum}\t{_esc(closed_on)}\t"
            f"{_esc(officer)}\t{unit}\t{judgment_id}\n"
        )
        for e in events:
            law = "2008" if e.on < dt.date(2026, 7, 1) else "2025"
            data = json.dumps(e.data, ensure_ascii=False) if e.data else "{}"
            buf["event"].write(
                f"{e.pk}\t{e.seq}\t{e.type}\t{e.on}\t{e.on} 15:00:00+07\t{_esc(e.amount)}\t"
                f"{data}\t{law}\t{case_id}\t{_esc(e.corrects_id)}\t{_esc(e.to_unit_id)}\n"
            )
        n_events += len(events)
        buf["fact"].write(
            f"{case_id}\t{version}\t{unit}\t{_esc(officer)}\t{accepted}\t{_esc(closed_on)}\t"
            f"{amount}\t{kind}\t{mode}\t{_esc(flags[0])}\t"
            f"{_esc(flags[1])}\t{_esc(flags[2])}\n"
        )
        for r in rows:
            buf["interval"].write(
                f"{case_id}\t{r.start_on}\t{_esc(r.end_on)}\t{r.state}\t"
                f"{r.collected_cum}\t{r.reduced_cum}\n"
            )
        n_intervals += len(rows)
    columns = {
        "judgment": (
            "cases_judgment",
            "id, created_at, updated_at, version, court, number, date, kind",
        ),
        "case": (
            "cases_case",
            "id, created_at, updated_at, version, code, decision_no, decision_date, accepted_on,"
            " received_on, mode, is_state_budget, is_bank_credit, is_corruption, amount,"
            " steering_note, state, is_classified, collected, reduced, closed_on, officer_id,"
            " unit_id, judgment_id",
        ),
        "event": (
            "cases_caseevent",
            'id, seq, type, "on", recorded_at, amount, data, law_version, case_id, corrects_id,'
            " to_unit_id",
        ),
        "fact": (
            "stats_casefact",
            "case_id, version, unit_id, officer_id, accepted_on, closed_on, amount, kind, mode,"
            " is_state_budget, is_bank_credit, is_corruption",
        ),
        "interval": (
            "stats_stateinterval",
            "case_id, start_on, end_on, state, collected_cum, reduced_cum",
        ),
    }
    with psycopg.connect(dsn, autocommit=False) as conn:
        with conn.cursor() as cur:
            cur.execute("SET session_replication_role = replica")
            for name in ("judgment", "case", "event", "fact", "interval"):
                table, cols = columns[name]
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    copy.write(buf[name].getvalue())
        conn.commit()
    return count, n_events, n_intervals


# --------------------------------------------------------------------------- driver


def acceptance_days(total_days: int, scale: float, history: float) -> list[int]:
    """Day offset (from FIRST_DAY) of each case, ascending; ~CASES_PER_YEAR × scale a year.

    Before FULL_FROM only `history` × that (older cases are nearly all closed: they weigh on the
    table and index sizes, not on the report's scope).
    """
    rng = random.Random(SEED)
    per_day = CASES_PER_YEAR * scale / 365
    days = []
    for d in range(total_days):
        day = FIRST_DAY + dt.timedelta(days=d)
        growth = 0.9 + 0.2 * d / total_days  # the caseload grows ~2 % a year
        density = 1.0 if day >= FULL_FROM else history
        n = int(per_day * growth * density * (0.6 if day.weekday() >= 5 else 1.1))
        days.extend([d] * max(n + rng.randint(-2, 2), 0))
    return days


def _dsn() -> str:
    from django.db import connection

    s = connection.settings_dict
    return (
        f"host={s['HOST'] or 'localhost'} port={s['PORT'] or 5432} dbname={s['NAME']} "
        f"user={s['USER']}" + (f" password={s['PASSWORD']}" if s["PASSWORD"] else "")
    )


def _drop_secondary_indexes(cur, tables) -> list[str]:
    """Drop the non-constraint indexes of the bulk tables; returns their definitions."""
    cur.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = ANY(%s) AND NOT EXISTS (
            SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        """,
        [list(tables)],
    )
    defs = cur.fetchall()
    for name, _d in defs:
        cur.execute(f'DROP INDEX "{name}"')
    return [d for _n, d in defs]


def verify(sample: int) -> int:
    """Rebuild `sample` random cases in a rolled-back transaction; count mismatching facts."""
    from django.db import connection, transaction

    from thads.stats.facts import facts_rebuild
    from thads.stats.models import CaseFact, StateInterval

    with connection.cursor() as cur:
        cur.execute("SELECT max(id) FROM cases_case")
        top = cur.fetchone()[0]
    ids = sorted(random.Random(SEED + 1).sample(range(1, top + 1), sample))

    def snapshot():
        facts = {f["case_id"]: f for f in CaseFact.objects.filter(case_id__in=ids).values()}
        intervals: dict[int, list] = {}
        for t in (
            StateInterval.objects.filter(case_id__in=ids)
            .order_by("case_id", "start_on")
            .values_list("case_id", "start_on", "end_on", "state", "collected_cum", "reduced_cum")
        ):
            intervals.setdefault(t[0], []).append(t[1:])
        return facts, intervals

    before = snapshot()
    bad = 0
    with transaction.atomic():
        facts_rebuild(ids)
        after = snapshot()
        for case_id in ids:
            if before[0].get(case_id) != after[0].get(case_id) or before[1].get(case_id) != after[
                1
            ].get(case_id):
                bad += 1
                if bad <= 5:
                    print("mismatch", case_id, before[0].get(case_id), after[0].get(case_id))
                    print("  ", before[1].get(case_id), after[1].get(case_id))
        transaction.set_rollback(True)
    return bad


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--history", type=float, default=0.4, help="density before 2023-10-01")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verify", type=int, default=2000, metavar="N")
    parser.add_argument("--verify-only", action="store_true")
    args = parser.parse_args(argv)
    _setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database.")
    if args.verify_only:
        bad = verify(args.verify)
        print(f"verify: {args.verify} cases rebuilt, {bad} differ")
        sys.exit(1 if bad else 0)
    t0 = time.monotonic()
    org = build_org()
    print(f"org: {org['staff']} staff, {time.monotonic() - t0:.1f}s", flush=True)
    days = acceptance_days((TODAY - FIRST_DAY).days + 1, args.scale, args.history)
    total = len(days)
    print(f"cases to generate: {total:,}", flush=True)
    tables = [
        "cases_judgment",
        "cases_case",
        "cases_caseevent",
        "stats_casefact",
        "stats_stateinterval",
    ]
    with connection.cursor() as cur:
        dropped = _drop_secondary_indexes(cur, tables)
    dsn = _dsn()
    connection.close()
    jobs = [
        (first, min(CHUNK, total - first + 1), org, dsn, days[first - 1 : first - 1 + CHUNK])
        for first in range(1, total + 1, CHUNK)
    ]
    done = events = intervals = 0
    with Pool(args.workers) as pool:
        for c, e, i in pool.imap_unordered(generate_chunk, jobs):
            done, events, intervals = done + c, events + e, intervals + i
            if (done // CHUNK) % 10 == 0:
                print(
                    f"  {done:,} cases, {events:,} events, {intervals:,} intervals, "
                    f"{time.monotonic() - t0:.0f}s",
                    flush=True,
                )
    print(
        f"loaded: {done:,} cases, {events:,} events, {intervals:,} intervals, "
        f"{time.monotonic() - t0:.0f}s",
        flush=True,
    )
    with connection.cursor() as cur:
        for definition in dropped:
            cur.execute(definition)
        for table in tables:
            if table != "stats_casefact":
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        cur.execute("ANALYZE")
    print(f"indexes rebuilt, analysed: {time.monotonic() - t0:.0f}s", flush=True)
    if args.verify:
        bad = verify(args.verify)
        print(f"verify: {args.verify} random cases rebuilt by facts_rebuild, {bad} differ")
    print(f"total {time.monotonic() - t0:.0f}s")


if __name__ == "__main__":
    main()
