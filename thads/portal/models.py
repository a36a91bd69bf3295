"""The public directory of the units: where and when citizens are received."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.common.models import Tracked
from thads.org.models import Unit


class UnitContact(Tracked):
    """Address, hours and reception days of a unit, as published on the portal."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="contact"
    )
    address = models.CharField(_("Địa chỉ trụ sở"), max_length=500)
    phone = models.CharField(_("Điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("Thư điện tử"), blank=True)
    hours = models.CharField(_("Giờ làm việc"), max_length=255, blank=True)
    reception_days = models.CharField(_("Lịch tiếp công dân"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Thông tin liên hệ của đơn vị")
        verbose_name_plural = _("Thông tin liên hệ của đơn vị")
        ordering = ["unit__tree_order"]

    def __str__(self) -> str:
        return str(self.unit)
