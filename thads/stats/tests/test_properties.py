"""Properties of the statistics on random lawful histories (hypothesis)."""

from __future__ import annotations

import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads.cases import services
from thads.cases.models import Case
from thads.common.periods import month_period
from thads.org.models import Staff, Unit
from thads.stats.buckets import STATE_BUCKETS
from thads.stats.report import build_report
from thads.stats.tests.reference import reference_totals
from thads.stats.tests.strategies import lawful_case
from thads.testing.stats import FAR_FUTURE

pytestmark = pytest.mark.django_db(transaction=False)
_n = itertools.count(1)


def create(plan):
    unit = Unit.objects.get(code=plan.unit_code)
    n = next(_n)
    judgment = services.judgment_get_or_create(
        court="TAND tỉnh Thái Nguyên", number=f"H{n}/BA", date=plan.accepted_on, kind="dan_su"
    )
    case = services.case_create(
        judgment=judgment,
        data=services.CaseInput(
            code=f"H/{n:06d}",
            unit=unit,
            decision_no=f"H{n}",
            decision_date=plan.accepted_on,
            accepted_on=plan.accepted_on,
            mode=plan.mode,
            officer=Staff.objects.get(code=plan.officer_code) if plan.officer_code else None,
            is_state_budget=plan.state_budget,
            parties=[services.PartyInput("phai_thi_hanh", "ca_nhan", f"Đương sự {n}")],
            obligations=[
                services.ObligationInput("Nghĩa vụ", plan.amount, is_state_budget=plan.state_budget)
            ],
        ),
    )
    for e in plan.events:
        services.event_record(
            case, type=e.type, on=e.on, amount=e.amount, data=e.data, today=FAR_FUTURE
        )
    return case


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plans=st.lists(lawful_case(), min_size=1, max_size=8), year=st.sampled_from([2021, 2022, 2023])
)
def test_properties_on_random_lawful_histories(demo_org, plans, year):
    with transaction.atomic():  # each example starts from the bare demo organisation
        check_properties(plans, year)
        transaction.set_rollback(True)


def check_properties(plans, year):
    for plan in plans:
        create(plan)
    province = Unit.objects.get(code="TN")
    cases = Case.objects.filter(unit__code__in=["TN-SC", "TN-PY", "TN-DT"])
    previous = None
    for month in range(1, 13):
        period = month_period(year, month)
        report = build_report(province, period)
        total = report.total.buckets
        # the identities and rows summing to the total
        assert all(c.ok for c in report.checks), [c.rule for c in report.checks if not c.ok]
        # every case in exactly one bucket
        assert sum(total.cases[k] for k in STATE_BUCKETS) == total.cases["tong_thu_ly"]
        # the engine equals the case-by-case reference
        ref_cases, ref_money = reference_totals(cases, period.start, period.end)
        assert {k: total.cases[k] for k in ref_cases} == ref_cases
        assert {k: total.money[k] for k in ref_money} == ref_money
        # cumulative flows never fall within the year
        if previous is not None:
            for key in ("thu_ly_moi", "xong", "dinh_chi"):
                assert total.cases[key] >= previous.cases[key]
            assert total.money["xong"] >= previous.money["xong"]
        previous = total
        if month in (6, 12):
            officers = build_report(province, period, by="officer")
            assert all(c.ok for c in officers.checks)
            assert officers.total.buckets.cases == total.cases
    # month 12 of year N is carried into year N + 1
    nxt = build_report(province, month_period(year + 1, 1)).total.buckets
    assert nxt.cases["chuyen_sang"] == previous.cases["chuyen_ky_sau"]
    assert nxt.money["chuyen_sang"] == previous.money["chuyen_ky_sau"]
