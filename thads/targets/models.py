"""Targets (chỉ tiêu) set for a unit and a report year: the case rate and the money rate.

A unit's targets are set by its parent unit (the national department sets the provinces', a
province its regional offices'); a head splits its unit's targets down to its officers
(`OfficerTarget`). Every change is appended to `TargetChange` (who, when, old → new, why), which
works on every database; on PostgreSQL pghistory also keeps the row history by trigger.
"""

from __future__ import annotations

from decimal import Decimal

import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.common.models import Tracked
from thads.org.models import Staff, Unit


def _percent(name: str, field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True})
        | (Q(**{f"{field}__gte": Decimal("0")}) & Q(**{f"{field}__lte": Decimal("100")})),
        name=name,
    )


@pghistory.track(model_name="TargetHistory")
class Target(Tracked):
    """Chỉ tiêu giao cho một đơn vị trong một năm báo cáo (01/10 – 30/09), rates in percent."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("Năm báo cáo"))
    case_rate = models.DecimalField(_("Chỉ tiêu về việc (%)"), max_digits=5, decimal_places=2)
    money_rate = models.DecimalField(_("Chỉ tiêu về tiền (%)"), max_digits=5, decimal_places=2)
    # Optional other targets of the year's plan (null: not set).
    decisions_on_time_rate = models.DecimalField(
        _("Ra quyết định thi hành án đúng hạn (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    complaints_on_time_rate = models.DecimalField(
        _("Giải quyết khiếu nại, tố cáo đúng hạn (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    carried_over_reduction = models.DecimalField(
        _("Giảm số việc có điều kiện chuyển kỳ sau (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người giao chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Chỉ tiêu")
        verbose_name_plural = _("Chỉ tiêu")
        ordering = ["year", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="target_unique_unit_year"),
            models.CheckConstraint(
                condition=Q(case_rate__gte=Decimal("0")) & Q(case_rate__lte=Decimal("100")),
                name="target_case_rate_percent",
            ),
            models.CheckConstraint(
                condition=Q(money_rate__gte=Decimal("0")) & Q(money_rate__lte=Decimal("100")),
                name="target_money_rate_percent",
            ),
            _percent("target_decisions_on_time_percent", "decisions_on_time_rate"),
            _percent("target_complaints_on_time_percent", "complaints_on_time_rate"),
            _percent("target_carried_over_reduction_percent", "carried_over_reduction"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"


@pghistory.track(model_name="OfficerTargetHistory")
class OfficerTarget(Tracked):
    """Chỉ tiêu của một Chấp hành viên trong đơn vị, do Thủ trưởng đơn vị giao."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="officer_targets"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("Chấp hành viên"), on_delete=models.PROTECT, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("Năm báo cáo"))
    case_rate = models.DecimalField(_("Chỉ tiêu về việc (%)"), max_digits=5, decimal_places=2)
    money_rate = models.DecimalField(_("Chỉ tiêu về tiền (%)"), max_digits=5, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người giao chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Chỉ tiêu của Chấp hành viên")
        verbose_name_plural = _("Chỉ tiêu của Chấp hành viên")
        ordering = ["year", "unit", "staff"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "staff", "year"], name="officer_target_unique_unit_staff_year"
            ),
            _percent("officer_target_case_rate_percent", "case_rate"),
            _percent("officer_target_money_rate_percent", "money_rate"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} — {self.unit} — {self.year}"


class TargetChange(models.Model):
    """One change of one target value: append-only (no update, no delete).

    Kept by `targets.services` in the same transaction as the change; it works on SQLite too
    (pghistory's triggers only run on PostgreSQL).
    """

    FIELD_LABELS = {
        "case_rate": _("Chỉ tiêu về việc"),
        "money_rate": _("Chỉ tiêu về tiền"),
        "decisions_on_time_rate": _("Ra quyết định thi hành án đúng hạn"),
        "complaints_on_time_rate": _("Giải quyết khiếu nại, tố cáo đúng hạn"),
        "carried_over_reduction": _("Giảm số việc có điều kiện chuyển kỳ sau"),
    }

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ForeignKey(
        Staff,
        verbose_name=_("Chấp hành viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("Năm báo cáo"))
    field = models.CharField(_("Chỉ tiêu"), max_length=40)
    old_value = models.DecimalField(
        _("Giá trị cũ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    new_value = models.DecimalField(
        _("Giá trị mới"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thay đổi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True)
    source = models.CharField(_("Nguồn"), max_length=20, default="form")
    reason = models.TextField(_("Lý do"), blank=True)

    class Meta:
        verbose_name = _("Lịch sử thay đổi chỉ tiêu")
        verbose_name_plural = _("Lịch sử thay đổi chỉ tiêu")
        ordering = ["-changed_at", "-id"]
        # On PostgreSQL the database itself refuses UPDATE and DELETE; on SQLite save() and
        # delete() refuse them (a bulk query could still bypass it there).
        triggers = [
            pgtrigger.Protect(
                name="target_change_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.field}: {self.old_value} → {self.new_value}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Lịch sử thay đổi chỉ tiêu không được sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Lịch sử thay đổi chỉ tiêu không được xóa."))

    @property
    def field_label(self) -> str:
        return str(self.FIELD_LABELS.get(self.field, self.field))
