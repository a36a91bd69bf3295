"""Every cell drills down to cases whose contributions add up to the cell."""

from __future__ import annotations

import pytest

from thads.common.periods import month_period
from thads.org.models import Unit
from thads.stats.drilldown import drill, expand
from thads.stats.layout import build_form

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
    from thads.testing.stats import CO, ev

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


def test_form_7_cells_drill_to_the_cases_with_those_decisions(history, client):
    from django.urls import reverse

    from thads.stats.drilldown import drill_decisions
    from thads.testing.stats import CO, ev

    seized = history(
        "TN-SC",
        "2021-11-02",
        6 * M,
        [
            ev(*CO, "2021-11-20"),
            ev("quyet_dinh_cuong_che", "2021-12-01", {"data": {"measure": "ke_bien"}}),
            ev("cuong_che", "2021-12-15", {"data": {"time": "08:30"}}),
            ev("quyet_dinh_cuong_che", "2022-01-10", {"data": {"measure": "tru_thu_nhap"}}),
        ],
    )
    frozen = history(
        "TN-PY",
        "2021-11-03",
        9 * M,
        [
            ev(*CO, "2021-11-20"),
            ev("phong_toa", "2021-11-25"),
            ev("quyet_dinh_cuong_che", "2021-12-02", {"data": {"measure": "khau_tru_tai_khoan"}}),
        ],
    )
    unit = Unit.objects.get(code="TN")
    period = month_period(2022, 12)
    table = build_form("7", unit, period)
    for index, column in enumerate(table.columns):
        page = drill_decisions(unit, period, column["expr"], limit=100)
        assert sum(r.value for r in page.rows) == table.total.values[index], column
    all_decisions = drill_decisions(unit, period, "events.quyet_dinh_cuong_che")
    assert [(r.case.pk, r.value) for r in all_decisions.rows] == [(seized.pk, 2), (frozen.pk, 1)]
    other = drill_decisions(
        unit,
        period,
        "events.quyet_dinh_cuong_che - events.quyet_dinh_cuong_che.khau_tru_tai_khoan"
        " - events.quyet_dinh_cuong_che.tru_thu_nhap - events.quyet_dinh_cuong_che.ke_bien",
    )
    assert other.count == 0
    by_row = drill_decisions(
        unit, period, "events.phong_toa", row_unit=Unit.objects.get(code="TN-PY")
    )
    assert [r.case.pk for r in by_row.rows] == [frozen.pk]
    # on screen: form 7 cells are links, and the page lists the cases
    from thads.org.models import Staff

    user = Staff.objects.get(code="TN-LD01").user
    client.force_login(user)
    query = {"don_vi": "TN", "bieu": "7", "nam": 2022, "thang": 12}
    response = client.get(reverse("stats:report"), query)
    assert response.status_code == 200
    assert "cot=3" in response.content.decode()
    response = client.get(reverse("stats:drill"), {**query, "cot": 3})
    assert response.status_code == 200
    html = response.content.decode()
    assert seized.code in html and frozen.code in html and "Số quyết định, cuộc" in html
