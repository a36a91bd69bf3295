"""Assignment of cases to officers: the load per officer, a suggestion, the head policy.

The head (Thủ trưởng) assigns and reassigns cases (Luật THADS 2008, Điều 20; written by
`services.case_assign`). One province's rule (Thông báo 431/TB-CTHADS, Cục THADS Thừa Thiên
Huế, 12/12/2018, on Quyết định 273/QĐ-TCTHADS, Mục 2 điểm 8.1): a Chi cục trưởng whose unit has
3 or more Chấp hành viên does not handle cases personally but directs the officers; in a unit
with only 2 Chấp hành viên the head shares the cases with the other one. The numbers are a
setting, THADS_HEAD_ASSIGNMENT_POLICY, because other provinces decide otherwise:

    THADS_HEAD_ASSIGNMENT_POLICY = {
        "no_cases_from_officers": 3,  # from this many officers the head holds no case (None: off)
        "share_when_officers": 2,     # at exactly this many the head must hold some (None: off)
        "count_includes_head": True,  # the head, a Chấp hành viên himself, counts as one
    }
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.cases.selectors import unfinished_by_officer
from thads.org.access import scope_unit_ids
from thads.org.models import Membership, Staff, Unit

DEFAULT_POLICY = {
    "no_cases_from_officers": 3,
    "share_when_officers": 2,
    "count_includes_head": True,
}


def policy() -> dict:
    return {**DEFAULT_POLICY, **getattr(settings, "THADS_HEAD_ASSIGNMENT_POLICY", {})}


@dataclass
class OfficerLoad:
    staff: Staff
    is_head: bool
    open_cases: int = 0
    with_conditions: int = 0
    remainder: int = 0


@dataclass
class UnitLoad:
    unit: Unit
    officers: list[OfficerLoad] = field(default_factory=list)
    unassigned: int = 0

    @property
    def head(self) -> OfficerLoad | None:
        return next((o for o in self.officers if o.is_head), None)

    @property
    def officer_count(self) -> int:
        """Chấp hành viên counted by the policy (with or without the head)."""
        if policy()["count_includes_head"]:
            return len(self.officers)
        return len([o for o in self.officers if not o.is_head])

    @property
    def head_takes_no_cases(self) -> bool:
        limit = policy()["no_cases_from_officers"]
        return limit is not None and self.officer_count >= limit

    def suggestion(self) -> OfficerLoad | None:
        """The least-loaded officer (open cases, then money remaining), the head excluded when
        the policy says the head takes no cases."""
        candidates = [o for o in self.officers if not (o.is_head and self.head_takes_no_cases)]
        if not candidates:
            return None
        return min(candidates, key=lambda o: (o.open_cases, o.remainder, o.staff.full_name))


def working_unit(unit: Unit, on: dt.date | None = None) -> Unit:
    """The unit that carries `unit`'s cases on `on`: itself, or its successor after a reform."""
    on = on or timezone.localdate()
    seen: set[int] = set()
    while not unit.is_valid_on(on) and unit.successor_id and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.successor
    return unit


def unit_officers(unit: Unit, on: dt.date | None = None) -> list[tuple[Staff, bool]]:
    """(Chấp hành viên, is head) posted at `unit` on `on`."""
    on = on or timezone.localdate()
    memberships = (
        Membership.objects.filter(unit=unit, valid_from__lte=on, staff__title__startswith="chap")
        .exclude(valid_to__lt=on)
        .select_related("staff")
        .order_by("-is_head", "staff__full_name")
    )
    return [(m.staff, m.is_head) for m in memberships if m.staff.is_officer]


def unit_load(unit: Unit, on: dt.date | None = None) -> UnitLoad:
    """The load per officer of `unit`: unfinished cases (the one definition,
    `selectors.unfinished_cases`, over the unit's scope: itself and the units it succeeded),
    cases with conditions, money remaining."""
    officers = unit_officers(unit, on)
    scope = Case.objects.filter(unit_id__in=scope_unit_ids(unit))
    rows = {row["officer_id"]: row for row in unfinished_by_officer(scope)}
    load = UnitLoad(unit=unit, unassigned=(rows.get(None) or {}).get("open_cases", 0))
    for staff, is_head in officers:
        row = rows.get(staff.pk, {})
        load.officers.append(
            OfficerLoad(
                staff=staff,
                is_head=is_head,
                open_cases=row.get("open_cases", 0),
                with_conditions=row.get("with_conditions", 0),
                remainder=row.get("remainder") or 0,
            )
        )
    return load


@dataclass(frozen=True)
class Violation:
    unit: Unit
    head: Staff
    officer_count: int
    head_cases: int
    message: str


def policy_violation(load: UnitLoad) -> Violation | None:
    """The unit's breach of the head-assignment policy, if any."""
    head = load.head
    if head is None:
        return None
    rules = policy()
    count = load.officer_count
    if load.head_takes_no_cases and head.open_cases > 0:
        return Violation(
            load.unit,
            head.staff,
            count,
            head.open_cases,
            _(
                "Đơn vị có %(n)d Chấp hành viên: Thủ trưởng không trực tiếp giải quyết việc, "
                "nhưng đang được phân công %(c)d việc."
            )
            % {"n": count, "c": head.open_cases},
        )
    share = rules["share_when_officers"]
    others = sum(o.open_cases for o in load.officers if not o.is_head)
    if share is not None and count == share and head.open_cases == 0 and others > 0:
        return Violation(
            load.unit,
            head.staff,
            count,
            0,
            _(
                "Đơn vị chỉ có %(n)d Chấp hành viên: Thủ trưởng phải chia sẻ việc với Chấp hành "
                "viên còn lại, nhưng chưa được phân công việc nào."
            )
            % {"n": count},
        )
    return None


def violations(units: list[Unit], on: dt.date | None = None) -> list[Violation]:
    """Breaches of the head-assignment policy among `units` (local units in force on `on`)."""
    on = on or timezone.localdate()
    found = []
    for unit in units:
        if unit.level != Unit.Level.LOCAL or not unit.is_valid_on(on):
            continue
        violation = policy_violation(unit_load(unit, on))
        if violation is not None:
            found.append(violation)
    return found
