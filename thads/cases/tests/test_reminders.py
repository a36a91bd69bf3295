"""Deadline reminders (cases.reminders): the morning e-mail of an officer's deadlines due today
or in the next working days, each deadline reminded once, run by the worker's schedule."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMessage

from thads.cases import reminders, tasks
from thads.cases.models import DeadlineReminder
from thads.common import jobs
from thads.org.models import Staff

D = dt.date
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db

# QĐ THA on Monday 02/06/2025: the notice is due on the 3rd working day, Thursday 05/06
# (Luật THADS 2008, Điều 39); the verification 20 days after, 25/06 (Điều 44 k1, 45).
DECISION = D(2025, 6, 2)
NOTICE_DUE = D(2025, 6, 5)


def _with_email(staff: Staff, email: str) -> Staff:
    user = get_user_model().objects.create_user(username=staff.code, email=email)
    Staff.objects.filter(pk=staff.pk).update(user=user)
    staff.refresh_from_db()
    return staff


@pytest.fixture
def an(officer):
    return _with_email(officer, "an@thads.test")


def test_the_window_is_today_and_the_next_working_days(settings):
    settings.THADS_REMINDER_WORKING_DAYS = 2
    assert reminders.window_end(D(2025, 6, 3)) == D(2025, 6, 5)  # Tue → Thu
    assert reminders.window_end(D(2025, 6, 6)) == D(2025, 6, 10)  # Fri → Tue, over the weekend
    # Thursday 24/04/2025: 30/04, 01/05 and the swapped 02/05 are off, then the weekend.
    assert reminders.window_end(D(2025, 4, 28)) == D(2025, 5, 5)


def test_an_officer_is_reminded_once(an, make_case, settings):
    settings.THADS_BASE_URL = "https://thads.example.vn/"
    case = make_case(decision_date=DECISION, officer=an)
    # Tuesday 03/06: the notice (due Thursday) is in the window; the verification is not.
    assert reminders.send_reminders(D(2025, 6, 3)) == (1, 1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@thads.test"]
    assert message.subject == "[THADS] 1 thời hạn sắp đến (ngày 03/06/2025)"
    assert "Kính gửi Nguyễn Văn An," in message.body
    assert f"05/06/2025 — {case.code}: Thông báo quyết định thi hành án" in message.body
    assert "Luật THADS 2008, Điều 39" in message.body
    assert f"  https://thads.example.vn/viec/{case.pk}/\n" in message.body
    row = DeadlineReminder.objects.get()
    assert (row.case_id, row.kind, row.due, row.officer_id, row.email) == (
        case.pk,
        "thong_bao",
        NOTICE_DUE,
        an.pk,
        "an@thads.test",
    )
    # Again the same morning (a second worker, the job done again), and the next days: nothing.
    assert reminders.send_reminders(D(2025, 6, 3)) == (0, 0)
    assert reminders.send_reminders(D(2025, 6, 4)) == (0, 0)
    assert reminders.send_reminders(D(2025, 6, 5)) == (0, 0)
    assert len(mail.outbox) == 1
    assert DeadlineReminder.objects.count() == 1
    # The verification enters the window on Monday 23/06 (due Wednesday 25/06): a new e-mail.
    assert reminders.send_reminders(D(2025, 6, 23)) == (1, 1)
    assert "25/06/2025" in mail.outbox[1].body
    assert "Xác minh điều kiện thi hành án" in mail.outbox[1].body


def test_due_today_is_marked(an, make_case):
    make_case(decision_date=DECISION, officer=an)
    assert reminders.send_reminders(NOTICE_DUE) == (1, 1)
    assert "05/06/2025 (hôm nay)" in mail.outbox[0].body


def test_nothing_on_a_day_off(an, make_case):
    make_case(decision_date=DECISION, officer=an)
    assert reminders.send_reminders(D(2025, 6, 1)) == (0, 0)  # Sunday
    assert not mail.outbox


def test_who_is_reminded(an, officer2, units, make_case, record):
    mine = make_case(decision_date=DECISION, officer=an)
    closed = make_case(decision_date=DECISION, officer=an)
    record(closed, "dinh_chi", D(2025, 6, 2))
    make_case(decision_date=DECISION, officer=officer2)  # no account: no e-mail
    make_case(decision_date=DECISION)  # nobody's
    _with_email(Staff.objects.create(code="X", full_name="Inactive", title="khac"), "")
    assert reminders.send_reminders(D(2025, 6, 3)) == (1, 1)
    assert [m.to for m in mail.outbox] == [["an@thads.test"]]
    assert list(DeadlineReminder.objects.values_list("case_id", flat=True)) == [mine.pk]
    # An inactive account is not written to.
    get_user_model().objects.filter(pk=an.user_id).update(is_active=False)
    make_case(decision_date=D(2025, 6, 3), officer=an)
    assert reminders.send_reminders(D(2025, 6, 4)) == (0, 0)


def test_a_failed_mail_records_nothing_and_is_tried_again(an, make_case, monkeypatch):
    make_case(decision_date=DECISION, officer=an)

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    assert reminders.send_reminders(D(2025, 6, 3)) == (0, 0)
    assert not DeadlineReminder.objects.exists()
    monkeypatch.undo()
    assert reminders.send_reminders(D(2025, 6, 4)) == (1, 1)
    assert len(mail.outbox) == 1


def test_the_worker_schedules_the_reminders_every_morning(an, make_case):
    assert jobs.SCHEDULES["cases.reminders"].task is tasks.reminders_task
    assert (jobs.SCHEDULES["cases.reminders"].hour, jobs.SCHEDULES["cases.reminders"].day) == (
        6,
        None,
    )
    make_case(decision_date=DECISION, officer=an)
    with time_machine.travel(dt.datetime(2025, 6, 3, 6, 30, 5, tzinfo=HCM), tick=False):
        tasks.reminders_task.enqueue()  # tests run jobs inline (the immediate backend)
    assert len(mail.outbox) == 1
    assert DeadlineReminder.objects.get().due == NOTICE_DUE
