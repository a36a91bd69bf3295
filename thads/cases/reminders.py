"""Deadline reminders: each morning of a working day, every officer with an e-mail address gets
one e-mail listing the deadlines of their open cases that fall due today or within the next
`THADS_REMINDER_WORKING_DAYS` working days and were not reminded before.

Why e-mail: the home page ("Thời hạn của tôi") already lists, live, every deadline overdue, due
today and in the next 7 days of the officer signed in; what it cannot do is reach an officer who
has not opened THADS that day. The e-mail does, before the deadline passes.

Once per deadline: a `DeadlineReminder` row (case, kind, due day, officer) is written in the same
transaction as the e-mail is handed to the mail server; the unique key makes a second run — the
job run again after a restart, two workers, a new day — remind only what is new. A deadline
whose due day moves (e.g. a hoãn extended) is a new deadline and is reminded again; a case given
to another officer is reminded to the new one. An e-mail that fails leaves no row: the next run
tries again. If the worker dies between the mail server's acceptance and the commit, that
officer's mail is sent a second time (at least once, never lost).

Periods: the deadlines are those of `cases.deadlines` (Luật THADS 2008, Điều 36, 39, 44, 45, 48,
55; NĐ 62/2015, Điều 9 k5), on Vietnamese working days (`common.calendar`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from thads.cases.deadlines import Deadline, open_deadlines
from thads.cases.models import Case, DeadlineReminder
from thads.cases.selectors import unfinished_cases
from thads.common.calendar import add_working_days, is_working_day
from thads.org.models import Staff

logger = logging.getLogger(__name__)


def window_end(today: dt.date) -> dt.date:
    """The last due day reminded on `today`: `THADS_REMINDER_WORKING_DAYS` working days ahead
    (a Friday's e-mail covers the weekend and the next working days)."""
    return add_working_days(today, settings.THADS_REMINDER_WORKING_DAYS)


@dataclass(frozen=True)
class Item:
    deadline: Deadline
    case: Case


def due_for(officer: Staff, today: dt.date) -> list[Item]:
    """The officer's open deadlines due from `today` to `window_end(today)` not reminded to
    them yet, soonest first (three queries)."""
    cases = list(unfinished_cases(Case.objects.filter(officer=officer)))
    by_id = {c.pk: c for c in cases}
    last = window_end(today)
    reminded = set(
        DeadlineReminder.objects.filter(
            officer=officer, case_id__in=by_id, due__gte=today
        ).values_list("case_id", "kind", "due")
    )
    return [
        Item(d, by_id[d.case_id])
        for d in open_deadlines(cases, today)
        if today <= d.due <= last and (d.case_id, d.kind, d.due) not in reminded
    ]


def officers_to_remind() -> list[Staff]:
    """Officers holding an open case whose account is active and has an e-mail address."""
    holders = unfinished_cases(Case.objects.exclude(officer=None)).values("officer_id")
    return list(
        Staff.objects.filter(pk__in=holders, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("code")
    )


def _message(officer: Staff, items: list[Item], today: dt.date) -> EmailMessage:
    base = settings.THADS_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            {
                "due": item.deadline.due,
                "label": item.deadline.label,
                "code": item.case.code,
                "article": item.deadline.article,
                "url": base + reverse("cases:detail", args=[item.case.pk]),
                "today": item.deadline.due == today,
            }
            for item in items
        ]
        body = render_to_string(
            "cases/reminder_email.txt",
            {"officer": officer, "lines": lines, "today": today, "home": base + "/"},
        )
        subject = render_to_string(
            "cases/reminder_subject.txt", {"count": len(items), "today": today}
        ).strip()
    return EmailMessage(subject, body, to=[officer.user.email])


def remind(officer: Staff, today: dt.date) -> int:
    """Send `officer` one e-mail with their deadlines not reminded yet and record them, in one
    transaction (the officer's row locked: two workers never remind the same officer at once).
    Returns how many deadlines were reminded."""
    with transaction.atomic():
        Staff.objects.select_for_update().filter(pk=officer.pk).first()
        items = due_for(officer, today)
        if not items:
            return 0
        DeadlineReminder.objects.bulk_create(
            [
                DeadlineReminder(
                    case=item.case,
                    kind=item.deadline.kind,
                    due=item.deadline.due,
                    officer=officer,
                    email=officer.user.email,
                )
                for item in items
            ]
        )
        _message(officer, items, today).send()
    return len(items)


def send_reminders(today: dt.date | None = None) -> tuple[int, int]:
    """The morning job: remind every officer. Nothing is sent on a day off: the last working
    day's window already reached past it. One officer's failure does not stop the others.
    Returns (e-mails sent, deadlines reminded)."""
    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0, 0
    mails = reminded = 0
    for officer in officers_to_remind():
        try:
            count = remind(officer, today)
        except Exception:
            logger.exception("deadline reminder to %s failed", officer.code)
            continue
        mails += 1 if count else 0
        reminded += count
    return mails, reminded
