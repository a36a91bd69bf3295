"""Smoke test of a running THADS server: `/healthz`, then one page as a signed-in demo user.

    .venv/bin/python -m ops.smoke http://127.0.0.1:8000 [--user chv] [--https-proxy]

`--https-proxy` sends `X-Forwarded-Proto: https` as the reverse proxy does (production settings
redirect plain HTTP and mark cookies Secure): the cookies are then carried by hand, since a client
keeps Secure cookies for HTTPS. Exit status 0 when all is well; used by .ci/run.
"""

from __future__ import annotations

import argparse
import re
import sys
import time

import httpx

DEMO_PASSWORD = "thads-demo-2026"  # thads.org.demo.DEMO_PASSWORD (demo province only)


class Session:
    def __init__(self, base: str, https_proxy: bool) -> None:
        self.base = base.rstrip("/")
        self.cookies: dict[str, str] = {}
        self.headers = {"X-Forwarded-Proto": "https"} if https_proxy else {}
        self.client = httpx.Client(timeout=30, follow_redirects=False)

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        headers = dict(self.headers, **kwargs.pop("headers", {}))
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.client.request(method, self.base + path, headers=headers, **kwargs)
        for raw in response.headers.get_list("set-cookie"):
            name, _, rest = raw.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def origin(self) -> str:
        """The address the browser sees: https behind the proxy (CSRF compares the Referer)."""
        return self.base.replace("http://", "https://", 1) if self.headers else self.base

    def login(self, username: str, password: str) -> None:
        page = self.request("GET", "/dang-nhap/")
        page.raise_for_status()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if not token:
            raise SystemExit("login page has no CSRF token")
        done = self.request(
            "POST",
            "/dang-nhap/",
            data={"username": username, "password": password,
                  "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": self.origin() + "/dang-nhap/"},
        )  # fmt: skip
        if done.status_code != 302:
            raise SystemExit(f"login as {username} answered {done.status_code}")


def wait_healthy(session: Session, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            response = session.request("GET", "/healthz")
            if response.status_code == 200:
                return response.json()
            last = f"{response.status_code} {response.text[:200]}"
        except httpx.TransportError as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise SystemExit(f"/healthz not healthy after {seconds:.0f} s: {last}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--user", default="chv")
    parser.add_argument("--https-proxy", action="store_true")
    parser.add_argument("--wait", type=float, default=60)
    parser.add_argument("--page", default="/", help="the page to fetch signed in")
    args = parser.parse_args()
    session = Session(args.base, args.https_proxy)
    health = wait_healthy(session, args.wait)
    print(f"/healthz: {health}")
    session.login(args.user, DEMO_PASSWORD)
    page = session.request("GET", args.page)
    if page.status_code != 200 or "Đăng xuất" not in page.text:
        raise SystemExit(f"{args.page} as {args.user}: {page.status_code}")
    static = re.search(r'href="(/static/[^"]+\.css)"', page.text)
    if static:
        css = session.request("GET", static.group(1))
        if css.status_code != 200:
            raise SystemExit(f"{static.group(1)}: {css.status_code}")
    print(f"{args.page} as {args.user}: 200 ({len(page.content)} bytes), static files served")


if __name__ == "__main__":
    sys.exit(main())
