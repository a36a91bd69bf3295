"""Background work of the statistics: form exports (an ExportJob row with its status and
progress) and keeping the facts and month-end totals fresh, run by `thads worker`
(`common.jobs`). The export screen polls the job (htmx) and offers the file when it is done.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from thads.common import jobs
from thads.common.periods import as_of_period, month_period
from thads.common.replica import report_reads
from thads.stats import documents, freshness
from thads.stats.models import ExportJob

logger = logging.getLogger(__name__)


def create(user, *, form: str, unit, year: int, month=None, as_of=None, fmt="xlsx") -> ExportJob:
    if form not in documents.FORM_CODES or fmt not in documents.FORMATS:
        raise ValueError("Biểu hoặc định dạng không hợp lệ.")
    return ExportJob.objects.create(
        user=user, form=form, unit=unit, year=year, month=month, as_of=as_of, fmt=fmt
    )


@task()
def export_task(job_id: int) -> None:
    run(job_id)


def start(job: ExportJob) -> None:
    """Queue the job in the transaction that created it (`common.jobs.enqueue`)."""
    jobs.enqueue(export_task, job.pk)


def _set_progress(job_id: int, fraction: float) -> None:
    ExportJob.objects.filter(pk=job_id).update(progress=max(1, min(99, int(fraction * 100))))


def run(job_id: int) -> None:
    """Build the file of one job; a failure is recorded on the job, never raised.

    A job left running by a worker that died is started again (the queue runs one task in one
    worker at a time); a job already done is not (its file and "done" are written together)."""
    claimed = ExportJob.objects.filter(
        pk=job_id, status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING]
    ).update(status=ExportJob.Status.RUNNING, progress=1)
    if not claimed:
        return
    job = ExportJob.objects.select_related("unit").get(pk=job_id)
    try:
        period = (
            month_period(job.year, job.month) if job.month else as_of_period(job.year, job.as_of)
        )
        with report_reads():  # on the replica when one is configured (common.replica)
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


@task()
def refresh_task() -> None:
    """After a load through the screens (Excel intake): facts and month-end totals."""
    freshness.after_load()


@task()
def nightly_task() -> None:
    freshness.nightly()


@task()
def month_start_task() -> None:
    freshness.month_start()
