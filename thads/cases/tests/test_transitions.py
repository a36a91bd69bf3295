"""The transition table: every allowed (event, state) pair succeeds; forbidden ones say why.

Pure tests on in-memory events (`validate_history`), no database.
"""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases.models import CaseMode, CaseState, EventType
from thads.cases.state import CaseSnapshot
from thads.cases.transitions import (
    RULES,
    TransitionError,
    allowed_events,
    validate_history,
)
from thads.testing.cases import ev
from thads.testing.transitions import (
    AMOUNT,
    PAIRS,
    START,
    History,
    expected_state,
    facts,
    params,
    prerequisites,
    reach,
)

D = dt.date
S = CaseState
E = EventType


# Prerequisites (recorded while the case is classified dang_thi_hanh) and lawful parameters.


# How to reach each state from a classified dang_thi_hanh case.


def test_every_event_type_has_a_rule():
    assert set(RULES) == set(E.values) - {E.HUY_SU_KIEN}


@pytest.mark.parametrize(("type", "state"), PAIRS, ids=[f"{t}@{s}" for t, s in PAIRS])
def test_allowed_transition(type, state):
    h = History()
    h.add(E.XAC_MINH_CO_DIEU_KIEN)
    prerequisites(h, type)
    reach(h, state)
    before = validate_history(facts(), h.events)
    assert before.state == state
    assert type in allowed_events(facts(), before)
    if type == E.SO_RIENG:  # the waiting time and two re-verifications (NĐ 62/2015 Đ9 k5)
        h.add(E.XAC_MINH_LAI, gap=180).add(E.XAC_MINH_LAI, gap=180)
    event = h.make(type, gap=10 if type == E.SO_RIENG else 1, **params(type))
    after = validate_history(facts(), [*h.events, event])
    assert after.state == expected_state(type, before, event)
    assert after.is_classified


# ---- tiếp tục returns to the state before the suspension -------------------------------------


@pytest.mark.parametrize(
    ("start", "suspend", "reason"),
    [
        (E.XAC_MINH_CO_DIEU_KIEN, E.HOAN, "khac"),
        (E.XAC_MINH_CO_DIEU_KIEN, E.HOAN, "thoa_thuan"),
        (E.XAC_MINH_CO_DIEU_KIEN, E.TAM_DINH_CHI, None),
        (E.CHUA_CO_DIEU_KIEN, E.HOAN, "khac"),
        (E.CHUA_CO_DIEU_KIEN, E.TAM_DINH_CHI, None),
    ],
)
def test_resume_returns_to_the_state_before(start, suspend, reason):
    h = History().add(start)
    h.add(suspend, data={"reason": reason} if reason else {})
    h.add(E.TIEP_TUC)
    expected = S.CHUA_CO_DIEU_KIEN if start == E.CHUA_CO_DIEU_KIEN else S.DANG_THI_HANH
    assert validate_history(facts(), h.events).state == expected


def test_resume_after_suspension_during_postponement_returns_to_no_means():
    h = History().add(E.CHUA_CO_DIEU_KIEN).add(E.HOAN, data={"reason": "khac"})
    h.add(E.TAM_DINH_CHI).add(E.TIEP_TUC)
    snapshot = validate_history(facts(), h.events)
    assert snapshot.state == S.CHUA_CO_DIEU_KIEN
    # The no-means decision still counts for the separate book.
    assert snapshot.no_means_since == h.events[0].on


# ---- forbidden transitions and their Vietnamese messages -------------------------------------


def refused(events, **fact_overrides) -> TransitionError:
    with pytest.raises(TransitionError) as info:
        validate_history(facts(**fact_overrides), events)
    return info.value


def test_auction_without_valuation():
    h = (
        History()
        .add(E.XAC_MINH_CO_DIEU_KIEN)
        .add(E.QUYET_DINH_CUONG_CHE, data={"measure": "ke_bien"})
    )
    h.add(E.DAU_GIA, data={"result": "thanh_cong"})
    error = refused(h.events)
    assert error.message == "Không thể bán đấu giá khi tài sản chưa được thẩm định giá."
    assert error.article == "Luật THADS 2008, Điều 101"
    assert error.index == 2


def test_valuation_without_seizure():
    h = History().add(E.XAC_MINH_CO_DIEU_KIEN).add(E.THAM_DINH_GIA, amount=1_000)
    assert refused(h.events).message == "Phải kê biên tài sản trước khi thẩm định giá."


def test_done_with_money_left():
    h = History().add(E.XAC_MINH_CO_DIEU_KIEN).add(E.THU_TIEN, amount=6_000_000).add(E.XONG)
    assert refused(h.events).message == (
        "Chưa thể xác nhận thi hành xong: còn 4.000.000 đ phải thi hành. "
        "Phải thu, miễn hoặc giảm hết số tiền còn lại trước."
    )


def test_done_after_reduction_to_zero():
    h = History().add(E.XAC_MINH_CO_DIEU_KIEN).add(E.THU_TIEN, amount=6_000_000)
    h.add(E.MIEN_GIAM, amount=4_000_000).add(E.XONG)
    snapshot = validate_history(facts(), h.events)
    assert (snapshot.state, snapshot.collected, snapshot.reduced) == (S.XONG, 6_000_000, 4_000_000)


def test_payment_after_done():
    h = History().add(E.XAC_MINH_CO_DIEU_KIEN).add(E.THU_TIEN, amount=AMOUNT).add(E.XONG)
    h.add(E.THU_TIEN, amount=1)
    error = refused(h.events)
    assert error.message == (
        "Không thể ghi nhận “Thu tiền / giao tài sản” khi việc đang ở trạng thái “Thi hành xong”."
    )
    assert error.index == 3


def test_payment_above_the_remainder():
    h = History().add(E.THU_TIEN, amount=AMOUNT + 1)
    assert refused(h.events).message == (
        "Số tiền 10.000.001 đ vượt quá số tiền còn phải thi hành (10.000.000 đ)."
    )


def test_payment_needs_a_positive_amount():
    h = History().add(E.THU_TIEN)
    assert refused(h.events).message == (
        "Thu tiền / giao tài sản: số tiền phải là số nguyên dương (đồng)."
    )


def coercion(day: dt.date, time: str | None = "08:00"):
    decision = ev(E.QUYET_DINH_CUONG_CHE, day - dt.timedelta(days=30), data={"measure": "ke_bien"})
    classified = ev(E.XAC_MINH_CO_DIEU_KIEN, day - dt.timedelta(days=31))
    data = {"time": time} if time else {}
    return [classified, decision, ev(E.CUONG_CHE, day, data=data)]


@pytest.mark.parametrize("time", ["23:00", "22:00", "05:59", "00:30"])
def test_coercion_at_night(time):
    error = refused(coercion(D(2024, 6, 12), time))
    assert error.message == "Không được cưỡng chế trong khoảng từ 22 giờ đến 06 giờ sáng hôm sau."
    assert error.article == "Luật THADS 2008, Điều 46; NĐ 62/2015, Điều 8"


@pytest.mark.parametrize("time", ["06:00", "21:59", None])
def test_coercion_by_day(time):
    assert validate_history(facts(), coercion(D(2024, 6, 12), time)).state == S.DANG_THI_HANH


@pytest.mark.parametrize("time", ["8h", "12:99", "24:00", "-1:00"])
def test_coercion_time_must_be_valid(time):
    assert refused(coercion(D(2024, 6, 12), time)).message == (
        "Giờ cưỡng chế không hợp lệ (định dạng HH:MM)."
    )


def test_coercion_on_a_public_holiday():
    # Monday 02/09/2024, Quốc khánh.
    assert refused(coercion(D(2024, 9, 2))).message == (
        "Không được cưỡng chế vào ngày nghỉ lễ (Quốc khánh, 02/09/2024)."
    )


def test_coercion_on_a_weekend():
    assert refused(coercion(D(2024, 6, 15))).message == (
        "Không được cưỡng chế vào ngày nghỉ cuối tuần (15/06/2024)."
    )


@pytest.mark.parametrize("day", [D(2025, 1, 14), D(2025, 2, 13)], ids=["before", "after"])
def test_coercion_within_15_days_of_tet(day):
    # Mùng 1 Tết Ất Tỵ: 29/01/2025; 14/01 is 15 days before, 13/02 is 15 days after.
    assert refused(coercion(day)).message == (
        f"Không được cưỡng chế trong thời gian 15 ngày trước và sau Tết Nguyên đán "
        f"({day:%d/%m/%Y})."
    )


@pytest.mark.parametrize("day", [D(2025, 1, 13), D(2025, 2, 14)], ids=["before", "after"])
def test_coercion_just_outside_the_tet_window(day):
    assert validate_history(facts(accepted_on=D(2024, 1, 1)), coercion(day)).state == (
        S.DANG_THI_HANH
    )


def test_coercion_without_decision():
    h = History().add(E.XAC_MINH_CO_DIEU_KIEN).add(E.CUONG_CHE)
    assert refused(h.events).message == "Chưa có quyết định cưỡng chế."


def test_coercion_decision_before_verification():
    h = History().add(E.QUYET_DINH_CUONG_CHE, data={"measure": "ke_bien"})
    assert refused(h.events).message == (
        "Phải xác minh điều kiện thi hành án trước khi ra quyết định cưỡng chế."
    )


# ---- separate book / gửi lại yêu cầu ---------------------------------------------------------


def no_means(since, reverified, so_rieng_on, ground=None):
    events = [ev(E.CHUA_CO_DIEU_KIEN, since, data={"ground": ground} if ground else {})]
    events += [ev(E.XAC_MINH_LAI, day) for day in reverified]
    events.append(ev(E.SO_RIENG, so_rieng_on))
    return events


def test_separate_book_needs_two_reverifications():
    events = no_means(D(2024, 3, 5), [D(2024, 9, 5)], D(2025, 3, 10))
    error = refused(events)
    assert error.message == (
        "Phải xác minh lại ít nhất 2 lần sau quyết định về việc chưa có điều kiện thi hành án "
        "(mới có 1 lần)."
    )
    assert error.article == "NĐ 62/2015/NĐ-CP, Điều 9 k5 (sửa đổi bởi NĐ 33/2020/NĐ-CP)"


def test_separate_book_2008_one_year():
    reverified = [D(2024, 9, 5), D(2025, 3, 1)]
    error = refused(no_means(D(2024, 3, 5), reverified, D(2025, 3, 4)))
    assert error.message == (
        "Chưa đủ thời gian: chỉ được chuyển từ ngày 05/03/2025 (1 năm kể từ quyết định về việc "
        "chưa có điều kiện thi hành án ngày 05/03/2024, theo Luật THADS 2008 (sửa đổi, bổ sung))."
    )
    snapshot = validate_history(facts(), no_means(D(2024, 3, 5), reverified, D(2025, 3, 5)))
    assert snapshot.state == S.SO_RIENG
    assert snapshot.closed_on == D(2025, 3, 5)


def test_separate_book_year_is_a_calendar_year_not_365_days():
    # 05/03/2024 + 365 days = 04/03/2025 (2024 is not the leap year here) — but 01/03/2023 +
    # 365 days = 29/02/2024, one day before the year is over.
    reverified = [D(2023, 9, 1), D(2024, 2, 1)]
    events = no_means(D(2023, 3, 1), reverified, D(2024, 2, 29))
    assert (
        "chỉ được chuyển từ ngày 01/03/2024" in refused(events, accepted_on=D(2023, 1, 1)).message
    )
    events = no_means(D(2023, 3, 1), reverified, D(2024, 3, 1))
    assert validate_history(facts(accepted_on=D(2023, 1, 1)), events).state == S.SO_RIENG


@pytest.mark.parametrize("ground", ["tu", "khong_ro_dia_chi"])
def test_separate_book_2008_two_years_for_prisoners_and_unknown_address(ground):
    reverified = [D(2024, 9, 5), D(2025, 3, 5)]
    error = refused(no_means(D(2024, 3, 5), reverified, D(2025, 3, 10), ground))
    assert error.message.startswith("Chưa đủ thời gian: chỉ được chuyển từ ngày 05/03/2026 (2 năm")
    snapshot = validate_history(facts(), no_means(D(2024, 3, 5), reverified, D(2026, 3, 5), ground))
    assert snapshot.state == S.SO_RIENG


def test_separate_book_ground_on_the_event_itself():
    reverified = [D(2024, 9, 5), D(2025, 3, 5)]
    events = no_means(D(2024, 3, 5), reverified, D(2025, 3, 10))
    events[-1].data = {"ground": "tu"}
    assert "05/03/2026" in refused(events).message


def test_separate_book_2026_law_two_years():
    reverified = [D(2026, 8, 1), D(2027, 2, 1)]
    error = refused(no_means(D(2026, 7, 1), reverified, D(2027, 7, 5)), accepted_on=D(2026, 7, 1))
    assert error.message == (
        "Chưa đủ thời gian: chỉ được chuyển từ ngày 01/07/2028 (2 năm kể từ quyết định về việc "
        "chưa có điều kiện thi hành án ngày 01/07/2026, theo Luật THADS số 106/2025/QH15)."
    )
    assert error.article == "Luật THADS 2025, Điều 38 k4 (gửi lại yêu cầu thi hành án)"


def test_case_started_under_2008_reaching_the_separate_book_under_the_2026_law():
    # Decided 01/09/2025 (2008 law: one year → 01/09/2026); on 02/09/2026 Luật 106/2025 is in
    # force and asks for two years.
    reverified = [D(2026, 3, 1), D(2026, 6, 1)]
    error = refused(no_means(D(2025, 9, 1), reverified, D(2026, 9, 2)))
    assert "chỉ được chuyển từ ngày 01/09/2027" in error.message
    assert "Luật THADS số 106/2025/QH15" in error.message
    snapshot = validate_history(facts(), no_means(D(2025, 9, 1), reverified, D(2027, 9, 1)))
    assert snapshot.state == S.SO_RIENG


def test_case_reaching_the_separate_book_before_the_2026_law_uses_the_2008_rule():
    reverified = [D(2025, 9, 1), D(2026, 3, 1)]
    snapshot = validate_history(facts(), no_means(D(2025, 3, 2), reverified, D(2026, 6, 30)))
    assert snapshot.state == S.SO_RIENG


def test_separate_book_only_from_no_means():
    h = History().add(E.XAC_MINH_CO_DIEU_KIEN).add(E.SO_RIENG)
    assert refused(h.events).message == (
        "Không thể ghi nhận “Chuyển sổ theo dõi riêng / gửi lại yêu cầu” khi việc đang ở trạng "
        "thái “Đang thi hành”."
    )


def test_reclassification_resets_the_separate_book_count():
    events = [
        ev(E.CHUA_CO_DIEU_KIEN, D(2024, 3, 5)),
        ev(E.XAC_MINH_LAI, D(2024, 9, 5)),
        ev(E.XAC_MINH_LAI, D(2025, 3, 5)),
        ev(E.XAC_MINH_CO_DIEU_KIEN, D(2025, 3, 6)),
        ev(E.CHUA_CO_DIEU_KIEN, D(2025, 4, 1)),
        ev(E.SO_RIENG, D(2025, 4, 2)),
    ]
    assert "chỉ được chuyển từ ngày 01/04/2026" in refused(events).message


# ---- other refusals ---------------------------------------------------------------------------


def test_reduction_only_on_state_budget_obligations():
    h = History().add(E.MIEN_GIAM, amount=1_000_000)
    error = refused(h.events, has_state_budget_obligation=False)
    assert error.message == (
        "Chỉ được miễn, giảm đối với khoản thu nộp ngân sách nhà nước; việc này không có "
        "khoản nào phải nộp ngân sách."
    )
    assert error.article == "Luật THADS 2008, Điều 61"


def test_return_of_request_on_an_ex_officio_case():
    h = History().add(E.TRA_DON)
    error = refused(h.events, mode=CaseMode.CHU_DONG)
    assert error.message == (
        "Chỉ trả đơn yêu cầu đối với việc thi hành theo đơn; đây là việc chủ động."
    )
    assert E.TRA_DON not in allowed_events(facts(mode=CaseMode.CHU_DONG), CaseSnapshot(AMOUNT))


def test_postponement_needs_a_reason():
    h = History().add(E.HOAN)
    assert refused(h.events).message == (
        "Phải chọn lý do hoãn: theo thỏa thuận của đương sự hoặc lý do khác."
    )


def test_resume_only_when_suspended():
    h = History().add(E.TIEP_TUC)
    assert refused(h.events).message == (
        "Không thể ghi nhận “Tiếp tục thi hành án” khi việc đang ở trạng thái “Đang thi hành”."
    )


def test_no_payment_while_suspended():
    h = History().add(E.TAM_DINH_CHI).add(E.THU_TIEN, amount=1)
    assert "“Tạm đình chỉ”" in refused(h.events).message


def test_entrust_needs_another_unit():
    assert refused(History().add(E.UY_THAC).events).message == (
        "Phải chọn cơ quan thi hành án nhận ủy thác."
    )
    assert refused(History().add(E.UY_THAC, to_unit_id=1).events).message == (
        "Không thể ủy thác cho chính đơn vị đang thụ lý."
    )


def test_payout_above_collected():
    h = History().add(E.THU_TIEN, amount=1_000_000).add(E.CHI_TRA, amount=1_000_001)
    assert refused(h.events).message == (
        "Số tiền chi trả vượt quá số tiền đã thu chưa chi (1.000.000 đ)."
    )


def test_creditor_takes_the_asset_only_after_two_reductions():
    h = History().add(E.XAC_MINH_CO_DIEU_KIEN)
    h.add(E.QUYET_DINH_CUONG_CHE, data={"measure": "ke_bien"}).add(E.THAM_DINH_GIA, amount=9)
    h.add(E.DAU_GIA, data={"result": "khong_thanh"}).add(E.GIAM_GIA)
    h.add(E.DAU_GIA, data={"result": "khong_thanh"}).add(E.NHAN_TAI_SAN)
    assert refused(h.events).message.startswith(
        "Người được thi hành án chỉ được nhận tài sản để trừ vào số tiền được thi hành"
    )


def test_event_before_acceptance():
    error = refused([ev(E.THONG_BAO, START - dt.timedelta(days=1))])
    assert error.message == "Thông báo thi hành án: ngày 03/03/2024 trước ngày thụ lý 04/03/2024."


def test_event_in_the_future():
    with pytest.raises(TransitionError) as info:
        validate_history(facts(), [ev(E.THONG_BAO, D(2024, 3, 6))], today=D(2024, 3, 5))
    assert info.value.message == (
        "Thông báo thi hành án: không được ghi nhận sự kiện ở ngày tương lai (06/03/2024)."
    )
    assert validate_history(facts(), [ev(E.THONG_BAO, D(2024, 3, 5))], today=D(2024, 3, 5))


def test_unknown_event_type():
    assert refused([ev("bay_ve_troi", START)]).message == (
        "Loại sự kiện không hợp lệ: bay_ve_troi."
    )


def test_error_index_is_the_position_given():
    # Given out of date order: the offending event is at position 0 of the list.
    events = [ev(E.XONG, D(2024, 3, 10)), ev(E.XAC_MINH_CO_DIEU_KIEN, D(2024, 3, 5))]
    assert refused(events).index == 0


def test_law_2025_articles_after_1_7_2026():
    error = refused(
        [ev(E.MIEN_GIAM, D(2026, 7, 2), amount=1)],
        accepted_on=D(2026, 7, 1),
        has_state_budget_obligation=False,
    )
    assert error.article == "Luật THADS 2025"
