"""Reads of the public portal: only what is published, and only of listed cases.

No request.access here: the portal has no login. Every query starts from the listed cases
(state "chưa có điều kiện", something left to pay) or, for auctions, from the cases with a
valued asset not yet sold; a person's identity number is read only to match a lookup and to
derive a year of birth, never returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from thads.cases.acts import grounds
from thads.cases.deadlines import open_deadlines
from thads.cases.models import (
    Case,
    CaseEvent,
    CaseState,
    EventType,
    LawVersion,
    Obligation,
    Party,
)
from thads.common.text import fold_vietnamese
from thads.org.models import Unit
from thads.portal.listing import ListingEntry, listing_history
from thads.portal.published import birth_year, public_address


def _no_means_decisions() -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(
        case=OuterRef("pk"), type=EventType.CHUA_CO_DIEU_KIEN, corrected_by__isnull=True
    ).order_by("-on", "-seq")


def listed_cases() -> QuerySet[Case]:
    """Cases whose debtor is on the public list now (portal.listing.is_listed, as a query)."""
    return (
        Case.objects.filter(state=CaseState.CHUA_CO_DIEU_KIEN)
        .exclude(amount__gt=0, amount__lte=F("collected") + F("reduced"))
        .annotate(
            no_means_on=Subquery(_no_means_decisions().values("on")[:1]),
            no_means_ground=Subquery(_no_means_decisions().values("data__ground")[:1]),
            no_means_law=Subquery(_no_means_decisions().values("law_version")[:1]),
        )
    )


def search_listed(query: str = "", unit_code: str = "") -> QuerySet[Case]:
    """Listed cases by debtor name typed with or without diacritics, and by unit (subtree)."""
    qs = listed_cases()
    tokens = fold_vietnamese(query or "").split()
    if tokens:
        names = Q()
        for token in tokens:
            names &= Q(search_name__contains=token)
        debtors = Party.objects.filter(case=OuterRef("pk"), role=Party.Role.PHAI_THI_HANH)
        qs = qs.filter(Exists(debtors.filter(names)))
    if unit_code:
        unit = Unit.objects.filter(code=unit_code).first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    return (
        qs.select_related("unit", "judgment")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.filter(role=Party.Role.PHAI_THI_HANH),
                to_attr="debtors",
            ),
            Prefetch("obligations", queryset=Obligation.objects.order_by("position")),
        )
        .order_by("-no_means_on", "unit__tree_order", "pk")
    )


def ground_text(ground: str | None, law_version: str | None) -> str:
    """The ground of the decision on no conditions, with its article (cases.acts)."""
    known = grounds(EventType.CHUA_CO_DIEU_KIEN, law_version or LawVersion.LUAT_2008)
    if not ground or ground not in known:
        return ""
    cite, label = known[ground]
    return f"{label} ({cite})"


@dataclass(frozen=True)
class PublishedDebtor:
    """One row of the public list: the published fields only."""

    names: list[str]
    birth_years: list[int | None]
    addresses: list[str]
    judgment: str
    decision: str
    obligations: list[tuple[str, int | None]]
    remainder: int
    unit: str
    no_means_on: dt.date | None
    ground: str
    history: list[ListingEntry] = field(default_factory=list)

    def as_export(self) -> dict:
        return {
            "nguoi_phai_thi_hanh": "; ".join(self.names),
            "nam_sinh": "; ".join(str(y) for y in self.birth_years if y),
            "dia_chi": "; ".join(a for a in self.addresses if a),
            "ban_an": self.judgment,
            "quyet_dinh_thi_hanh_an": self.decision,
            "nghia_vu": "; ".join(d for d, _a in self.obligations),
            "so_tien_con_phai_thi_hanh": self.remainder,
            "co_quan_thi_hanh_an": self.unit,
            "ngay_quyet_dinh_chua_co_dieu_kien": (
                self.no_means_on.isoformat() if self.no_means_on else ""
            ),
            "can_cu": self.ground,
        }


def published(case: Case, history: list[ListingEntry] | None = None) -> PublishedDebtor:
    debtors = getattr(case, "debtors", None)
    if debtors is None:
        debtors = list(case.parties.filter(role=Party.Role.PHAI_THI_HANH))
    judgment = case.judgment
    return PublishedDebtor(
        names=[p.name for p in debtors],
        birth_years=[birth_year(p) for p in debtors],
        addresses=[public_address(p.address) for p in debtors],
        judgment=f"{judgment.number} ngày {judgment.date:%d/%m/%Y} của {judgment.court}",
        decision=f"{case.decision_no} ngày {case.decision_date:%d/%m/%Y}",
        obligations=[(o.description, o.amount) for o in case.obligations.all()],
        remainder=case.remainder,
        unit=case.unit.name,
        no_means_on=getattr(case, "no_means_on", None),
        ground=ground_text(
            getattr(case, "no_means_ground", None), getattr(case, "no_means_law", None)
        ),
        history=history or [],
    )


def listing_of(case: Case) -> list[ListingEntry]:
    return listing_history(case.amount, case.events.all())


def listing_changes(start: dt.date, end: dt.date) -> list[tuple[Case, ListingEntry]]:
    """Every listing, re-verification and delisting dated within [start, end], in date order,
    for the national portal to follow (cases that were never listed give none)."""
    touched = CaseEvent.objects.filter(on__range=(start, end)).values("case_id").distinct()
    ever_listed = CaseEvent.objects.filter(case=OuterRef("pk"), type=EventType.CHUA_CO_DIEU_KIEN)
    cases = (
        Case.objects.filter(pk__in=touched)
        .filter(Exists(ever_listed))
        .select_related("unit", "judgment")
        .prefetch_related("events", "obligations")
    )
    changes = []
    for case in cases:
        for entry in listing_history(case.amount, case.events.all()):
            if start <= entry.on <= end:
                changes.append((case, entry))
    changes.sort(key=lambda pair: (pair[1].on, pair[0].pk))
    return changes


# ---- case lookup for parties ---------------------------------------------------------------


@dataclass(frozen=True)
class LookupAnswer:
    state: str
    next_deadline: str
    next_deadline_on: dt.date | None
    collected: int
    paid_to_party: int
    is_creditor: bool


def lookup(code: str, id_number: str, today: dt.date | None = None) -> LookupAnswer | None:
    """The case's status for one of its parties, or None — the same None whether the case does
    not exist or the number is not one of its parties' (no enumeration)."""
    code, id_number = (code or "").strip(), "".join((id_number or "").split())
    if not code or not id_number:
        return None
    party = (
        Party.objects.filter(case__code__iexact=code, id_number=id_number)
        .select_related("case")
        .first()
    )
    if party is None:
        return None
    case = party.case
    today = today or timezone.localdate()
    deadlines = open_deadlines([case], today)
    upcoming = deadlines[0] if deadlines else None
    paid = (
        CaseEvent.objects.filter(
            case=case,
            type=EventType.CHI_TRA,
            corrected_by__isnull=True,
            payout__payee=party,
        ).aggregate(s=Sum("amount"))["s"]
        or 0
    )
    return LookupAnswer(
        state=case.get_state_display(),
        next_deadline=upcoming.label if upcoming else "",
        next_deadline_on=upcoming.due if upcoming else None,
        collected=case.collected,
        paid_to_party=paid,
        is_creditor=party.role == Party.Role.DUOC_THI_HANH,
    )


# ---- unit directory ------------------------------------------------------------------------


def directory() -> list[Unit]:
    """The units in force, provinces then their local units, with their published contact."""
    return list(
        Unit.objects.filter(valid_to__isnull=True)
        .exclude(level=Unit.Level.NATIONAL)
        .select_related("contact", "parent")
        .order_by("tree_order")
    )


def province_choices() -> list[tuple[str, str]]:
    return list(
        Unit.objects.filter(valid_to__isnull=True, level=Unit.Level.PROVINCE)
        .order_by("name")
        .values_list("code", "name")
    )
