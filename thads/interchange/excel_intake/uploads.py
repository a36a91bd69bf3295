"""Checking and writing through the importer (all or nothing), and the uploads kept between
the preview and the confirmation, run in the background (`common.jobs`)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.common.jobs import run_after_commit
from thads.interchange.excel_intake.columns import KEEP_DAYS, Progress
from thads.interchange.excel_intake.reading import Conversion, FileRefused, convert
from thads.interchange.importer import Importer, ImportFailed, parse
from thads.interchange.models import UploadedIntake
from thads.org.models import Unit

logger = logging.getLogger(__name__)


def row_message(row: int, message: str) -> str:
    if row <= 0:
        return message
    return _("Dòng %(row)s: %(message)s") % {"row": row, "message": message}


def check(content: bytes, unit: Unit, progress: Progress | None = None) -> Conversion:
    """Read and validate with the importer's rules; nothing is written."""
    conversion = convert(content, unit, _scaled(progress, 0.0, 0.6))
    importer = Importer()
    parsed = parse(conversion.lines, importer.errors)
    if progress:
        progress(0.7)
    importer.check(parsed)
    conversion.errors.extend(importer.errors)
    conversion.errors.sort(key=lambda e: e[0])
    return conversion


def write(content: bytes, unit: Unit, progress: Progress | None = None) -> tuple[Conversion, Any]:
    """Read, validate again (the database may have changed since the preview) and write every
    row or none (``Importer.run``: one transaction). Returns the conversion and the importer's
    result (None when there are errors, in ``conversion.errors``)."""
    conversion = convert(content, unit, _scaled(progress, 0.0, 0.4))
    if conversion.errors:
        return conversion, None
    if progress:
        progress(0.5)
    try:
        result = Importer().run(conversion.lines)
    except ImportFailed as exc:
        conversion.errors.extend(exc.errors)
        return conversion, None
    except DatabaseError:  # a concurrent intake took a code between the check and the write
        logger.exception("excel intake: write refused by the database")
        conversion.errors.append(
            (0, _("Dữ liệu đã thay đổi trong khi ghi (ví dụ trùng mã việc). Hãy kiểm tra lại."))
        )
        return conversion, None
    return conversion, result


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    return lambda f: progress(start + (end - start) * f)


def create_upload(user, unit: Unit, filename: str, content: bytes) -> UploadedIntake:
    purge(user)
    return UploadedIntake.objects.create(
        owner=user, unit=unit, filename=filename[:200], content=content
    )


def purge(user=None, *, days: int = KEEP_DAYS) -> int:
    """Delete uploads older than `days` (of one user, or of everybody) that are not running."""
    old = UploadedIntake.objects.filter(
        created_at__lt=timezone.now() - dt.timedelta(days=days)
    ).exclude(status__in=[UploadedIntake.Status.CHECKING, UploadedIntake.Status.WRITING])
    if user is not None:
        old = old.filter(owner=user)
    return old.delete()[0]


def confirm(upload: UploadedIntake, user) -> bool:
    """Queue the write of a checked upload; only its owner, only once (False otherwise)."""
    if upload.owner_id != user.pk:
        return False
    return bool(
        UploadedIntake.objects.filter(
            pk=upload.pk, owner=user, status=UploadedIntake.Status.READY
        ).update(status=UploadedIntake.Status.CONFIRMED, progress=0)
    )


def start(upload: UploadedIntake) -> None:
    """Run the upload's pending step after the request commits: in a thread (default),
    synchronously ("inline", tests) or not at all ("queue": `common.jobs.run_pending` runs it)."""
    runner = getattr(
        settings,
        "INTERCHANGE_INTAKE_RUNNER",
        getattr(settings, "STATS_EXPORT_RUNNER", "thread"),
    )
    run_after_commit(run, upload.pk, runner)


def _set_progress(pk: int, fraction: float) -> None:
    UploadedIntake.objects.filter(pk=pk).update(progress=max(1, min(99, int(fraction * 100))))


STEPS = {
    UploadedIntake.Status.PENDING: UploadedIntake.Status.CHECKING,
    UploadedIntake.Status.CONFIRMED: UploadedIntake.Status.WRITING,
}


def run(pk: int) -> None:
    """Do the pending step of one upload (check, or write); failures are recorded, not raised."""
    upload = UploadedIntake.objects.filter(pk=pk).only("status").first()
    if upload is None or upload.status not in STEPS:
        return
    step = STEPS[upload.status]
    claimed = UploadedIntake.objects.filter(pk=pk, status=upload.status).update(
        status=step, progress=1
    )
    if not claimed:
        return
    upload = UploadedIntake.objects.select_related("unit").get(pk=pk)
    content = bytes(upload.content)
    progress = lambda f: _set_progress(pk, f)  # noqa: E731
    try:
        if step == UploadedIntake.Status.CHECKING:
            conversion, result = check(content, upload.unit, progress), None
        else:
            conversion, result = write(content, upload.unit, progress)
    except FileRefused as exc:
        _finish(pk, UploadedIntake.Status.INVALID, errors=[(0, str(exc))])
        return
    except Exception as exc:
        logger.exception("excel intake %s failed", pk)
        _finish(pk, UploadedIntake.Status.FAILED, errors=[(0, str(exc)[:2000])])
        return
    if conversion.errors:
        status = UploadedIntake.Status.INVALID
    elif step == UploadedIntake.Status.CHECKING:
        status = UploadedIntake.Status.READY
    else:
        status = UploadedIntake.Status.DONE
    _finish(
        pk,
        status,
        errors=conversion.errors,
        rows=conversion.rows,
        row_count=conversion.count,
        summary=_("Đã thụ lý %(n)s việc.") % {"n": result.cases} if result else "",
    )


def _finish(pk: int, status: str, *, errors, **fields) -> None:
    UploadedIntake.objects.filter(pk=pk).update(
        status=status,
        progress=100,
        errors=[[row, message] for row, message in errors],
        finished_at=timezone.now(),
        **fields,
    )


def pending(limit: int) -> list[int]:
    """Uploads waiting to be checked or written, oldest first (`common.jobs.run_pending`)."""
    return list(
        UploadedIntake.objects.filter(
            status__in=[UploadedIntake.Status.PENDING, UploadedIntake.Status.CONFIRMED]
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
