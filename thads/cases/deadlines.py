"""Statutory deadlines of a case, computed from its facts and its history (pure reads).

Working days come from the Vietnamese calendar (`thads.common.calendar.add_working_days`: the
triggering day is not counted); periods in days are calendar days; periods in months end on the
corresponding day (`thads.cases.law.add_months`).

- `quyet_dinh`: QĐ THA within 5 working days of receipt of the judgment / request (Luật THADS
  2008, Điều 36);
- `thong_bao`: notice within 3 working days of the QĐ THA (Điều 39);
- `tu_nguyen`: the voluntary period, 10 days from the day the debtor received the QĐ THA or was
  validly notified of it (Điều 45 k1): the first notice act's `received_on`, else the notice's
  date; calendar days, a last day off moved to the next working day (Bộ luật Dân sự 2015,
  Điều 148 k5). The same 10 days under Luật 106/2025 (its article not yet verified, reference.md
  §2: cited by the law's name only). A period, not an action: it ends ("done") on its last day,
  or earlier on the day the case is performed in full (`xong`);
- `xac_minh`: verification within 10 days after the voluntary period, or after the notice's
  due day + 10 days while there is no notice (Điều 45, Điều 44 k1);
- `xac_minh_lai`: re-verification 6 months after the last one while the debtor cannot pay;
  12 months when imprisoned with ≥2 years left or the address is unknown (Điều 44 k2);
- `tiep_tuc`: after a hoãn whose decision says until when ("hoãn đến ngày", `data.until`), the
  decision to continue within 5 working days of that day (Điều 48 k3); done by `tiep_tuc`;
- `uy_thac`: entrusting within 5 working days of a verification giving grounds (Điều 55 k3);
- `so_rieng`: separate book (from 01/07/2026 "gửi lại yêu cầu") within 3 working days of the
  day the waiting time and re-verifications are met (NĐ 62/2015 Điều 9 k5; Luật 106/2025
  Điều 38 k4), under the law in force on that day.

Only open cases have open deadlines; a done deadline keeps the day it was done (`done_on`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.cases.law import (
    LAW_2008,
    LONG_GROUNDS,
    add_months,
    law_on,
    separate_book_eligible_on,
)
from thads.cases.models import TERMINAL_STATES, Case, CaseEvent, CaseState, EventType
from thads.cases.state import CaseSnapshot, EventLike, apply_event, effective_events
from thads.common.calendar import add_calendar_days, add_working_days

KINDS = (
    "quyet_dinh",
    "thong_bao",
    "tu_nguyen",
    "xac_minh",
    "xac_minh_lai",
    "tiep_tuc",
    "uy_thac",
    "so_rieng",
)

# Periods (Luật THADS 2008).
DECISION_WORKING_DAYS = 5  # Điều 36
NOTICE_WORKING_DAYS = 3  # Điều 39
VOLUNTARY_DAYS = 10  # Điều 45
VERIFICATION_DAYS = 10  # Điều 44 k1
REVERIFY_MONTHS = 6  # Điều 44 k2
REVERIFY_MONTHS_LONG = 12  # Điều 44 k2: imprisoned ≥2 years left, address unknown
ENTRUST_WORKING_DAYS = 5  # Điều 55 k3
RESUME_WORKING_DAYS = 5  # Điều 48 k3
SEPARATE_BOOK_WORKING_DAYS = 3  # NĐ 62/2015, Điều 9 k5

# Periods that run out rather than actions to take: "done" reads "ended" (the voluntary period).
PERIOD_KINDS = frozenset({"tu_nguyen"})

# `status` "this_week": due within the next 7 days (after today).
THIS_WEEK_DAYS = 7

NOTICE_EVENTS = frozenset({EventType.THONG_BAO, EventType.TONG_DAT, EventType.NIEM_YET})
VERIFICATION_EVENTS = frozenset(
    {EventType.XAC_MINH, EventType.XAC_MINH_CO_DIEU_KIEN, EventType.CHUA_CO_DIEU_KIEN}
)
ENTRUST_GROUND_EVENTS = frozenset({EventType.XAC_MINH, EventType.XAC_MINH_CO_DIEU_KIEN})

ARTICLES_2008 = {
    "quyet_dinh": "Luật THADS 2008, Điều 36",
    "thong_bao": "Luật THADS 2008, Điều 39",
    "tu_nguyen": "Luật THADS 2008, Điều 45 k1",
    "xac_minh": "Luật THADS 2008, Điều 44 k1, Điều 45",
    "xac_minh_lai": "Luật THADS 2008, Điều 44 k2",
    "uy_thac": "Luật THADS 2008, Điều 55 k3",
    "tiep_tuc": "Luật THADS 2008, Điều 48 k3",
}


@dataclass(frozen=True)
class Deadline:
    """One statutory deadline of one case."""

    case_id: int
    kind: str
    due: dt.date
    done_on: dt.date | None
    law_day: dt.date  # the day whose law names the step and its article

    @property
    def label(self) -> str:
        return _label(self.kind, self.law_day)

    @property
    def article(self) -> str:
        return _article(self.kind, self.law_day)

    @property
    def is_period(self) -> bool:
        """A period that runs out (its end shown as "đã kết thúc"), not an action to take."""
        return self.kind in PERIOD_KINDS

    def is_overdue(self, today: dt.date) -> bool:
        """Not done and past its due day."""
        return self.done_on is None and self.due < today

    @property
    def is_late(self) -> bool:
        """Done, but after its due day."""
        return self.done_on is not None and self.done_on > self.due

    def status(self, today: dt.date) -> str:
        """ "done" | "overdue" | "today" | "this_week" (due within 7 days) | "later"."""
        return deadline_status(self.due, self.done_on, today)


def deadline_status(due: dt.date, done_on: dt.date | None, today: dt.date) -> str:
    """ "done" | "overdue" | "today" | "this_week" (due within 7 days) | "later"."""
    if done_on is not None:
        return "done"
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + dt.timedelta(days=THIS_WEEK_DAYS):
        return "this_week"
    return "later"


def _article(kind: str, day: dt.date) -> str:
    law = law_on(day)
    if kind == "so_rieng":
        return law.separate_book_article
    if law is LAW_2008:
        return ARTICLES_2008[kind]
    return law.short_name


# Built once (lazy: translated when read): a home page lists ~35 deadlines.
_LABELS = {
    "quyet_dinh": gettext_lazy("Ra quyết định thi hành án"),
    "thong_bao": gettext_lazy("Thông báo quyết định thi hành án"),
    "tu_nguyen": gettext_lazy("Hết thời hạn tự nguyện thi hành án"),
    "xac_minh": gettext_lazy("Xác minh điều kiện thi hành án"),
    "xac_minh_lai": gettext_lazy("Xác minh lại điều kiện thi hành án"),
    "uy_thac": gettext_lazy("Ủy thác thi hành án"),
    "tiep_tuc": gettext_lazy("Quyết định tiếp tục thi hành án khi hết thời hạn hoãn"),
}


def _label(kind: str, day: dt.date) -> str:
    if kind == "so_rieng":
        if law_on(day) is LAW_2008:
            return _("Chuyển sổ theo dõi riêng")
        return _("Gửi lại yêu cầu thi hành án")
    return str(_LABELS[kind])


def _reverify_months(ground: str | None) -> int:
    return REVERIFY_MONTHS_LONG if ground in LONG_GROUNDS else REVERIFY_MONTHS


def _first(events: list[EventLike], types: frozenset[str]) -> EventLike | None:
    return next((e for e in events if e.type in types), None)


def _received_on(notice: EventLike) -> dt.date:
    """The day a notice reached its addressee: its act's `received_on`, else its own date."""
    received = (notice.data or {}).get("received_on")
    return dt.date.fromisoformat(received) if received else notice.on


def case_deadlines(
    case: Case,
    events: Iterable[EventLike] | None = None,
    today: dt.date | None = None,
    *,
    periods_open: bool = False,
) -> list[Deadline]:
    """Every deadline of `case` as known on `today`: done ones and, if the case is open, open ones.

    `events` avoids a query when given (all the case's events, corrections included); events
    dated after `today` are ignored. `periods_open`: a period (`PERIOD_KINDS`) not ended by an
    event stays open past its last day — for rows stored once and read on any later day, whose
    reader ends it after its last day (Điều 45 k1; `stats.deadlines`).
    """
    today = today or timezone.localdate()
    given = list(case.events.all()) if events is None else list(events)
    history = [e for e in effective_events(given) if e.on <= today]

    result: list[Deadline] = []

    def add(kind: str, due: dt.date, done_on: dt.date | None, law_day: dt.date) -> None:
        result.append(
            Deadline(case_id=case.pk, kind=kind, due=due, done_on=done_on, law_day=law_day)
        )

    # Walk the history once, remembering what the periodic deadlines need.
    snapshot = CaseSnapshot(amount=case.amount)
    ground: str | None = None
    anchor: dt.date | None = None  # last verification while the debtor cannot pay
    reverifications: list[dt.date] = []
    separate_book: tuple[dt.date, bool, list[dt.date], dt.date] | None = None
    for event in history:
        before = snapshot
        if event.type == EventType.CHUA_CO_DIEU_KIEN:
            ground = (event.data or {}).get("ground")
            anchor, reverifications = event.on, []
        elif event.type == EventType.XAC_MINH_LAI and anchor is not None:
            due = add_months(anchor, _reverify_months(ground))
            add("xac_minh_lai", due, event.on, due)
            anchor = event.on
            reverifications.append(event.on)
        elif event.type == EventType.XAC_MINH_CO_DIEU_KIEN:
            anchor, reverifications = None, []
        elif event.type == EventType.SO_RIENG and before.no_means_since is not None:
            long = ground in LONG_GROUNDS or (event.data or {}).get("ground") in LONG_GROUNDS
            separate_book = (before.no_means_since, long, list(reverifications), event.on)
        snapshot = apply_event(snapshot, event)
    is_open = snapshot.state not in TERMINAL_STATES

    def keep(kind: str, due: dt.date, done_on: dt.date | None, law_day: dt.date) -> None:
        if done_on is not None or is_open:
            add(kind, due, done_on, law_day)

    # QĐ THA: 5 working days from receipt (Điều 36).
    if case.received_on is not None:
        due = add_working_days(case.received_on, DECISION_WORKING_DAYS)
        done = case.decision_date if case.decision_date <= today else None
        keep("quyet_dinh", due, done, case.received_on)

    # Notice: 3 working days from the QĐ THA (Điều 39).
    notice_due = add_working_days(case.decision_date, NOTICE_WORKING_DAYS)
    notice = _first(history, NOTICE_EVENTS)
    keep("thong_bao", notice_due, notice.on if notice else None, case.decision_date)

    # Voluntary period: 10 days from the day the notice reached the debtor (Điều 45 k1).
    if notice is not None:
        received = _received_on(notice)
        voluntary_end = add_calendar_days(received, VOLUNTARY_DAYS)
        paid = _first(history, frozenset({EventType.XONG}))
        if paid is not None and paid.on <= voluntary_end:
            ended: dt.date | None = paid.on
        elif periods_open or voluntary_end >= today:
            ended = None
        else:
            ended = voluntary_end
        keep("tu_nguyen", voluntary_end, ended, received)
    else:
        voluntary_end = notice_due + dt.timedelta(days=VOLUNTARY_DAYS)

    # Verification: 10 days after the voluntary period (Điều 44 k1, 45).
    due = voluntary_end + dt.timedelta(days=VERIFICATION_DAYS)
    start = received if notice is not None else notice_due
    verification = _first(history, VERIFICATION_EVENTS)
    keep("xac_minh", due, verification.on if verification else None, start)

    # Re-verification while the debtor cannot pay (Điều 44 k2); the done ones were added above.
    if snapshot.state == CaseState.CHUA_CO_DIEU_KIEN and anchor is not None:
        due = add_months(anchor, _reverify_months(ground))
        keep("xac_minh_lai", due, None, due)

    # Resumption: a hoãn "until" a day is continued within 5 working days of it (Điều 48 k3).
    for index, event in enumerate(history):
        until = (event.data or {}).get("until") if event.type == EventType.HOAN else None
        if not until:
            continue
        end = dt.date.fromisoformat(until)
        resumed = next((e for e in history[index + 1 :] if e.type == EventType.TIEP_TUC), None)
        keep(
            "tiep_tuc",
            add_working_days(end, RESUME_WORKING_DAYS),
            resumed.on if resumed else None,
            end,
        )

    # Entrusting: 5 working days from a verification that gives grounds (Điều 55 k3).
    grounds = next(
        (
            e
            for e in history
            if e.type in ENTRUST_GROUND_EVENTS and (e.data or {}).get("can_uy_thac") is True
        ),
        None,
    )
    if grounds is not None:
        entrusted = _first(history, frozenset({EventType.UY_THAC}))
        due = add_working_days(grounds.on, ENTRUST_WORKING_DAYS)
        keep("uy_thac", due, entrusted.on if entrusted else None, grounds.on)

    # Separate book / gửi lại yêu cầu: 3 working days once the conditions are met.
    if separate_book is not None:
        since, long, dates, done_on = separate_book
        eligible = separate_book_eligible_on(since, long, dates)
        if eligible is not None:
            due = add_working_days(eligible, SEPARATE_BOOK_WORKING_DAYS)
            keep("so_rieng", due, done_on, eligible)
    elif snapshot.state == CaseState.CHUA_CO_DIEU_KIEN and snapshot.no_means_since is not None:
        eligible = separate_book_eligible_on(
            snapshot.no_means_since, ground in LONG_GROUNDS, reverifications
        )
        if eligible is not None:
            keep("so_rieng", add_working_days(eligible, SEPARATE_BOOK_WORKING_DAYS), None, eligible)

    result.sort(key=lambda d: (d.due, KINDS.index(d.kind)))
    return result


def _events_by_case(cases: list[Case], source: QuerySet | None) -> dict[int, list[CaseEvent]]:
    """All events of `cases` in one query (a sub-select when the cases came as a queryset)."""
    by_case: dict[int, list[CaseEvent]] = defaultdict(list)
    if not cases:
        return by_case
    if source is not None:
        events = CaseEvent.objects.filter(case__in=source.values("pk"))
    else:
        events = CaseEvent.objects.filter(case_id__in=[c.pk for c in cases])
    for event in events.order_by("case_id", "on", "seq"):
        by_case[event.case_id].append(event)
    return by_case


# A stored source of the open deadlines (the statistics app registers the rows it writes with
# the facts: `stats.deadlines`): given open cases (a queryset or ids) and the day, their open
# deadlines on that day (periods past their last day have ended) and each case's officer,
# without replaying the histories. Exact for any `today` on or after the
# current date (events are never dated after the day they are recorded).
StoredSource = Callable[[QuerySet | list[int], dt.date], list[tuple[Deadline, int | None]]]
_stored: StoredSource | None = None


def register_stored_source(source: StoredSource | None) -> None:
    global _stored
    _stored = source


def _use_stored(today: dt.date) -> bool:
    return _stored is not None and today >= timezone.localdate()


def open_deadlines(cases: Iterable[Case], today: dt.date) -> list[Deadline]:
    """The deadlines not yet done of the open cases among `cases`, most urgent first.

    Read from the stored source when there is one (one query); otherwise two queries: the
    cases (if a queryset) and all their events.
    """
    if _use_stored(today):
        if isinstance(cases, QuerySet):
            found = _stored(cases.exclude(state__in=TERMINAL_STATES), today)
        else:
            found = _stored([c.pk for c in cases if c.is_open], today)
        result = [deadline for deadline, _officer in found]
        result.sort(key=lambda d: (d.due, d.case_id, KINDS.index(d.kind)))
        return result
    source = None
    if isinstance(cases, QuerySet):
        source = cases.exclude(state__in=TERMINAL_STATES)
        selected = list(source)
    else:
        selected = [c for c in cases if c.is_open]
    events = _events_by_case(selected, source)
    result = [
        deadline
        for case in selected
        for deadline in case_deadlines(case, events.get(case.pk, []), today)
        if deadline.done_on is None
    ]
    result.sort(key=lambda d: (d.due, d.case_id, KINDS.index(d.kind)))
    return result


def deadlines_by_officer(cases_queryset: QuerySet, today: dt.date) -> dict[int | None, dict]:
    """Per officer (staff id; None = not assigned): open deadlines overdue, due today, this week.

    Every officer holding an open case appears, with zeros when nothing is urgent.
    """
    open_queryset = cases_queryset.exclude(state__in=TERMINAL_STATES)
    if _use_stored(today):
        officers = open_queryset.order_by().values_list("officer_id", flat=True).distinct()
        counts = {o: {"overdue": 0, "today": 0, "this_week": 0} for o in officers}
        for deadline, officer in _stored(open_queryset, today):
            status = deadline.status(today)
            if status in ("overdue", "today", "this_week"):
                counts.setdefault(officer, {"overdue": 0, "today": 0, "this_week": 0})
                counts[officer][status] += 1
        return counts
    open_cases = list(open_queryset)
    counts: dict[int | None, dict] = {}
    officer_of = {}
    for case in open_cases:
        officer_of[case.pk] = case.officer_id
        counts.setdefault(case.officer_id, {"overdue": 0, "today": 0, "this_week": 0})
    events = _events_by_case(open_cases, open_queryset)
    for case in open_cases:
        for deadline in case_deadlines(case, events.get(case.pk, []), today):
            status = deadline.status(today)
            if status in ("overdue", "today", "this_week"):
                counts[officer_of[case.pk]][status] += 1
    return counts
