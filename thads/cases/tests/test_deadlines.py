"""Deadlines on Vietnamese working days, with a fixed clock around Tết and the holidays."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from thads.cases.deadlines import (
    Deadline,
    case_deadlines,
    deadlines_by_officer,
    open_deadlines,
)
from thads.cases.law import LAW_2008, LAW_2025
from thads.cases.models import Case, EventType
from thads.common.errors import DomainError

D = dt.date
pytestmark = pytest.mark.django_db


def by_kind(deadlines: list[Deadline], kind: str) -> list[Deadline]:
    return [d for d in deadlines if d.kind == kind]


def one(deadlines: list[Deadline], kind: str) -> Deadline:
    found = by_kind(deadlines, kind)
    assert len(found) == 1, found
    return found[0]


# ---- the Deadline value ----------------------------------------------------------------------


def make_deadline(due, done_on=None):
    return Deadline(1, "thong_bao", due, done_on, law_day=D(2025, 5, 1))


@pytest.mark.parametrize(
    ("due", "done_on", "status"),
    [
        (D(2025, 5, 5), None, "overdue"),
        (D(2025, 5, 6), None, "today"),
        (D(2025, 5, 7), None, "this_week"),
        (D(2025, 5, 13), None, "this_week"),
        (D(2025, 5, 14), None, "later"),
        (D(2025, 5, 1), D(2025, 5, 2), "done"),
    ],
)
def test_status(due, done_on, status):
    deadline = make_deadline(due, done_on)
    assert deadline.status(D(2025, 5, 6)) == status
    assert deadline.is_overdue(D(2025, 5, 6)) == (status == "overdue")


def test_late_when_done_after_due():
    assert make_deadline(D(2025, 5, 6), D(2025, 5, 7)).is_late
    assert not make_deadline(D(2025, 5, 6), D(2025, 5, 6)).is_late


# ---- QĐ THA: 5 working days from receipt (Điều 36) -------------------------------------------


def test_decision_due_after_tet_2025(make_case):
    # Received Friday 24/01/2025; 27–31/01 are the Tết days off: 5th working day is 07/02.
    case = make_case(received_on=D(2025, 1, 24), decision_date=D(2025, 2, 7))
    deadline = one(case_deadlines(case, today=D(2025, 2, 10)), "quyet_dinh")
    assert deadline.due == D(2025, 2, 7)
    assert deadline.done_on == D(2025, 2, 7)
    assert not deadline.is_late
    assert deadline.label == "Ra quyết định thi hành án"
    assert deadline.article == "Luật THADS 2008, Điều 36"


def test_decision_late(make_case):
    case = make_case(received_on=D(2025, 1, 24), decision_date=D(2025, 2, 10))
    deadline = one(case_deadlines(case, today=D(2025, 2, 10)), "quyet_dinh")
    assert deadline.is_late


def test_no_decision_deadline_without_receipt_date(make_case):
    case = make_case(decision_date=D(2025, 2, 10))
    Case.objects.filter(pk=case.pk).update(received_on=None)
    case.refresh_from_db()
    assert not by_kind(case_deadlines(case, today=D(2025, 2, 10)), "quyet_dinh")


# ---- notice: 3 working days from the QĐ THA (Điều 39) -----------------------------------------


def test_notice_due_across_30_4_and_1_5(make_case):
    # QĐ THA Monday 28/04/2025: 29/04 works; 30/04, 01/05, 02/05 (swapped) and the weekend are
    # off: the 3rd working day is Tuesday 06/05.
    case = make_case(decision_date=D(2025, 4, 28))
    with time_machine.travel(dt.datetime(2025, 5, 6, 9, 0), tick=False):
        deadline = one(case_deadlines(case), "thong_bao")
    assert deadline.due == D(2025, 5, 6)
    assert deadline.done_on is None
    assert deadline.status(D(2025, 5, 6)) == "today"


def test_notice_due_across_national_day(make_case, record):
    # QĐ THA Friday 29/08/2025: 01/09 and 02/09 are days off: due Friday 05/09.
    case = make_case(decision_date=D(2025, 8, 29))
    record(case, EventType.THONG_BAO, D(2025, 9, 8))
    deadline = one(case_deadlines(case, today=D(2025, 9, 10)), "thong_bao")
    assert deadline.due == D(2025, 9, 5)
    assert deadline.done_on == D(2025, 9, 8)
    assert deadline.is_late


def test_tong_dat_counts_as_notice(make_case, record):
    case = make_case(decision_date=D(2025, 8, 29))
    record(case, EventType.TONG_DAT, D(2025, 9, 3))
    assert one(case_deadlines(case, today=D(2025, 9, 10)), "thong_bao").done_on == D(2025, 9, 3)


# ---- voluntary period: 10 days from the notice's receipt (Điều 45 k1) ----------------------


def test_voluntary_period_runs_from_the_day_the_notice_reached_the_debtor(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    # Sent Monday 05/05/2025, received Wednesday 07/05: 10 days → Saturday 17/05, so the
    # period ends on Monday 19/05 (Bộ luật Dân sự 2015, Điều 148 k5).
    record(case, EventType.THONG_BAO, D(2025, 5, 5), data={"received_on": "2025-05-07"})
    deadline = one(case_deadlines(case, today=D(2025, 5, 10)), "tu_nguyen")
    assert deadline.due == D(2025, 5, 19)
    assert deadline.done_on is None
    assert deadline.label == "Hết thời hạn tự nguyện thi hành án"
    assert deadline.article == "Luật THADS 2008, Điều 45 k1"
    assert deadline.is_period
    # The verification follows the voluntary period: 10 days after its end.
    assert one(case_deadlines(case, today=D(2025, 5, 10)), "xac_minh").due == D(2025, 5, 29)


def test_voluntary_period_from_the_notice_date_without_a_receipt_day(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    record(case, EventType.TONG_DAT, D(2025, 5, 5))
    assert one(case_deadlines(case, today=D(2025, 5, 10)), "tu_nguyen").due == D(2025, 5, 15)


def test_voluntary_period_ending_in_tet_moves_past_it(make_case, record):
    case = make_case(decision_date=D(2025, 1, 13))
    record(case, EventType.NIEM_YET, D(2025, 1, 15), data={"received_on": "2025-01-17"})
    # 17/01/2025 + 10 = Monday 27/01, a Tết day off: the period ends Monday 03/02.
    assert one(case_deadlines(case, today=D(2025, 1, 20)), "tu_nguyen").due == D(2025, 2, 3)


def test_no_voluntary_period_before_the_notice(make_case):
    case = make_case(decision_date=D(2025, 4, 28))
    assert not by_kind(case_deadlines(case, today=D(2025, 5, 10)), "tu_nguyen")


def test_voluntary_period_is_listed_until_it_ends_and_never_overdue(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    record(case, EventType.THONG_BAO, D(2025, 5, 5))
    listed = [d.kind for d in open_deadlines([case], D(2025, 5, 12))]
    assert "tu_nguyen" in listed
    assert (
        one(case_deadlines(case, today=D(2025, 5, 12)), "tu_nguyen").status(D(2025, 5, 12))
        == "this_week"
    )
    # Past its end the period is over, not overdue: the officer's list no longer shows it.
    ended = one(case_deadlines(case, today=D(2025, 5, 16)), "tu_nguyen")
    assert (ended.done_on, ended.status(D(2025, 5, 16))) == (D(2025, 5, 15), "done")
    assert not ended.is_late
    assert "tu_nguyen" not in [d.kind for d in open_deadlines([case], D(2025, 5, 16))]


def test_voluntary_period_under_the_2025_law(make_case, record):
    case = make_case(decision_date=D(2026, 7, 1))
    record(case, EventType.THONG_BAO, D(2026, 7, 2), data={"received_on": "2026-07-03"})
    deadline = one(case_deadlines(case, today=D(2026, 7, 4)), "tu_nguyen")
    assert deadline.due == D(2026, 7, 13)  # Monday: 10 days end on a working day
    assert deadline.article == LAW_2025.short_name


def test_receipt_before_the_notice_is_refused(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    with pytest.raises(DomainError, match="không được trước ngày thông báo"):
        record(case, EventType.THONG_BAO, D(2025, 5, 5), data={"received_on": "2025-05-04"})
    assert not case.events.exists()


# ---- verification: notice + 10 + 10 days (Điều 44 k1, 45) ------------------------------------


def test_verification_counts_from_the_notice(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    record(case, EventType.THONG_BAO, D(2025, 5, 5))
    deadline = one(case_deadlines(case, today=D(2025, 5, 10)), "xac_minh")
    assert deadline.due == D(2025, 5, 25)
    assert deadline.done_on is None


def test_verification_without_notice_counts_from_the_notice_due_day(make_case):
    case = make_case(decision_date=D(2025, 4, 28))
    # Notice due 06/05 (working days) + 20 calendar days.
    assert one(case_deadlines(case, today=D(2025, 5, 10)), "xac_minh").due == D(2025, 5, 26)


def test_verification_done_by_the_classification(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    record(case, EventType.THONG_BAO, D(2025, 5, 5))
    record(case, EventType.XAC_MINH_CO_DIEU_KIEN, D(2025, 5, 20))
    deadline = one(case_deadlines(case, today=D(2025, 6, 1)), "xac_minh")
    assert deadline.done_on == D(2025, 5, 20)
    assert not deadline.is_late


# ---- re-verification: 6 months, or 12 (Điều 44 k2) -------------------------------------------


@pytest.mark.parametrize(
    ("ground", "due"),
    [(None, D(2024, 9, 15)), ("tu", D(2025, 3, 15)), ("khong_ro_dia_chi", D(2025, 3, 15))],
)
def test_reverification_every_6_or_12_months(make_case, record, ground, due):
    case = make_case(decision_date=D(2024, 1, 2))
    data = {"ground": ground} if ground else {}
    record(case, EventType.CHUA_CO_DIEU_KIEN, D(2024, 3, 15), data=data)
    deadline = one(case_deadlines(case, today=D(2024, 4, 1)), "xac_minh_lai")
    assert deadline.due == due
    assert deadline.done_on is None
    assert deadline.article == "Luật THADS 2008, Điều 44 k2"


def test_reverification_counts_from_the_last_one(make_case, record):
    case = make_case(decision_date=D(2024, 1, 2))
    record(case, EventType.CHUA_CO_DIEU_KIEN, D(2024, 3, 15))
    record(case, EventType.XAC_MINH_LAI, D(2024, 9, 10))
    done, pending = by_kind(case_deadlines(case, today=D(2024, 10, 1)), "xac_minh_lai")
    assert (done.due, done.done_on) == (D(2024, 9, 15), D(2024, 9, 10))
    assert (pending.due, pending.done_on) == (D(2025, 3, 10), None)


def test_no_reverification_once_the_debtor_can_pay(make_case, record):
    case = make_case(decision_date=D(2024, 1, 2))
    record(case, EventType.CHUA_CO_DIEU_KIEN, D(2024, 3, 15))
    record(case, EventType.XAC_MINH_CO_DIEU_KIEN, D(2024, 5, 15))
    assert not by_kind(case_deadlines(case, today=D(2024, 6, 1)), "xac_minh_lai")


def test_reverification_month_end_is_clamped(make_case, record):
    case = make_case(decision_date=D(2024, 1, 2))
    record(case, EventType.CHUA_CO_DIEU_KIEN, D(2024, 8, 31))
    assert one(case_deadlines(case, today=D(2024, 9, 1)), "xac_minh_lai").due == D(2025, 2, 28)


# ---- entrusting: 5 working days from the grounds (Điều 55 k3) --------------------------------


def test_entrust_due_after_tet(make_case, record, units):
    case = make_case(decision_date=D(2025, 1, 2))
    record(case, EventType.XAC_MINH, D(2025, 1, 24), data={"can_uy_thac": True})
    with time_machine.travel(dt.datetime(2025, 2, 10, 8, 0), tick=False):
        deadline = one(case_deadlines(case), "uy_thac")
        assert deadline.due == D(2025, 2, 7)
        assert deadline.is_overdue(D(2025, 2, 10))
    record(case, EventType.UY_THAC, D(2025, 2, 10), to_unit=units["B"])
    deadline = one(case_deadlines(case, today=D(2025, 2, 11)), "uy_thac")
    assert deadline.done_on == D(2025, 2, 10)
    assert deadline.is_late


def test_no_entrust_deadline_without_grounds(make_case, record):
    case = make_case(decision_date=D(2025, 1, 2))
    record(case, EventType.XAC_MINH, D(2025, 1, 24), data={"can_uy_thac": False})
    record(case, EventType.XAC_MINH_CO_DIEU_KIEN, D(2025, 1, 24))
    assert not by_kind(case_deadlines(case, today=D(2025, 2, 11)), "uy_thac")


def test_entrust_grounds_on_classification(make_case, record):
    case = make_case(decision_date=D(2025, 1, 2))
    record(case, EventType.XAC_MINH_CO_DIEU_KIEN, D(2025, 4, 28), data={"can_uy_thac": True})
    assert one(case_deadlines(case, today=D(2025, 5, 1)), "uy_thac").due == D(2025, 5, 8)


# ---- separate book / gửi lại yêu cầu ---------------------------------------------------------


def no_means_case(make_case, record, since, reverified, ground=None):
    case = make_case(decision_date=D(2024, 1, 2))
    record(case, EventType.CHUA_CO_DIEU_KIEN, since, data={"ground": ground} if ground else {})
    for day in reverified:
        record(case, EventType.XAC_MINH_LAI, day)
    return case


def test_separate_book_2008_one_year(make_case, record):
    case = no_means_case(make_case, record, D(2024, 3, 1), [D(2024, 9, 1), D(2025, 2, 20)])
    # Eligible Saturday 01/03/2025 (1 year, 2 re-verifications): 3 working days → 05/03/2025.
    deadline = one(case_deadlines(case, today=D(2025, 3, 3)), "so_rieng")
    assert deadline.due == D(2025, 3, 5)
    assert deadline.label == "Chuyển sổ theo dõi riêng"
    assert deadline.article == LAW_2008.separate_book_article


def test_separate_book_waits_for_the_second_reverification(make_case, record):
    case = no_means_case(make_case, record, D(2024, 3, 1), [D(2024, 9, 1)])
    assert not by_kind(case_deadlines(case, today=D(2025, 3, 3)), "so_rieng")
    record(case, EventType.XAC_MINH_LAI, D(2025, 3, 10))
    # The 2nd re-verification (Monday 10/03/2025) completes the conditions.
    assert one(case_deadlines(case, today=D(2025, 3, 11)), "so_rieng").due == D(2025, 3, 13)


def test_separate_book_2008_two_years_for_a_prisoner(make_case, record):
    case = no_means_case(
        make_case, record, D(2024, 3, 1), [D(2025, 3, 1), D(2026, 1, 5)], ground="tu"
    )
    # Eligible Sunday 01/03/2026: due Wednesday 04/03/2026.
    assert one(case_deadlines(case, today=D(2026, 1, 6)), "so_rieng").due == D(2026, 3, 4)


def test_separate_book_under_the_2026_law(make_case, record):
    # Decided 01/09/2025 under the 2008 law; one year would end 01/09/2026, when Luật 106/2025
    # is in force: 2 years → Wednesday 01/09/2027; 02–03/09 off → due 08/09/2027.
    case = no_means_case(make_case, record, D(2025, 9, 1), [D(2026, 3, 1), D(2026, 9, 1)])
    deadline = one(case_deadlines(case, today=D(2026, 9, 2)), "so_rieng")
    assert deadline.due == D(2027, 9, 8)
    assert deadline.label == "Gửi lại yêu cầu thi hành án"
    assert deadline.article == LAW_2025.separate_book_article


def test_separate_book_done(make_case, record):
    case = no_means_case(make_case, record, D(2024, 3, 1), [D(2024, 9, 1), D(2025, 2, 20)])
    record(case, EventType.SO_RIENG, D(2025, 3, 4))
    deadlines = case_deadlines(case, today=D(2025, 3, 10))
    deadline = one(deadlines, "so_rieng")
    assert (deadline.due, deadline.done_on) == (D(2025, 3, 5), D(2025, 3, 4))
    # The case is closed: nothing is left open.
    assert all(d.done_on is not None for d in deadlines)


# ---- open cases, lists, officers -------------------------------------------------------------


def test_closed_case_keeps_only_done_deadlines(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    record(case, EventType.THONG_BAO, D(2025, 4, 29))
    record(case, EventType.THU_TIEN, D(2025, 5, 5), amount=10_000_000)
    record(case, EventType.XONG, D(2025, 5, 5))
    deadlines = case_deadlines(case, today=D(2025, 7, 1))
    # Performed in full within the voluntary period: the period ended that day.
    assert {d.kind for d in deadlines} == {"quyet_dinh", "thong_bao", "tu_nguyen"}
    assert one(deadlines, "tu_nguyen").done_on == D(2025, 5, 5)
    assert all(d.done_on for d in deadlines)
    assert open_deadlines([case], D(2025, 7, 1)) == []


def test_events_after_today_are_ignored(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    record(case, EventType.THONG_BAO, D(2025, 5, 5))
    assert one(case_deadlines(case, today=D(2025, 5, 4)), "thong_bao").done_on is None


def test_corrected_notice_date_counts(make_case, record):
    case = make_case(decision_date=D(2025, 4, 28))
    wrong = record(case, EventType.THONG_BAO, D(2025, 5, 12))
    record(case, EventType.THONG_BAO, D(2025, 5, 5), corrects=wrong)
    assert one(case_deadlines(case, today=D(2025, 5, 20)), "thong_bao").done_on == D(2025, 5, 5)


def test_open_deadlines_prefetch_events_in_one_query(make_case, record, django_assert_num_queries):
    cases = [make_case(decision_date=D(2025, 4, 28)) for _ in range(4)]
    for case in cases[:2]:
        record(case, EventType.THONG_BAO, D(2025, 4, 29))
    record(cases[3], EventType.THU_TIEN, D(2025, 5, 5), amount=10_000_000)
    record(cases[3], EventType.XONG, D(2025, 5, 5))
    queryset = Case.objects.filter(pk__in=[c.pk for c in cases])
    with django_assert_num_queries(2):  # the open cases, their events
        deadlines = open_deadlines(queryset, D(2025, 5, 7))
    listed = [list(c for c in Case.objects.filter(pk__in=[c.pk for c in cases]))]
    with django_assert_num_queries(1):  # a list of cases: only the events
        assert open_deadlines(listed[0], D(2025, 5, 7)) == deadlines
    assert {d.case_id for d in deadlines} == {c.pk for c in cases[:3]}
    assert all(d.done_on is None for d in deadlines)
    assert [d.due for d in deadlines] == sorted(d.due for d in deadlines)
    # Case 3 has no notice yet: its notice deadline (06/05) is overdue on 07/05.
    notice = one([d for d in deadlines if d.case_id == cases[2].pk], "thong_bao")
    assert notice.status(D(2025, 5, 7)) == "overdue"


def test_deadlines_by_officer(make_case, record, officer, officer2):
    late = make_case(decision_date=D(2025, 4, 28), officer=officer)  # notice due 06/05
    make_case(decision_date=D(2025, 5, 5), officer=officer)  # notice due 08/05
    make_case(decision_date=D(2025, 5, 5), officer=officer2)
    unassigned = make_case(decision_date=D(2025, 5, 5))
    done = make_case(decision_date=D(2025, 4, 28), officer=officer2)
    record(done, EventType.THU_TIEN, D(2025, 5, 5), amount=10_000_000)
    record(done, EventType.XONG, D(2025, 5, 5))
    counts = deadlines_by_officer(Case.objects.all(), D(2025, 5, 8))
    # Officer 1: a notice overdue (06/05) and a notice due today (08/05); both verifications
    # are due later; officer 2: one notice today; the closed case counts nothing.
    assert counts[officer.pk] == {"overdue": 1, "today": 1, "this_week": 0}
    assert counts[officer2.pk] == {"overdue": 0, "today": 1, "this_week": 0}
    assert counts[None] == {"overdue": 0, "today": 1, "this_week": 0}
    assert set(counts) == {officer.pk, officer2.pk, None}
    assert late.pk and unassigned.pk


def test_a_postponement_until_a_day_sets_the_resumption_deadline(make_case, record):
    case = make_case()
    record(case, EventType.HOAN, D(2024, 3, 1), data={"reason": "khac", "until": "2024-06-14"})
    deadline = one(case_deadlines(case, today=D(2024, 6, 1)), "tiep_tuc")
    # 5 working days after Friday 14/06/2024: Friday 21/06/2024 (Điều 48 k3).
    assert deadline.due == D(2024, 6, 21) and deadline.done_on is None
    assert deadline.article == "Luật THADS 2008, Điều 48 k3"
    assert deadline in open_deadlines(Case.objects.filter(pk=case.pk), D(2024, 6, 1))
    record(case, EventType.TIEP_TUC, D(2024, 6, 17))
    assert one(case_deadlines(case, today=D(2024, 7, 1)), "tiep_tuc").done_on == D(2024, 6, 17)
    # A hoãn without an end day (imported history) sets none.
    other = make_case()
    record(other, EventType.HOAN, D(2024, 3, 1), data={"reason": "khac"})
    assert by_kind(case_deadlines(other, today=D(2024, 6, 1)), "tiep_tuc") == []
