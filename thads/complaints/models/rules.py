"""The rule table: time limits, deadlines and competence as data with an effective date.

The law on complaints in enforcement is partly unverified (../shared/domain/oversight.md §A.2–
A.4; Luật THADS 106/2025 takes effect on 01/07/2026): every limit, deadline and competence rule
is a row here, with its source or marked "chưa xác minh", seeded by a data migration and
changed by an administrator (history kept by pghistory, who and when on the row). A new rule
for a later date is a new row with a later `effective_from`; the old one stays for old letters.
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.common.models import DatedRule, Tracked


class RuleKind(models.TextChoices):
    THOI_HIEU = "thoi_hieu", _("Thời hiệu khiếu nại")
    XU_LY_DON = "xu_ly_don", _("Thời hạn xử lý đơn")
    HAN_GIAI_QUYET = "han_giai_quyet", _("Thời hạn giải quyết")
    GIA_HAN = "gia_han", _("Gia hạn giải quyết")
    THAM_QUYEN = "tham_quyen", _("Thẩm quyền giải quyết")


class DayCount(models.TextChoices):
    CALENDAR = "calendar", _("ngày")
    WORKING = "working", _("ngày làm việc")


class Resolver(models.TextChoices):
    SAME = "same", _("Thủ trưởng cơ quan nơi người bị khiếu nại, tố cáo công tác")
    PARENT = "parent", _("Thủ trưởng cơ quan cấp trên trực tiếp")
    NATIONAL = "national", _("Cục trưởng Cục Quản lý thi hành án dân sự")
    FINAL = "final", _("Không còn cấp giải quyết tiếp")


@pghistory.track(model_name="ComplaintRuleHistory")
class ComplaintRule(Tracked, DatedRule):
    """One rule in force from `effective_from`: a number of days, or who resolves."""

    kind = models.CharField(_("Loại quy định"), max_length=20, choices=RuleKind.choices)
    key = models.CharField(_("Trường hợp áp dụng"), max_length=60)
    label = models.CharField(_("Diễn giải"), max_length=255)
    days = models.PositiveIntegerField(_("Số ngày"), null=True, blank=True)
    day_count = models.CharField(
        _("Cách tính ngày"), max_length=10, choices=DayCount.choices, blank=True
    )
    resolver = models.CharField(
        _("Người có thẩm quyền"), max_length=10, choices=Resolver.choices, blank=True
    )
    source = models.CharField(_("Căn cứ"), max_length=255, blank=True)
    verified = models.BooleanField(
        _("Đã xác minh với văn bản gốc"),
        default=False,
        help_text=_("Bỏ chọn khi quy định chưa được đối chiếu với văn bản (chưa xác minh)."),
    )
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Quy định về khiếu nại, tố cáo")
        verbose_name_plural = _("Quy định về khiếu nại, tố cáo")
        ordering = ["kind", "key", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "effective_from"], name="complaint_rule_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="tham_quyen", days__isnull=True)
                | (
                    ~models.Q(kind="tham_quyen")
                    & models.Q(days__isnull=False)
                    & ~models.Q(day_count="")
                ),
                name="complaint_rule_days_or_resolver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.label} (từ {self.effective_from:%d/%m/%Y})"

    @property
    def status_label(self) -> str:
        return str(_("đã xác minh")) if self.verified else str(_("chưa xác minh"))

    @property
    def period_label(self) -> str:
        if self.days is None:
            return self.get_resolver_display()
        return f"{self.days} {self.get_day_count_display()}"
