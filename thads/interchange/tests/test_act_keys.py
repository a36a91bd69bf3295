"""The act keys of events (docs/interchange-notes.md, issue 11): optional, kept by the import,
written back by the export; files without them still import."""

from __future__ import annotations

import datetime as dt
import json

from thads.cases.models import CaseEvent
from thads.interchange.exporter import export_lines
from thads.interchange.importer import import_lines
from thads.testing.interchange import base_records, to_lines

TODAY = dt.date(2026, 11, 21)

ACT = {
    "reason": "khac",
    "ground": "om_nang",
    "until": "2021-04-01",
    "doc_no": "7/QĐ-CCTHADS",
    "doc_date": "2021-03-10",
    "signer": "Nguyễn Văn Hải",
}


def test_act_keys_round_trip_and_files_without_them_still_import(db):
    records = base_records()
    sender = next(r for r in records if r.get("code") == "TN-SC/2021/0200")
    hoan = next(e for e in sender["events"] if e["type"] == "hoan")
    hoan.pop("reason")
    hoan["data"] = dict(ACT)
    import_lines(to_lines(records), today=TODAY)
    stored = CaseEvent.objects.get(case__code="TN-SC/2021/0200", type="hoan")
    assert stored.data == ACT
    exported = [json.loads(line) for line in export_lines()]
    case = next(r for r in exported if r.get("code") == "TN-SC/2021/0200")
    event = next(e for e in case["events"] if e["type"] == "hoan")
    assert {
        **event.get("data", {}),
        "reason": event.get("reason", event.get("data", {}).get("reason")),
    } == ACT
    # The receiver's events carry no act keys: imported all the same (checked above by count).
    assert CaseEvent.objects.filter(case__code="TN-PY/2021/0050").count() == 5
