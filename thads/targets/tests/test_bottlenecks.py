"""Each bottleneck on constructed cases: in and out of its list, at the boundaries.

Cases are written straight with the ORM (summary cache and events as the services would leave
them): these tests are about the reads, and the boundaries need exact values.
"""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases import prolonged
from thads.cases.models import Case, CaseState, EventType
from thads.common.errors import DomainError
from thads.complaints.models import Complaint
from thads.ledger import services as ledger
from thads.org.access import access_for, scope_unit_ids
from thads.org.models import Staff
from thads.stats.facts import refresh_facts
from thads.targets import bottlenecks
from thads.targets.bottlenecks import BY_KEY, Params
from thads.testing.targets import add_event, make_case, serial

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 5, 15)


def codes(key: str, cases, params: Params | None = None, as_of: dt.date = AS_OF) -> set[str]:
    params = params or Params.defaults()
    return set(
        bottlenecks.cases_of(BY_KEY[key], cases, params, as_of).values_list("code", flat=True)
    )


@pytest.fixture
def demo_org(shared_demo_org, db):
    return shared_demo_org


@pytest.fixture
def unit(demo_org):
    return demo_org["TNG-KV2"]


@pytest.fixture
def all_cases(unit):
    return Case.objects.all()


# ---- a. more than one year after the decision ----------------------------------------------


def test_over_one_year_boundary_and_states(unit, all_cases):
    exactly = make_case(unit, decision=dt.date(2025, 5, 15))
    one_day_more = make_case(unit, decision=dt.date(2025, 5, 14))
    agreed = make_case(unit, decision=dt.date(2024, 1, 1), state=CaseState.HOAN_THOA_THUAN)
    postponed = make_case(unit, decision=dt.date(2024, 1, 1), state=CaseState.HOAN_KHAC)
    no_means = make_case(unit, decision=dt.date(2024, 1, 1), classified=False)
    done = make_case(unit, decision=dt.date(2024, 1, 1), state=CaseState.XONG)
    found = codes("qua-mot-nam", all_cases)
    assert one_day_more.code in found and agreed.code in found
    assert not found & {exactly.code, postponed.code, no_means.code, done.code}


def test_one_year_before_a_leap_day():
    assert prolonged.one_year_before(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


# ---- b. old cases --------------------------------------------------------------------------


def test_old_cases_year_boundary_and_parameter(unit, all_cases):
    y2016 = make_case(unit, decision=dt.date(2016, 12, 31))
    y2017 = make_case(unit, decision=dt.date(2017, 1, 1))
    old_done = make_case(unit, decision=dt.date(2015, 3, 1), state=CaseState.DINH_CHI)
    assert codes("viec-cu", all_cases) == {y2016.code}
    params = bottlenecks.params_from({"nam": "2017"})
    assert codes("viec-cu", all_cases, params) == {y2016.code, y2017.code}
    assert old_done.code not in codes("viec-cu", all_cases, params)


def test_old_case_year_comes_from_settings(unit, all_cases, settings):
    y2017 = make_case(unit, decision=dt.date(2017, 6, 1))
    settings.THADS_OLD_CASE_YEAR = 2017
    assert codes("viec-cu", all_cases) == {y2017.code}


# ---- c. bank credit over 500 million -------------------------------------------------------


def test_bank_credit_threshold_is_strict_on_the_remainder(unit, all_cases):
    exactly = make_case(unit, amount=500_000_000, is_bank_credit=True)
    over = make_case(unit, amount=500_000_001, is_bank_credit=True)
    paid_down = make_case(unit, amount=700_000_000, collected=150_000_000, reduced=50_000_000,
                          is_bank_credit=True)  # fmt: skip
    not_bank = make_case(unit, amount=900_000_000)
    ended = make_case(unit, amount=900_000_000, is_bank_credit=True, state=CaseState.DINH_CHI)
    # Any state not ended counts, not only "có điều kiện".
    no_means = make_case(unit, amount=900_000_000, is_bank_credit=True, classified=False,
                         state=CaseState.CHUA_CO_DIEU_KIEN)  # fmt: skip
    found = codes("tin-dung", all_cases)
    assert found == {over.code, no_means.code}
    assert not found & {exactly.code, paid_down.code, not_bank.code, ended.code}
    lower = bottlenecks.params_from({"nguong": "400.000.000"})
    assert codes("tin-dung", all_cases, lower) == {
        exactly.code, over.code, paid_down.code, no_means.code
    }  # fmt: skip


# ---- d. corruption -------------------------------------------------------------------------


def test_corruption_cases_not_ended(unit, all_cases):
    open_ = make_case(unit, is_corruption=True, classified=False, state=CaseState.HOAN_KHAC)
    make_case(unit, is_corruption=True, state=CaseState.XONG)
    make_case(unit)
    assert codes("tham-nhung", all_cases) == {open_.code}


# ---- e. the largest ------------------------------------------------------------------------


def test_largest_takes_the_top_n_by_remainder(unit, all_cases):
    big = make_case(unit, amount=900_000_000)
    second = make_case(unit, amount=800_000_000, collected=100_000_000)  # 700 million left
    third = make_case(unit, amount=750_000_000, collected=100_000_000)  # 650 million left
    make_case(unit, amount=5_000_000_000, state=CaseState.HOAN_KHAC)
    make_case(unit, amount=5_000_000_000, classified=False, state=CaseState.CHUA_CO_DIEU_KIEN)
    params = bottlenecks.params_from({"so_luong": "2"})
    assert codes("lon-nhat", all_cases, params) == {big.code, second.code}
    rows = bottlenecks.sorted_cases(
        bottlenecks.cases_of(BY_KEY["lon-nhat"], all_cases, Params.defaults(), AS_OF), "tien"
    )
    assert [c.code for c in rows] == [big.code, second.code, third.code]
    assert [c.remainder_value for c in rows] == [900_000_000, 700_000_000, 650_000_000]


def test_largest_leaves_out_cases_with_nothing_left(unit, all_cases):
    make_case(unit, amount=0)
    assert codes("lon-nhat", all_cases) == set()


# ---- f. seizure, valuation, auction --------------------------------------------------------


def test_seizure_valuation_auction_pipeline(unit, all_cases):
    case = make_case(unit, amount=300_000_000)
    small = make_case(unit, amount=99_999_999)
    at_threshold = make_case(unit, amount=100_000_000)
    agreed = make_case(unit, amount=300_000_000, state=CaseState.HOAN_THOA_THUAN)
    assert codes("cho-ke-bien", all_cases) == {case.code, at_threshold.code}
    assert small.code not in codes("cho-ke-bien", all_cases)
    assert agreed.code not in codes("cho-ke-bien", all_cases)

    # Another coercive measure is not a seizure.
    add_event(case, EventType.QUYET_DINH_CUONG_CHE, dt.date(2025, 3, 1), measure="khau_tru")
    assert case.code in codes("cho-ke-bien", all_cases)
    seizure = add_event(
        case, EventType.QUYET_DINH_CUONG_CHE, dt.date(2025, 3, 2), measure="ke_bien"
    )
    assert case.code not in codes("cho-ke-bien", all_cases)
    assert codes("cho-tham-dinh-gia", all_cases) == {case.code}

    # A voided seizure does not count: the case waits for seizure again.
    add_event(case, EventType.HUY_SU_KIEN, dt.date(2025, 3, 3), corrects=seizure)
    assert case.code in codes("cho-ke-bien", all_cases)
    assert codes("cho-tham-dinh-gia", all_cases) == set()
    add_event(case, EventType.QUYET_DINH_CUONG_CHE, dt.date(2025, 3, 4), measure="ke_bien")

    add_event(case, EventType.THAM_DINH_GIA, dt.date(2025, 4, 1))
    assert codes("cho-tham-dinh-gia", all_cases) == set()
    assert codes("cho-dau-gia", all_cases) == {case.code}
    add_event(case, EventType.DAU_GIA, dt.date(2025, 5, 1), result="khong_thanh")
    assert codes("cho-dau-gia", all_cases) == {case.code}
    add_event(case, EventType.DAU_GIA, dt.date(2025, 6, 1), result="thanh_cong")
    assert codes("cho-dau-gia", all_cases) == set()


def test_auction_wait_ends_when_the_creditor_takes_the_property(unit, all_cases):
    case = make_case(unit, amount=300_000_000)
    add_event(case, EventType.QUYET_DINH_CUONG_CHE, dt.date(2025, 3, 2), measure="ke_bien")
    add_event(case, EventType.THAM_DINH_GIA, dt.date(2025, 4, 1))
    assert codes("cho-dau-gia", all_cases) == {case.code}
    add_event(case, EventType.NHAN_TAI_SAN, dt.date(2025, 9, 1))
    assert codes("cho-dau-gia", all_cases) == set()


def test_seizure_threshold_parameter_accepts_vietnamese_grouping(unit, all_cases):
    case = make_case(unit, amount=60_000_000)
    params = bottlenecks.params_from({"nguong_ke_bien": "50.000.000 đ"})
    assert codes("cho-ke-bien", all_cases, params) == {case.code}


# ---- g. failed auctions --------------------------------------------------------------------


def test_failed_auctions_at_least_k(unit, all_cases):
    once = make_case(unit)
    twice = make_case(unit)
    closed = make_case(unit, state=CaseState.XONG)
    for case, times in ((once, 1), (twice, 2), (closed, 3)):
        for i in range(times):
            add_event(case, EventType.DAU_GIA, dt.date(2025, 5, 1 + i), result="khong_thanh")
    add_event(once, EventType.DAU_GIA, dt.date(2025, 6, 1), result="thanh_cong")
    rows = bottlenecks.cases_of(BY_KEY["dau-gia-khong-thanh"], all_cases, Params.defaults(), AS_OF)
    assert {c.code: c.failed_auctions for c in rows} == {twice.code: 2}
    params = bottlenecks.params_from({"so_lan": "1"})
    assert codes("dau-gia-khong-thanh", all_cases, params) == {once.code, twice.code}


def test_failed_auctions_setting(unit, all_cases, settings):
    twice = make_case(unit)
    for i in range(2):
        add_event(twice, EventType.DAU_GIA, dt.date(2025, 5, 1 + i), result="khong_thanh")
    settings.THADS_FAILED_AUCTIONS = 3
    assert codes("dau-gia-khong-thanh", all_cases) == set()


# ---- h. complaints -------------------------------------------------------------------------


def _complaint(case, received, resolved=None):
    n = next(serial)
    return Complaint.objects.create(
        code=f"KN/{n}",
        unit=case.unit,
        kind="khieu_nai",
        received_on=received,
        case=case,
        resolved_on=resolved,
        result="sai" if resolved else "",
    )


def test_complaints_counted_per_case(unit, all_cases):
    none = make_case(unit)
    one = make_case(unit)
    two = make_case(unit)
    closed = make_case(unit, state=CaseState.XONG)
    _complaint(one, dt.date(2025, 6, 1))
    _complaint(two, dt.date(2025, 6, 1), resolved=dt.date(2025, 7, 1))
    _complaint(two, dt.date(2025, 8, 1))
    _complaint(closed, dt.date(2025, 8, 1))
    rows = bottlenecks.cases_of(BY_KEY["khieu-nai"], all_cases, Params.defaults(), AS_OF)
    assert {c.code: (c.complaint_count, c.unresolved_complaints) for c in rows} == {
        one.code: (1, 1),
        two.code: (2, 1),
    }
    assert none.code not in {c.code for c in rows}
    repeated = bottlenecks.params_from({"so_don": "2"})
    assert codes("khieu-nai", all_cases, repeated) == {two.code}


# ---- i. steering committee -----------------------------------------------------------------


def test_steering_notes(unit, all_cases):
    noted = make_case(unit, steering_note="Ban chỉ đạo THADS tỉnh họp ngày 12/03/2026: tập trung.")
    make_case(unit, steering_note="   \n ")
    make_case(unit, steering_note="Đã xử lý", state=CaseState.XONG)
    assert codes("ban-chi-dao", all_cases) == {noted.code}


# ---- j. overdue deadlines ------------------------------------------------------------------


def test_overdue_deadlines_by_officer(unit, all_cases):
    officer = Staff.objects.get(code="TN-SC-02")
    late = make_case(unit, decision=dt.date(2026, 1, 5), officer=officer, classified=False)
    noticed = make_case(unit, decision=dt.date(2026, 5, 12), officer=officer, classified=False)
    make_case(unit, decision=dt.date(2026, 1, 5), state=CaseState.XONG, officer=officer)
    officers, overdue = bottlenecks.deadlines_of(all_cases, AS_OF)
    assert {d.case_id for d in overdue} == {late.pk}
    assert {d.kind for d in overdue} == {"thong_bao", "xac_minh"}
    row = next(o for o in officers if o.officer_id == officer.pk)
    assert (row.name, row.overdue) == (officer.full_name, 2)
    # The second case's notice is due today (3 working days after Tuesday 12/05/2026).
    assert (row.today, row.this_week) == (1, 0)
    assert noticed.pk not in {d.case_id for d in overdue}


# ---- k. held money -------------------------------------------------------------------------


def test_held_money_older_than_n_days(demo_org, unit):
    access = access_for(_user("lanhdao"))
    ids = access.visible_unit_ids & scope_unit_ids(unit)
    exactly = ledger.held_money_receive(unit, kind="tam_thu", amount=1_000_000,
                                        received_on=AS_OF - dt.timedelta(days=30), source="A",
                                        today=AS_OF)  # fmt: skip
    older = ledger.held_money_receive(unit, kind="tam_giu", amount=2_000_000,
                                      received_on=AS_OF - dt.timedelta(days=31), source="B",
                                      today=AS_OF)  # fmt: skip
    released = ledger.held_money_receive(unit, kind="tam_thu", amount=3_000_000,
                                         received_on=dt.date(2025, 9, 1), source="C",
                                         today=AS_OF)  # fmt: skip
    ledger.held_money_release(released, released_on=dt.date(2025, 12, 1), reason="Trả lại",
                              today=AS_OF)  # fmt: skip
    elsewhere = ledger.held_money_receive(demo_org["TNG-KV3"], kind="tam_thu", amount=4_000_000,
                                          received_on=dt.date(2025, 9, 1), source="D",
                                          today=AS_OF)  # fmt: skip
    held = bottlenecks.held_of(access, ids, Params.defaults(), AS_OF)
    assert [h.pk for h in held] == [older.pk]
    assert held[0].age == 31
    assert exactly.pk not in {h.pk for h in held}
    province = access.visible_unit_ids & scope_unit_ids(demo_org["TNG"])
    assert {h.pk for h in bottlenecks.held_of(access, province, Params.defaults(), AS_OF)} == {
        older.pk, elsewhere.pk
    }  # fmt: skip
    zero = bottlenecks.params_from({"so_ngay": "0"})
    assert exactly.pk in {h.pk for h in bottlenecks.held_of(access, ids, zero, AS_OF)}


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


# ---- parameters, scope, the panel ----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"nam": "hai nghìn"}, "Năm thụ lý không hợp lệ"),
        ({"nam": "1800"}, "Năm thụ lý phải từ 1.990 đến 2.200"),
        ({"so_luong": "0"}, "Số việc phải từ 1 đến 1.000"),
        ({"nguong": "-5"}, "Ngưỡng số tiền phải từ 0"),
    ],
)
def test_bad_parameters_are_refused_in_vietnamese(query, message):
    with pytest.raises(DomainError) as error:
        bottlenecks.params_from(query)
    assert message in error.value.message


def test_empty_parameters_keep_the_defaults():
    assert bottlenecks.params_from({"nam": "", "nguong": " "}) == Params.defaults()
    assert Params.defaults().bank_threshold == 500_000_000
    assert Params.defaults().old_year == 2016


def test_panel_counts_match_the_lists_and_respect_the_scope(
    demo_org, unit, all_cases, django_assert_max_num_queries
):
    officer = Staff.objects.get(code="TN-SC-02")
    make_case(unit, decision=dt.date(2024, 1, 1), amount=900_000_000, is_bank_credit=True,
              officer=officer, steering_note="Chỉ đạo")  # fmt: skip
    make_case(unit, decision=dt.date(2016, 1, 1), is_corruption=True)
    other = demo_org["TNG-KV3"]
    make_case(other, decision=dt.date(2016, 1, 1), amount=900_000_000, is_bank_credit=True)
    access = access_for(_user("lanhdao"))
    ids = access.visible_unit_ids & scope_unit_ids(unit)
    scoped = Case.objects.filter(unit_id__in=ids)
    params = Params.defaults()
    refresh_facts()  # as the services' writes leave them: the panel then reads stored rows
    with django_assert_max_num_queries(20):
        items = bottlenecks.panel(access, scoped, ids, params, AS_OF)
    by_key = {i.bottleneck.key: i for i in items}
    assert set(by_key) == set(BY_KEY)
    for b in bottlenecks.BOTTLENECKS:
        if b.kind == "cases":
            assert by_key[b.key].count == len(codes(b.key, scoped)), b.key
    assert by_key["tin-dung"].count == 1
    assert by_key["tin-dung"].money == 900_000_000
    assert by_key["viec-cu"].count == 1
    assert by_key["qua-mot-nam"].count == 2
    assert by_key["ban-chi-dao"].count == 1
    province = access.visible_unit_ids & scope_unit_ids(demo_org["TNG"])
    wide = bottlenecks.panel(access, Case.objects.filter(unit_id__in=province), province,
                             params, AS_OF)  # fmt: skip
    assert {i.bottleneck.key: i.count for i in wide}["tin-dung"] == 2
