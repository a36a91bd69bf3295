"""Export → import into an empty database → export gives the same bytes; the demo generator."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from thads.cases.models import (
    STATISTICAL_EVENTS,
    Case,
    CaseEvent,
    Judgment,
    Obligation,
    Party,
)
from thads.complaints.models import Complaint
from thads.interchange import demo_cases
from thads.interchange.exporter import export_lines
from thads.interchange.importer import import_lines
from thads.org import demo
from thads.org.models import Membership, Staff, Unit
from thads.targets.models import Target

TODAY = dt.date(2026, 11, 21)
DEMO_COUNT = 1200


def model_rows() -> dict[str, list]:
    """Every imported row, by codes instead of keys (Membership.role aside: see notes)."""
    cases = {c.pk: c.code for c in Case.objects.all()}
    units = dict(Unit.objects.values_list("pk", "code"))
    events = {e.pk: e.seq for e in CaseEvent.objects.all()}
    return {
        "units": sorted(
            (u.code, u.name, u.short_name, u.level, units.get(u.parent_id), u.valid_from,
             u.valid_to, units.get(u.successor_id))
            for u in Unit.objects.all()
        ),
        "staff": sorted(Staff.objects.values_list("code", "full_name", "title")),
        "postings": sorted(
            Membership.objects.values_list(
                "staff__code", "unit__code", "is_head", "valid_from", "valid_to"
            )
        ),
        "targets": sorted(
            Target.objects.values_list("unit__code", "year", "case_rate", "money_rate")
        ),
        "judgments": sorted(Judgment.objects.values_list("court", "number", "date", "kind")),
        "cases": sorted(
            (c.code, units[c.unit_id], c.judgment.number, c.decision_no, c.decision_date,
             c.accepted_on, c.received_on, c.mode, c.officer.code if c.officer else None,
             c.is_state_budget, c.is_bank_credit, c.is_corruption, cases.get(c.from_case_id),
             c.amount, c.state, c.is_classified, c.collected, c.reduced, c.closed_on,
             cases.get(c.duplicate_of_id), c.duplicate_reason)
            for c in Case.objects.select_related("judgment", "officer")
        ),
        "parties": sorted(
            (cases[p.case_id], p.position, p.role, p.kind, p.name, p.id_number, p.address,
             p.search_name)
            for p in Party.objects.all()
        ),
        "obligations": sorted(
            (cases[o.case_id], o.description, o.amount, o.priority, o.is_state_budget)
            for o in Obligation.objects.all()
        ),
        "events": sorted(
            (cases[e.case_id], e.seq, e.type, e.on, e.amount, json.dumps(e.data, sort_keys=True),
             e.law_version, units.get(e.to_unit_id), events.get(e.corrects_id))
            for e in CaseEvent.objects.all()
        ),
        "complaints": sorted(
            (c.code, units[c.unit_id], c.kind, c.received_on, cases.get(c.case_id),
             c.resolved_on, c.result)
            for c in Complaint.objects.all()
        ),
    }  # fmt: skip


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo province with its generated cases, exported, then rolled back (DB empty)."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.build_org()
        records = demo_cases.build_records(TODAY, count=DEMO_COUNT)
        again = demo_cases.build_records(TODAY, count=DEMO_COUNT)
        result = import_lines((json.dumps(r, ensure_ascii=False) for r in records), today=TODAY)
        text = "".join(export_lines())
        unit_text = "".join(export_lines("TNG-KV2"))
        rows = model_rows()
        officers = Counter(
            (c.officer.code if c.officer else None)
            for c in Case.objects.filter(accepted_on__lt=demo.REFORM).select_related("officer")
        )
        transaction.set_rollback(True)
    return {
        "records": records,
        "again": again,
        "result": result,
        "text": text,
        "unit_text": unit_text,
        "rows": rows,
        "officers": officers,
    }


@pytest.mark.django_db
def test_round_trip_is_exact(demo_data):
    assert not Case.objects.exists()  # the module's data was rolled back
    import_lines(demo_data["text"].splitlines(), today=TODAY)
    again = "".join(export_lines())
    assert again == demo_data["text"]
    assert model_rows() == demo_data["rows"]


@pytest.mark.django_db
def test_export_command_and_unit_export_imports_alone(demo_data):
    text = demo_data["unit_text"]
    records = [json.loads(line) for line in text.splitlines()]
    units = {r["code"] for r in records if r["type"] == "unit"}
    assert {"TNG-KV2", "TN-SC", "TN-PY", "TNG", "TN", "TW"} <= units
    case_units = {r["unit"] for r in records if r["type"] == "case"}
    assert case_units == {"TNG-KV2", "TN-SC", "TN-PY"}
    result = import_lines(text.splitlines(), today=TODAY)
    assert result.cases == len([r for r in records if r["type"] == "case"])
    out = io.StringIO()
    call_command("export", "--unit", "TNG-KV2", stdout=out)
    assert out.getvalue() == text


@pytest.mark.django_db
def test_export_unknown_unit():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("export", "--unit", "KHONG-CO")


def test_demo_is_deterministic_and_sized(demo_data):
    assert demo_data["records"] == demo_data["again"]
    assert demo_data["result"].cases == DEMO_COUNT


def _cases(demo_data) -> list[dict]:
    return [r for r in demo_data["records"] if r["type"] == "case"]


def test_demo_covers_every_statistical_event_and_the_auction_path(demo_data):
    kinds = Counter(e["type"] for c in _cases(demo_data) for e in c["events"])
    assert set(STATISTICAL_EVENTS) <= set(kinds), set(STATISTICAL_EVENTS) - set(kinds)
    for work in ["quyet_dinh_cuong_che", "tham_dinh_gia", "dau_gia", "giam_gia", "chi_tra"]:
        assert kinds[work] > 0, work
    verified = [c for c in _cases(demo_data) if any(e["type"].startswith("xac_minh_co") or
                e["type"] == "chua_co_dieu_kien" for e in c["events"])]  # fmt: skip
    first = Counter(
        next(e["type"] for e in c["events"] if e["type"] in {"xac_minh_co_dieu_kien",
                                                              "chua_co_dieu_kien"})
        for c in verified
    )  # fmt: skip
    share = first["xac_minh_co_dieu_kien"] / sum(first.values())
    assert 0.6 < share < 0.8


def test_demo_dates_and_profiles(demo_data):
    cases = _cases(demo_data)
    days = [dt.date.fromisoformat(e["on"]) for c in cases for e in c["events"]]
    assert max(days) <= TODAY
    accepted = [dt.date.fromisoformat(c["accepted_on"]) for c in cases]
    assert min(accepted) >= demo_cases.START and max(accepted) <= TODAY
    assert any("tin_dung" in c["flags"] and c["amount"] > 500_000_000 for c in cases)
    assert any("tham_nhung_kinh_te" in c["flags"] for c in cases)
    assert any(c.get("from_case") for c in cases)
    assert any(c["judgment"]["court"].startswith("TAND khu vực") for c in cases)
    # Chi cục cases still worked on after the reform keep their unit code.
    assert any(
        c["unit"].startswith("TN-")
        and any(dt.date.fromisoformat(e["on"]) >= demo.REFORM for e in c["events"])
        for c in cases
    )
    assert {r["type"] for r in demo_data["records"]} == {"case", "target", "complaint"}


def test_demo_head_policy(demo_data):
    officers = demo_data["officers"]
    # TN-TP has 4 CHV: its head takes no case; TN-DH has 2: the head shares them.
    assert officers["TN-TP-01"] == 0 and officers["TN-TP-02"] > 0
    assert officers["TN-DH-01"] > 0 and officers["TN-DH-02"] > 0


def test_thads_entry_point_exit_code(tmp_path):
    thads = Path(sys.executable).with_name("thads")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [str(thads), "import", str(tmp_path / "none.jsonl")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Không đọc được tệp" in done.stderr
