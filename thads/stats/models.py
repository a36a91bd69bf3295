"""Facts derived from the case histories, kept fresh by a version marker per case.

`CaseFact` copies what the reports group and filter on; `StateInterval` holds, for each case,
consecutive date ranges with the bucket state and the cumulative money collected and reduced in
force during the range. At any date a case has exactly one interval, so every bucket of every
form is one set-based query (no loop over cases).
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.common.models import AppendOnly
from thads.stats.buckets import BASE_KEYS, COUNTED_MONEY, MONEY_BASE_KEYS


class CaseFact(models.Model):
    case = models.OneToOneField(
        "cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="fact"
    )
    version = models.PositiveIntegerField()
    unit_id = models.BigIntegerField(db_index=True)
    officer_id = models.BigIntegerField(null=True)
    accepted_on = models.DateField()
    closed_on = models.DateField(null=True)
    amount = models.BigIntegerField()
    kind = models.CharField(max_length=30)
    mode = models.CharField(max_length=10)
    is_state_budget = models.BooleanField()
    is_bank_credit = models.BooleanField()
    is_corruption = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(fields=["unit_id", "accepted_on"], name="stats_fact_unit_acc"),
            # Cases still open or closed recently: the only ones a report's period can see.
            models.Index(fields=["closed_on", "unit_id"], name="stats_fact_closed_unit"),
            # Drill-down pages walk the cases largest amount first and stop after the page.
            models.Index(fields=["-amount", "case_id"], name="stats_fact_amount_case"),
        ]

    def __str__(self) -> str:
        return f"fact {self.case_id} v{self.version}"


class StateInterval(models.Model):
    """[start_on, end_on) — end_on NULL means still in force."""

    # Indexed by (case, start_on) below: no index on case alone.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    start_on = models.DateField()
    end_on = models.DateField(null=True)
    state = models.CharField(max_length=20)
    collected_cum = models.BigIntegerField()
    reduced_cum = models.BigIntegerField()

    class Meta:
        indexes = [
            # Covering: the interval in force at a date is read from the index alone.
            models.Index(
                fields=["case", "start_on"],
                name="stats_interval_case_start",
                include=["end_on", "state", "collected_cum", "reduced_cum"],
            ),
            # The cases whose interval in force changed between two dates (`stats.asof`: a
            # report at a date that is not a month end corrects the month-end totals by them).
            models.Index(fields=["start_on"], name="stats_interval_start", include=["case"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.state} [{self.start_on}, {self.end_on})"


class FillState(models.Model):
    """Marker of the last refresh: cases changed after it are rebuilt before a report."""

    key = models.CharField(max_length=20, primary_key=True)
    refreshed_at = models.DateTimeField(null=True)
    # PostgreSQL: cases_casehistory rows up to this id (pghistory, one row per case change) have
    # been looked at; only cases changed after it are compared with their facts.
    history_id = models.BigIntegerField(null=True)

    def __str__(self) -> str:
        return self.key


class AggregatePeriod(models.Model):
    """A cut-off (S = period start, T = period end) whose buckets are kept in `BucketAggregate`.

    Materialised for month-end reports (`stats.aggregates`); every rebuild of a case's facts
    subtracts its old contribution and adds its new one to every materialised period.
    """

    start_on = models.DateField()
    end_on = models.DateField()
    prev_on = models.DateField()  # S − 1 day
    filled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["start_on", "end_on"], name="stats_aggperiod_unique")
        ]

    def __str__(self) -> str:
        return f"{self.start_on} – {self.end_on}"


class BucketAggregate(models.Model):
    """Base buckets of one (period, unit, officer, kind, mode, flags) group; rows are additive
    (a rebuild appends delta rows), so a group's value is the SUM of its rows. Rows with kind "*"
    hold the same sums per unit only (officer NULL, mode "*", flags false)."""

    period = models.ForeignKey(AggregatePeriod, on_delete=models.CASCADE, related_name="+")
    unit_id = models.BigIntegerField()
    officer_id = models.BigIntegerField(null=True)
    kind = models.CharField(max_length=30)
    mode = models.CharField(max_length=10)
    is_state_budget = models.BooleanField()
    is_bank_credit = models.BooleanField()
    is_corruption = models.BooleanField()
    for _key in BASE_KEYS:
        locals()[f"c_{_key}"] = models.BigIntegerField(default=0)
    for _key in MONEY_BASE_KEYS:
        locals()[f"m_{_key}"] = models.BigIntegerField(default=0)
    # Cases whose money in the bucket is not zero: the count of a money drill-down.
    for _key in (*MONEY_BASE_KEYS, *COUNTED_MONEY):
        locals()[f"n_{_key}"] = models.BigIntegerField(default=0)
    del _key

    class Meta:
        indexes = [
            models.Index(fields=["period", "unit_id"], name="stats_agg_period_unit"),
            # Rows summed over officers and dimensions (kind "*"): reports without them.
            models.Index(
                fields=["period", "unit_id"], name="stats_agg_rollup", condition=Q(kind="*")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_id} {self.unit_id} {self.officer_id}"


class FormDefinition(models.Model):
    """A statistical form's layout, versioned by the date its circular takes effect."""

    class Measure(models.TextChoices):
        CASES = "cases", "Tính bằng việc"
        MONEY = "money", "Tính bằng tiền"
        MEASURES = "measures", "Biện pháp bảo đảm, cưỡng chế"
        # Counted by another app through common.form_sources (forms 6, 8, 9, 10, 12).
        EXEMPTIONS = "exemptions", "Miễn, giảm nghĩa vụ thi hành án"
        OVERSIGHT = "oversight", "Kiểm tra, kiểm sát"
        THAHC = "thahc", "Theo dõi thi hành án hành chính"
        COMPLAINTS = "complaints", "Đơn, vụ việc khiếu nại, tố cáo"
        RECEPTION = "reception", "Tiếp công dân"

    code = models.CharField("Biểu số", max_length=10)
    name = models.CharField("Tên biểu", max_length=300)
    circular = models.CharField("Văn bản quy định", max_length=100)
    effective_from = models.DateField("Áp dụng từ ngày")
    measure = models.CharField(max_length=10, choices=Measure.choices)
    rows_by = models.CharField(max_length=10, default="unit")
    money_unit = models.CharField(max_length=12, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    columns = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="form_def_unique")
        ]
        ordering = ["code", "-effective_from"]

    def __str__(self) -> str:
        return f"Biểu số {self.code} ({self.circular}, từ {self.effective_from:%d/%m/%Y})"


# ---- monthly report submission and frozen snapshots (stats.submission) --------------------


class ReportSubmission(models.Model):
    """The lifecycle of one unit's monthly report: prepared → submitted → approved / returned.

    TT 06/2019/TT-BTP, Điều 9: a unit sends its report to the unit above it, which approves it
    or returns it. The status changes only through `stats.submission` with optimistic locking;
    every change appends a `SubmissionEvent`. An approved report is frozen (`ReportSnapshot`).
    """

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Đang lập")
        SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
        RETURNED = "returned", _("Bị trả lại")
        APPROVED = "approved", _("Đã duyệt")

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("Năm báo cáo"))
    month = models.PositiveSmallIntegerField(_("Tháng báo cáo"))
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=Status.choices, default=Status.PREPARED
    )
    first_submitted_at = models.DateTimeField(_("Gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("Duyệt / trả lại lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(_("Phiên bản"), default=1)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Báo cáo thống kê tháng")
        verbose_name_plural = _("Báo cáo thống kê tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month"], name="report_submission_unique"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="report_submission_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month}/{self.year} {self.status}"


class SubmissionEvent(AppendOnly):
    """One transition of a report (who, when, why). Append-only, like `cases.CaseEvent`."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Gửi báo cáo")
        APPROVE = "approve", _("Duyệt báo cáo")
        RETURN = "return", _("Trả lại báo cáo")

    submission = models.ForeignKey(
        ReportSubmission, on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("Thao tác"), max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=ReportSubmission.Status.choices)
    to_status = models.CharField(max_length=10, choices=ReportSubmission.Status.choices)
    # When it happened: now, unless the service is told (`stats.submission`'s `at`: the demo's
    # past reports were sent and approved on their own days).
    at = models.DateTimeField(_("Lúc"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("Lý do"), blank=True)
    late = models.BooleanField(_("Quá hạn"), default=False)

    class Meta:
        verbose_name = _("Diễn biến báo cáo")
        verbose_name_plural = _("Diễn biến báo cáo")
        ordering = ["submission", "at", "pk"]
        triggers = [
            pgtrigger.Protect(
                name="submission_event_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.action} {self.at:%d/%m/%Y %H:%M}"


class ReportSnapshot(AppendOnly):
    """The frozen numbers of an approved report: the JSON payloads of its forms (đồng).

    `payloads` maps a form code ("1", "2", "4", "5") to `stats.exports.report_payload`.
    """

    submission = models.OneToOneField(
        ReportSubmission, on_delete=models.PROTECT, related_name="snapshot"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    payloads = models.JSONField()

    class Meta:
        triggers = [
            pgtrigger.Protect(
                name="report_snapshot_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"snapshot {self.submission_id}"


class SnapshotCase(AppendOnly):
    """One case's contribution to a frozen report: its non-zero base buckets.

    `cases` holds the case buckets (0/1 → only the keys that are 1), `money` the non-zero
    money buckets in đồng; `row_unit_id` / `officer_id` say which row of forms 1–2 / 4–5 shows it.
    """

    snapshot = models.ForeignKey(ReportSnapshot, on_delete=models.PROTECT, related_name="cases")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    row_unit_id = models.BigIntegerField()
    officer_id = models.BigIntegerField(null=True)
    cases = models.JSONField(default=list)
    money = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "case"], name="snapshot_case_unique")
        ]
        triggers = [
            pgtrigger.Protect(
                name="snapshot_case_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.case_id}"


class ExportJob(models.Model):
    """A form export built in the background (large units: the national officers' XLSX)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Đang chờ"
        RUNNING = "running", "Đang lập"
        DONE = "done", "Xong"
        FAILED = "failed", "Lỗi"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    form = models.CharField(max_length=10)
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(null=True)
    as_of = models.DateField(null=True)
    fmt = models.CharField(max_length=5)
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"export {self.pk} {self.form} {self.status}"


class OpenDeadline(models.Model):
    """A statutory deadline not yet met of an open case (`cases.deadlines.case_deadlines`),
    rewritten with the case's facts (`facts.facts_rebuild`), so that counting the overdue
    deadlines of a province is one query, not a walk through every case's history."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    due = models.DateField()
    law_day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["due", "case"], name="stats_opendl_due_case")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.due}"
