"""Queries per page of the pages the load benchmark hits (bench.load, issue 15 §5).

Each page gets an upper bound on its queries, on the demo province with demo cases loaded
through the importer (as `thads demo` does) and enough rows on every page that a query per row
(an N+1) would exceed the bound: the bound holds only while the rows are read set-based. The
lists are also asked for again after more rows were added: the same number of queries.

The first request of each page is not counted: it may build what later requests read (the facts
of the imported cases, the month totals), as `thads demo` and the worker do before anyone asks.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thads.testing.cases import new_case
from thads.testing.org import build_all

pytestmark = pytest.mark.django_db

DEMO_CASES = 120
CHV = "TN-SC-02"  # the demo officer signed in as "chv" (TNG-KV2)
CASE_LINK = re.compile(r'href="(/viec/\d+/)"')
DRILL_LINK = re.compile(r'href="/thong-ke/chi-tiet/\?')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo province with demo cases; a few more open cases for the officer "chv", so that
    its home page and case list have several rows whatever today's date makes of the demo."""
    from thads.interchange import demo_cases

    with django_db_blocker.unblock(), transaction.atomic():
        today = timezone.localdate()
        build_all()
        demo_cases.load(today, count=DEMO_CASES)
        more_cases_for_chv(4)
        yield
        transaction.set_rollback(True)


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def queries_of(client: Client, url: str) -> tuple[int, str]:
    """(queries, page) of the second request of `url` (the first one warms up)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def a_case_of(client: Client) -> str:
    links = CASE_LINK.findall(client.get("/viec/danh-sach/").content.decode())
    assert links, "the case list shows no case"
    return links[len(links) // 2]


def more_cases_for_chv(n: int) -> None:
    """`n` more open cases of TNG-KV2 held by "chv" (rows the officer's pages list)."""
    today = timezone.localdate()
    for _n in range(n):
        new_case(accepted_on=today, officer=CHV)


# (username, url, queries on SQLite, whether the page brings the statistics' facts up to date,
# fewest rows shown: case links, or drill-down links for forms and the cockpit)
PAGES = {
    # + 3: the oversight deadline sources of "Thời hạn của tôi" (THAHC, procuracy, recommendations)
    # − 1 each: the staff and its postings in one read (org.access); − 1 home: the deadline rules
    # read once (oversight.deadlines.rule_book)
    "officer home": ("chv", "/", 14, True, 4),
    "officer search": ("chv", "/viec/danh-sach/?q=nguy", 8, False, 1),
    "case list": ("chv", "/viec/danh-sach/", 8, False, 20),
    "form 1": ("truongphong", "/thong-ke/?bieu=1", 12, True, 20),
    "form 4": ("phophong", "/thong-ke/?bieu=4", 14, True, 20),
    "cockpit (province)": ("lanhdao", "/chi-tieu/", 50, True, 20),
    "cockpit (national)": ("trunguong", "/chi-tieu/", 50, True, 20),
    "drill-down": ("lanhdao", "/thong-ke/chi-tiet/?don_vi=TNG&bieu=1&cot=0", 14, True, 10),
}
SLACK = 1  # fewer than the rows of any page: a query per row exceeds the bound
# On PostgreSQL the facts' refresh also reads the history marker (stats.facts): two queries.
REFRESH_ON_POSTGRESQL = 2


def bound(queries: int, refreshes: bool = False) -> int:
    extra = REFRESH_ON_POSTGRESQL if refreshes and connection.vendor == "postgresql" else 0
    return queries + SLACK + extra


@pytest.mark.parametrize("page", PAGES)
def test_queries_per_page_are_bounded(demo, page):
    username, url, queries, refreshes, rows = PAGES[page]
    n, html = queries_of(signed_in(username), url)
    shown = len(CASE_LINK.findall(html)) + len(DRILL_LINK.findall(html))
    assert shown >= rows, f"{page}: {shown} rows, too few to show a query per row"
    most = bound(queries, refreshes)
    assert n <= most, f"{page}: {n} queries (at most {most})"


def test_the_case_page_and_the_payment_form_are_bounded(demo):
    officer, clerk = signed_in("chv"), signed_in("thuky")
    case = a_case_of(officer)
    n, html = queries_of(officer, case)
    assert "data-testid" in html and n <= bound(16), f"case page: {n} queries"
    n, html = queries_of(clerk, f"/so-sach{case}thu-tien/")
    assert n <= bound(9), f"payment form: {n} queries"


def test_the_case_page_reads_its_events_and_rows_once(demo):
    """The case page's events, parties and obligations: one read each, shared by the deadlines,
    actions, timeline, the tables and the panels (the ledger's balance, the auction notice); the
    money held for the case: one read for the balance and the table."""
    officer = signed_in("chv")
    case = a_case_of(officer)
    assert officer.get(case).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert officer.get(case).status_code == 200
    for table in ("cases_caseevent", "cases_party", "cases_obligation", "ledger_heldmoney"):
        reads = [q for q in captured if f'FROM "{table}"' in q["sql"]]
        assert len(reads) == 1, f"{table}: {len(reads)} reads"


def test_the_home_page_reads_the_deadline_rules_once(demo):
    """The officer's home asks for the THAHC deadlines twice (the deadline feed and its panel):
    one read of the rule table (`rule_book`, kept for the page)."""
    client = signed_in("chv")
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    reads = [q for q in captured if 'FROM "oversight_deadlinerule"' in q["sql"]]
    assert len(reads) == 1, f"{len(reads)} reads of the deadline rules"


@pytest.mark.parametrize("url", ["/", "/viec/danh-sach/?officer=TN-SC-02&open_only=on"])
def test_more_cases_no_more_queries(demo, url):
    """The officer's home page and its own open cases with 5 more cases: the same queries."""
    client = signed_in("chv")
    before, _html = queries_of(client, url)
    more_cases_for_chv(5)
    after, _html = queries_of(client, url)
    assert after == before
