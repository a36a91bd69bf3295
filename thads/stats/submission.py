"""Monthly report submission: prepared → submitted → approved (frozen) or returned.

Thông tư 06/2019/TT-BTP, Điều 9: each unit sends its monthly statistical report to the unit
directly above it within a number of working days after the period ends (k2: Chấp hành viên 1,
Chi cục 2, Cục 4 working days); the unit above checks it and approves it or returns it. Here:

* the head or deputy of a local unit (Thủ trưởng / Phó Thủ trưởng) submits its report; the
  provincial leader submits the province's own report;
* the provincial leader approves or returns the reports of the local units, the national
  department (Cục Quản lý THADS) those of the provinces;
* a report is submitted and approved only when all its checks pass (`stats.checks`), and a
  unit's report is approved only when the reports of all units below it are approved;
* approval freezes the numbers (`stats.snapshots`); every transition is appended to
  `SubmissionEvent` (who, when, why) and the status is changed with optimistic locking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.common.calendar import add_working_days
from thads.common.concurrency import ConcurrentEditError, update_with_version
from thads.common.errors import DomainError
from thads.common.periods import Period, month_period, report_year_of
from thads.org.access import Access
from thads.org.models import Unit
from thads.stats.checks import CheckRun, run_checks
from thads.stats.models import ReportSubmission, SubmissionEvent
from thads.stats.permissions import may_decide, may_submit
from thads.stats.snapshots import snapshot_freeze

Status = ReportSubmission.Status
Action = SubmissionEvent.Action
ARTICLE = "Thông tư 06/2019/TT-BTP, Điều 9"
DEFAULT_DEADLINES = {"local": 2, "province": 4}


class SubmissionError(DomainError):
    """A transition the rules refuse (the message says why, in Vietnamese)."""


class NotAllowed(SubmissionError):
    """The user's role may not make this transition on this unit's report."""


# ---- periods and deadlines ----------------------------------------------------------------


def period_of(year: int, month: int) -> Period:
    try:
        return month_period(year, month)
    except ValueError as exc:
        raise SubmissionError(str(exc)) from None


def deadline_for(unit: Unit, period: Period) -> dt.date | None:
    """Last day to submit: N working days after the period ends (settings per unit level)."""
    days = {**DEFAULT_DEADLINES, **getattr(settings, "THADS_REPORT_DEADLINES", {})}
    if unit.level not in days:
        return None
    return add_working_days(period.end, days[unit.level])


def is_late(submission: ReportSubmission | None, deadline: dt.date | None, today: dt.date) -> bool:
    """Submitted (first time) after the deadline, or still not submitted with the deadline past."""
    if deadline is None:
        return False
    if submission is not None and submission.first_submitted_at is not None:
        return timezone.localdate(submission.first_submitted_at) > deadline
    return today > deadline


def last_closed_month(today: dt.date) -> tuple[int, int]:
    """The latest report month that has ended before `today`."""
    year = report_year_of(today)
    for month in range(12, 0, -1):
        if month_period(year, month).end < today:
            return year, month
    return year - 1, 12


# ---- who reports to whom ----------------------------------------------------------------


def reports_in_period(unit: Unit, period: Period) -> bool:
    """A unit has a report of its own for a period when it exists at the period's end and has
    a unit above it to send it to."""
    return unit.parent_id is not None and unit.is_valid_on(period.end)


def children_of(unit: Unit, period: Period) -> list[Unit]:
    """The units directly below `unit` that owe a report for `period`.

    As in `stats.report.row_unit_map`, a unit closed before the period's end (a Chi cục that
    ended on 30/06/2025) has no report of its own: its cases are counted in its successor's.
    """
    return [
        u
        for u in Unit.objects.filter(parent=unit).order_by("tree_order")
        if u.is_valid_on(period.end)
    ]


# ---- reading the status -----------------------------------------------------------------


@dataclass
class ReportStatus:
    unit: Unit
    period: Period
    submission: ReportSubmission | None
    deadline: dt.date | None
    late: bool

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else Status.PREPARED

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def version(self) -> int:
        return self.submission.version if self.submission else 1

    @property
    def is_approved(self) -> bool:
        return self.status == Status.APPROVED


def status_of(unit: Unit, year: int, month: int, today: dt.date | None = None) -> ReportStatus:
    today = today or timezone.localdate()
    period = period_of(year, month)
    submission = ReportSubmission.objects.filter(unit=unit, year=year, month=month).first()
    deadline = deadline_for(unit, period)
    late = reports_in_period(unit, period) and is_late(submission, deadline, today)
    return ReportStatus(unit, period, submission, deadline, late)


def children_statuses(
    unit: Unit, year: int, month: int, today: dt.date | None = None
) -> list[ReportStatus]:
    """The status of each unit below `unit` for the period (one query for the submissions)."""
    today = today or timezone.localdate()
    period = period_of(year, month)
    children = children_of(unit, period)
    rows = {
        s.unit_id: s
        for s in ReportSubmission.objects.filter(unit__in=children, year=year, month=month)
    }
    result = []
    for child in children:
        submission = rows.get(child.pk)
        deadline = deadline_for(child, period)
        result.append(
            ReportStatus(child, period, submission, deadline, is_late(submission, deadline, today))
        )
    return result


def history(submission: ReportSubmission | None) -> list[SubmissionEvent]:
    if submission is None:
        return []
    return list(submission.events.select_related("by").order_by("at", "pk"))


# ---- transitions --------------------------------------------------------------------------


def _locked(unit: Unit, year: int, month: int) -> ReportSubmission:
    submission, _created = ReportSubmission.objects.select_for_update().get_or_create(
        unit=unit, year=year, month=month
    )
    return submission


def _move(
    submission: ReportSubmission,
    expected_version: int,
    user,
    action: str,
    to_status: str,
    *,
    reason: str = "",
    late: bool = False,
    at: dt.datetime | None = None,
    **fields,
) -> ReportSubmission:
    from_status = submission.status
    # The event first: the database lets the status move only to the latest event's
    # `to_status` (`stats.db_guards`), so no plain UPDATE can change it.
    SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        from_status=from_status,
        to_status=to_status,
        by=user if getattr(user, "is_authenticated", False) else None,
        reason=reason,
        late=late,
        at=at or timezone.now(),
    )
    update_with_version(submission, expected_version, user, status=to_status, **fields)
    return submission


def _require_checks(unit: Unit, period: Period) -> CheckRun:
    run = run_checks(unit, period)
    if not run.ok:
        names = "; ".join(c.rule for c in run.failures)
        raise SubmissionError(
            _("Báo cáo chưa qua các bước kiểm tra: %(names)s.") % {"names": names},
            article=ARTICLE,
        )
    return run


def _require_children_approved(unit: Unit, year: int, month: int) -> None:
    pending = [s.unit.name for s in children_statuses(unit, year, month) if not s.is_approved]
    if pending:
        raise SubmissionError(
            _("Báo cáo của các đơn vị cấp dưới chưa được duyệt: %(units)s.")
            % {"units": ", ".join(pending)}
        )


def _common(unit: Unit, period: Period, today: dt.date) -> None:
    if unit.parent_id is None:
        raise SubmissionError(_("Báo cáo của đơn vị trung ương không phải gửi cấp trên duyệt."))
    if not unit.is_valid_on(period.end):
        raise SubmissionError(
            _(
                "Đơn vị %(unit)s không còn hoạt động vào ngày %(day)s: số liệu của đơn vị "
                "được tổng hợp vào báo cáo của đơn vị kế thừa."
            )
            % {"unit": unit.name, "day": period.end.strftime("%d/%m/%Y")}
        )
    if today <= period.end:
        raise SubmissionError(
            _("Kỳ báo cáo chưa kết thúc (đến hết ngày %(day)s).")
            % {"day": period.end.strftime("%d/%m/%Y")}
        )


@transaction.atomic
def report_submit(
    unit: Unit,
    year: int,
    month: int,
    *,
    access: Access,
    user,
    expected_version: int,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> ReportSubmission:
    """Send the unit's report to the unit above (TT 06/2019/TT-BTP, Điều 9 k2).

    Only when every check passes and the reports of the units below are approved. `at` is
    when it was sent (default now; the demo's past months give their own day, never later
    than `today`).
    """
    today = today or timezone.localdate()
    period = period_of(year, month)
    if not may_submit(access, unit):
        raise NotAllowed(_("Bạn không có quyền gửi báo cáo của đơn vị này."))
    _common(unit, period, today)
    submission = _locked(unit, year, month)
    if submission.version != expected_version:
        raise ConcurrentEditError()
    if submission.status not in {Status.PREPARED, Status.RETURNED}:
        raise SubmissionError(
            _("Báo cáo đang ở trạng thái “%(status)s”, không gửi lại được.")
            % {"status": Status(submission.status).label}
        )
    _require_children_approved(unit, year, month)
    _require_checks(unit, period)
    now = _when(at, period, today)
    deadline = deadline_for(unit, period)
    late = deadline is not None and timezone.localdate(now) > deadline
    fields = {"submitted_at": now}
    if submission.first_submitted_at is None:
        fields["first_submitted_at"] = now
    return _move(
        submission,
        expected_version,
        user,
        Action.SUBMIT,
        Status.SUBMITTED,
        late=late,
        at=now,
        **fields,
    )


def _when(at: dt.datetime | None, period: Period, today: dt.date) -> dt.datetime:
    """The moment of a step: now, or `at` when given — after the period, not after `today`."""
    if at is None:
        return timezone.now()
    if not period.end < timezone.localdate(at) <= today:
        raise SubmissionError(
            _("Thời điểm %(at)s phải sau kỳ báo cáo và không sau hôm nay.")
            % {"at": timezone.localtime(at).strftime("%d/%m/%Y %H:%M")}
        )
    return at


def _decidable(
    unit: Unit, year: int, month: int, access: Access, expected_version: int, today: dt.date
) -> tuple[ReportSubmission, Period]:
    period = period_of(year, month)
    if not may_decide(access, unit):
        raise NotAllowed(_("Bạn không có quyền duyệt hoặc trả lại báo cáo của đơn vị này."))
    _common(unit, period, today)
    submission = _locked(unit, year, month)
    if submission.version != expected_version:
        raise ConcurrentEditError()
    if submission.status != Status.SUBMITTED:
        raise SubmissionError(
            _("Chỉ duyệt hoặc trả lại báo cáo đã gửi; báo cáo đang ở trạng thái “%(status)s”.")
            % {"status": Status(submission.status).label}
        )
    return submission, period


@transaction.atomic
def report_approve(
    unit: Unit,
    year: int,
    month: int,
    *,
    access: Access,
    user,
    expected_version: int,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> ReportSubmission:
    """Approve a submitted report and freeze its numbers (TT 06/2019/TT-BTP, Điều 9).

    The checks run again (the data may have changed since it was sent) and every unit below
    must have its own report approved.
    """
    today = today or timezone.localdate()
    submission, period = _decidable(unit, year, month, access, expected_version, today)
    _require_children_approved(unit, year, month)
    run = _require_checks(unit, period)
    reports = {"unit": run.report, "officer": run.by_officer}
    when = _when(at, period, today)
    _move(
        submission,
        expected_version,
        user,
        Action.APPROVE,
        Status.APPROVED,
        at=when,
        decided_at=when,
    )
    snapshot_freeze(submission, period, reports)
    return submission


@transaction.atomic
def report_return(
    unit: Unit,
    year: int,
    month: int,
    *,
    access: Access,
    user,
    expected_version: int,
    reason: str,
    today: dt.date | None = None,
) -> ReportSubmission:
    """Return a submitted report to the unit with the reason (TT 06/2019/TT-BTP, Điều 9)."""
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    if not reason:
        raise SubmissionError(_("Vui lòng ghi rõ lý do trả lại báo cáo."))
    submission, _period = _decidable(unit, year, month, access, expected_version, today)
    return _move(
        submission,
        expected_version,
        user,
        Action.RETURN,
        Status.RETURNED,
        reason=reason,
        decided_at=timezone.now(),
    )
