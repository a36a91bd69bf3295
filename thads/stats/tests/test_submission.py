"""Monthly report lifecycle: submit, approve (freeze), return; permissions, deadlines, locking."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction

from thads.cases import services as case_services
from thads.cases.models import CaseEvent
from thads.common.concurrency import ConcurrentEditError
from thads.common.periods import month_period
from thads.org import services as org_services
from thads.org.access import access_for
from thads.org.models import Unit
from thads.stats import permissions
from thads.stats import submission as sub
from thads.stats.models import ReportSnapshot, ReportSubmission, SnapshotCase, SubmissionEvent
from thads.stats.snapshots import compare
from thads.testing.stats import FAR_FUTURE, submission_in_status

pytestmark = pytest.mark.django_db
M = 1_000_000
# Year 2026: month 1 = October 2025 (ends Friday 31/10/2025), month 2 = November 2025.
Y = 2026
AFTER_M1 = dt.date(2025, 11, 3)
AFTER_M2 = dt.date(2025, 12, 2)


def who(username):
    user = get_user_model().objects.get(username=username)
    return user, access_for(user)


def act(action, unit, month, username, *, version=None, today=AFTER_M1, **kw):
    user, access = who(username)
    if version is None:
        row = ReportSubmission.objects.filter(unit=unit, year=Y, month=month).first()
        version = row.version if row else 1
    return action(
        unit, Y, month, access=access, user=user, expected_version=version, today=today, **kw
    )


@pytest.fixture
def kv2_case(history):
    return history(
        "TNG-KV2",
        "2025-10-05",
        50 * M,
        [("xac_minh_co_dieu_kien", "2025-10-10"), ("thu_tien", "2025-10-20", 10 * M)],
    )


def test_submit_approve_freezes_and_later_corrections_do_not_change_the_snapshot(
    demo_org, kv2_case
):
    kv2 = demo_org["TNG-KV2"]
    act(sub.report_submit, kv2, 1, "truongphong")
    row = ReportSubmission.objects.get(unit=kv2, year=Y, month=1)
    assert row.status == ReportSubmission.Status.SUBMITTED
    act(sub.report_approve, kv2, 1, "lanhdao")
    row.refresh_from_db()
    assert row.status == ReportSubmission.Status.APPROVED
    snapshot = ReportSnapshot.objects.get(submission=row)
    # 6, 10, 12: oversight; 8, 9: complaints and reception
    assert set(snapshot.payloads) == {"1", "2", "4", "5", "6", "8", "9", "10", "12"}
    assert snapshot.payloads["12"]["form"] == "12"
    assert snapshot.payloads["2"]["total"]["xong"] == 10 * M
    assert snapshot.payloads["1"]["total"]["thu_ly_moi"] == 1
    frozen_case = SnapshotCase.objects.get(snapshot=snapshot)
    assert frozen_case.case_id == kv2_case.pk
    assert frozen_case.money["xong"] == 10 * M
    assert frozen_case.row_unit_id == kv2.pk
    assert compare(row, month_period(Y, 1)).changed is False

    # A correction dated in the period: the payment was 6M, not 10M.
    wrong = CaseEvent.objects.get(case=kv2_case, type="thu_tien")
    case_services.event_record(
        kv2_case, type="thu_tien", on=wrong.on, amount=6 * M, corrects=wrong, today=FAR_FUTURE
    )
    snapshot.refresh_from_db()
    assert snapshot.payloads["2"]["total"]["xong"] == 10 * M
    diff = compare(row, month_period(Y, 1))
    totals = diff.total_cells("2")
    assert (totals["xong"].frozen, totals["xong"].live) == (10 * M, 6 * M)
    assert [c.case.pk for c in diff.cases] == [kv2_case.pk]
    assert "tiền: thi hành xong" in diff.cases[0].keys
    assert "1" not in {c.form for c in diff.cells}  # the case counts are unchanged

    events = list(SubmissionEvent.objects.filter(submission=row).order_by("pk"))
    assert [(e.action, e.from_status, e.to_status) for e in events] == [
        ("submit", "prepared", "submitted"),
        ("approve", "submitted", "approved"),
    ]
    assert [e.by.username for e in events] == ["truongphong", "lanhdao"]
    # Approved is final: neither returned nor sent again.
    with pytest.raises(sub.SubmissionError, match="Chỉ duyệt hoặc trả lại"):
        act(sub.report_return, kv2, 1, "lanhdao", reason="Sai số liệu")
    with pytest.raises(sub.SubmissionError, match="không gửi lại được"):
        act(sub.report_submit, kv2, 1, "truongphong")


def test_return_needs_a_reason_then_the_unit_submits_again(demo_org, kv2_case):
    kv2 = demo_org["TNG-KV2"]
    act(sub.report_submit, kv2, 1, "phophong")
    with pytest.raises(sub.SubmissionError, match="lý do"):
        act(sub.report_return, kv2, 1, "lanhdao", reason="   ")
    act(sub.report_return, kv2, 1, "lanhdao", reason="Thiếu số liệu Chấp hành viên")
    row = ReportSubmission.objects.get(unit=kv2, year=Y, month=1)
    assert row.status == ReportSubmission.Status.RETURNED
    assert row.events.get(action="return").reason == "Thiếu số liệu Chấp hành viên"
    act(sub.report_submit, kv2, 1, "truongphong")
    row.refresh_from_db()
    assert row.status == ReportSubmission.Status.SUBMITTED
    assert row.events.count() == 3


def test_stale_version_is_a_conflict_and_changes_nothing(demo_org, kv2_case):
    kv2 = demo_org["TNG-KV2"]
    act(sub.report_submit, kv2, 1, "truongphong")
    row = ReportSubmission.objects.get(unit=kv2, year=Y, month=1)
    with pytest.raises(ConcurrentEditError):
        act(sub.report_approve, kv2, 1, "lanhdao", version=row.version - 1)
    row.refresh_from_db()
    assert row.status == ReportSubmission.Status.SUBMITTED
    assert not ReportSnapshot.objects.exists()
    # Two heads reading "no report yet" (version 1): the second one is refused.
    kv3 = demo_org["TNG-KV3"]
    head_user, head_access = who("truongphong")
    with pytest.raises(sub.NotAllowed):  # not the head of KV3
        sub.report_submit(kv3, Y, 1, access=head_access, user=head_user, expected_version=1)


def test_who_may_submit_and_decide(demo_org, kv2_case):
    kv2, tng, tw = demo_org["TNG-KV2"], demo_org["TNG"], demo_org["TW"]
    for username, unit, submit, decide in [
        ("truongphong", kv2, True, False),
        ("phophong", kv2, True, False),
        ("chv", kv2, False, False),
        ("thuky", kv2, False, False),
        ("kiemtra", kv2, False, False),
        ("quantri", kv2, False, False),
        ("lanhdao", kv2, False, True),
        ("lanhdao", tng, True, False),
        ("trunguong", kv2, False, False),
        ("trunguong", tng, False, True),
        ("trunguong", tw, False, False),
        ("truongphong", demo_org["CBG-KV1"], False, False),
        ("lanhdao", demo_org["CBG-KV1"], False, False),
    ]:
        _user, access = who(username)
        assert permissions.may_submit(access, unit) is submit, (username, unit.code)
        assert permissions.may_decide(access, unit) is decide, (username, unit.code)
    with pytest.raises(sub.NotAllowed, match="không có quyền gửi"):
        act(sub.report_submit, kv2, 1, "chv")
    act(sub.report_submit, kv2, 1, "truongphong")
    with pytest.raises(sub.NotAllowed, match="không có quyền duyệt"):
        act(sub.report_approve, kv2, 1, "truongphong")
    assert ReportSubmission.objects.get(unit=kv2).status == "submitted"


def test_period_not_ended_and_national_unit_are_refused(demo_org):
    kv2 = demo_org["TNG-KV2"]
    with pytest.raises(sub.SubmissionError, match="chưa kết thúc"):
        act(sub.report_submit, kv2, 1, "truongphong", today=dt.date(2025, 10, 31))
    with pytest.raises(sub.SubmissionError, match="không còn hoạt động"):
        user, access = who("truongphong")
        sub.report_submit(
            demo_org["TN-SC"],
            Y,
            1,
            access=access,
            user=user,
            expected_version=1,
            today=AFTER_M1,
        )
    assert not ReportSubmission.objects.exists()


def test_failing_checks_block_submission(demo_org, kv2_case):
    from thads.cases.models import Case

    Case.objects.filter(pk=kv2_case.pk).update(collected=1)  # cache no longer = events
    with pytest.raises(sub.SubmissionError, match="chưa qua các bước kiểm tra"):
        act(sub.report_submit, demo_org["TNG-KV2"], 1, "truongphong")
    assert not ReportSubmission.objects.exists()


def _children_status(unit, status: str) -> None:
    submission_in_status(unit, Y, 1, status)


def test_a_parent_waits_for_all_its_children(demo_org, history):
    tng = demo_org["TNG"]
    kv = [demo_org[f"TNG-KV{i}"] for i in range(1, 6)]
    for unit in kv[:4]:
        _children_status(unit, "approved")
    with pytest.raises(sub.SubmissionError, match="khu vực 5"):
        act(sub.report_submit, tng, 1, "lanhdao")
    _children_status(kv[4], "submitted")
    with pytest.raises(sub.SubmissionError, match="khu vực 5"):
        act(sub.report_submit, tng, 1, "lanhdao")
    _children_status(kv[4], "approved")
    act(sub.report_submit, tng, 1, "lanhdao")
    # The child's report is returned again: approval waits again.
    _children_status(kv[0], "returned")
    with pytest.raises(sub.SubmissionError, match="khu vực 1"):
        act(sub.report_approve, tng, 1, "trunguong")
    _children_status(kv[0], "approved")
    act(sub.report_approve, tng, 1, "trunguong")
    assert ReportSubmission.objects.get(unit=tng).status == "approved"


def test_an_ended_unit_does_not_block_periods_after_its_end(demo_org):
    tng, kv2 = demo_org["TNG"], demo_org["TNG-KV2"]
    org_services.unit_create(
        code="TNG-KV6",
        name="Phòng Thi hành án dân sự khu vực 6 – Thái Nguyên",
        level=Unit.Level.LOCAL,
        parent=tng,
        valid_from=dt.date(2025, 7, 1),
        valid_to=dt.date(2025, 10, 31),
        successor=kv2,
    )
    month1 = {u.code for u in sub.children_of(tng, month_period(Y, 1))}
    month2 = {u.code for u in sub.children_of(tng, month_period(Y, 2))}
    assert "TNG-KV6" in month1
    assert "TNG-KV6" not in month2
    assert month2 == {f"TNG-KV{i}" for i in range(1, 6)}
    # The old Chi cục report to the old Cục for periods before the reform.
    old = {u.code for u in sub.children_of(demo_org["TN"], month_period(2025, 9))}
    assert len(old) == 9 and "TN-SC" in old


def test_deadlines_in_working_days_per_level(demo_org, settings):
    period = month_period(Y, 1)  # ends Friday 31/10/2025
    assert sub.deadline_for(demo_org["TNG-KV2"], period) == dt.date(2025, 11, 4)
    assert sub.deadline_for(demo_org["TNG"], period) == dt.date(2025, 11, 6)
    assert sub.deadline_for(demo_org["TW"], period) is None
    settings.THADS_REPORT_DEADLINES = {"local": 1}
    assert sub.deadline_for(demo_org["TNG-KV2"], period) == dt.date(2025, 11, 3)
    assert sub.deadline_for(demo_org["TNG"], period) == dt.date(2025, 11, 6)
    # Month 4 of year 2025 ends on 31/01/2025, inside the Tết holiday (25/01 – 02/02/2025):
    # 1 working day later is Monday 03/02.
    assert sub.deadline_for(demo_org["TN-SC"], month_period(2025, 4)) == dt.date(2025, 2, 3)


def test_late_flags(demo_org, kv2_case):
    kv2 = demo_org["TNG-KV2"]
    assert sub.status_of(kv2, Y, 1, today=dt.date(2025, 11, 4)).late is False
    assert sub.status_of(kv2, Y, 1, today=dt.date(2025, 11, 5)).late is True
    with time_machine.travel(dt.datetime(2025, 11, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        act(sub.report_submit, kv2, 1, "truongphong", today=dt.date(2025, 11, 4))
    status = sub.status_of(kv2, Y, 1, today=dt.date(2026, 1, 1))
    assert status.late is False and status.deadline == dt.date(2025, 11, 4)
    assert ReportSubmission.objects.get(unit=kv2).events.get().late is False
    # Returned, then sent again after the deadline: the first submission counts.
    act(sub.report_return, kv2, 1, "lanhdao", reason="Kiểm tra lại")
    with time_machine.travel(dt.datetime(2025, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        act(sub.report_submit, kv2, 1, "truongphong", today=dt.date(2025, 11, 20))
    assert sub.status_of(kv2, Y, 1, today=dt.date(2026, 1, 1)).late is False
    assert ReportSubmission.objects.get(unit=kv2).events.filter(late=True).count() == 1
    # Month 2 sent after its deadline (02/12/2025 + 2 working days = 02/12).
    with time_machine.travel(dt.datetime(2025, 12, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        act(sub.report_submit, kv2, 2, "truongphong", today=dt.date(2025, 12, 10))
    assert sub.status_of(kv2, Y, 2, today=dt.date(2025, 12, 10)).late is True
    statuses = {s.unit.code: s for s in sub.children_statuses(demo_org["TNG"], Y, 1, AFTER_M2)}
    assert statuses["TNG-KV2"].status == "submitted" and statuses["TNG-KV2"].late is False
    assert statuses["TNG-KV3"].status == "prepared" and statuses["TNG-KV3"].late is True


def test_transitions_and_snapshots_are_append_only(demo_org, kv2_case):
    kv2 = demo_org["TNG-KV2"]
    act(sub.report_submit, kv2, 1, "truongphong")
    act(sub.report_approve, kv2, 1, "lanhdao")
    event = SubmissionEvent.objects.first()
    event.reason = "sửa"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    for queryset, change in [
        (SubmissionEvent.objects.all(), {"reason": "x"}),
        (ReportSnapshot.objects.all(), {"payloads": {}}),
        (SnapshotCase.objects.all(), {"money": {}}),
    ]:
        with pytest.raises(DatabaseError), transaction.atomic():
            queryset.update(**change)
        with pytest.raises(DatabaseError), transaction.atomic():
            queryset._raw_delete(queryset.db)
    assert SnapshotCase.objects.get().money["xong"] == 10 * M


def test_forms_6_10_12_frozen_then_compared_with_live_numbers(demo_org, kv2_case):
    """A THAHC judgment entered late in an approved month changes form 12's live numbers, not
    its snapshot; the difference is named with the source's labels, total and row."""
    from thads.org.models import Staff
    from thads.testing.oversight import judgment

    kv2 = demo_org["TNG-KV2"]
    act(sub.report_submit, kv2, 1, "truongphong")
    act(sub.report_approve, kv2, 1, "lanhdao")
    row = ReportSubmission.objects.get(unit=kv2, year=Y, month=1)
    assert compare(row, month_period(Y, 1)).changed is False
    frozen = ReportSnapshot.objects.get(submission=row).payloads["12"]["total"]
    assert frozen["nhan_duoc"] == 0

    judgment(kv2, Staff.objects.get(code="TN-SC-02"), received_on=dt.date(2025, 10, 15))
    diff = compare(row, month_period(Y, 1))
    assert diff.changed
    totals = diff.total_cells("12")
    assert (totals["nhan_duoc"].frozen, totals["nhan_duoc"].live) == (0, 1)
    assert (totals["moi"].frozen, totals["moi"].live) == (0, 1)
    assert totals["nhan_duoc"].label and totals["nhan_duoc"].label != "nhan_duoc"
    assert {c.form for c in diff.source_cells} == {"12"}
    assert any(c.row == "TNG-KV2" and c.key == "nhan_duoc" for c in diff.source_cells)
    assert ReportSnapshot.objects.get(submission=row).payloads["12"]["total"]["nhan_duoc"] == 0
    assert not diff.cases  # no case changed: forms 1, 2, 4, 5 still agree


def test_a_step_may_be_given_its_own_moment_after_the_period_and_not_after_today(
    demo_org, kv2_case
):
    """The demo's past months are sent and approved at their own day and hour (`at`), which
    decides lateness as a real submission would; a moment inside the period or after today is
    refused."""
    from django.utils import timezone

    kv2 = demo_org["TNG-KV2"]
    aware = lambda y, m, d, h: timezone.make_aware(dt.datetime(y, m, d, h))  # noqa: E731
    with pytest.raises(sub.SubmissionError):
        act(sub.report_submit, kv2, 1, "truongphong", at=aware(2025, 10, 31, 9))
    with pytest.raises(sub.SubmissionError):
        act(sub.report_submit, kv2, 1, "truongphong", at=aware(2025, 11, 4, 9))  # after today
    act(sub.report_submit, kv2, 1, "truongphong", at=aware(2025, 11, 3, 9))
    act(sub.report_approve, kv2, 1, "lanhdao", at=aware(2025, 11, 3, 15))
    row = ReportSubmission.objects.get(unit=kv2, year=Y, month=1)
    assert timezone.localtime(row.first_submitted_at).date() == dt.date(2025, 11, 3)
    assert timezone.localtime(row.decided_at).hour == 15
    steps = list(SubmissionEvent.objects.filter(submission=row).order_by("at"))
    assert [(s.action, timezone.localtime(s.at).hour, s.late) for s in steps] == [
        ("submit", 9, False),
        ("approve", 15, False),
    ]
