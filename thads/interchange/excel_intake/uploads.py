"""Checking and writing through the importer (all or nothing), and the uploads kept between
the preview and the confirmation, run in the background by `thads worker` (`common.jobs`)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from thads.common import jobs
from thads.interchange.excel_intake.columns import KEEP_DAYS, Progress
from thads.interchange.excel_intake.reading import (
    Conversion,
    FileRefused,
    allocate_codes,
    convert,
)
from thads.interchange.importer import Importer, ImportFailed, parse
from thads.interchange.models import UploadedIntake
from thads.org.models import Unit
from thads.stats import tasks as stats_tasks

logger = logging.getLogger(__name__)


def row_message(row: int, message: str) -> str:
    if row <= 0:
        return message
    return _("Dòng %(row)s: %(message)s") % {"row": row, "message": message}


def check(content: bytes, unit: Unit, progress: Progress | None = None) -> Conversion:
    """Read and validate with the importer's rules; nothing is written."""
    conversion = convert(content, unit, _scaled(progress, 0.0, 0.6))
    importer = Importer(intake=True)
    parsed = parse(conversion.lines, importer.errors)
    if progress:
        progress(0.7)
    importer.check(parsed)
    conversion.errors.extend(importer.errors)
    conversion.errors.sort(key=lambda e: e[0])
    return conversion


def write(
    content: bytes,
    unit: Unit,
    progress: Progress | None = None,
    written: Callable[[Any], None] | None = None,
) -> tuple[Conversion, Any]:
    """Read, validate again (the database may have changed since the preview) and write every
    row or none (``Importer.run``: one transaction, which also runs `written(result)`: what
    records that the upload was written commits with the rows — an interrupted job run again
    writes once). Returns the conversion and the importer's result (None when there are
    errors, in ``conversion.errors``)."""
    conversion = convert(content, unit, _scaled(progress, 0.0, 0.4))
    if conversion.errors:
        return conversion, None
    if progress:
        progress(0.5)
    try:
        with transaction.atomic():  # the codes are taken under the counter's lock
            allocate_codes(conversion, unit)
            result = Importer(intake=True).run(conversion.lines)
            if written is not None:
                written(result)
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


@task()
def intake_task(pk: int) -> None:
    run(pk)


def start(upload: UploadedIntake) -> None:
    """Queue the upload's pending step in the transaction that asked for it (`common.jobs`)."""
    jobs.enqueue(intake_task, upload.pk)


def _set_progress(pk: int, fraction: float) -> None:
    UploadedIntake.objects.filter(pk=pk).update(progress=max(1, min(99, int(fraction * 100))))


STEPS = {
    UploadedIntake.Status.PENDING: UploadedIntake.Status.CHECKING,
    UploadedIntake.Status.CONFIRMED: UploadedIntake.Status.WRITING,
    # A step left half-done by a worker that died is done again (the queue runs a task in one
    # worker at a time; a write that committed also marked the upload done, see `write`).
    UploadedIntake.Status.CHECKING: UploadedIntake.Status.CHECKING,
    UploadedIntake.Status.WRITING: UploadedIntake.Status.WRITING,
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
            conversion, result = write(
                content, upload.unit, progress, written=lambda r: _written(pk, r)
            )
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


def _written(pk: int, result: Any) -> None:
    UploadedIntake.objects.filter(pk=pk).update(
        status=UploadedIntake.Status.DONE,
        summary=_("Đã thụ lý %(n)s việc.") % {"n": result.cases},
    )
    # The new cases' statistics are built now, not by the first reader (stats.freshness).
    jobs.enqueue(stats_tasks.refresh_task)


def _finish(pk: int, status: str, *, errors, **fields) -> None:
    UploadedIntake.objects.filter(pk=pk).update(
        status=status,
        progress=100,
        errors=[[row, message] for row, message in errors],
        finished_at=timezone.now(),
        **fields,
    )
