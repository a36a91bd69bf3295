"""Background work of the cases, run by `thads worker` (`common.jobs`): the morning deadline
reminders (`cases.reminders`), scheduled in `CasesConfig.ready`."""

from __future__ import annotations

from django_tasks import task

from thads.cases import reminders


@task()
def reminders_task() -> None:
    reminders.send_reminders()
