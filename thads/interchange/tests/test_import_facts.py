"""The statistics facts an import writes from its own records (`stats.facts.facts_insert`, no
read back) are the rows `facts_rebuild` makes from the stored cases and events — facts,
intervals and open deadlines — and the month-end totals stored before the import follow.
On SQLite and PostgreSQL (the COPY writer)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from thads.cases.models import Case, CaseEvent
from thads.common.periods import month_period
from thads.interchange import demo_cases
from thads.interchange.importer import import_lines
from thads.org import demo
from thads.stats import aggregates, freshness
from thads.stats.aggregates import GROUP_COLUMNS
from thads.stats.facts import (
    DEADLINE_COLUMNS,
    FACT_COLUMNS,
    INTERVAL_COLUMNS,
    facts_rebuild,
    stale_case_ids,
)
from thads.stats.models import BucketAggregate, CaseFact, OpenDeadline, StateInterval

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 21)


def _facts() -> dict[str, list]:
    return {
        "facts": sorted(CaseFact.objects.values_list(*FACT_COLUMNS)),
        "intervals": sorted(StateInterval.objects.values_list(*INTERVAL_COLUMNS)),
        "deadlines": sorted(OpenDeadline.objects.values_list(*DEADLINE_COLUMNS)),
    }


def _totals(period_id: int) -> list:
    columns = [c for c in GROUP_COLUMNS if c != "period_id"]
    rows = BucketAggregate.objects.filter(period_id=period_id)
    fields = [f.name for f in BucketAggregate._meta.concrete_fields if f.name not in ("id",)]
    # Delta rows are summed per group, as the readers do.
    by_group: dict[tuple, list[int]] = {}
    numbers = [f for f in fields if f not in ("period", *columns) and not f.endswith("_id")]
    for row in rows.values(*columns, *numbers):
        key = tuple(-1 if row[c] is None else row[c] for c in columns)
        sums = by_group.setdefault(key, [0] * len(numbers))
        for i, name in enumerate(numbers):
            sums[i] += row[name] or 0
    return sorted((k, tuple(v)) for k, v in by_group.items() if any(v))


def _with_corrections(records: list[dict]) -> list[dict]:
    """Payments corrected (same amount: counted twice if the wrong event were dropped) before
    the closing, and payments voided at the end of histories left without means: the events'
    identity within a case matters."""
    corrected = voided = 0
    for r in records:
        # The demo pays collections out within days: the payouts are left out of the histories
        # changed here (a voided payment must not have been paid out; a history without
        # payouts is as lawful).
        payouts_out = [e for e in r.get("events", []) if e["type"] != "chi_tra"]
        kinds = [e["type"] for e in payouts_out]
        endings = kinds[-2:] == ["thu_tien", "xong"] or (kinds and kinds[-1] == "chua_co_dieu_kien")
        if not endings or not (corrected < 10 or voided < 10):
            continue
        r["events"] = events = payouts_out
        if len(events) > 2 and kinds[-2:] == ["thu_tien", "xong"] and corrected < 10:
            paid = events[-2]
            fix = {"on": paid["on"], "type": "thu_tien", "amount": paid["amount"]}
            fix["corrects"] = len(events) - 1
            events.insert(len(events) - 1, fix)
            corrected += 1
        elif kinds and kinds[-1] == "chua_co_dieu_kien" and voided < 10:
            if "thu_tien" not in kinds:
                continue
            seq = len(kinds) - kinds[::-1].index("thu_tien")
            events.append({"on": events[-1]["on"], "type": "huy_su_kien", "corrects": seq})
            voided += 1
    assert corrected >= 3 and voided >= 3
    return records


def test_import_writes_the_facts_rebuild_makes():
    demo.build_org()
    records = _with_corrections(demo_cases.build_records(TODAY, count=300))
    import_lines((json.dumps(r, ensure_ascii=False) for r in records), today=TODAY)
    ids = list(Case.objects.values_list("pk", flat=True))
    assert len(ids) == 300 and CaseEvent.objects.count() > 300
    assert stale_case_ids(full=True) == []  # written with the cases' version
    written = _facts()
    assert len(written["facts"]) == 300 and written["deadlines"]
    facts_rebuild(ids)  # from the stored cases and events
    assert _facts() == written


def test_import_into_stored_totals_adds_the_new_cases():
    demo.build_org()
    records = demo_cases.build_records(TODAY, count=200)
    first, second = records[:100], records[100:]
    import_lines((json.dumps(r, ensure_ascii=False) for r in first), today=TODAY)
    period = month_period(2026, 1)
    period_id = aggregates.period_id_for(period.start, period.end)
    assert period_id is not None
    import_lines((json.dumps(r, ensure_ascii=False) for r in second), today=TODAY)
    incremental = _totals(period_id)
    BucketAggregate.objects.filter(period_id=period_id).delete()
    aggregates.AggregatePeriod.objects.filter(pk=period_id).delete()
    fresh = aggregates.period_id_for(period.start, period.end)
    assert incremental == _totals(fresh)
    freshness.after_load(TODAY)


def test_collector_paused_during_the_import_only(monkeypatch):
    """The cycle collector is off while an import reads, checks and writes, and back on after
    it — after a refused file too."""
    import gc

    from thads.interchange.importer import pipeline
    from thads.interchange.importer.records import ImportFailed

    seen = []
    write = pipeline.Importer.write

    def spy(self, parsed):
        seen.append(gc.isenabled())
        return write(self, parsed)

    monkeypatch.setattr(pipeline.Importer, "write", spy)
    demo.build_org()
    records = demo_cases.build_records(TODAY, count=5)
    assert gc.isenabled()
    import_lines((json.dumps(r, ensure_ascii=False) for r in records), today=TODAY)
    assert seen == [False] and gc.isenabled()
    with pytest.raises(ImportFailed):
        import_lines(['{"type": "case"}'], today=TODAY)
    assert gc.isenabled()
