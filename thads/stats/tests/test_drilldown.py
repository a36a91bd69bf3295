"""Every cell drills down to cases whose contributions add up to the cell."""

from __future__ import annotations

import pytest

from thads.org.models import Unit
from thads.stats.drilldown import drill, expand
from thads.stats.forms import build_form
from thads.stats.periods import month_period

pytestmark = pytest.mark.django_db
M = 1_000_000


def test_expand_derived_keys():
    assert dict((k, s) for s, k in expand("phai_thi_hanh", "cases")) == {
        "chuyen_sang": 1,
        "thu_ly_moi": 1,
        "uy_thac": -1,
        "thu_hoi": -1,
        "tra_don": -1,
        "so_rieng": -1,
    }
    assert sorted(expand("rate(xong + dinh_chi; co_dieu_kien)", "cases")) == [
        (1, "dinh_chi"),
        (1, "xong"),
    ]


@pytest.mark.parametrize("code", ["1", "2", "4", "5"])
def test_every_cell_sums_its_cases(history, code):
    from thads.stats.tests.test_engine import CO, ev

    history(
        "TN-SC",
        "2020-05-01",
        50 * M,
        [
            ev(*CO, "2020-06-01"),
            ev("thu_tien", "2021-03-01", 20 * M),
            ev("thu_tien", "2022-02-01", 30 * M),
            ev("xong", "2022-02-01"),
        ],
    )
    history(
        "TN-PY",
        "2021-11-01",
        100 * M,
        [ev(*CO, "2021-11-20"), ev("thu_tien", "2022-01-10", 40 * M)],
    )
    history("TN-PY", "2021-12-01", 30 * M, [ev("chua_co_dieu_kien", "2021-12-20")])
    history("TN-SC", "2021-10-09", 4 * M, [ev("tra_don", "2022-02-10")])
    unit = Unit.objects.get(code="TN")
    period = month_period(2022, 12)
    table = build_form(code, unit, period)
    measure = "cases" if table.definition.measure == "cases" else "money"
    for index, column in enumerate(table.columns):
        if column["expr"].startswith("rate("):
            continue
        page = drill(unit, period, column["expr"], measure, limit=1000)
        assert sum(r.value for r in page.rows) == table.total.values[index], column
        for row in table.rows:
            row_unit = Unit.objects.get(code=row.unit_code)
            officer = False
            if table.definition.rows_by == "officer":
                from thads.org.models import Staff

                officer = Staff.objects.filter(code=row.officer_code).first()
            page = drill(
                unit,
                period,
                column["expr"],
                measure,
                row_unit=row_unit,
                officer=officer,
                limit=1000,
            )
            assert sum(r.value for r in page.rows) == row.values[index], (row.key, column)
