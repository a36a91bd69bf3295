"""Targets (chỉ tiêu) set for a unit and a report year: the case rate and the money rate."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.common.models import Tracked
from thads.org.models import Unit


@pghistory.track(model_name="TargetHistory")
class Target(Tracked):
    """Chỉ tiêu giao cho một đơn vị trong một năm báo cáo (01/10 – 30/09), rates in percent."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="targets"
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
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"
