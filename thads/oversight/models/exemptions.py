"""Exemption and reduction dossiers of state-budget obligations (miễn, giảm nghĩa vụ thi hành
án): Luật THADS 2008, Điều 61–64; the decision itself is the case's `mien_giam` event."""

from __future__ import annotations

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case, CaseEvent
from thads.common.models import Tracked


class ExemptionResult(models.TextChoices):
    MIEN = "mien", _("Được miễn")
    GIAM = "giam", _("Được giảm")
    KHONG = "khong_chap_nhan", _("Không chấp nhận")


@pghistory.track(model_name="ExemptionDossierHistory")
class ExemptionDossier(Tracked):
    case = models.ForeignKey(
        Case, verbose_name=_("Việc thi hành án"), on_delete=models.PROTECT, related_name="+"
    )
    eligible_on = models.DateField(_("Ngày đủ điều kiện xét"))
    amount_requested = models.BigIntegerField(_("Số tiền đề nghị miễn, giảm (đồng)"), default=0)
    sent_on = models.DateField(_("Ngày gửi hồ sơ đến Tòa án"), null=True, blank=True)
    court_accepted_on = models.DateField(_("Ngày Tòa án thụ lý"), null=True, blank=True)
    decided_on = models.DateField(_("Ngày Tòa án quyết định"), null=True, blank=True)
    decision_no = models.CharField(_("Số quyết định của Tòa án"), max_length=60, blank=True)
    result = models.CharField(
        _("Kết quả"), max_length=16, choices=ExemptionResult.choices, blank=True
    )
    event = models.OneToOneField(
        CaseEvent,
        verbose_name=_("Sự kiện miễn, giảm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemption_dossier",
    )

    class Meta:
        verbose_name = _("Hồ sơ miễn, giảm")
        verbose_name_plural = _("Hồ sơ miễn, giảm")
        ordering = ["-eligible_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | ~Q(result=""),
                name="exemption_decided_has_result",
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__gte=0), name="exemption_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.eligible_on:%d/%m/%Y}"
