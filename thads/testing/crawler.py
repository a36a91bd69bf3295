"""A link crawler for the screens: a signed-in user follows every same-site GET link.

Generic on purpose: it starts from the home page and the menu, follows every `<a href>` and
`hx-get` it finds (breadth first, to `max_depth`), and never needs to know the pages — a page
added later by any app is crawled as soon as a link leads to it. Bounded: at most
`per_pattern` URLs of one URL pattern (the view, the names of the query parameters and the
export format), so a list of 5 000 cases costs a handful of requests.

Each page answered is checked:

* status: 200 (or a redirect to a same-site page, followed); 403 only where `allowed_403(url)`
  says the access matrix expects it; anything else (404, 500, an exception) is a problem;
* HTML pages: no English words, no raw codes (`text_checks`), no dot-grouped number in a link
  or an input (`text_checks.localised_numbers`), no form control without a label.

Usage (see thads/web/tests/test_crawler.py):

    crawler = Crawler(client, codes=raw_code_vocabulary(), allowed_403=...)
    report = crawler.crawl(["/"])
    assert report.problems == []
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

from thads.testing import text_checks

# Never followed: they change state even on GET (none should), or are not ours to check.
SKIPPED_PREFIXES = ("/static/", "/media/", "/dang-xuat/", "/ngon-ngu/", "/quan-tri/du-lieu/")
# Query parameters whose value makes a different kind of page (an export format).
KIND_PARAMETERS = ("dinh_dang", "xuat")
HTML = "text/html"


@dataclass
class Visit:
    url: str
    status: int
    depth: int
    referrer: str
    seconds: float
    content_type: str = ""
    cpu_seconds: float = 0.0  # CPU time (`Crawler.cpu_clock`)


@dataclass
class CrawlReport:
    visits: list[Visit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: int = 0  # links left out by the per-pattern cap

    @property
    def urls(self) -> list[str]:
        return [v.url for v in self.visits]

    def slowest(self, n: int = 5) -> list[Visit]:
        return sorted(self.visits, key=lambda v: -v.seconds)[:n]


def pattern_of(url: str) -> str:
    """The URL's view, its query parameter names and its export format: "stats:export?…"."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
        name = match.view_name
    except Resolver404:
        name = parts.path
    query = parse_qsl(parts.query, keep_blank_values=True)
    keys = sorted({k for k, _v in query})
    kinds = sorted(f"{k}={v}" for k, v in query if k in KIND_PARAMETERS)
    return f"{name}?{','.join(keys)}#{','.join(kinds)}"


def same_site_path(href: str, base: str) -> str | None:
    """The same-site path + query of a link (fragment dropped), or None when it leaves the site."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    absolute = urljoin(base, href)
    parts = urlsplit(absolute)
    if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path or "/"
    if path.startswith(SKIPPED_PREFIXES):
        return None
    return f"{path}?{parts.query}" if parts.query else path


class Crawler:
    def __init__(
        self,
        client,
        *,
        max_depth: int = 3,
        per_pattern: int = 3,
        codes: Iterable[str] = (),
        allowed_403: Callable[[str], bool] = lambda url: False,
        max_pages: int = 400,
        on_response: Callable[[str, object], None] | None = None,
        cpu_clock: Callable[[], float] = time.process_time,
    ):
        self.client = client
        self.max_depth = max_depth
        self.per_pattern = per_pattern
        self.codes = tuple(codes)
        self.allowed_403 = allowed_403
        self.max_pages = max_pages
        self.on_response = on_response  # (url, response) for every 200: e.g. to read exports
        self.cpu_clock = cpu_clock  # CPU seconds so far (the benchmark adds the database's)

    def crawl(self, start: Iterable[str]) -> CrawlReport:
        report = CrawlReport()
        seen: set[str] = set()
        per_pattern: dict[str, int] = {}
        queue: deque[tuple[str, int, str]] = deque((url, 0, "") for url in start)
        while queue and len(report.visits) < self.max_pages:
            url, depth, referrer = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            pattern = pattern_of(url)
            if per_pattern.get(pattern, 0) >= self.per_pattern:
                report.skipped += 1
                continue
            per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
            for link in self._visit(url, depth, referrer, report):
                if depth < self.max_depth and link not in seen:
                    queue.append((link, depth + 1, url))
        return report

    def _visit(self, url: str, depth: int, referrer: str, report: CrawlReport) -> list[str]:
        where = f"{url} (from {referrer or 'the start'})"
        started, cpu_started = time.perf_counter(), self.cpu_clock()
        try:
            response = self.client.get(url)
        except Exception as exc:  # noqa: BLE001 - the crawler reports every failure
            report.problems.append(f"{where}: exception {type(exc).__name__}: {exc}")
            return []
        report.visits.append(
            Visit(
                url,
                response.status_code,
                depth,
                referrer,
                time.perf_counter() - started,
                response.get("Content-Type", ""),
                self.cpu_clock() - cpu_started,
            )
        )
        status = response.status_code
        if status in {301, 302, 303}:
            target = same_site_path(response["Location"], url)
            if target is None or target.startswith("/dang-nhap/"):
                report.problems.append(f"{where}: redirected to {response['Location']}")
                return []
            return [target]
        if status == 403 and self.allowed_403(url):
            return []
        if status != 200:
            report.problems.append(f"{where}: status {status}")
            return []
        if self.on_response is not None:
            self.on_response(url, response)
        if not response.get("Content-Type", "").startswith(HTML):
            return []
        html = response.content.decode("utf-8")
        self._check_html(where, html, report)
        found = []
        for href in text_checks.links(html):
            path = same_site_path(href, url)
            if path is not None:
                found.append(path)
        return found

    def _check_html(self, where: str, html: str, report: CrawlReport) -> None:
        text = text_checks.visible_text(html)
        english = text_checks.english_words(text)
        if english:
            report.problems.append(
                f"{where}: English words {english} in “{_around(text, english[0])}”"
            )
        codes = text_checks.raw_codes(text, self.codes)
        if codes:
            report.problems.append(f"{where}: raw codes {codes} in “{_around(text, codes[0])}”")
        unlabelled = text_checks.unlabelled_controls(html)
        if unlabelled:
            report.problems.append(f"{where}: controls without a label {unlabelled[:5]}")
        grouped = text_checks.localised_numbers(html)
        if grouped:
            report.problems.append(f"{where}: localised numbers in links or inputs {grouped[:3]}")


def _around(text: str, needle: str, width: int = 60) -> str:
    lower = text.lower()
    i = lower.find(needle.lower())
    if i < 0:
        return text[:width]
    return text[max(0, i - width) : i + len(needle) + width]


def raw_code_vocabulary(extra: Iterable[str] = ()) -> list[str]:
    """Codes that must not reach a screen: every choice value of THADS models that is a bare
    ASCII word (snake_case ones are caught by their shape), the statistics bucket keys, and
    `extra` (e.g. staff codes). Real Vietnamese words spelled without marks are left out."""
    from django.apps import apps
    from django.db import models

    from thads.stats.buckets import CASE_KEYS, MONEY_KEYS

    vietnamese_words = {"xong", "dung", "sai", "hoan"}  # "nội dung", "sai sót", "hoan nghênh"
    values: set[str] = set(CASE_KEYS) | set(MONEY_KEYS)
    for model in apps.get_models():
        if not model.__module__.startswith("thads."):
            continue
        for model_field in model._meta.get_fields():
            choices = getattr(model_field, "choices", None)
            if isinstance(model_field, models.Field) and choices:
                values.update(str(v) for v, _label in choices if isinstance(v, str))
    bare = {v for v in values if v.isascii() and v.isalpha() and v.islower()}
    return sorted((bare - vietnamese_words) | set(extra))
