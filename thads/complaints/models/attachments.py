"""Scanned attachments of a letter (đơn thư): append-only, kept in the database like every
other upload (web servers are stateless, docs/operations.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thads.complaints.models.letters import Complaint


class Attachment(models.Model):
    """One scanned file (PDF, JPEG or PNG) of a letter; never changed nor deleted."""

    letter = models.ForeignKey(
        Complaint, verbose_name=_("Đơn"), on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(_("Loại tệp"), max_length=50)
    size = models.PositiveIntegerField(_("Dung lượng (byte)"))
    content = models.BinaryField(_("Nội dung"))
    uploaded_at = models.DateTimeField(_("Đính kèm lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người đính kèm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Tệp đính kèm đơn")
        verbose_name_plural = _("Tệp đính kèm đơn")
        ordering = ["letter", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="attachment_not_empty")
        ]

    def __str__(self) -> str:
        return self.name
