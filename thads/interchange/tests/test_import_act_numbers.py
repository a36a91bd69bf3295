"""An import raises the registers' counters to the numbers it wrote (acts' doc_no, QĐ THA), so
a document issued afterwards in the app never repeats one (cases.act_numbers)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thads.common.models import Counter
from thads.interchange.importer import import_lines
from thads.testing.interchange import to_lines

pytestmark = pytest.mark.django_db


def _counters() -> dict:
    rows = Counter.objects.filter(series__startswith="documents:")
    return {(c.scope, c.series, c.year): c.last for c in rows}


def test_import_raises_the_registers_counters(records):
    case = next(r for r in records if r.get("code") == "TN-SC/2021/0123")
    case["events"][0]["data"] = {"doc_no": "9/BB-CCTHADS", "doc_date": "2020-11-25"}
    case["events"][-1]["data"] = {"doc_no": "31/QĐ-CCTHADS"}
    with CaptureQueriesContext(connection) as queries:
        import_lines(to_lines(records))
    assert _counters() == {
        ("TN-SC", "documents:BB", 2020): 9,
        ("TN-SC", "documents:QĐ", 2020): 123,  # the QĐ THA 123/QĐ-CCTHADS of 03/11/2020
        ("TN-SC", "documents:QĐ", 2021): 200,  # 200/QĐ (the sender's QĐ THA) above the act's 31
        # The receiver's QĐ THA carries the sender's number (entrusted): not counted.
    }
    updates = [q for q in queries if 'UPDATE "common_counter"' in q["sql"]]
    assert len(updates) <= 3  # one statement per counter key, not per row
