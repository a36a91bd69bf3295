"""Reads of cases, always scoped to what the user may see (request.access and the active unit).

Also the permission predicates the views ask before showing or accepting an action: who may
record which event on which case (officers their own cases, clerks intake and payments, heads
every case of their unit, inspectors and leaders read only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases import acts
from thads.cases.deadlines import open_deadlines
from thads.cases.models import (
    TERMINAL_STATES,
    Case,
    CaseEvent,
    CaseState,
    EventType,
    Obligation,
)
from thads.cases.permissions import may_record
from thads.cases.search import search_cases
from thads.cases.services import case_facts
from thads.cases.state import effective_events, replay
from thads.cases.transitions import COERCION_MEASURES, EVENT_NAMES, article_for, available_events
from thads.common.money import format_vnd
from thads.common.periods import report_year_bounds
from thads.org.access import Access, scope_unit_ids
from thads.org.models import Staff, Unit
from thads.org.selectors import officers_of_unit

# Events a clerk / case-money accountant may record (intake is a separate permission).
# Events recorded through their own screens, not the generic action form.
SPECIAL_EVENTS = frozenset({EventType.PHAN_CONG, EventType.HUY_SU_KIEN})
OPEN_STATES = tuple(s for s in CaseState.values if s not in TERMINAL_STATES)


# ---- scope ---------------------------------------------------------------------------------


def cases_visible(access: Access) -> QuerySet[Case]:
    """Every case of a unit the user may read (a detail page outside it answers 404)."""
    return Case.objects.filter(unit_id__in=access.visible_unit_ids)


def cases_in_scope(access: Access, unit: Unit | None) -> QuerySet[Case]:
    """Cases the user may read, narrowed to the active unit's subtree (lists and counts)."""
    if unit is None:
        return Case.objects.none()
    ids = access.visible_unit_ids & scope_unit_ids(unit)
    return Case.objects.filter(unit_id__in=ids)


def case_for_read(access: Access, pk: int) -> Case:
    """The case, if visible; raises Case.DoesNotExist otherwise (the view answers 404)."""
    return cases_visible(access).select_related("unit", "judgment", "officer").get(pk=pk)


# ---- permissions ---------------------------------------------------------------------------


# ---- list with filters ---------------------------------------------------------------------


@dataclass
class CaseFilters:
    q: str = ""
    state: str = ""
    officer: str = ""  # staff code; "none" = not assigned
    mode: str = ""
    state_budget: bool = False
    bank_credit: bool = False
    corruption: bool = False
    overdue: bool = False
    open_only: bool = False
    amount_min: int | None = None
    amount_max: int | None = None
    year: int | None = None  # calendar year of thụ lý
    report_year: int | None = None  # 01/10/(N−1) – 30/09/N


def filter_cases(
    queryset: QuerySet[Case], filters: CaseFilters, today: dt.date | None = None
) -> QuerySet[Case]:
    qs = queryset
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.open_only:
        qs = unfinished_cases(qs)
    if filters.officer == "none":
        qs = qs.filter(officer__isnull=True)
    elif filters.officer:
        qs = qs.filter(officer__code=filters.officer)
    if filters.mode:
        qs = qs.filter(mode=filters.mode)
    if filters.state_budget:
        qs = qs.filter(is_state_budget=True)
    if filters.bank_credit:
        qs = qs.filter(is_bank_credit=True)
    if filters.corruption:
        qs = qs.filter(is_corruption=True)
    if filters.amount_min is not None:
        qs = qs.filter(amount__gte=filters.amount_min)
    if filters.amount_max is not None:
        qs = qs.filter(amount__lte=filters.amount_max)
    if filters.year:
        qs = qs.filter(accepted_on__year=filters.year)
    if filters.report_year:
        start, end = report_year_bounds(filters.report_year)
        qs = qs.filter(accepted_on__range=(start, end))
    qs = search_cases(qs, filters.q)
    if filters.overdue:
        qs = qs.filter(pk__in=overdue_case_ids(qs, today or timezone.localdate()))
    return qs


def overdue_case_ids(queryset: QuerySet[Case], today: dt.date) -> list[int]:
    """Open cases of `queryset` with at least one deadline past (cases.deadlines)."""
    deadlines = open_deadlines(unfinished_cases(queryset), today)
    return sorted({d.case_id for d in deadlines if d.is_overdue(today)})


def case_list(access: Access, unit: Unit | None, filters: CaseFilters) -> QuerySet[Case]:
    """The case list and search (25 a page): with the officer its rows show (the unit and the
    judgment are not shown there, so not joined)."""
    qs = cases_in_scope(access, unit).select_related("officer")
    return filter_cases(qs, filters).order_by("-accepted_on", "code")


def officers_for_filter(access: Access, unit: Unit | None) -> QuerySet[Staff]:
    """Officers who hold a case in scope or are posted at the unit (for the officer filter: an
    officer with no case yet is a valid choice showing none, never an ignored filter)."""
    ids = cases_in_scope(access, unit).exclude(officer=None).values("officer_id")
    posted = officers_of_unit(unit).values("pk") if unit is not None else Staff.objects.none()
    return Staff.objects.filter(Q(pk__in=ids) | Q(pk__in=posted)).order_by("full_name")


# ---- one case ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    event: CaseEvent
    name: str
    article: str
    corrected_by: CaseEvent | None
    corrects: CaseEvent | None
    names: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_void(self) -> bool:
        return self.corrected_by is not None

    @property
    def details(self) -> list[tuple[str, str]]:
        """The event's data as (label, value) in Vietnamese, codes turned into words."""
        return event_details(
            self.event.data or {}, self.names, self.event.type, self.event.law_version
        )


def _act_detail(event_type: str, law_version: str, key: str, value) -> tuple[str, str] | None:
    """(label, value) of one act field (`cases.acts`): dates dd/mm/yyyy, money 1.234.567 đ."""
    for f in (*acts.act_fields(event_type), *acts.COMMON_FIELDS):
        if f.key != key or key == "note":
            continue
        if f.kind == acts.DATE:
            try:
                return str(f.label), f"{dt.date.fromisoformat(str(value)):%d/%m/%Y}"
            except ValueError:
                return str(f.label), str(value)
        if f.kind == acts.MONEY and isinstance(value, int):
            return str(f.label), format_vnd(value)
        if f.kind == acts.CHOICE:
            if key == "ground":
                known = acts.grounds(event_type, law_version)
                if value in known:
                    cite, label = known[value]
                    return str(f.label), f"{label} ({cite})"
            return str(f.label), str(dict(f.choices).get(value, value))
        return str(f.label), str(value)
    return None


def event_details(
    data: dict, names: dict | None = None, event_type: str = "", law_version: str = "2008"
) -> list[tuple[str, str]]:
    """(label, value) pairs of an event's data for people: codes become words, a staff code the
    officer's name, a party or obligation id its name (`names[key][value]`), the act's fields
    (`cases.acts`) with their labels. Keys nobody labelled (internal bookkeeping) are left out
    rather than shown raw."""
    names = names or {}
    words = {
        "reason": (_("Lý do"), {"thoa_thuan": _("Theo thỏa thuận"), "khac": _("Lý do khác")}),
        "ground": (
            _("Căn cứ"),
            {
                "khong_tai_san": _("Không có tài sản, thu nhập"),
                "tu": _("Đang chấp hành án phạt tù"),
                "khong_ro_dia_chi": _("Không rõ địa chỉ"),
            },
        ),
        "measure": (_("Biện pháp"), COERCION_MEASURES),
        "result": (_("Kết quả"), {"thanh_cong": _("Thành"), "khong_thanh": _("Không thành")}),
        "officer": (_("Chấp hành viên"), names.get("officer", {})),
        "previous": (_("Chấp hành viên trước đó"), names.get("officer", {})),
        "time": (_("Giờ"), {}),
        "round": (_("Lần"), {}),
        "payer": (_("Người nộp tiền"), {}),
        "receipt": (_("Biên lai số"), {}),
        "payee": (_("Người nhận tiền"), names.get("payee", {})),
        "obligation": (_("Nghĩa vụ"), names.get("obligation", {})),
        "self_settled": (_("Đương sự tự thỏa thuận"), {True: _("Có")}),
    }
    details = []
    for key, value in data.items():
        if key == "note" or value in (None, "", False):
            continue
        act = _act_detail(event_type, law_version, key, value) if event_type else None
        if act is not None and key not in {"payee", "officer", "previous", "obligation"}:
            details.append(act)
            continue
        if key not in words:
            continue
        label, known = words[key]
        shown = known.get(value, value) if isinstance(value, str | int | bool) else value
        if key in {"officer", "previous", "payee", "obligation"} and value not in known:
            continue  # an id or code without a name to show: nothing a reader can use
        details.append((str(label), str(shown)))
    return details


def _detail_names(events: list[CaseEvent], case: Case) -> dict:
    """Names behind the codes and ids in the events' data, in at most three queries."""
    codes = {
        e.data.get(k) for e in events for k in ("officer", "previous") if (e.data or {}).get(k)
    }
    names: dict[str, dict] = {"officer": {}, "payee": {}, "obligation": {}}
    if codes:
        names["officer"] = dict(
            Staff.objects.filter(code__in=codes).values_list("code", "full_name")
        )
    # All rows (kept on the case by `case_page_rows` on the case page: no query then).
    if any((e.data or {}).get("payee") for e in events):
        names["payee"] = {p.pk: p.name for p in case.parties.all()}
    if any((e.data or {}).get("obligation") for e in events):
        names["obligation"] = {o.pk: o.description for o in case.obligations.all()}
    return names


def case_events(case: Case) -> list[CaseEvent]:
    """Every event of the case (corrections included) in effective order, with what the timeline
    shows: read once for the case page's deadlines, actions, money and timeline.

    The read is kept on the case instance (its prefetched `events`, the model's own order
    case, on, seq), so the panels of the same page that ask `case.events.all()` (the ledger's
    balance, the auction notice) reuse it instead of reading the events again.
    """
    events = CaseEvent.objects.select_related("recorded_by", "to_unit", "corrects")
    prefetch_related_objects([case], Prefetch("events", queryset=events.order_by("on", "seq")))
    return list(case.events.all())


def case_page_rows(case: Case) -> None:
    """The case's parties and obligations (with payees), read once and kept on the instance for
    the case page: its tables, the transition rules' facts (`case_facts`) and the timeline's
    names all read `case.parties.all()` / `case.obligations.all()`."""
    prefetch_related_objects(
        [case],
        "parties",
        Prefetch("obligations", queryset=Obligation.objects.select_related("payee")),
    )


def timeline(case: Case, events: list[CaseEvent] | None = None) -> list[TimelineEntry]:
    """The case's events in effective order, with corrections linked both ways (`events`:
    `case_events(case)` when the caller has them)."""
    events = case_events(case) if events is None else events
    corrected_by = {e.corrects_id: e for e in events if e.corrects_id}
    names = _detail_names(events, case)
    entries = []
    for event in events:
        article = "" if event.type == EventType.HUY_SU_KIEN else article_for(event.type, event.on)
        entries.append(
            TimelineEntry(
                event=event,
                name=EVENT_NAMES.get(event.type, event.type),
                article=article,
                corrected_by=corrected_by.get(event.pk),
                corrects=event.corrects,
                names=names,
            )
        )
    return entries


def actions_for(
    access: Access,
    case: Case,
    today: dt.date | None = None,
    events: list[CaseEvent] | None = None,
) -> list[tuple[str, str]]:
    """(type, name) of the events the law allows now (state and history: the transition
    table's `available_events`) and the user may record (`events`: all the case's, if read)."""
    events = list(case.events.all()) if events is None else events
    snapshot = replay(case.amount, events)
    kinds = available_events(
        case_facts(case), snapshot, effective_events(events), today or timezone.localdate()
    )
    return [
        (kind, EVENT_NAMES[kind])
        for kind in kinds
        if kind not in SPECIAL_EVENTS and may_record(access, case, kind)
    ]


def money_summary(case: Case) -> dict[str, int]:
    """Owed, collected, reduced, remainder, paid out (đồng): the event-derived summary columns
    (`paid_out`: the effective payouts, replayed by cases.state and written by the services)."""
    return {
        "owed": case.amount,
        "collected": case.collected,
        "reduced": case.reduced,
        "remainder": case.remainder,
        "paid_out": case.paid_out,
    }


# ---- officers' home ------------------------------------------------------------------------


def staff_of_user(access: Access) -> Staff | None:
    return access.staff


# "Việc chưa kết thúc của một Chấp hành viên" has ONE definition, used by the assignment page
# (cases.assignment.unit_load), the case list filtered by the officer with "Chưa kết thúc", the
# head's table in "Việc của tôi" and the officer's own "Việc của tôi" and home page: the cases
# the officer holds (Case.officer) that are not in a terminal state, among the cases of the unit's
# scope — its subtree AND the units it succeeded (org.access.scope_unit_ids), because after the
# 01/07/2025 reform the Chi cục's unfinished cases are carried by the Phòng THADS khu vực with
# their officers (Luật THADS 2025, Điều khoản chuyển tiếp). Counting only the unit's own code
# (46) or every visible unit with finished cases (81) were the two figures that disagreed.


def unfinished_cases(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Việc chưa kết thúc: not xong, đình chỉ, trả đơn or ủy thác đi (TERMINAL_STATES)."""
    return cases.filter(state__in=OPEN_STATES)


def officer_unfinished_cases(access: Access, unit: Unit | None, staff: Staff) -> QuerySet[Case]:
    """The officer's unfinished cases in the active unit's scope (the one definition above)."""
    return (
        unfinished_cases(cases_in_scope(access, unit).filter(officer=staff))
        .select_related("unit", "judgment")
        .order_by("accepted_on", "code")
    )


def unfinished_by_officer(cases: QuerySet[Case]) -> list[dict]:
    """Per officer (None = not assigned) of `cases`: unfinished cases, those with conditions
    (classified có điều kiện), money remaining — one grouped query."""
    rows = (
        unfinished_cases(cases)
        .values("officer_id", "officer__code", "officer__full_name")
        .annotate(
            open_cases=Count("pk"),
            remainder=Sum(F("amount") - F("collected") - F("reduced")),
            with_conditions=Count(
                "pk", filter=Q(state=CaseState.DANG_THI_HANH, is_classified=True)
            ),
        )
        .order_by("officer__full_name")
    )
    return list(rows)


def officer_counts(access: Access, unit: Unit) -> list[dict]:
    """Unfinished cases and remaining money per officer holding cases in the unit's scope."""
    return unfinished_by_officer(cases_in_scope(access, unit))


# ---- codes ---------------------------------------------------------------------------------


def entrust_targets(case: Case) -> QuerySet[Unit]:
    """Units that may receive an entrusted case: other local units in force."""
    return (
        Unit.objects.filter(level=Unit.Level.LOCAL, valid_to__isnull=True)
        .exclude(pk=case.unit_id)
        .order_by("tree_order")
    )
