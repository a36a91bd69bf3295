"""Services: every event type through `event_record`, corrections, entrusting, assignment,
optimistic locking and the append-only history (model and database)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import DatabaseError, transaction

from thads.cases import services
from thads.cases.models import Case, CaseEvent, CaseMode, CaseState, EventType
from thads.cases.transitions import RULES, TransitionError
from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError
from thads.testing.transitions import (
    OTHER_UNIT,
    PAIRS,
    History,
    expected_state,
    params,
    prerequisites,
    reach,
)

D = dt.date
E = EventType
S = CaseState
pytestmark = pytest.mark.django_db


def replay_into(case, record, events, units):
    for e in events:
        to_unit = units["B"] if e.to_unit_id == OTHER_UNIT else None
        record(case, e.type, e.on, amount=e.amount, data=e.data, to_unit=to_unit)


# One allowed state per event type (dang_thi_hanh when allowed): the service path of each rule.
ONE_STATE = {}
for _type, _state in PAIRS:
    if _type not in ONE_STATE or _state == S.DANG_THI_HANH:
        ONE_STATE[_type] = _state


@pytest.mark.parametrize("type", sorted(RULES))
def test_every_event_type_through_the_service(type, make_case, record, units):
    state = ONE_STATE[type]
    case = make_case(decision_date=D(2024, 3, 1), budget=True)
    h = History()
    h.add(E.XAC_MINH_CO_DIEU_KIEN)
    prerequisites(h, type)
    reach(h, state)
    if type == E.SO_RIENG:
        h.add(E.XAC_MINH_LAI, gap=180).add(E.XAC_MINH_LAI, gap=180)
    replay_into(case, record, h.events, units)
    case.refresh_from_db()
    before_version = case.version
    assert case.state == state
    event = h.make(type, gap=10 if type == E.SO_RIENG else 1, **params(type))
    replay_into(case, record, [event], units)
    case.refresh_from_db()
    assert case.state == expected_state(type, h.snapshot, event)
    assert case.version == before_version + 1
    saved = case.events.order_by("-seq").first()
    assert (saved.type, saved.on, saved.amount) == (type, event.on, event.amount)
    assert saved.law_version == "2008"


def test_summary_columns_follow_the_history(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    record(case, E.XAC_MINH_CO_DIEU_KIEN, D(2024, 3, 5))
    record(case, E.THU_TIEN, D(2024, 3, 6), amount=4_000_000)
    case.refresh_from_db()
    assert (case.state, case.is_classified, case.collected, case.remainder) == (
        S.DANG_THI_HANH,
        True,
        4_000_000,
        6_000_000,
    )
    record(case, E.THU_TIEN, D(2024, 3, 7), amount=6_000_000)
    record(case, E.XONG, D(2024, 3, 8))
    case.refresh_from_db()
    assert (case.state, case.closed_on, case.is_open) == (S.XONG, D(2024, 3, 8), False)


def test_law_version_recorded_by_event_date(make_case, record):
    case = make_case(decision_date=D(2026, 6, 1))
    assert record(case, E.THONG_BAO, D(2026, 6, 30)).law_version == "2008"
    assert record(case, E.TONG_DAT, D(2026, 7, 1)).law_version == "2025"


# ---- refusals change nothing -------------------------------------------------------------------


def test_refused_event_changes_nothing(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    record(case, E.THU_TIEN, D(2024, 3, 6), amount=4_000_000)
    case.refresh_from_db()
    version = case.version
    with pytest.raises(TransitionError) as info:
        record(case, E.XONG, D(2024, 3, 7))
    assert info.value.message.startswith("Chưa thể xác nhận thi hành xong: còn 6.000.000 đ")
    case.refresh_from_db()
    assert (case.state, case.version, case.events.count()) == (S.DANG_THI_HANH, version, 1)


def test_event_in_the_future_refused_on_the_real_clock(make_case):
    case = make_case(decision_date=D(2025, 1, 20))
    with time_machine.travel(dt.datetime(2025, 1, 24, 10, 0), tick=False):
        with pytest.raises(TransitionError) as info:
            services.event_record(case, type=E.THONG_BAO, on=D(2025, 1, 25))
        assert "ngày tương lai (25/01/2025)" in info.value.message
        services.event_record(case, type=E.THONG_BAO, on=D(2025, 1, 24))
    assert case.events.count() == 1


def test_event_before_acceptance_refused(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    with pytest.raises(TransitionError) as info:
        record(case, E.THONG_BAO, D(2024, 2, 29))
    assert info.value.message == (
        "Thông báo thi hành án: ngày 29/02/2024 trước ngày thụ lý 01/03/2024."
    )
    assert not case.events.exists()


def test_reduction_of_a_case_without_state_budget_obligation(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1), budget=False)
    with pytest.raises(TransitionError) as info:
        record(case, E.MIEN_GIAM, D(2024, 3, 5), amount=1_000_000)
    assert info.value.message.startswith("Chỉ được miễn, giảm đối với khoản thu nộp ngân sách")


def test_reduction_capped_at_the_state_budget_obligations(make_case, record):
    case = make_case(
        decision_date=D(2024, 3, 1),
        obligations=[
            services.ObligationInput(description="Bồi thường", amount=9_000_000),
            services.ObligationInput(
                description="Án phí dân sự sơ thẩm", amount=1_000_000, is_state_budget=True
            ),
        ],
    )
    record(case, E.MIEN_GIAM, D(2024, 3, 5), amount=600_000)
    with pytest.raises(TransitionError) as info:
        record(case, E.MIEN_GIAM, D(2024, 3, 6), amount=400_001)
    assert info.value.message == (
        "Số tiền miễn, giảm 400.001 đ vượt quá phần nghĩa vụ nộp ngân sách nhà nước còn có thể "
        "miễn, giảm (400.000 đ)."
    )
    record(case, E.MIEN_GIAM, D(2024, 3, 6), amount=400_000)
    case.refresh_from_db()
    assert case.reduced == 1_000_000


def test_return_of_request_on_an_ex_officio_case(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1), mode=CaseMode.CHU_DONG)
    with pytest.raises(TransitionError) as info:
        record(case, E.TRA_DON, D(2024, 3, 5))
    assert info.value.message == (
        "Chỉ trả đơn yêu cầu đối với việc thi hành theo đơn; đây là việc chủ động."
    )


# ---- corrections --------------------------------------------------------------------------------


def test_correcting_a_wrong_payment_amount(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    wrong = record(case, E.THU_TIEN, D(2024, 3, 6), amount=5_000_000)
    fixed = record(case, E.THU_TIEN, D(2024, 3, 6), amount=3_000_000, corrects=wrong)
    case.refresh_from_db()
    assert case.collected == 3_000_000
    assert fixed.corrects_id == wrong.pk
    assert case.events.count() == 2  # the wrong one stays in the history


def test_voiding_an_event(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    record(case, E.THU_TIEN, D(2024, 3, 6), amount=10_000_000)
    done = record(case, E.XONG, D(2024, 3, 7))
    record(case, E.HUY_SU_KIEN, D(2024, 3, 8), corrects=done)
    case.refresh_from_db()
    assert (case.state, case.closed_on, case.collected) == (S.DANG_THI_HANH, None, 10_000_000)


def test_void_needs_the_event_to_void(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    with pytest.raises(DomainError) as info:
        record(case, E.HUY_SU_KIEN, D(2024, 3, 8))
    assert info.value.message == "Phải chọn sự kiện cần hủy."
    assert not case.events.exists()


@pytest.mark.parametrize("on", [D(2024, 2, 29), D(2024, 3, 9)])
def test_void_dated_outside_the_case_life_refused(make_case, record, on):
    case = make_case(decision_date=D(2024, 3, 1))
    paid = record(case, E.THU_TIEN, D(2024, 3, 6), amount=1_000)
    with pytest.raises(DomainError) as info:
        record(case, E.HUY_SU_KIEN, on, corrects=paid, today=D(2024, 3, 8))
    assert info.value.message == (
        f"Ngày hủy bỏ ghi nhận sai ({on:%d/%m/%Y}) phải từ ngày thụ lý 01/03/2024 đến hôm nay."
    )
    assert case.events.count() == 1


def test_correcting_the_same_event_twice_refused(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    wrong = record(case, E.THU_TIEN, D(2024, 3, 6), amount=5_000_000)
    record(case, E.THU_TIEN, D(2024, 3, 6), amount=3_000_000, corrects=wrong)
    with pytest.raises(DomainError) as info:
        record(case, E.HUY_SU_KIEN, D(2024, 3, 7), corrects=wrong)
    assert info.value.message == "Sự kiện này đã được sửa trước đó."
    assert case.events.count() == 2


def test_correcting_an_event_of_another_case_refused(make_case, record):
    case, other = make_case(decision_date=D(2024, 3, 1)), make_case(decision_date=D(2024, 3, 1))
    foreign = record(other, E.THU_TIEN, D(2024, 3, 6), amount=1_000)
    with pytest.raises(DomainError) as info:
        record(case, E.HUY_SU_KIEN, D(2024, 3, 7), corrects=foreign)
    assert info.value.message == "Sự kiện cần sửa không thuộc việc này."


def test_correction_that_breaks_the_later_history_refused(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    paid = record(case, E.THU_TIEN, D(2024, 3, 6), amount=10_000_000)
    record(case, E.XONG, D(2024, 3, 7))
    with pytest.raises(TransitionError) as info:
        record(case, E.THU_TIEN, D(2024, 3, 6), amount=6_000_000, corrects=paid)
    assert info.value.message.startswith("Chưa thể xác nhận thi hành xong: còn 4.000.000 đ")
    case.refresh_from_db()
    assert (case.state, case.collected, case.events.count()) == (S.XONG, 10_000_000, 2)


# ---- entrusting ---------------------------------------------------------------------------------


def test_entrust_opens_the_case_at_the_receiving_unit(make_case, record, units):
    case = make_case(decision_date=D(2024, 3, 1), budget=True)
    record(case, E.THU_TIEN, D(2024, 3, 6), amount=4_000_000)
    new = services.case_entrust(case, to_unit=units["B"], on=D(2024, 3, 8), new_code="B-0001")
    case.refresh_from_db()
    assert (case.state, case.closed_on) == (S.UY_THAC, D(2024, 3, 8))
    assert case.events.get(type=E.UY_THAC).to_unit == units["B"]
    assert new.unit == units["B"]
    assert new.from_case == case
    assert case.entrusted_to_case == new
    assert (new.amount, new.collected, new.state) == (6_000_000, 0, S.DANG_THI_HANH)
    assert (new.accepted_on, new.received_on) == (D(2024, 3, 8), D(2024, 3, 8))
    assert new.mode == case.mode and new.is_state_budget
    assert [p.name for p in new.parties.all()] == [p.name for p in case.parties.all()]


def test_entrust_keeps_the_state_budget_part_bounded(make_case, record, units):
    case = make_case(
        decision_date=D(2024, 3, 1),
        obligations=[
            services.ObligationInput(description="Bồi thường", amount=9_000_000),
            services.ObligationInput(
                description="Án phí dân sự sơ thẩm", amount=1_000_000, is_state_budget=True
            ),
        ],
    )
    record(case, E.MIEN_GIAM, D(2024, 3, 5), amount=600_000)
    record(case, E.THU_TIEN, D(2024, 3, 6), amount=2_000_000)
    new = services.case_entrust(case, to_unit=units["B"], on=D(2024, 3, 8), new_code="B-0002")
    assert [(o.amount, o.is_state_budget) for o in new.obligations.all()] == [
        (7_000_000, False),
        (400_000, True),
    ]
    assert new.amount == 7_400_000
    with pytest.raises(TransitionError):
        record(new, E.MIEN_GIAM, D(2024, 3, 9), amount=400_001)


def test_entrust_to_the_same_unit_refused(make_case, units):
    case = make_case(decision_date=D(2024, 3, 1))
    with pytest.raises(TransitionError) as info:
        services.case_entrust(case, to_unit=units["A"], on=D(2024, 3, 8), new_code="A-9")
    assert info.value.message == "Không thể ủy thác cho chính đơn vị đang thụ lý."
    assert not Case.objects.filter(code="A-9").exists()


def test_entrust_a_closed_case_refused(make_case, record, units):
    case = make_case(decision_date=D(2024, 3, 1))
    record(case, E.DINH_CHI, D(2024, 3, 5))
    with pytest.raises(TransitionError):
        services.case_entrust(case, to_unit=units["B"], on=D(2024, 3, 8), new_code="B-9")
    assert not Case.objects.filter(code="B-9").exists()


# ---- assignment -------------------------------------------------------------------------------


def test_assign_an_officer(make_case, officer):
    case = make_case(decision_date=D(2024, 3, 1))
    case = services.case_assign(case, officer=officer, on=D(2024, 3, 2))
    assert case.officer == officer
    event = case.events.get()
    assert (event.type, event.data) == (E.PHAN_CONG, {"officer": "A-01", "previous": None})


def test_assign_refuses_a_non_officer(make_case, clerk):
    case = make_case(decision_date=D(2024, 3, 1))
    with pytest.raises(DomainError) as info:
        services.case_assign(case, officer=clerk, on=D(2024, 3, 2))
    assert info.value.message == "Lê Thị Cúc không phải Chấp hành viên."
    case.refresh_from_db()
    assert case.officer is None and not case.events.exists()


# ---- optimistic locking ----------------------------------------------------------------------


def test_stale_version_refused(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    seen = case.version
    record(case, E.THONG_BAO, D(2024, 3, 2), expected_version=seen)
    with pytest.raises(ConcurrentEditError):
        record(case, E.TONG_DAT, D(2024, 3, 3), expected_version=seen)
    case.refresh_from_db()
    assert case.version == seen + 1
    assert case.events.count() == 1


def test_stale_version_refused_on_assignment(make_case, record, officer):
    case = make_case(decision_date=D(2024, 3, 1))
    seen = case.version
    record(case, E.THONG_BAO, D(2024, 3, 2))
    with pytest.raises(ConcurrentEditError):
        services.case_assign(case, officer=officer, on=D(2024, 3, 3), expected_version=seen)
    case.refresh_from_db()
    assert case.officer is None


# ---- append-only history ------------------------------------------------------------------------


def test_event_update_refused_by_the_model(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    event = record(case, E.THU_TIEN, D(2024, 3, 6), amount=1_000)
    event.amount = 2_000
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert CaseEvent.objects.get(pk=event.pk).amount == 1_000


def test_event_update_and_delete_refused_by_the_database(make_case, record):
    case = make_case(decision_date=D(2024, 3, 1))
    event = record(case, E.THU_TIEN, D(2024, 3, 6), amount=1_000)
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(amount=2_000)
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk)._raw_delete(CaseEvent.objects.db)
    assert CaseEvent.objects.get(pk=event.pk).amount == 1_000
