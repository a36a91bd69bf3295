"""Hostile values never give a 500 or a traceback (issue 9, item 4).

Generated, like the access matrix: every endpoint of the matrix (pages, reads, writes: GET and
POST) gets each hostile value in every parameter it takes — the names of its form fields and
links, and every `request.GET` / `request.POST` name the code reads — and every URL pattern of
the project gets it in every path segment. The answer may be 200, a redirect, 400, 403 or 404
with a message; never a 500 or an exception.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from thads.org.models import Staff, Unit
from thads.web.tests.access_matrix import ENDPOINTS, ROLES, Subject

pytestmark = pytest.mark.django_db

# Unicode digits ("²".isdigit() is True, int("²") fails; "١٢٣" is 123 to int()), beyond bigint,
# NUL bytes (PostgreSQL refuses them in text), exponent overflow, markup and quotes, negative.
HOSTILE = [
    "²",
    "١٢٣",
    "99999999999999999999999999",
    "\x00",
    "TW-01\x00",
    "1e999",
    "-1",
    "<b>'\"",
]
PATH_HOSTILE = ["²", "١٢٣", "99999999999999999999999999", "\x00", "a\x00b"]

ROOT = Path(__file__).resolve().parents[2]
SOURCE_PARAM = re.compile(r"request\.(?:GET|POST)(?:\.get|\.getlist)?[\[(]\s*[\"']([a-z_]+)[\"']")
HTML_NAME = re.compile(r"<(?:input|select|textarea)[^>]*\sname=\"([^\"]+)\"")
HREF = re.compile(r"href=\"([^\"]*\?[^\"]*)\"")


def _code_parameter_names() -> set[str]:
    names: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "tests" not in path.parts:
            names |= set(SOURCE_PARAM.findall(path.read_text("utf-8")))
    return names


def _page_parameter_names(html: str) -> set[str]:
    names = set(HTML_NAME.findall(html))
    for href in HREF.findall(html):
        names |= {k for k, _v in parse_qsl(urlsplit(href.replace("&amp;", "&")).query)}
    return names - {"csrfmiddlewaretoken"}


def _answer(client: Client, method: str, url: str, data: dict | None = None) -> str | None:
    """None when the answer is acceptable, else what went wrong."""
    try:
        response = client.post(url, data or {}) if method == "POST" else client.get(url)
    except Exception as exc:  # noqa: BLE001 - every exception is a finding
        return f"{method} {url!r}: {type(exc).__name__}: {exc}"[:300]
    if response.status_code >= 500:
        return f"{method} {url!r}: status {response.status_code}"
    return None


@pytest.fixture(scope="module")
def code_names() -> set[str]:
    return _code_parameter_names()


def _login(client: Client, role: str) -> None:
    client.force_login(get_user_model().objects.get(username=ROLES[role].username))


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_every_parameter_of_every_endpoint(client, shared_demo_org, code_names, endpoint):
    _login(client, "head")
    subject = Subject(
        unit=Unit.objects.get(code="TNG-KV2"), staff=Staff.objects.get(code="TN-SC-03")
    )
    url, data = endpoint.build(subject)
    base = client.get(url)
    names = set(code_names)
    if base.status_code == 200 and base.get("Content-Type", "").startswith("text/html"):
        names |= _page_parameter_names(base.content.decode())
    names |= set(data or {})
    problems = []
    for value in HOSTILE:
        query = urlencode({name: value for name in sorted(names)})
        problems.append(_answer(client, "GET", f"{urlsplit(url).path}?{query}"))
        if endpoint.method == "POST":
            problems.append(_answer(client, "POST", url, {name: value for name in names}))
            for name in data or {}:  # one field at a time: the others valid
                problems.append(_answer(client, "POST", url, {**data, name: value}))
    problems = [p for p in problems if p]
    assert problems == [], "\n".join(problems)


def _patterns(resolvers=None, prefix: str = ""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _fill(route: str, value: str) -> str | None:
    if route.startswith("^"):  # regex routes (static files, admin): not ours
        return None
    return "/" + re.sub(r"<(?:[a-z]+:)?[a-z_]+>", lambda m: value, route)


@pytest.mark.parametrize("role", ["head", "provincial_leader"])
def test_every_url_pattern_with_hostile_path_segments(client, shared_demo_org, role):
    _login(client, role)
    routes = [r for r in _patterns() if "<" in r]
    assert len(routes) > 10
    problems = []
    for route in routes:
        for value in PATH_HOSTILE:
            url = _fill(route, value)
            if url is None:
                continue
            problems.append(_answer(client, "GET", url))
            problems.append(_answer(client, "POST", url))
    problems = [p for p in problems if p]
    assert problems == [], "\n".join(problems)
