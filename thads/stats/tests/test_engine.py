"""The engine on hand-built histories, bucket by bucket, against statistics.md."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thads.cases import services
from thads.common.periods import as_of_period, month_period
from thads.org.models import Unit
from thads.stats.report import build_report
from thads.stats.tests.reference import reference_totals
from thads.testing.stats import CO, M, ev

pytestmark = pytest.mark.django_db


def test_every_bucket_of_a_hand_built_year(year_2022):
    unit = Unit.objects.get(code="TN-SC")
    report = build_report(unit, month_period(2022, 12))
    c, m = report.total.buckets.cases, report.total.buckets.money
    assert c["chuyen_sang"] == 3  # xong, so_rieng, dinh_chi
    assert c["thu_ly_moi"] == 10
    assert c["tong_thu_ly"] == 13
    expected_states = {
        "dang_thi_hanh": 2,
        "xong": 2,
        "chua_co_dieu_kien": 1,
        "so_rieng": 1,
        "hoan_thoa_thuan": 1,
        "hoan_khac": 1,
        "tam_dinh_chi": 1,
        "uy_thac": 1,
        "dinh_chi": 1,
        "tra_don": 1,
        "thu_hoi": 1,
    }
    for key, value in expected_states.items():
        assert c[key] == value, key
    assert c["phai_thi_hanh"] == 13 - 1 - 1 - 1 - 1
    assert c["co_dieu_kien"] == 2 + 1 + 2 + 1
    assert c["hoan_tam_dinh_chi"] == 2
    assert c["phai_thi_hanh"] == c["co_dieu_kien"] + c["hoan_tam_dinh_chi"] + c["chua_co_dieu_kien"]
    assert c["chuyen_ky_sau"] == c["phai_thi_hanh"] - 2 - 1
    assert report.total.case_rate == Decimal("50.00")  # (2 + 1) / 6
    # money (đồng)
    assert m["chuyen_sang"] == 30 * M + 8 * M + 15 * M
    assert m["thu_ly_moi"] == (100 + 30 + 12 + 9 + 6 + 20 + 4 + 3 + 5 + 2) * M
    assert m["xong"] == 40 * M + 30 * M + 5 * M + 4 * M
    assert m["giam"] == 1 * M
    assert m["dang_thi_hanh"] == 60 * M + 2 * M
    assert m["uy_thac"] == 15 * M
    assert m["dinh_chi"] == 15 * M
    assert m["so_rieng"] == 8 * M
    assert m["chua_co_dieu_kien"] == 30 * M
    assert m["hoan_thoa_thuan"] == 12 * M and m["hoan_khac"] == 9 * M
    assert m["tam_dinh_chi"] == 6 * M and m["tra_don"] == 4 * M and m["thu_hoi"] == 3 * M
    assert m["co_dieu_kien"] == m["xong"] + m["giam"] + m["dinh_chi"] + 62 * M + 12 * M
    assert m["co_dieu_kien"] == 169 * M
    assert report.total.money_rate == Decimal("56.21")  # (79 + 15 + 1) / 169
    assert all(check.ok for check in report.checks), [c for c in report.checks if not c.ok]


def test_engine_equals_reference(year_2022):
    from thads.cases.models import Case

    for month in (1, 4, 12):
        period = month_period(2022, month)
        report = build_report(Unit.objects.get(code="TN-SC"), period)
        cases, money = reference_totals(
            Case.objects.filter(unit__code="TN-SC"), period.start, period.end
        )
        for key, value in cases.items():
            assert report.total.buckets.cases[key] == value, (month, key)
        for key, value in money.items():
            assert report.total.buckets.money[key] == value, (month, key)


def test_entrusted_case_is_new_at_the_receiver(year_2022):
    report = build_report(Unit.objects.get(code="TN-DT"), month_period(2022, 12))
    assert report.total.buckets.cases["thu_ly_moi"] == 1
    assert report.total.buckets.money["thu_ly_moi"] == 15 * M


def test_month_12_carries_into_next_year(year_2022):
    unit = Unit.objects.get(code="TN-SC")
    end = build_report(unit, month_period(2022, 12)).total.buckets
    start = build_report(unit, month_period(2023, 1)).total.buckets
    assert start.cases["chuyen_sang"] == end.cases["chuyen_ky_sau"]
    assert start.money["chuyen_sang"] == end.money["chuyen_ky_sau"]


def test_cumulative_flows_never_fall(year_2022):
    unit = Unit.objects.get(code="TN-SC")
    previous = None
    for month in range(1, 13):
        b = build_report(unit, month_period(2022, month)).total.buckets
        if previous:
            for key in ("thu_ly_moi", "xong", "dinh_chi"):
                assert b.cases[key] >= previous.cases[key], (month, key)
            assert b.money["xong"] >= previous.money["xong"]
        previous = b


def test_year_straddling_the_reform_rolls_up_to_the_successor(history):
    # A Chi cục case accepted before 01/07/2025 and a regional-office case after it.
    history(
        "TN-SC", "2024-11-01", 10 * M, [ev(*CO, "2024-11-20"), ev("thu_tien", "2025-08-01", 4 * M)]
    )
    history("TN-PY", "2025-02-01", 6 * M, [ev(*CO, "2025-02-20")])
    history(
        "TNG-KV2",
        "2025-07-15",
        8 * M,
        [ev(*CO, "2025-08-01"), ev("thu_tien", "2025-09-01", 8 * M), ev("xong", "2025-09-01")],
    )
    history("TN", "2025-01-10", 3 * M)  # the old Cục's own case → the province's own row
    history("TN-DT", "2025-03-01", 1 * M)
    report = build_report(Unit.objects.get(code="TNG"), month_period(2025, 12))
    rows = {r.unit_code: r for r in report.rows}
    assert rows["TNG-KV2"].buckets.cases["tong_thu_ly"] == 3
    assert rows["TNG-KV2"].buckets.money["xong"] == 12 * M
    assert rows["TNG-KV3"].buckets.cases["tong_thu_ly"] == 1
    assert rows["TNG"].buckets.cases["tong_thu_ly"] == 1
    assert "TN-SC" not in rows and "TN" not in rows
    assert report.total.buckets.cases["tong_thu_ly"] == 5
    assert all(check.ok for check in report.checks)
    # The same cases are visible from the old structure for a date before the reform.
    old = build_report(Unit.objects.get(code="TN"), as_of_period(2025, dt.date(2025, 6, 30)))
    assert old.total.buckets.cases["tong_thu_ly"] == 4
    assert {r.unit_code for r in old.rows} >= {"TN-SC", "TN-PY", "TN-DT"}


def test_officer_rows_sum_to_the_unit(history):
    from thads.org.models import Staff

    a = Staff.objects.get(code="TN-SC-02")
    b = Staff.objects.get(code="TN-SC-03")
    history("TN-SC", "2023-11-01", 5 * M, [ev(*CO, "2023-11-20")], officer=a)
    history(
        "TN-SC",
        "2023-11-02",
        7 * M,
        [ev(*CO, "2023-11-21"), ev("thu_tien", "2024-01-02", 7 * M), ev("xong", "2024-01-02")],
        officer=b,
    )
    history("TN-SC", "2023-11-03", 1 * M)
    report = build_report(Unit.objects.get(code="TN-SC"), month_period(2024, 12), by="officer")
    assert len(report.rows) == 3
    by_name = {r.name: r for r in report.rows}
    assert by_name[b.full_name].buckets.cases["xong"] == 1
    assert by_name["Chưa phân công Chấp hành viên"].buckets.cases["dang_thi_hanh"] == 1
    assert all(check.ok for check in report.checks)


def test_separate_book_under_the_2026_law_needs_two_years(history):
    from thads.cases.transitions import TransitionError

    case = history(
        "TNG-KV1",
        "2025-08-01",
        5 * M,
        [
            ev("chua_co_dieu_kien", "2025-08-10"),
            ev("xac_minh_lai", "2026-02-10"),
            ev("xac_minh_lai", "2026-08-10"),
        ],
    )
    with pytest.raises(TransitionError, match="Chưa đủ thời gian"):
        services.event_record(
            case, type="so_rieng", on=dt.date(2026, 9, 1), today=dt.date(2030, 1, 1)
        )
    services.event_record(case, type="so_rieng", on=dt.date(2027, 8, 11), today=dt.date(2030, 1, 1))
    report = build_report(Unit.objects.get(code="TNG-KV1"), month_period(2027, 12))
    assert report.total.buckets.cases["so_rieng"] == 1
    nxt = build_report(Unit.objects.get(code="TNG-KV1"), month_period(2028, 1))
    assert nxt.total.buckets.cases["tong_thu_ly"] == 0
