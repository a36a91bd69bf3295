"""Complaints, denunciations, petitions and reports about enforcement (đơn thư)."""

from __future__ import annotations

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.common.models import Tracked
from thads.org.models import Unit


class ComplaintKind(models.TextChoices):
    KHIEU_NAI = "khieu_nai", _("Khiếu nại")
    TO_CAO = "to_cao", _("Tố cáo")
    KIEN_NGHI = "kien_nghi", _("Kiến nghị")
    PHAN_ANH = "phan_anh", _("Phản ánh")


class ComplaintResult(models.TextChoices):
    DUNG = "dung", _("Đúng")
    SAI = "sai", _("Sai")
    DUNG_MOT_PHAN = "dung_mot_phan", _("Đúng một phần")
    RUT = "rut", _("Rút đơn")
    CHUYEN = "chuyen", _("Chuyển cơ quan có thẩm quyền")


@pghistory.track(model_name="ComplaintHistory")
class Complaint(Tracked):
    """Một đơn khiếu nại, tố cáo, kiến nghị, phản ánh (Luật THADS 2008, Chương VIII)."""

    code = models.CharField(_("Mã đơn"), max_length=60, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Loại đơn"), max_length=12, choices=ComplaintKind.choices)
    received_on = models.DateField(_("Ngày nhận"), db_index=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("Việc thi hành án"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    resolved_on = models.DateField(_("Ngày giải quyết"), null=True, blank=True)
    result = models.CharField(
        _("Kết quả giải quyết"), max_length=15, choices=ComplaintResult.choices, blank=True
    )

    class Meta:
        verbose_name = _("Đơn thư")
        verbose_name_plural = _("Đơn thư")
        ordering = ["-received_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("received_on")),
                name="complaint_resolved_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.code
