"""What a running office has besides its cases, for the demo (after `demo_cases.load`):

* the clerks' books of the last weeks — receipts (one reversed), payouts, money held and one
  released — written through the ledger's services, so they are what a clerk would have made;
* the monthly reports of the last closed months submitted by each unit and approved up the
  chain (the regional offices by the province, the province by the national office), through
  `stats.submission` — a unit whose checks do not pass stays "Đang lập", as in real life.

Deterministic (its own random seed); a refusal by a rule is skipped, never forced.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from thads.cases.models import Case, CaseState
from thads.common.errors import DomainError
from thads.ledger import services as ledger
from thads.org.access import access_for
from thads.org.models import Membership, Role, Unit

SEED = 20261202
PAYERS = ("Nguyễn Văn Hải", "Trần Thị Mai", "Lê Văn Tùng", "Phạm Thị Hương", "Đỗ Văn Nam")
HELD_SOURCES = ("Hoàng Văn Long", "Công ty TNHH Minh Phát", "Vũ Thị Thu", "Bùi Văn Khánh")
REPORT_MONTHS = 3  # the last closed months whose reports went up the chain


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


def _signer(unit: Unit, today: dt.date, roles: set[str]):
    membership = (
        Membership.objects.filter(
            unit=unit, role__in=roles, valid_from__lte=today, staff__user__isnull=False
        )
        .exclude(valid_to__lt=today)
        .select_related("staff__user")
        .first()
    )
    return membership.staff.user if membership else None


def _reports(units: list[Unit], province: Unit, today: dt.date, result: OfficeResult) -> None:
    from thads.stats import submission

    year, month = submission.last_closed_month(today)
    months = []
    for _ in range(REPORT_MONTHS):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    deciders = {Role.HEAD, Role.DEPUTY, Role.PROVINCIAL_LEADER, Role.NATIONAL}
    for year, month in reversed(months):
        for unit in [*units, province]:
            head = _signer(unit, today, {Role.HEAD})
            parent_signer = _signer(unit.parent, today, deciders) if unit.parent_id else None
            if head is None or parent_signer is None:
                continue
            try:
                status = submission.status_of(unit, year, month, today)
                sent = submission.report_submit(
                    unit,
                    year,
                    month,
                    access=access_for(head, today),
                    user=head,
                    expected_version=status.version,
                    today=today,
                )
                submission.report_approve(
                    unit,
                    year,
                    month,
                    access=access_for(parent_signer, today),
                    user=parent_signer,
                    expected_version=sent.version,
                    today=today,
                )
                result.reports_approved += 1
            except DomainError:
                continue


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
    _reports(units, province, today, result)
    return result
