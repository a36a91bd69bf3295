"""Statistics fixtures: cases with hand-written histories through the real services.

`history` builds cases with hand-written histories through the real services.

    case = history("TN-SC", "2021-11-01", 100_000_000, [("xac_minh_co_dieu_kien", "2021-11-20"),
                                                     ("thu_tien", "2022-01-10", 40_000_000)])
An event is (type, ISO date[, amount][, {extra kwargs for event_record: data=..., to_unit=...}]).

`year_2022`: cases of Chi cục Sông Công covering every bucket of report year 2022; `cases`: cases
in three units of the demo province, before and after the reform. `ev(type, on, ...)` writes an
event of a `history` (a tuple), `CO` the verification "có điều kiện".
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
            services.event_record(
                case, type=kind_, on=_d(on), amount=amount_, today=FAR_FUTURE, **extra
            )
        case.refresh_from_db()
        return case

    return make


M = 1_000_000


CO = ("xac_minh_co_dieu_kien",)


def collecting_case(history):
    """A case of Sông Công accepted 01/11/2021 for 100 million, able to pay, 40 million collected
    on 10/01/2022 (report year 2022; `history` is the fixture)."""
    return history(
        "TN-SC",
        "2021-11-01",
        100 * M,
        [("xac_minh_co_dieu_kien", "2021-11-20"), ("thu_tien", "2022-01-10", 40 * M)],
    )


def two_cases(history) -> list:
    """`collecting_case` and a case of Phú Yên not able to pay: the month-end totals' tests
    start from them."""
    return [
        collecting_case(history),
        history("TN-PY", "2022-02-01", 10 * M, [("chua_co_dieu_kien", "2022-03-01")]),
    ]


def force_raw_query(monkeypatch) -> None:
    """The engine's raw query over every case, whatever totals are stored (undo with
    `monkeypatch.undo()`)."""
    from thads.stats import engine

    monkeypatch.setattr(engine, "period_id_for", lambda *a, **k: None)
    monkeypatch.setattr(engine, "base_period", lambda *a, **k: None)


def comparable_groups(rows) -> list:
    """`engine.compute_groups` rows as sorted plain values (to compare two ways of computing)."""
    return sorted(
        (
            g.unit_id,
            g.officer_id or 0,
            str(g.dimension),
            sorted(g.cases.items()),
            sorted(g.money.items()),
        )
        for g in rows
    )


def ev(kind, on, *rest):
    return (kind, on, *rest)


@pytest.fixture
def year_2022(history):
    """Cases of Chi cục Sông Công covering every bucket of report year 2022."""
    h = history
    cases = {
        # new, partly paid, under way
        "dang": h(
            "TN-SC",
            "2021-11-01",
            100 * M,
            [ev(*CO, "2021-11-20"), ev("thu_tien", "2022-01-10", 40 * M)],
        ),
        # carried over (20M paid before S), finished in the year
        "xong": h(
            "TN-SC",
            "2020-05-01",
            50 * M,
            [
                ev(*CO, "2020-06-01"),
                ev("thu_tien", "2021-03-01", 20 * M),
                ev("thu_tien", "2022-02-01", 30 * M),
                ev("xong", "2022-02-01"),
            ],
        ),
        # finished before S: not in the report
        "old": h(
            "TN-SC",
            "2020-01-10",
            10 * M,
            [ev(*CO, "2020-02-01"), ev("thu_tien", "2020-03-01", 10 * M), ev("xong", "2020-03-02")],
        ),
        "chua": h("TN-SC", "2021-12-01", 30 * M, [ev("chua_co_dieu_kien", "2021-12-20")]),
        # separate book before S: excluded; during the year: memo bucket
        "so_rieng_old": h(
            "TN-SC",
            "2018-01-05",
            7 * M,
            [
                ev("chua_co_dieu_kien", "2018-02-01"),
                ev("xac_minh_lai", "2018-08-01"),
                ev("xac_minh_lai", "2019-01-15"),
                ev("so_rieng", "2019-02-05"),
            ],
        ),
        "so_rieng": h(
            "TN-SC",
            "2020-03-05",
            8 * M,
            [
                ev("chua_co_dieu_kien", "2020-04-01"),
                ev("xac_minh_lai", "2020-10-01"),
                ev("xac_minh_lai", "2021-04-01"),
                ev("so_rieng", "2021-11-15"),
            ],
        ),
        "hoan_tt": h(
            "TN-SC",
            "2021-10-05",
            12 * M,
            [ev(*CO, "2021-10-20"), ev("hoan", "2022-03-01", {"data": {"reason": "thoa_thuan"}})],
        ),
        # postponed, resumed only after T
        "hoan_khac": h(
            "TN-SC",
            "2021-10-06",
            9 * M,
            [
                ev(*CO, "2021-10-21"),
                ev("hoan", "2022-04-01", {"data": {"reason": "khac"}}),
                ev("tiep_tuc", "2022-10-15"),
            ],
        ),
        "tdc": h("TN-SC", "2021-10-07", 6 * M, [ev("tam_dinh_chi", "2022-05-01")]),
        "uy_thac": h(
            "TN-SC",
            "2021-10-08",
            20 * M,
            [
                ev(*CO, "2021-10-25"),
                ev("thu_tien", "2021-12-01", 5 * M),
                ev("uy_thac", "2022-01-05", {"to_unit": "TN-DT"}),
            ],
        ),
        "dinh_chi": h(
            "TN-SC", "2019-12-01", 15 * M, [ev(*CO, "2020-01-01"), ev("dinh_chi", "2022-06-01")]
        ),
        "tra_don": h("TN-SC", "2021-10-09", 4 * M, [ev("tra_don", "2022-02-10")]),
        "thu_hoi": h("TN-SC", "2021-10-10", 3 * M, [ev("thu_hoi", "2021-10-30")], mode="chu_dong"),
        # state budget: 1M reduced, the rest paid, finished
        "giam": h(
            "TN-SC",
            "2021-10-11",
            5 * M,
            [
                ev(*CO, "2021-10-30"),
                ev("mien_giam", "2022-03-03", 1 * M),
                ev("thu_tien", "2022-03-04", 4 * M),
                ev("xong", "2022-03-04"),
            ],
            mode="chu_dong",
            state_budget=True,
        ),
        # accepted after T: not in the report
        "late": h("TN-SC", "2022-10-02", 99 * M),
        # unclassified new case counts as đang thi hành
        "moi": h("TN-SC", "2022-09-30", 2 * M),
    }
    return cases


@pytest.fixture
def cases(history):
    """Cases in three units of the demo province, before and after the reform."""
    made = [
        history(
            "TN-SC",
            "2025-03-01",
            50 * M,
            [ev(*CO, "2025-04-01"), ev("thu_tien", "2025-11-10", 1_234_567)],
        ),
        history(
            "TNG-KV2",
            "2025-10-15",
            100 * M,
            [
                ev(*CO, "2025-10-20"),
                ev("thu_tien", "2025-12-01", 100 * M),
                ev("xong", "2026-01-05"),
            ],
        ),
        history("TNG-KV3", "2025-11-01", 30 * M, [ev("chua_co_dieu_kien", "2025-11-20")]),
        history("TNG-KV3", "2025-12-01", 2_500, [ev(*CO, "2025-12-10")]),
    ]
    return made


def submission_in_status(unit, year: int, month: int, status: str, **fields):
    """A monthly report in `status` without the workflow, the way the database allows it
    (`stats.db_guards`): created "prepared", an event to `status`, then the move."""
    from thads.stats.models import ReportSubmission, SubmissionEvent

    row, _created = ReportSubmission.objects.get_or_create(unit=unit, year=year, month=month)
    SubmissionEvent.objects.create(
        submission=row, action="submit", from_status=row.status, to_status=status
    )
    ReportSubmission.objects.filter(pk=row.pk).update(status=status, **fields)
    row.refresh_from_db()
    return row
