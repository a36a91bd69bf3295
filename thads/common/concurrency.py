"""Optimistic locking: an update names the version it read; a stale version is a conflict."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _


class ConcurrentEditError(Exception):
    """Raised when a row changed since the user read it."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Dữ liệu đã được người khác thay đổi trong lúc bạn chỉnh sửa. "
                "Vui lòng tải lại trang và thực hiện lại."
            )
        )


def update_with_version(
    instance: models.Model, expected_version: int, user: Any, **fields: Any
) -> models.Model:
    """Write `fields` only if the row is still at `expected_version`; bump the version.

    A single conditional UPDATE, so two simultaneous edits cannot both win.
    """
    model = type(instance)
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1,
        updated_at=timezone.now(),
        updated_by=user if getattr(user, "is_authenticated", False) else None,
        **fields,
    )
    if updated != 1:
        raise ConcurrentEditError()
    instance.refresh_from_db()
    return instance
