"""Load benchmark (not a test): N simulated users against a running THADS server, loopback only.

    # the server: PostgreSQL, demo province, production settings (docs/performance.md)
    .venv/bin/python -m bench.load http://127.0.0.1:8000 --users 50 --seconds 120

Users are the demo roles: officers (`chv`) on their home page, case pages and searches; clerks
(`thuky`) recording payments on cases of their unit; heads (`truongphong`, `phophong`) on the
forms; leaders (`lanhdao`, `trunguong`) on the cockpit and drill-downs. Each user signs in, then
loops (a think time of 0,2–1 s) until the time is up; at most `--users` requests are in flight.
Prints p50/p95/p99 per page kind and the errors. After the run, the ledger check: every payment
answered "recorded" is in the database exactly once (matched by its unique note), and no other
payment with this run's tag exists (`--database-check`: needs DATABASE_URL of the server).
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
        self.client = httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False)
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


async def run(base: str, users: int, seconds: float, https: bool, tag: str):
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    payments: list[str] = []
    names = [name for name, share in MIX for _ in range(max(1, round(share * users)))][:users]
    crowd = [User(base, name, https, timings, errors, payments) for name in names]
    deadline = time.monotonic() + seconds

    async def life(user: User) -> None:
        await asyncio.sleep(random.random() * 2)
        if not await user.login():
            errors["login"].append(user.username)
            return
        while time.monotonic() < deadline:
            await user.step(tag)
            await asyncio.sleep(random.uniform(0.2, 1.0))
        await user.client.aclose()

    await asyncio.gather(*(life(u) for u in crowd))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="http://127.0.0.1:PORT (loopback only)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--https-proxy", action="store_true", help="as behind the TLS proxy")
    parser.add_argument("--database-check", action="store_true")
    args = parser.parse_args()
    host = urlsplit(args.base).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise SystemExit("bench.load only targets loopback addresses")
    tag = f"LOAD{int(time.time())}"
    t0 = time.perf_counter()
    timings, errors, payments = asyncio.run(
        run(args.base, args.users, args.seconds, args.https_proxy, tag)
    )
    wall = time.perf_counter() - t0
    total = sum(len(v) for v in timings.values())
    print(f"{args.users} users, {wall:.0f} s, {total} requests ({total / wall:.1f}/s)")
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
    ledger_ok = True
    if args.database_check:
        text, ledger_ok = check_ledger(tag, payments)
        print(text)
    sys.exit(0 if n_errors == 0 and ledger_ok else 1)


if __name__ == "__main__":
    main()
