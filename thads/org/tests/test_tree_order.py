"""Units are listed in the tree's order, siblings by code — never by the id path compared as
text, where "/1/96/100/" comes before "/1/96/97/" (`Unit.tree_order`, `org.services`)."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.common.periods import month_period
from thads.org import services
from thads.org.models import Unit
from thads.stats.layout import build_form
from thads.stats.report import build_report

D = dt.date


def test_tree_orders_follow_codes_not_ids():
    rows = [
        (1, None, "TW"),
        (96, 1, "TNG"),
        (100, 96, "TNG-KV2"),
        (97, 96, "TNG-KV10"),
        (99, 96, "TNG-KV1"),
        (5, 1, "HNI"),
        (101, 5, "HNI-KV1"),
    ]
    orders = services.tree_orders((pk, parent, code) for pk, parent, code in rows)
    codes = {pk: code for pk, _parent, code in rows}
    listed = [codes[pk] for pk in sorted(orders, key=orders.get)]
    # The subtree of each unit stays together, siblings by code with numbers read as numbers.
    assert listed == ["TW", "HNI", "HNI-KV1", "TNG", "TNG-KV1", "TNG-KV2", "TNG-KV10"]
    assert orders[100] == "00001.00002.00002."
    # What the id path gave: "/1/96/100/" < "/1/96/97/" < "/1/96/99/".
    paths = {100: "/1/96/100/", 97: "/1/96/97/", 99: "/1/96/99/"}
    assert [codes[pk] for pk in sorted(paths, key=paths.get)] == ["TNG-KV2", "TNG-KV10", "TNG-KV1"]


@pytest.fixture
def siblings(shared_demo_org):
    """Three new offices under TNG whose ids sort one way as numbers and another as text
    (999 999 998 < 999 999 999 < 1 000 000 000, but "1000000000" < "999999998"), created in the
    opposite order of their codes."""
    tng = shared_demo_org["TNG"]
    created = []
    for pk, code in [(1_000_000_000, "TNG-ZA"), (999_999_999, "TNG-ZB"), (999_999_998, "TNG-ZC")]:
        created.append(
            Unit.objects.create(
                pk=pk,
                code=code,
                name=f"Phòng THADS {code}",
                short_name=code,
                level=Unit.Level.LOCAL,
                parent=tng,
                valid_from=D(2025, 7, 1),
                path=f"{tng.path}{pk}/",
            )
        )
    services.tree_orders_refresh()
    by_text = sorted(created, key=lambda u: u.path)
    assert [u.code for u in by_text] == ["TNG-ZA", "TNG-ZC", "TNG-ZB"]  # the old order
    return tng


@pytest.mark.django_db
def test_units_come_in_code_order(siblings):
    codes = [u.code for u in Unit.objects.filter(code__startswith="TNG-Z")]
    assert codes == ["TNG-ZA", "TNG-ZB", "TNG-ZC"]
    # A unit created through the service takes its place among its siblings.
    services.unit_create(
        code="TNG-Z0", name="Phòng THADS Z0", level=Unit.Level.LOCAL, parent=siblings,
        valid_from=D(2025, 7, 1),
    )  # fmt: skip
    codes = [u.code for u in Unit.objects.filter(code__startswith="TNG-Z")]
    assert codes == ["TNG-Z0", "TNG-ZA", "TNG-ZB", "TNG-ZC"]


@pytest.mark.django_db
def test_report_and_form_rows_come_in_code_order(siblings):
    period = month_period(2026, 3)
    report_codes = [row.unit_code for row in build_report(siblings, period).rows]
    form_codes = [row.unit_code for row in build_form("1", siblings, period).rows]
    for codes in (report_codes, form_codes):
        ours = [c for c in codes if c.startswith("TNG-Z")]
        assert ours == ["TNG-ZA", "TNG-ZB", "TNG-ZC"], codes
        assert codes == sorted(codes, key=services.code_key), codes
