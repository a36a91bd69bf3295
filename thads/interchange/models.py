"""Uploads of the Excel intake (``excel_intake``): the file is kept between preview and confirm."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UploadedIntake(models.Model):
    """One spreadsheet a clerk uploaded: checked in the background, written when confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ kiểm tra")
        CHECKING = "checking", _("Đang kiểm tra")
        INVALID = "invalid", _("Có lỗi")
        READY = "ready", _("Sẵn sàng ghi")
        CONFIRMED = "confirmed", _("Đang chờ ghi")
        WRITING = "writing", _("Đang ghi")
        DONE = "done", _("Đã ghi")
        FAILED = "failed", _("Lỗi hệ thống")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    row_count = models.PositiveIntegerField(default=0)
    # Preview: [{"row": 2, "code": …, …}], errors: [[row, "message"]] (row 0: the whole file).
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"excel intake {self.pk} {self.status}"

    @property
    def is_busy(self) -> bool:
        return self.status in {
            self.Status.PENDING,
            self.Status.CHECKING,
            self.Status.CONFIRMED,
            self.Status.WRITING,
        }
