"""`history` builds cases with hand-written histories through the real services.

    case = history("TN-SC", "2021-11-01", 100_000_000, [("xac_minh_co_dieu_kien", "2021-11-20"),
                                                     ("thu_tien", "2022-01-10", 40_000_000)])
An event is (type, ISO date[, amount][, {extra kwargs for record_event: data=..., to_unit=...}]).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from thads.cases import services
from thads.org.models import Unit

FAR_FUTURE = dt.date(2100, 1, 1)
_counter = itertools.count(1)


def _d(value):
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


@pytest.fixture
def history(demo_org):
    def make(
        unit_code,
        accepted_on,
        amount,
        events=(),
        *,
        mode="theo_don",
        state_budget=False,
        bank_credit=False,
        corruption=False,
        kind="dan_su",
        officer=None,
    ):
        unit = Unit.objects.get(code=unit_code)
        accepted = _d(accepted_on)
        n = next(_counter)
        judgment = services.judgment_get_or_create(
            court="TAND tỉnh Thái Nguyên",
            number=f"{n}/BA",
            date=accepted - dt.timedelta(days=30),
            kind=kind,
        )
        case = services.case_create(
            judgment=judgment,
            data=services.CaseInput(
                code=f"{unit_code}/T/{n:05d}",
                unit=unit,
                decision_no=f"{n}/QĐ-THA",
                decision_date=accepted,
                accepted_on=accepted,
                mode=mode,
                officer=officer,
                is_state_budget=state_budget,
                is_bank_credit=bank_credit,
                is_corruption=corruption,
                parties=[
                    services.PartyInput("phai_thi_hanh", "ca_nhan", f"Người phải thi hành {n}")
                ],
                obligations=[
                    services.ObligationInput("Nghĩa vụ", amount, is_state_budget=state_budget)
                ],
            ),
        )
        for event in events:
            kind_, on, *rest = event
            amount_ = next((r for r in rest if isinstance(r, int)), None)
            extra = next((r for r in rest if isinstance(r, dict)), {})
            if "to_unit" in extra and isinstance(extra["to_unit"], str):
                extra = {**extra, "to_unit": Unit.objects.get(code=extra["to_unit"])}
            if kind_ == "uy_thac":  # entrusting opens the new case at the receiving unit
                services.case_entrust(
                    case, to_unit=extra["to_unit"], on=_d(on), new_code=f"{case.code}/UT"
                )
                continue
            services.record_event(
                case, type=kind_, on=_d(on), amount=amount_, today=FAR_FUTURE, **extra
            )
        case.refresh_from_db()
        return case

    return make
