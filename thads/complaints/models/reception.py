"""Citizen reception (tiếp công dân, Luật Tiếp công dân 2013): one row per session with the
counts the reports ask for (lượt, người, vụ việc cũ / mới, đoàn đông người, content, outcome)."""

from __future__ import annotations

import pghistory
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thads.common.models import Tracked
from thads.org.models import Staff, Unit


class ReceptionForm(models.TextChoices):
    THUONG_XUYEN = "thuong_xuyen", _("Thường xuyên")
    DINH_KY = "dinh_ky", _("Định kỳ")
    DOT_XUAT = "dot_xuat", _("Đột xuất")


def _count(label):
    return models.PositiveIntegerField(label, default=0)


@pghistory.track(model_name="ReceptionSessionHistory")
class ReceptionSession(Tracked):
    """Một buổi tiếp công dân."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("Ngày tiếp"), db_index=True)
    form = models.CharField(_("Hình thức"), max_length=15, choices=ReceptionForm.choices)
    place = models.CharField(_("Địa điểm"), max_length=255, blank=True)
    host = models.ForeignKey(
        Staff, verbose_name=_("Người tiếp"), null=True, blank=True, on_delete=models.PROTECT
    )
    by_leader = models.BooleanField(_("Lãnh đạo tiếp"), default=False)
    visits = _count(_("Số lượt"))
    people = _count(_("Số người"))
    matters_old = _count(_("Số vụ việc cũ"))
    matters_new = _count(_("Số vụ việc mới phát sinh"))
    groups = _count(_("Số đoàn đông người"))
    group_people = _count(_("Số người trong đoàn đông người"))
    group_matters = _count(_("Số vụ việc của đoàn đông người"))
    about_khieu_nai = _count(_("Vụ việc khiếu nại"))
    about_to_cao = _count(_("Vụ việc tố cáo"))
    about_kien_nghi = _count(_("Vụ việc kiến nghị, phản ánh"))
    content = models.TextField(_("Nội dung"), blank=True)
    outcome = models.TextField(_("Kết quả"), blank=True)

    class Meta:
        verbose_name = _("Buổi tiếp công dân")
        verbose_name_plural = _("Buổi tiếp công dân")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group_people__lte=F("people")), name="reception_group_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.held_on:%d/%m/%Y}"

    @property
    def matters(self) -> int:
        return self.matters_old + self.matters_new
