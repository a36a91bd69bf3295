"""Background exports of a form: an ExportJob row with its status and progress.

`start(job)` runs the job after the request's transaction commits: in a thread of the web
process by default (settings.STATS_EXPORT_RUNNER = "thread"), synchronously ("inline", tests), or
not at all ("queue") — then any process runs the pending jobs (`common.jobs.run_pending()`,
`thads runjobs`). The screen polls the job (htmx) and offers the file when it is done.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone

from thads.common.jobs import run_after_commit
from thads.common.periods import as_of_period, month_period
from thads.stats import documents
from thads.stats.models import ExportJob

logger = logging.getLogger(__name__)


def create(user, *, form: str, unit, year: int, month=None, as_of=None, fmt="xlsx") -> ExportJob:
    if form not in documents.FORM_CODES or fmt not in documents.FORMATS:
        raise ValueError("Biểu hoặc định dạng không hợp lệ.")
    return ExportJob.objects.create(
        user=user, form=form, unit=unit, year=year, month=month, as_of=as_of, fmt=fmt
    )


def start(job: ExportJob) -> None:
    run_after_commit(run, job.pk, getattr(settings, "STATS_EXPORT_RUNNER", "thread"))


def _set_progress(job_id: int, fraction: float) -> None:
    ExportJob.objects.filter(pk=job_id).update(progress=max(1, min(99, int(fraction * 100))))


def run(job_id: int) -> None:
    """Build the file of one job; a failure is recorded on the job, never raised."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.PENDING).update(
        status=ExportJob.Status.RUNNING, progress=1
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("unit").get(pk=job_id)
    try:
        period = (
            month_period(job.year, job.month) if job.month else as_of_period(job.year, job.as_of)
        )
        data = documents.render(
            job.fmt,
            job.form,
            job.unit,
            period,
            progress=lambda f: _set_progress(job_id, f),
        )
    except Exception as exc:
        logger.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        return
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.DONE,
        progress=100,
        content=data,
        filename=documents.filename(job.fmt, job.form, job.unit, period),
        finished_at=timezone.now(),
    )


def pending(limit: int) -> list[int]:
    """Export jobs waiting, oldest first (`common.jobs.run_pending`)."""
    return list(
        ExportJob.objects.filter(status=ExportJob.Status.PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
