"""Load per officer, the least-loaded suggestion and the head-assignment policy (TB 431/2018)."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases import assignment
from thads.cases.models import EventType
from thads.cases.services import event_record
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db


def by_code(load):
    return {o.staff.code: o for o in load.officers}


def test_load_counts_open_cases_money_and_conditions(shared_demo_org):
    a = new_case(officer="TN-SC-02", amount=10_000_000)
    new_case(officer="TN-SC-02", amount=5_000_000)
    done = new_case(officer="TN-SC-02", amount=1_000)
    new_case(officer=None)
    event_record(a, type=EventType.XAC_MINH_CO_DIEU_KIEN, on=a.accepted_on)
    event_record(a, type=EventType.THU_TIEN, on=a.accepted_on, amount=4_000_000)
    event_record(done, type=EventType.THU_TIEN, on=done.accepted_on, amount=1_000)
    event_record(done, type=EventType.XONG, on=done.accepted_on)
    load = assignment.unit_load(shared_demo_org["TNG-KV2"])
    chv = by_code(load)["TN-SC-02"]
    assert (chv.open_cases, chv.with_conditions, chv.remainder) == (2, 1, 11_000_000)
    assert load.unassigned == 1
    assert {o.staff.code for o in load.officers} == {
        "TN-SC-01",
        "TN-SC-02",
        "TN-SC-03",
        "TN-PY-01",
        "TN-PY-02",
    }
    assert load.head.staff.code == "TN-SC-01"


def test_suggestion_is_the_least_loaded_and_never_the_head_of_a_big_unit(shared_demo_org):
    for code in ("TN-SC-02", "TN-SC-03", "TN-PY-01"):
        new_case(officer=code)
    load = assignment.unit_load(shared_demo_org["TNG-KV2"])
    assert load.head_takes_no_cases
    assert load.suggestion().staff.code == "TN-PY-02"
    new_case(officer="TN-PY-02", amount=1)
    load = assignment.unit_load(shared_demo_org["TNG-KV2"])
    # Everyone has one case: the smallest remaining money wins; the head stays out.
    assert load.suggestion().staff.code == "TN-PY-02"


def test_head_holding_cases_with_three_or_more_officers_is_a_violation(shared_demo_org):
    kv2 = shared_demo_org["TNG-KV2"]
    assert assignment.policy_violation(assignment.unit_load(kv2)) is None
    new_case(officer="TN-SC-01")
    violation = assignment.policy_violation(assignment.unit_load(kv2))
    assert violation.head_cases == 1 and violation.officer_count == 5


def test_two_officer_unit_head_must_share(shared_demo_org):
    # TNG-KV5 continues TN-PB: Cao Văn Thành (head) and Kiều Thị Phương.
    kv5 = shared_demo_org["TNG-KV5"]
    load = assignment.unit_load(kv5)
    assert load.officer_count == 2 and not load.head_takes_no_cases
    new_case("TNG-KV5", officer="TN-PB-02")
    violation = assignment.policy_violation(assignment.unit_load(kv5))
    assert violation is not None and "chia sẻ" in violation.message
    new_case("TNG-KV5", officer="TN-PB-01")
    assert assignment.policy_violation(assignment.unit_load(kv5)) is None
    assert [v.unit.code for v in assignment.violations([kv5])] == []


def test_policy_is_a_setting(shared_demo_org, settings):
    kv2 = shared_demo_org["TNG-KV2"]
    new_case(officer="TN-SC-01")
    settings.THADS_HEAD_ASSIGNMENT_POLICY = {"no_cases_from_officers": 6}
    assert assignment.policy_violation(assignment.unit_load(kv2)) is None
    settings.THADS_HEAD_ASSIGNMENT_POLICY = {"no_cases_from_officers": 5}
    assert assignment.policy_violation(assignment.unit_load(kv2)) is not None
    settings.THADS_HEAD_ASSIGNMENT_POLICY = {
        "no_cases_from_officers": 5,
        "count_includes_head": False,
    }
    assert assignment.policy_violation(assignment.unit_load(kv2)) is None


def test_violations_skip_units_no_longer_in_force(shared_demo_org):
    new_case("TN-SC", officer="TN-SC-01", accepted_on=dt.date(2025, 3, 3))
    assert assignment.violations([shared_demo_org["TN-SC"]]) == []


def test_cases_of_a_dissolved_unit_are_assigned_in_its_successor(shared_demo_org):
    unit = assignment.working_unit(shared_demo_org["TN-SC"], dt.date(2025, 8, 1))
    assert unit.code == "TNG-KV2"
    assert assignment.working_unit(shared_demo_org["TN-SC"], dt.date(2025, 6, 1)).code == "TN-SC"
