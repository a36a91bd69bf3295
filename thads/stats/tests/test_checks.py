"""Cross-period and case-by-case checks (stats.checks) on hand-built histories."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db.models import F

from thads.cases import services as case_services
from thads.cases.models import Case, CaseEvent
from thads.common.periods import month_period
from thads.org.models import Unit
from thads.stats import checks
from thads.stats.buckets import Check
from thads.stats.engine import Buckets
from thads.stats.report import Report, ReportRow, build_report
from thads.stats.snapshots import snapshot_freeze
from thads.testing.stats import FAR_FUTURE, submission_in_status

pytestmark = pytest.mark.django_db
M = 1_000_000
CO = "xac_minh_co_dieu_kien"


def by_rule(run, fragment):
    found = [c for c in run.checks if fragment in c.rule]
    assert len(found) == 1, [c.rule for c in run.checks]
    return found[0]


def approve_directly(unit, year, month):
    """An approved report with its snapshot, without the workflow (tested elsewhere)."""
    period = month_period(year, month)
    row = submission_in_status(unit, year, month, "approved")
    snapshot_freeze(row, period)
    return row


@pytest.fixture
def two_years(history):
    """Sông Công cases across years 2024 and 2025 (before the reform)."""
    return {
        "open": history(
            "TN-SC",
            "2023-05-02",
            40 * M,
            [
                (CO, "2023-06-01"),
                ("thu_tien", "2023-09-15", 10 * M),
                ("thu_tien", "2024-11-05", 5 * M),
            ],
        ),
        "done": history(
            "TN-SC",
            "2023-12-01",
            8 * M,
            [(CO, "2023-12-10"), ("thu_tien", "2024-10-20", 8 * M), ("xong", "2024-10-21")],
        ),
        "new": history("TN-SC", "2024-10-10", 3 * M, [("chua_co_dieu_kien", "2024-11-01")]),
    }


def test_all_checks_pass_on_a_clean_history(demo_org, two_years):
    run = checks.run_checks(demo_org["TN-SC"], month_period(2025, 3))
    assert run.ok, [(c.rule, c.detail) for c in run.failures]
    carry = by_rule(run, "chuyển kỳ sau của năm báo cáo 2024 (hết ngày 30/09/2024)")
    assert carry.detail == "việc: 2 / 2; tiền: 38.000.000 đ / 38.000.000 đ"
    # The province (before the reform) and its successor see the same checks pass.
    assert checks.run_checks(demo_org["TN"], month_period(2025, 3)).ok
    assert checks.run_checks(demo_org["TNG-KV2"], month_period(2026, 1)).ok


def test_carry_over_against_the_approved_year_end(demo_org, two_years):
    sc = demo_org["TN-SC"]
    approve_directly(sc, 2024, 12)
    # A correction recorded now of a payment of year 2024 (09/2023: 10M → 12M).
    wrong = CaseEvent.objects.get(case=two_years["open"], type="thu_tien", on=dt.date(2023, 9, 15))
    case_services.event_record(
        two_years["open"],
        type="thu_tien",
        on=wrong.on,
        amount=12 * M,
        corrects=wrong,
        today=FAR_FUTURE,
    )
    run = checks.run_checks(sc, month_period(2025, 2))
    carry = by_rule(run, "chuyển kỳ sau của năm báo cáo 2024 (hết ngày 30/09/2024)")
    assert carry.ok and carry.correction
    assert [n.code for n in carry.cases] == [two_years["open"].code]
    assert "đã sửa sai" in carry.cases[0].note


def test_carry_over_failure_names_the_case(demo_org, two_years):
    sc = demo_org["TN-SC"]
    approve_directly(sc, 2024, 12)
    Case.objects.filter(pk=two_years["open"].pk).update(
        unit=demo_org["TN-DT"], version=F("version") + 1
    )
    run = checks.run_checks(sc, month_period(2025, 1))
    carry = by_rule(run, "chuyển kỳ sau của năm báo cáo 2024 (hết ngày 30/09/2024)")
    assert not carry.ok and not carry.correction
    assert [n.case_id for n in carry.cases] == [two_years["open"].pk]
    assert "không có sửa sai" in carry.cases[0].note
    assert not run.ok


def test_flows_never_fall_unless_corrected(demo_org, history):
    kv2 = demo_org["TNG-KV2"]
    paid = history(
        "TNG-KV2", "2025-10-06", 20 * M, [(CO, "2025-10-08"), ("thu_tien", "2025-10-25", 9 * M)]
    )
    other = history("TNG-KV2", "2025-10-07", 5 * M, [(CO, "2025-10-09")])
    run = checks.run_checks(kv2, month_period(2026, 2))
    flow = by_rule(run, "không giảm so với tháng 10/2025")
    assert flow.ok and not flow.correction
    approve_directly(kv2, 2026, 1)
    # The October payment is voided after October closed: xong money falls, as a correction.
    payment = CaseEvent.objects.get(case=paid, type="thu_tien")
    case_services.event_record(
        paid, type="huy_su_kien", on=dt.date(2025, 11, 3), corrects=payment, today=FAR_FUTURE
    )
    run = checks.run_checks(kv2, month_period(2026, 2))
    flow = by_rule(run, "không giảm so với tháng 10/2025")
    assert flow.ok and flow.correction
    assert [n.case_id for n in flow.cases] == [paid.pk]
    assert "thi hành xong (tiền): 9.000.000 đ → 0 đ" in flow.cases[0].note
    assert run.ok
    # A case taken out of the unit by hand, no correction recorded: the new-cases flow falls.
    Case.objects.filter(pk=other.pk).update(unit=demo_org["TNG-KV3"], version=F("version") + 1)
    run = checks.run_checks(kv2, month_period(2026, 2))
    flow = by_rule(run, "không giảm so với tháng 10/2025")
    assert not flow.ok
    assert [n.case_id for n in flow.cases] == [other.pk]
    assert "thụ lý mới (việc): 1 → 0" in flow.cases[0].note
    # Month 1 has nothing before it in the year.
    assert by_rule(checks.run_checks(kv2, month_period(2026, 1)), "không giảm").ok


def test_cases_and_money_agree_case_by_case(demo_org, history):
    kv2 = demo_org["TNG-KV2"]
    good = history(
        "TNG-KV2", "2025-10-06", 20 * M, [(CO, "2025-10-08"), ("thu_tien", "2025-10-25", 9 * M)]
    )
    bad = history("TNG-KV2", "2025-10-07", 5 * M, [(CO, "2025-10-09")])
    period = month_period(2026, 1)
    assert checks.case_money_check(kv2, period).ok
    build_report(kv2, period)  # facts fresh
    # The summary cache of one case no longer matches its events.
    Case.objects.filter(pk=bad.pk).update(collected=2 * M)
    check = checks.case_money_check(kv2, period)
    assert not check.ok
    assert [(n.case_id, n.note) for n in check.cases] == [
        (bad.pk, "số liệu tổng hợp của việc khác diễn biến đã ghi")
    ]
    Case.objects.filter(pk=bad.pk).update(collected=0, state="xong")
    assert [n.case_id for n in checks.case_money_check(kv2, period).cases] == [bad.pk]
    assert good.pk not in [n.case_id for n in checks.case_money_check(kv2, period).cases]


def test_money_out_of_balance_is_named(demo_org, history):
    """A fact whose money does not balance (here: marked xong with a remainder) is listed."""
    from thads.stats.models import StateInterval

    kv2 = demo_org["TNG-KV2"]
    case = history(
        "TNG-KV2", "2025-10-06", 20 * M, [(CO, "2025-10-08"), ("thu_tien", "2025-10-25", 9 * M)]
    )
    period = month_period(2026, 1)
    build_report(kv2, period)
    StateInterval.objects.filter(case=case, end_on__isnull=True).update(state="xong")
    Case.objects.filter(pk=case.pk).update(state="xong")
    check = checks.case_money_check(kv2, period)
    assert [n.case_id for n in check.cases] == [case.pk]
    assert "tiền lệch 11.000.000 đ" in check.cases[0].note


def _row(unit_code, cases, money, officer=None):
    from thads.stats.engine import zero_cases, zero_money

    c, m = zero_cases(), zero_money()
    c.update(cases)
    m.update(money)
    return ReportRow(
        key=unit_code,
        name=unit_code,
        unit_code=unit_code,
        buckets=Buckets.from_base(c, m),
        officer_code=officer,
    )


def test_officer_rows_sum_to_their_unit():
    unit = Unit(code="U", name="U")
    total = _row("U", {"thu_ly_moi": 3}, {"thu_ly_moi": 30})
    by_unit = Report(
        unit,
        None,
        "unit",
        [
            _row("A", {"thu_ly_moi": 2}, {"thu_ly_moi": 20}),
            _row("B", {"thu_ly_moi": 1}, {"thu_ly_moi": 10}),
        ],
        total,
    )
    officers = [
        _row("A", {"thu_ly_moi": 1}, {"thu_ly_moi": 5}, "x"),
        _row("A", {"thu_ly_moi": 1}, {"thu_ly_moi": 15}, "y"),
        _row("B", {"thu_ly_moi": 1}, {"thu_ly_moi": 10}, "z"),
    ]
    assert checks.officer_rows_check(by_unit, Report(unit, None, "officer", officers, total)).ok
    officers[1] = _row("A", {"thu_ly_moi": 1}, {"thu_ly_moi": 14}, "y")
    check = checks.officer_rows_check(by_unit, Report(unit, None, "officer", officers, total))
    assert not check.ok and check.detail == "Đơn vị lệch: A"
    officers.append(_row("C", {"thu_ly_moi": 1}, {}, "w"))
    check = checks.officer_rows_check(by_unit, Report(unit, None, "officer", officers, total))
    assert check.detail == "Đơn vị lệch: A, C"


def test_identity_failures_are_carried_over_from_the_report():
    unit = Unit(code="U", name="U")
    total = _row("U", {}, {})
    report = Report(
        unit, None, "unit", [], total, checks=[Check("x", False, "d"), Check("y", True)]
    )
    assert [(c.rule, c.ok) for c in checks.identity_checks(report)] == [("x", False), ("y", True)]


def test_identity_checks_speak_in_words_and_grouped_numbers():
    """No bucket key ("dinh_chi", "giam") nor an ungrouped sum in a rule or its detail."""
    from thads.stats.buckets import MONEY_BASE_KEYS, identity_checks
    from thads.testing.text_checks import raw_codes

    cases = {k: 0 for k in MONEY_BASE_KEYS if k != "giam"}
    cases.update(chuyen_sang=1200, thu_ly_moi=34, dang_thi_hanh=1234)
    money = {k: 0 for k in MONEY_BASE_KEYS}
    money.update(chuyen_sang=123456789, dang_thi_hanh=123456789)
    from thads.stats.buckets import derive_cases, derive_money

    checks = identity_checks(derive_cases(cases), derive_money(money))
    text = " ".join(f"{c.rule} {c.detail}" for c in checks)
    assert raw_codes(text, ["giam", "dinh_chi"]) == []
    assert "phải thi hành − thi hành xong − miễn, giảm − đình chỉ" in text
    assert "1.234 / 1.200 + 34 / 1.234" in text
    assert "123.456.789 đ / 123.456.789 đ + 0 đ / 123.456.789 đ" in text
    assert not re.search(r"\d{5,}", text)
