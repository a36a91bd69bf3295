"""Facts derived from the case histories, kept fresh by a version marker per case.

`CaseFact` copies what the reports group and filter on; `StateInterval` holds, for each case,
consecutive date ranges with the bucket state and the cumulative money collected and reduced in
force during the range. At any date a case has exactly one interval, so every bucket of every
form is one set-based query (no loop over cases).
"""

from __future__ import annotations

from django.db import models


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
        indexes = [models.Index(fields=["unit_id", "accepted_on"], name="stats_fact_unit_acc")]

    def __str__(self) -> str:
        return f"fact {self.case_id} v{self.version}"


class StateInterval(models.Model):
    """[start_on, end_on) — end_on NULL means still in force."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    start_on = models.DateField()
    end_on = models.DateField(null=True)
    state = models.CharField(max_length=20)
    collected_cum = models.BigIntegerField()
    reduced_cum = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["case", "start_on"], name="stats_interval_case_start")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.state} [{self.start_on}, {self.end_on})"


class FillState(models.Model):
    """Marker of the last refresh: cases changed after it are rebuilt before a report."""

    key = models.CharField(max_length=20, primary_key=True)
    refreshed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return self.key


class FormDefinition(models.Model):
    """A statistical form's layout, versioned by the date its circular takes effect."""

    class Measure(models.TextChoices):
        CASES = "cases", "Tính bằng việc"
        MONEY = "money", "Tính bằng tiền"
        MEASURES = "measures", "Biện pháp bảo đảm, cưỡng chế"

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
