"""Load benchmark (not a test): N simulated users against a running THADS server, loopback only.

    # the server: PostgreSQL, demo province, production settings (docs/performance.md)
    .venv/bin/python -m bench.load http://127.0.0.1:8000 --users 50 --seconds 120
    .venv/bin/python -m bench.load http://127.0.0.1:8000 --users 50 --seconds 120 --stress

Users are the demo roles: officers (`chv`) on their home page, case pages and searches; clerks
(`thuky`) recording payments on cases of their unit; heads (`truongphong`, `phophong`) on the
forms; leaders (`lanhdao`, `trunguong`) on the cockpit and drill-downs. Every user signs in
first (spread over `--ramp` seconds, timed as "login": a password hash is deliberately costly),
then all of them click for `--seconds` seconds, each waiting a think time
drawn uniformly from `--think MIN MAX` seconds after each page: by default 1–5 s (locust's
customary `between(1, 5)`; a person reading a case page clicks every several seconds, so this is
still a busy office), `--stress` 0,2–1 s (each user clicks ~1,6 times a second: about five times
the default's rate). At most `--users` requests are in flight.
Prints p50/p95/p99 per page kind and the errors. After the run, the ledger check: every payment
answered "recorded" is in the database exactly once (matched by its unique note), and no other
payment with this run's tag exists (`--database-check`: needs DATABASE_URL of the server).
`--server-pid` (the gunicorn master's pid) adds the CPU time the server's processes used during
the sign-ins and during the pages (with `--database-check`, also the PostgreSQL backends of its
database): CPU milliseconds per request, a figure that does not depend on what else loads the
machine.
Only loopback addresses are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import random
import re
import statistics
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import httpx

PASSWORD = "thads-demo-2026"  # the demo province's common password
MIX = [  # (username, share of the users)
    ("chv", 0.35), ("thuky", 0.2), ("truongphong", 0.15), ("phophong", 0.1),
    ("lanhdao", 0.15), ("trunguong", 0.05),
]  # fmt: skip
CASE_LINK = re.compile(r'href="(/viec/\d+/)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class User:
    def __init__(self, base: str, username: str, https: bool, timings, errors, payments):
        self.username = username
        # An idle connection is dropped after 2 s, before the server's keep-alive (5 s) closes
        # it under a request (a browser retries that case; a think time of 1–5 s meets it).
        self.client = httpx.AsyncClient(
            base_url=base, timeout=30, follow_redirects=False,
            limits=httpx.Limits(keepalive_expiry=2.0),
        )  # fmt: skip
        self.headers = {"X-Forwarded-Proto": "https"} if https else {}
        self.origin = base.replace("http://", "https://") if https else base
        self.cookies: dict[str, str] = {}
        self.timings, self.errors, self.payments = timings, errors, payments
        self.cases: list[str] = []

    async def request(self, kind: str, method: str, path: str, **kw) -> httpx.Response | None:
        headers = dict(self.headers, **kw.pop("headers", {}))
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        t0 = time.perf_counter()
        try:
            response = await self.client.request(method, path, headers=headers, **kw)
        except httpx.HTTPError as exc:
            self.errors[kind].append(f"{path}: {type(exc).__name__}")
            return None
        self.timings[kind].append(time.perf_counter() - t0)
        for raw in response.headers.get_list("set-cookie"):
            name, _, rest = raw.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.status_code in {400, 409}:  # a rule refused it, or a concurrent edit
            self.errors[REFUSED].append(path)
        elif response.status_code >= 400:
            self.errors[kind].append(f"{path}: {response.status_code}")
        return response

    async def login(self) -> bool:
        page = await self.request("login", "GET", "/dang-nhap/")
        token = CSRF.search(page.text) if page is not None else None
        if token is None:
            return False
        done = await self.request(
            "login", "POST", "/dang-nhap/",
            data={"username": self.username, "password": PASSWORD,
                  "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": self.origin + "/dang-nhap/"},
        )  # fmt: skip
        return done is not None and done.status_code == 302

    async def step(self, tag: str) -> None:
        role = self.username
        if role == "chv":
            choice = random.random()
            if choice < 0.3:
                page = await self.request("officer: home", "GET", "/")
            elif choice < 0.5:
                page = await self.request("officer: search", "GET", "/viec/danh-sach/?q=nguy")
            else:
                if not self.cases:
                    listing = await self.request("officer: case list", "GET", "/viec/danh-sach/")
                    self.cases = CASE_LINK.findall(listing.text) if listing is not None else []
                page = await self.request(
                    "officer: case page", "GET", random.choice(self.cases or ["/viec/"])
                )
            del page
        elif role == "thuky":
            await self.pay(tag)
        elif role in {"truongphong", "phophong"}:
            form = random.choice(["1", "2", "4"])
            await self.request("head: form", "GET", f"/thong-ke/?bieu={form}")
        else:
            if random.random() < 0.6:
                await self.request("leader: cockpit", "GET", "/chi-tieu/")
            else:
                unit = "TNG" if role == "lanhdao" else "TW"
                await self.request(
                    "leader: drill-down", "GET", f"/thong-ke/chi-tiet/?don_vi={unit}&bieu=1&cot=0"
                )

    async def pay(self, tag: str) -> None:
        if not self.cases:
            listing = await self.request("clerk: case list", "GET", "/viec/danh-sach/")
            self.cases = CASE_LINK.findall(listing.text) if listing is not None else []
            if not self.cases:
                return
        case = random.choice(self.cases)
        form = await self.request("clerk: payment form", "GET", f"/so-sach{case}thu-tien/")
        if form is None or form.status_code != 200:
            return
        token = CSRF.search(form.text)
        note = f"{tag}-{uuid.uuid4().hex[:12]}"
        version = VERSION.search(form.text)
        data = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "version": version.group(1) if version else "",
            "amount": "1000", "received_on": time.strftime("%d/%m/%Y"), "payer": "Tải thử",
            "note": note,
        }  # fmt: skip
        done = await self.request(
            "clerk: record payment", "POST", f"/so-sach{case}thu-tien/", data=data,
            headers={"Referer": self.origin + f"/so-sach{case}thu-tien/"},
        )  # fmt: skip
        if done is not None and done.status_code in {302, 303}:
            self.payments.append(note)


THINK = (1.0, 5.0)  # seconds between two pages of one user, by default
STRESS_THINK = (0.2, 1.0)  # --stress


async def run(
    base: str,
    users: int,
    seconds: float,
    https: bool,
    tag: str,
    think: tuple[float, float] = THINK,
    ramp: float = 2.0,
    signed_in=None,
):
    """Every user signs in (spread over `ramp` seconds); then, `signed_in()` called, every user
    clicks for `seconds` seconds: the pages are timed apart from the burst of password hashes."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    payments: list[str] = []
    names = [name for name, share in MIX for _ in range(max(1, round(share * users)))][:users]
    crowd = [User(base, name, https, timings, errors, payments) for name in names]

    async def sign_in(user: User) -> bool:
        await asyncio.sleep(random.random() * ramp)
        if await user.login():
            return True
        errors["login"].append(user.username)
        return False

    signed = await asyncio.gather(*(sign_in(u) for u in crowd))
    if signed_in is not None:
        signed_in()
    deadline = time.monotonic() + seconds

    async def life(user: User) -> None:
        await asyncio.sleep(random.uniform(0, think[1]))  # not all at the same instant
        while time.monotonic() < deadline:
            await user.step(tag)
            await asyncio.sleep(random.uniform(*think))
        await user.client.aclose()

    await asyncio.gather(*(life(u) for u, ok in zip(crowd, signed, strict=True) if ok))
    return timings, errors, payments


# Answers the rules give on purpose (a payment beyond what is owed, an edit that lost the race):
# reported, but not errors of the server.
REFUSED = "refused (400/409, expected)"


def check_ledger(tag: str, payments: list[str]) -> tuple[str, bool]:
    """Every payment answered 'recorded' is in the ledger once; nothing else carries the tag."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.db.models import Count

    from thads.ledger.models import Receipt

    rows = dict(
        Receipt.objects.filter(note__startswith=tag)
        .values_list("note")
        .annotate(n=Count("pk"))
        .values_list("note", "n")
    )
    lost = [n for n in payments if n not in rows]
    doubled = [n for n, count in rows.items() if count > 1]
    unknown = [n for n in rows if n not in set(payments)]
    text = (
        f"ledger: {len(payments)} payments recorded, {len(rows)} found; lost {len(lost)}, "
        f"duplicated {len(doubled)}, unexpected {len(unknown)}"
    )
    return text, not (lost or doubled or unknown)


def _cpu_seconds(pid: int, reaped_children: bool = False) -> float:
    """utime + stime of a process from /proc (with cutime + cstime: its ended children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # ended meanwhile
        return 0.0
    ticks = fields[11:15] if reaped_children else fields[11:13]
    return sum(int(t) for t in ticks) / os.sysconf("SC_CLK_TCK")


def server_cpu(master: int) -> float:
    """CPU seconds used so far by the gunicorn master and its workers; a worker that ended
    (recycled by max_requests) is in the master's cutime."""
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == master:
                workers.append(int(entry.name))
    return _cpu_seconds(master, reaped_children=True) + sum(_cpu_seconds(w) for w in workers)


def database_cpu() -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend of the server's database (DATABASE_URL; a
    local server), this process's own connection left out; {} on another database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # Also read between the two phases, from the client's event loop (one short query).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {pid: _cpu_seconds(pid) for (pid,) in cursor.fetchall()}


def host_speed() -> float:
    """CPU milliseconds of a fixed pure-Python loop (10 million additions, best of three):
    the same work has taken from ~500 to ~900 ms on this shared host within an hour, and the
    server's CPU per page moves with it."""
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.process_time() - t0)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="http://127.0.0.1:PORT (loopback only)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--https-proxy", action="store_true", help="as behind the TLS proxy")
    parser.add_argument("--database-check", action="store_true")
    parser.add_argument(
        "--think", type=float, nargs=2, metavar=("MIN", "MAX"), default=None,
        help=f"seconds a user waits after each page (default {THINK[0]:g} {THINK[1]:g})",
    )  # fmt: skip
    parser.add_argument(
        "--stress", action="store_true",
        help=f"think {STRESS_THINK[0]:g}–{STRESS_THINK[1]:g} s: ~5 times the default's clicks",
    )  # fmt: skip
    parser.add_argument("--ramp", type=float, default=2.0, help="sign-ins spread over (s)")
    parser.add_argument("--server-pid", type=int, help="gunicorn master: server CPU per request")
    args = parser.parse_args()
    if args.stress and args.think:
        parser.error("--stress sets the think time: not with --think")
    think = STRESS_THINK if args.stress else tuple(args.think or THINK)
    host = urlsplit(args.base).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise SystemExit("bench.load only targets loopback addresses")
    tag = f"LOAD{int(time.time())}"
    measure_db = bool(args.server_pid and args.database_check)
    marks = []  # (web CPU, database CPU by backend): at the start, after the sign-ins, at the end

    def mark() -> None:
        if args.server_pid:
            marks.append((server_cpu(args.server_pid), database_cpu() if measure_db else {}))

    speed_before = host_speed()
    mark()
    t0 = time.perf_counter()
    timings, errors, payments = asyncio.run(
        run(
            args.base, args.users, args.seconds, args.https_proxy, tag, think, args.ramp,
            signed_in=mark,
        )
    )  # fmt: skip
    wall = time.perf_counter() - t0
    mark()
    total = sum(len(v) for v in timings.values())
    print(
        f"{args.users} users, think {think[0]:g}–{think[1]:g} s"
        f"{' (stress)' if args.stress else ''}, sign-ins over {args.ramp:g} s, "
        f"{wall:.0f} s, {total} requests ({total / wall:.1f}/s)"
    )
    print(f"{'page kind':<24} {'n':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'errors':>7}")
    for kind in sorted(timings):
        values = sorted(timings[kind])
        q = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        print(
            f"{kind:<24} {len(values):>6} {q[49] * 1000:>6.0f}ms {q[94] * 1000:>6.0f}ms "
            f"{q[98] * 1000:>6.0f}ms {len(errors.get(kind, [])):>7}"
        )
    n_refused = len(errors.get(REFUSED, []))
    n_errors = sum(len(v) for k, v in errors.items() if k != REFUSED)
    print(
        f"errors: {n_errors}, refused by a rule: {n_refused}"
        + (f" e.g. {dict((k, v[:3]) for k, v in errors.items())}" if errors else "")
    )
    if len(marks) == 3:
        sign_ins = sum(len(timings[k]) for k in ("login",))  # the sign-in phase's requests
        for label, (a, b), n in (
            ("sign-ins", (marks[0], marks[1]), sign_ins),
            ("pages", (marks[1], marks[2]), total - sign_ins),
        ):
            web = b[0] - a[0]
            db = sum(cpu - a[1].get(pid, 0.0) for pid, cpu in b[1].items())
            print(
                f"server CPU, {label}: web {web:.1f} s + PostgreSQL {db:.1f} s for {n} requests"
                f" = {(web + db) / max(n, 1) * 1000:.1f} ms per request"
            )
    print(
        f"host speed: a fixed Python loop took {speed_before:.0f} ms before the run and"
        f" {host_speed():.0f} ms after (the shared host's cores vary: compare runs with it)"
    )
    ledger_ok = True
    if args.database_check:
        text, ledger_ok = check_ledger(tag, payments)
        print(text)
    sys.exit(0 if n_errors == 0 and ledger_ok else 1)


if __name__ == "__main__":
    main()
