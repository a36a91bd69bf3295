"""Deadline rules as data: each rule has an effective date and its source, or says it is not
verified (oversight.md §0: every [unverified] rule becomes data, never hard-wired)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.common.models import DatedRule


class DayKind(models.TextChoices):
    WORKING = "working", _("ngày làm việc")
    CALENDAR = "calendar", _("ngày")


class DeadlineRule(DatedRule):
    """How many days a step may take, from which date, under the rule in force on that date."""

    key = models.CharField(_("Mã quy tắc"), max_length=40)
    label = models.CharField(_("Nội dung"), max_length=200)
    days = models.PositiveSmallIntegerField(_("Số ngày"))
    day_kind = models.CharField(_("Cách tính"), max_length=10, choices=DayKind.choices)
    # A period in calendar days ending on a day off ends on the next working day
    # (Bộ luật Dân sự 2015, Điều 148 k5).
    roll_to_working_day = models.BooleanField(_("Lùi sang ngày làm việc kế tiếp"), default=True)
    source = models.CharField(_("Căn cứ"), max_length=300, blank=True)
    verified = models.BooleanField(_("Đã xác minh căn cứ"), default=False)

    class Meta:
        verbose_name = _("Quy tắc thời hạn")
        verbose_name_plural = _("Quy tắc thời hạn")
        ordering = ["key", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "effective_from"], name="deadline_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.effective_from:%d/%m/%Y})"

    @property
    def source_text(self) -> str:
        from django.utils.translation import gettext

        if self.verified and self.source:
            return self.source
        if self.source:
            return gettext("%(source)s — chưa xác minh") % {"source": self.source}
        return gettext("Chưa xác minh")
