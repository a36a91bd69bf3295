"""Deadline reminders: each morning of a working day, every officer with an e-mail address gets
one e-mail listing the deadlines of their open cases that fall due today or within the next
`THADS_REMINDER_WORKING_DAYS` working days and were not reminded before — and, in the same
e-mail, the deadlines other apps keep for them (`cases.deadline_sources`: the administrative
judgments they monitor, the procuracy's acts about their cases to answer; for a unit's head and
deputies, its procuracy acts and inspection recommendations), as "Việc của tôi" lists them.

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
55; NĐ 62/2015, Điều 9 k5), on Vietnamese working days (`common.calendar`); the others come with
their own rule (`OtherDeadline.article`). The other apps' deadlines are read once per run, not
per officer.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from thads.cases.deadline_sources import OtherDeadline, every_open_deadline
from thads.cases.deadlines import Deadline, open_deadlines
from thads.cases.models import Case, DeadlineReminder
from thads.cases.selectors import unfinished_cases
from thads.common.calendar import add_working_days, is_working_day
from thads.org.models import Membership, Role, Staff

logger = logging.getLogger(__name__)


def window_end(today: dt.date) -> dt.date:
    """The last due day reminded on `today`: `THADS_REMINDER_WORKING_DAYS` working days ahead
    (a Friday's e-mail covers the weekend and the next working days)."""
    return add_working_days(today, settings.THADS_REMINDER_WORKING_DAYS)


@dataclass(frozen=True)
class Item:
    """One line of the e-mail: a case's deadline (`case` set) or another app's (`other`)."""

    due: dt.date
    label: str
    code: str
    article: str
    path: str
    case: Case | None = None
    kind: str = ""
    other: OtherDeadline | None = None

    @classmethod
    def of_case(cls, deadline: Deadline, case: Case) -> Item:
        return cls(
            due=deadline.due,
            label=deadline.label,
            code=case.code,
            article=deadline.article,
            path=reverse("cases:detail", args=[case.pk]),
            case=case,
            kind=deadline.kind,
        )

    @classmethod
    def of_other(cls, row: OtherDeadline) -> Item:
        return cls(
            due=row.due,
            label=row.label,
            code=row.code,
            article=row.article,
            path=row.url,
            kind=row.kind or row.key,
            other=row,
        )


def due_for(officer: Staff, today: dt.date, others: Sequence[OtherDeadline] = ()) -> list[Item]:
    """The officer's open deadlines due from `today` to `window_end(today)` not reminded to
    them yet, soonest first (three queries): those of their cases, then those of `others`
    (other apps' rows for this officer, `rows_by_person`)."""
    cases = list(unfinished_cases(Case.objects.filter(officer=officer)))
    by_id = {c.pk: c for c in cases}
    last = window_end(today)
    sent = DeadlineReminder.objects.filter(officer=officer, due__gte=today)
    reminded = set(sent.filter(case_id__in=by_id).values_list("case_id", "kind", "due"))
    items = [
        Item.of_case(d, by_id[d.case_id])
        for d in open_deadlines(cases, today)
        if today <= d.due <= last and (d.case_id, d.kind, d.due) not in reminded
    ]
    if others:
        reminded = set(sent.filter(case__isnull=True).values_list("source", "ref", "kind", "due"))
        items += [
            Item.of_other(row)
            for row in others
            if today <= row.due <= last
            and (row.key, row.code, row.kind or row.key, row.due) not in reminded
        ]
    items.sort(key=lambda item: item.due)
    return items


def rows_by_person(rows: list[OtherDeadline], today: dt.date) -> dict[int, list[OtherDeadline]]:
    """The other apps' rows due in today's window, per staff member they are for: the officers
    named, and the heads and deputies posted on `today` in the unit of a row kept for its
    managers (as on "Việc của tôi"). One query for the managers."""
    last = window_end(today)
    rows = [row for row in rows if today <= row.due <= last]
    units = {row.unit_id for row in rows if row.for_managers and row.unit_id}
    managers: dict[int, set[int]] = {}
    postings = Membership.objects.filter(
        unit_id__in=units, role__in=[Role.HEAD, Role.DEPUTY], valid_from__lte=today
    ).exclude(valid_to__lt=today)
    for unit_id, staff_id in postings.values_list("unit_id", "staff_id"):
        managers.setdefault(unit_id, set()).add(staff_id)
    people: dict[int, list[OtherDeadline]] = {}
    for row in rows:
        persons = set(row.officer_ids)
        if row.for_managers:
            persons |= managers.get(row.unit_id, set())
        for staff_id in persons:
            people.setdefault(staff_id, []).append(row)
    return people


def officers_to_remind(others: dict[int, list[OtherDeadline]] | None = None) -> list[Staff]:
    """Officers holding an open case, and the people other apps' rows are for (`others`),
    whose account is active and has an e-mail address."""
    holders = unfinished_cases(Case.objects.exclude(officer=None)).values("officer_id")
    return list(
        Staff.objects.filter(Q(pk__in=holders) | Q(pk__in=list(others or ())), user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("code")
    )


def _message(officer: Staff, items: list[Item], today: dt.date) -> EmailMessage:
    base = settings.THADS_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            {
                "due": item.due,
                "label": item.label,
                "code": item.code,
                "article": item.article,
                "url": base + item.path,
                "today": item.due == today,
            }
            for item in items
        ]
        body = render_to_string(
            "cases/reminder_email.txt",
            {
                "officer": officer,
                "lines": lines,
                "today": today,
                "home": base + "/",
                "has_others": any(item.other is not None for item in items),
            },
        )
        subject = render_to_string(
            "cases/reminder_subject.txt", {"count": len(items), "today": today}
        ).strip()
    return EmailMessage(subject, body, to=[officer.user.email])


def remind(officer: Staff, today: dt.date, others: Sequence[OtherDeadline] = ()) -> int:
    """Send `officer` one e-mail with their deadlines not reminded yet and record them, in one
    transaction (the officer's row locked: two workers never remind the same officer at once).
    Returns how many deadlines were reminded."""
    with transaction.atomic():
        Staff.objects.select_for_update().filter(pk=officer.pk).first()
        items = due_for(officer, today, others)
        if not items:
            return 0
        DeadlineReminder.objects.bulk_create(
            [
                DeadlineReminder(
                    case=item.case,
                    source=item.other.key if item.other else "",
                    ref=item.other.code if item.other else "",
                    kind=item.kind,
                    due=item.due,
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
    others = rows_by_person(every_open_deadline(today), today)
    mails = reminded = 0
    for officer in officers_to_remind(others):
        try:
            count = remind(officer, today, others.get(officer.pk, []))
        except Exception:
            logger.exception("deadline reminder to %s failed", officer.code)
            continue
        mails += 1 if count else 0
        reminded += count
    return mails, reminded
