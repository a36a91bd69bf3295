"""The stored open deadlines (written with the facts) equal the live computation of
`cases.deadlines` (every case's history replayed), after a load and after changes through the
services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thads.cases import deadlines as live
from thads.cases import services
from thads.cases.models import TERMINAL_STATES, Case, CaseEvent, CaseState, EventType
from thads.interchange import demo_cases
from thads.org.models import Staff
from thads.stats import deadlines as stored
from thads.stats.models import OpenDeadline

pytestmark = pytest.mark.django_db

COUNT = 300


def live_open(today: dt.date) -> list[tuple]:
    """Every open deadline of every open case, each history replayed (no stored rows)."""
    cases = list(Case.objects.exclude(state__in=TERMINAL_STATES))
    events: dict[int, list[CaseEvent]] = {}
    for event in CaseEvent.objects.order_by("case_id", "on", "seq"):
        events.setdefault(event.case_id, []).append(event)
    return sorted(
        (d.case_id, d.kind, d.due, d.law_day, d.label, d.article)
        for case in cases
        for d in live.case_deadlines(case, events.get(case.pk, []), today)
        if d.done_on is None
    )


def stored_open() -> list[tuple]:
    return sorted(
        (d.case_id, d.kind, d.due, d.law_day, d.label, d.article)
        for d, _officer in stored.stored_source(Case.objects.all())
    )


def live_counts(today: dt.date) -> dict:
    live.register_stored_source(None)
    try:
        counts = live.deadlines_by_officer(Case.objects.all(), today)
    finally:
        live.register_stored_source(stored.stored_source)
    return {k: v for k, v in counts.items() if any(v.values())}


@pytest.fixture
def loaded(demo_org):
    today = timezone.localdate()
    demo_cases.load(today, count=COUNT)
    return today


def test_stored_deadlines_equal_the_live_computation_after_a_load(loaded):
    today = loaded
    rows = stored_open()
    assert len(rows) > 30  # the demo's open cases have open deadlines
    assert len({r[1] for r in rows}) >= 2 and "xac_minh_lai" in {r[1] for r in rows}
    assert rows == live_open(today)
    assert stored.counts_by_officer(Case.objects.all(), today) == live_counts(today)
    overdue = stored.overdue(Case.objects.all(), today)
    assert [(d.case_id, d.kind, d.due) for d in overdue] == [
        (d.case_id, d.kind, d.due)
        for d in sorted(
            (
                d
                for case in Case.objects.exclude(state__in=TERMINAL_STATES)
                for d in live.case_deadlines(case, today=today)
                if d.is_overdue(today)
            ),
            key=lambda d: (d.due, d.case_id, live.KINDS.index(d.kind)),
        )
    ]
    # cases.deadlines reads the stored rows for the current date: same result
    assert sorted(
        (d.case_id, d.kind, d.due) for d in live.open_deadlines(Case.objects.all(), today)
    ) == [(r[0], r[1], r[2]) for r in rows]


def test_stored_deadlines_follow_changes_through_the_services(loaded):
    today = loaded
    stored_open()  # facts refreshed
    waiting = (
        Case.objects.filter(state=CaseState.DANG_THI_HANH, is_classified=False)
        .exclude(events__type__in=live.VERIFICATION_EVENTS)
        .order_by("pk")
        .first()
    )
    assert waiting is not None
    before = {r for r in stored_open() if r[0] == waiting.pk}
    assert "xac_minh" in {r[1] for r in before}
    services.event_record(waiting, type=EventType.CHUA_CO_DIEU_KIEN, on=today,
                          data={"ground": "khong_tai_san"})  # fmt: skip
    after = {r[1] for r in stored_open() if r[0] == waiting.pk}
    assert "xac_minh" not in after and "xac_minh_lai" in after
    # a new officer: the counts follow the case
    other = Staff.objects.exclude(pk=waiting.officer_id).filter(title__startswith="chap_hanh_vien")
    other = other.order_by("pk").first()
    services.case_assign(Case.objects.get(pk=waiting.pk), officer=other, on=today)
    # a closed case has no open deadline left
    closing = Case.objects.filter(state=CaseState.DANG_THI_HANH).exclude(pk=waiting.pk).first()
    services.event_record(closing, type=EventType.DINH_CHI, on=today)
    assert not OpenDeadline.objects.filter(case=closing).exists() or closing.pk not in {
        r[0] for r in stored_open()
    }
    assert stored_open() == live_open(today)
    assert stored.counts_by_officer(Case.objects.all(), today) == live_counts(today)
