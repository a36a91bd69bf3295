"""What a running office has besides its cases, for the demo (after `demo_cases.load`):

* the clerks' books of the last weeks — receipts (one reversed), payouts, money held and one
  released — written through the ledger's services, so they are what a clerk would have made;
* the monthly reports of every closed month since the start of the previous report year,
  submitted by each unit on time and approved up the chain (the regional offices by the
  province, the province by the national office), through `stats.submission`, each step at a
  realistic day and hour — a unit whose checks do not pass stays "Đang lập", as in real life.

Deterministic (its own random seed); a refusal by a rule is skipped, never forced.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from thads.cases.models import Case, CaseState
from thads.common.calendar import add_working_days
from thads.common.errors import DomainError
from thads.common.periods import report_year_of
from thads.ledger import services as ledger
from thads.org.access import access_for
from thads.org.models import Membership, Role, Staff, Unit

SEED = 20261202
PAYERS = ("Nguyễn Văn Hải", "Trần Thị Mai", "Lê Văn Tùng", "Phạm Thị Hương", "Đỗ Văn Nam")
HELD_SOURCES = ("Hoàng Văn Long", "Công ty TNHH Minh Phát", "Vũ Thị Thu", "Bùi Văn Khánh")


@dataclass
class OfficeResult:
    receipts: int = 0
    payouts: int = 0
    held: int = 0
    reports_approved: int = 0


def _working_days(today: dt.date, count: int) -> list[dt.date]:
    days, day = [], today
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return sorted(days)


def _books(unit: Unit, today: dt.date, rng: random.Random, result: OfficeResult) -> None:
    cases = list(
        Case.objects.filter(
            unit=unit, state=CaseState.DANG_THI_HANH, is_classified=True, amount__gt=5_000_000
        ).order_by("code")[:12]
    )
    days = _working_days(today, 20) + [today]
    first = None
    for i, case in enumerate(cases):
        case.refresh_from_db()
        amount = min(case.remainder, rng.choice([2, 3, 5, 8, 10, 15]) * 1_000_000)
        if amount <= 0 or case.accepted_on > days[0]:
            continue
        day = days[min(len(days) - 1, i * len(days) // max(1, len(cases)))]
        try:
            receipt = ledger.payment_record(
                case, amount=amount, received_on=day, payer=rng.choice(PAYERS), today=today
            )
            result.receipts += 1
            first = first or receipt
            if case.mode == "theo_don" and i % 3 == 0:
                case.refresh_from_db()
                ledger.payout_record(
                    case, paid_on=min(today, day + dt.timedelta(days=3)), total=amount
                )
                result.payouts += 1
        except DomainError:
            continue
    if first is not None:
        try:
            ledger.receipt_reverse(
                first, reason="Ghi nhầm số tiền trên biên lai", on=first.received_on, today=today
            )
            result.receipts += 1
        except DomainError:
            pass
    for n in range(3):
        held = ledger.held_money_receive(
            unit,
            kind="tam_giu" if n % 2 == 0 else "tam_thu",
            amount=rng.choice([500, 1_200, 3_000, 7_500]) * 1_000,
            received_on=today - dt.timedelta(days=rng.choice([5, 20, 45, 90])),
            source=rng.choice(HELD_SOURCES),
            description="Tiền tạm giữ khi cưỡng chế" if n % 2 == 0 else "Tiền tạm thu",
            today=today,
        )
        result.held += 1
        if n == 2:
            ledger.held_money_release(
                held, released_on=today, reason="Trả lại cho người nộp", today=today
            )


def postings(unit: Unit, today: dt.date) -> list[Membership]:
    """The unit's postings on `today` of staff who have an account."""
    return list(
        Membership.objects.filter(unit=unit, valid_from__lte=today, staff__user__isnull=False)
        .exclude(valid_to__lt=today)
        .select_related("staff__user")
    )


def posted(unit: Unit, today: dt.date, roles: set[str]) -> Staff | None:
    """The first of the unit's staff on `today` in one of `roles` (with an account)."""
    return next((m.staff for m in postings(unit, today) if m.role in roles), None)


def _signer(unit: Unit, today: dt.date, roles: set[str]):
    staff = posted(unit, today, roles)
    return staff.user if staff else None


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    """A time of the office's working day (07:30–16:30, Asia/Ho_Chi_Minh) on `day`."""
    minutes = 7 * 60 + 30 + rng.randrange(0, 9 * 60)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))


def _months(today: dt.date) -> list[tuple[int, int]]:
    """Every closed month from the start of the previous report year, oldest first."""
    from thads.stats import submission

    year, month = submission.last_closed_month(today)
    months = []
    while year >= report_year_of(today) - 1:
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def _reports(
    units: list[Unit], province: Unit, today: dt.date, rng: random.Random, result: OfficeResult
) -> None:
    """Each closed month: the regional offices send on time (TT 06/2019/TT-BTP, Điều 9: within
    their deadline of working days after the month), the province approves them, sends its own
    before its deadline and the national office approves it — each step at its own day and
    hour, none after now (the latest month may still be on its way up)."""
    from thads.stats import submission

    # Nothing after now, nor after `today`'s office hours (the demo built for another day).
    now = min(timezone.now(), _moment(today, random.Random(0)).replace(hour=17, minute=0))
    head = {u.pk: _signer(u, today, {Role.HEAD}) for u in units}
    leader = _signer(province, today, {Role.PROVINCIAL_LEADER})
    national = _signer(province.parent, today, {Role.NATIONAL}) if province.parent_id else None

    def step(action, unit, user, year, month, at) -> bool:
        if user is None or at > now:
            return False
        try:
            status = submission.status_of(unit, year, month, today)
            action(
                unit,
                year,
                month,
                access=access_for(user, today),
                user=user,
                expected_version=status.version,
                today=today,
                at=at,
            )
        except DomainError:
            return False
        return True

    for year, month in _months(today):
        end = submission.period_of(year, month).end
        sent = []
        for unit in units:
            at = _moment(add_working_days(end, rng.choice([1, 2])), rng)
            if step(submission.report_submit, unit, head[unit.pk], year, month, at):
                sent.append((unit, at))
        for unit, at in sent:
            later = at + dt.timedelta(hours=rng.randint(2, 20))
            if step(submission.report_approve, unit, leader, year, month, later):
                result.reports_approved += 1
        at = _moment(add_working_days(end, rng.choice([3, 4])), rng)
        if step(submission.report_submit, province, leader, year, month, at):
            decided = _moment(add_working_days(end, 5), rng)
            if step(submission.report_approve, province, national, year, month, decided):
                result.reports_approved += 1


def load(today: dt.date) -> OfficeResult:
    """The books and the report chain of the demo province (needs the demo org and cases)."""
    rng = random.Random(SEED)
    result = OfficeResult()
    province = Unit.objects.get(code="TNG")
    units = list(
        Unit.objects.filter(
            parent=province, level=Unit.Level.LOCAL, valid_to__isnull=True
        ).order_by("code")
    )
    for unit in units:
        _books(unit, today, rng, result)
    _reports(units, province, today, rng, result)
    return result
