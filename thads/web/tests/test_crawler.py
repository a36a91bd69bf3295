"""Every demo role follows every link it is shown (thads.testing.crawler): no 404 or 500, no
403 the access matrix does not expect, no English, no raw code, no localised number in a link.

The data: the demo province with 200 demo cases (through the importer, as `thads demo` does),
a receipt, a payout, held money and a submitted monthly report, so that the ledger and report
screens have rows to link to. Built once for the module; each role is one test.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from thads.org.models import Staff
from thads.testing.crawler import Crawler, raw_code_vocabulary
from thads.testing.org import build_all
from thads.web.tests.access_matrix import ENDPOINTS, ROLES, expected_status

pytestmark = pytest.mark.django_db

DEMO_CASES = 200


def _ledger_rows(today: dt.date) -> None:
    """A receipt, a payout and held money in TNG-KV2, on a case in progress (of its officer
    "chv" when the demo gives him one: the demo's spread of cases depends on today's date)."""
    from django.db.models import Case as Choose
    from django.db.models import IntegerField, Value, When

    from thads.cases.models import Case
    from thads.cases.selectors import unfinished_cases
    from thads.common.errors import DomainError
    from thads.ledger import services
    from thads.org.models import Unit

    chv_first = Choose(
        When(officer__code="TN-SC-02", then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    unit = Unit.objects.get(code="TNG-KV2")
    paid = None
    for case in unfinished_cases(Case.objects.filter(unit=unit)).order_by(chv_first, "code"):
        if case.remainder <= 2_000_000:
            continue
        try:  # a case whose state takes no payment (suspended…) refuses it: try the next
            services.payment_record(case, amount=2_000_000, received_on=today, payer="Lê Văn Tám")
        except DomainError:
            continue
        paid = case
        break
    assert paid is not None, "the demo gave TNG-KV2 no open case that takes a payment"
    paid.refresh_from_db()
    services.payout_record(paid, paid_on=today)
    services.held_money_receive(
        unit,
        kind="tam_giu",
        amount=500_000,
        received_on=today - dt.timedelta(days=40),
        source="Đỗ Văn Hùng",
    )


@pytest.fixture(scope="module")
def crawl_data(django_db_setup, django_db_blocker):
    from thads.interchange import demo_cases

    with django_db_blocker.unblock(), transaction.atomic():
        today = timezone.localdate()
        units = build_all()
        demo_cases.load(today, count=DEMO_CASES)
        _ledger_rows(today)
        yield units
        transaction.set_rollback(True)


def allowed_403(role: str):
    """A 403 is acceptable only on a page the access matrix says answers 403 to this role."""
    forbidden = {
        e.name for e in ENDPOINTS if e.method == "GET" and expected_status(e, role, "r") == 403
    }

    def allowed(url: str) -> bool:
        try:
            return resolve(urlsplit(url).path).view_name in forbidden
        except Resolver404:
            return False

    return allowed


@pytest.mark.parametrize("role", list(ROLES))
def test_every_link_a_role_is_shown_answers_in_vietnamese(client, crawl_data, role):
    user = get_user_model().objects.get(username=ROLES[role].username)
    client.force_login(user)
    staff_codes = list(Staff.objects.values_list("code", flat=True))
    crawler = Crawler(
        client,
        max_depth=3,
        per_pattern=3,
        codes=raw_code_vocabulary(staff_codes),
        allowed_403=allowed_403(role),
    )
    report = crawler.crawl(["/"])
    assert report.problems == [], "\n".join(report.problems)
    # The crawl really went somewhere: the home page, the menu and the pages behind them.
    assert len(report.visits) >= 15, report.urls
    assert any(u.startswith("/thong-ke/") for u in report.urls), report.urls
