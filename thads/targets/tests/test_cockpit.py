"""The cockpit on data built to match the leaders' published figures (the seeds)."""

from __future__ import annotations

import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from thads.common.periods import as_of_period, month_period
from thads.org import services as org_services
from thads.org.access import access_for
from thads.org.demo import REFORM
from thads.org.models import Unit
from thads.targets import services
from thads.targets.cockpit import build_cockpit
from thads.targets.summary import summary_text

pytestmark = pytest.mark.django_db

CO = ("xac_minh_co_dieu_kien", "2025-10-20")
M = 1_000_000
B = 1_000_000_000


def superuser_access():
    user = get_user_model().objects.create_superuser("root", "r@example.org", "x")
    return access_for(user), user


def set_target(unit_code, year, case_rate, money_rate):
    access, user = (
        superuser_access()
        if not get_user_model().objects.filter(username="root").exists()
        else (access_for(get_user_model().objects.get(username="root")), None)
    )
    return services.target_set(
        access,
        Unit.objects.get(code=unit_code),
        year,
        case_rate=case_rate,
        money_rate=money_rate,
    )


@pytest.fixture
def hai_duong_2021(history):
    """TNG-KV2 in report year 2026 made to match Hải Dương's 2021 figures: 236 of 281 cases with
    conditions completed (83,99%) against 82,50%, and 44,26% of the money against 40,10%."""
    done = [
        history("TNG-KV2", "2025-10-15", M, [CO, ("dinh_chi", "2026-03-02")]) for _ in range(236)
    ]
    open_ = [history("TNG-KV2", "2025-10-15", 6 * M, [CO]) for _ in range(44)]
    open_.append(history("TNG-KV2", "2025-10-15", 33_212_833, [CO]))
    set_target("TNG-KV2", 2026, "82,50", "40,10")
    return done, open_


def test_a_unit_at_83_99_against_82_50_shows_vuot_1_49(client, hai_duong_2021):
    """One test for the 281 cases (building them is the slow part): engine, command, page."""
    cockpit = build_cockpit(Unit.objects.get(code="TNG"), month_period(2026, 12), trend=False)
    row = next(r for r in cockpit.rows if r.unit_code == "TNG-KV2")
    assert (row.cases.done, row.cases.base) == (236, 281)
    assert row.cases.rate == D("83.99")
    assert row.cases.diff_text == "vượt 1,49%"
    assert row.cases.met is True and row.cases.colour == "green"
    assert row.money.rate == D("44.26")
    assert row.money.diff_text == "vượt 4,16%"
    assert row.cases.rank == 1 and row.money.rank == 1
    assert row.cases.needed == 0
    # The other units have no case with conditions: no rate, no rank, met unknown.
    others = [r for r in cockpit.rows if r.unit_code != "TNG-KV2"]
    assert others and all(r.cases.rate is None and r.cases.rank is None for r in others)
    assert all(r.cases.met is None for r in others)

    # The same figures from the command line (thads targets), JSON and CSV.
    _command_json_is_the_documented_shape()
    # And on the page, every number links to its cases (the client of the same test).
    _every_cockpit_number_links_to_its_cases(client)


def _command_json_is_the_documented_shape():
    out = StringIO()
    call_command("targets", "--unit", "TNG", "--year", "2026", "--month", "12", stdout=out)
    payload = json.loads(out.getvalue())
    kv2 = next(r for r in payload["rows"] if r["unit"] == "TNG-KV2")
    assert kv2 == {
        "unit": "TNG-KV2",
        "name": "Phòng Thi hành án dân sự khu vực 2 – Thái Nguyên",
        "case_rate": "83.99",
        "case_target": "82.50",
        "case_diff": "1.49",
        "case_met": True,
        "money_rate": "44.26",
        "money_target": "40.10",
        "money_diff": "4.16",
        "money_met": True,
        "case_rank": 1,
        "money_rank": 1,
    }
    kv1 = next(r for r in payload["rows"] if r["unit"] == "TNG-KV1")
    assert kv1["case_rate"] is None and kv1["case_diff"] is None and kv1["case_met"] is None
    assert payload["summary"] == {"units": 5, "case_met": 1, "money_met": 1}
    csv_out = StringIO()
    call_command(
        "targets",
        "--unit",
        "TNG",
        "--year",
        "2026",
        "--as-of",
        "2026-09-30",
        "--format",
        "csv",
        stdout=csv_out,
    )
    lines = csv_out.getvalue().splitlines()
    assert lines[0].startswith("unit,name,case_rate,case_target,case_diff,case_met")
    assert any(line.startswith("TNG-KV2,") and ",83.99,82.50,1.49,true," in line for line in lines)


def _every_cockpit_number_links_to_its_cases(client):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    page = client.get(reverse("targets:cockpit"), {"don_vi": "TNG", "nam": 2026, "thang": 12})
    assert page.status_code == 200
    html = page.content.decode()
    assert "vượt 1,49%" in html and "1/5" in html
    row = html[html.index('data-key="TNG-KV2"') :]
    row = row[: row.index("</tr>")]
    # Every number of the row (rate, difference, projection, needs for cases and money) is a link.
    assert row.count('href="/thong-ke/chi-tiet/?') == 8
    link = row[row.index('href="/thong-ke/chi-tiet/') + 6 :]
    link = link[: link.index('"')].replace("&amp;", "&")
    drill = client.get(link)
    assert drill.status_code == 200
    d = drill.content.decode()
    assert "Số việc: 236" in d, (link, d[d.find("drill-cell") : d.find("drill-cell") + 400])


def make_province(code: str, count: int) -> list[Unit]:
    national = Unit.objects.get(code="TW")
    province = org_services.unit_create(
        code=code,
        name="Thi hành án dân sự tỉnh Hải Dương",
        level=Unit.Level.PROVINCE,
        parent=national,
        valid_from=REFORM,
    )
    return [province] + [
        org_services.unit_create(
            code=f"{code}-KV{i:02d}",
            name=f"Phòng THADS khu vực {i:02d}",
            level=Unit.Level.LOCAL,
            parent=province,
            valid_from=REFORM,
        )
        for i in range(1, count + 1)
    ]


@pytest.fixture
def twelve_units(history):
    """12 local units: KV01 and KV02 complete their only case (100%), the others 40% each."""
    province, *units = make_province("HD", 12)
    for i, unit in enumerate(units):
        set_target(unit.code, 2026, "80.00", "50.00")
        if i < 2:
            history(
                unit.code,
                "2025-10-15",
                100 * B,
                [CO, ("thu_tien", "2026-02-01", 100 * B), ("xong", "2026-02-02")],
            )
        else:
            for n in range(5):
                events = [CO, ("dinh_chi", "2026-03-01")] if n < 2 else [CO]
                history(unit.code, "2025-10-15", 1 * B + i * M, events)
    set_target("HD", 2026, "82.50", "40.10")
    return province, units


def test_two_of_twelve_units_over_the_case_target_are_counted_as_two(twelve_units):
    province, units = twelve_units
    cockpit = build_cockpit(province, month_period(2026, 6), trend=False)
    assert cockpit.count == 12
    assert cockpit.case_met == 2
    assert cockpit.money_met == 2
    ranks = {r.unit_code: r.cases.rank for r in cockpit.rows}
    assert ranks["HD-KV01"] == ranks["HD-KV02"] == 1
    assert {ranks[u.code] for u in units[2:]} == {3}  # ties share rank 3
    # Lowest first on demand.
    assert cockpit.sorted_rows("viec")[0].cases.rate == D("40.00")
    assert cockpit.sorted_rows("viec", descending=True)[0].unit_code in {"HD-KV01", "HD-KV02"}


def test_summary_text_in_the_style_of_the_seeds(twelve_units):
    province, units = twelve_units
    cockpit = build_cockpit(province, as_of_period(2026, REFORM.replace(year=2026)), trend=False)
    text = summary_text(cockpit)
    # 2 finished + 10 × 2 terminated; money: 200 tỷ collected + 20 × (1 tỷ + i triệu).
    money_done = 200 * B + sum(2 * (B + i * M) for i in range(2, 12))
    assert cockpit.total.money.done == money_done
    assert text.startswith(
        "Toàn tỉnh đã giải quyết xong 22 việc, với số tiền hơn 220 tỷ đồng, đạt 42,31% về việc và "
    )
    assert "(chỉ tiêu được giao: 82,50% về việc, 40,10% về tiền)" in text
    assert "; 02 đơn vị vượt chỉ tiêu về việc và 02 đơn vị vượt chỉ tiêu về tiền." in text
    assert "Đơn vị có tỷ lệ thấp: Về việc: Phòng THADS khu vực 03 (40,00%), " in text
    assert text.endswith("...")


def test_summary_names_the_province_own_row_as_its_own_cases(twelve_units, history):
    """A province holding cases itself has its own row; in the "lowest" sentence it must read
    "… (trực tiếp thụ lý)", not the province's name alone (which reads as the whole province's
    rate beside a different headline rate)."""
    province, _units = twelve_units
    history("HD", "2025-10-15", 1 * B, [CO])  # the province's own case, not done: 0,00%
    cockpit = build_cockpit(province, as_of_period(2026, REFORM.replace(year=2026)), trend=False)
    text = summary_text(cockpit)
    assert f"Về việc: {province.name} (trực tiếp thụ lý) (0,00%), " in text


def test_projection_on_a_constructed_history(history):
    """Last year (Chi cục Đại Từ, continued by KV3 since 01/07/2025): 1 of 4 cases done at the
    end of January (month 4), 3 of 4 by 30/09 → the year-end rate is 3 × the January rate.
    This year KV3 has 10 new cases and the 1 carried over; 2 done by January: 2/11 = 18,18%,
    projected 18,18 × 75 / 25 = 54,54%. KV5 has no earlier year: linear pace from 01/10."""
    last_co = ("xac_minh_co_dieu_kien", "2024-10-20")
    history("TN-DT", "2024-10-10", M, [last_co, ("dinh_chi", "2025-01-15")])
    history("TN-DT", "2024-10-10", M, [last_co, ("dinh_chi", "2025-08-01")])
    history("TN-DT", "2024-10-10", M, [last_co, ("dinh_chi", "2025-09-01")])
    history("TN-DT", "2024-10-10", M, [last_co])
    for n in range(10):
        events = [CO, ("dinh_chi", "2026-01-10")] if n < 2 else [CO]
        history("TNG-KV3", "2025-10-05", M, events)
    history("TNG-KV5", "2025-10-05", M, [CO, ("dinh_chi", "2025-11-10")])
    for _ in range(9):
        history("TNG-KV5", "2025-10-05", M, [CO])
    cockpit = build_cockpit(Unit.objects.get(code="TNG"), month_period(2026, 4))
    kv3 = next(r for r in cockpit.rows if r.unit_code == "TNG-KV3")
    assert (kv3.cases.done, kv3.cases.base, kv3.cases.rate) == (2, 11, D("18.18"))
    assert kv3.cases.projected == D("54.54")
    kv5 = next(r for r in cockpit.rows if r.unit_code == "TNG-KV5")
    # 10,00% after 123 days of 365 (01/10/2025 – 31/01/2026): 10 × 365 / 123 = 29,67%.
    assert kv5.cases.projected == D("29.67")
    # The trend: 12 months of last year, 4 of this year, cumulative.
    assert [p.case_rate for p in cockpit.trend_last][3] == D("25.00")
    assert [p.case_rate for p in cockpit.trend_last][11] == D("75.00")
    assert len(cockpit.trend_this) == 4
    assert cockpit.trend_this[-1].case_rate == D("14.29")  # (2 + 1) / (11 + 10) for the province


def test_command_xlsx(twelve_units, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "chi-tieu.xlsx"
    call_command(
        "targets",
        "--unit",
        "HD",
        "--year",
        "2026",
        "--month",
        "6",
        "--format",
        "xlsx",
        "--output",
        str(out),
        stdout=StringIO(),
    )
    ws = load_workbook(out).active
    first = [c.value for c in ws[2]]
    assert first[0] == "HD-KV01" and first[2] == 100 and first[5] == "Đạt"
    # Ranking order whatever the units' ids: rank on cases, ties by unit code.
    codes = [ws.cell(row=n, column=1).value for n in range(2, 14)]
    assert codes == [f"HD-KV{i:02d}" for i in range(1, 13)]
    assert [c.value for c in ws[ws.max_row]][:6] == [
        "Số đơn vị",
        12,
        "Đạt về việc",
        2,
        "Đạt về tiền",
        2,
    ]


def test_case_lists_go_by_remaining_money_not_by_case_amount(history):
    """ "Largest" = most money still to collect; "nearest to done" = the smallest remainder."""
    from thads.stats.selection import Selection
    from thads.targets.views.cockpit import _case_lists

    big_but_nearly_done = history(
        "TNG-KV2", "2025-10-15", 100 * M, [CO, ("thu_tien", "2025-11-02", 95 * M)]
    )
    small_untouched = history("TNG-KV2", "2025-10-16", 20 * M, [CO])
    unit = Unit.objects.get(code="TNG-KV2")
    selection = Selection(unit=unit, period=month_period(2026, 3), query={})
    largest, nearest = _case_lists(selection)
    assert [r.case.pk for r in largest.rows] == [small_untouched.pk, big_but_nearly_done.pk]
    assert [r.value for r in largest.rows] == [20 * M, 5 * M]
    assert nearest[0].case.pk == big_but_nearly_done.pk


def test_an_office_without_officer_targets_says_so_and_names_only_the_low_officers(client, history):
    """A regional office's cockpit lists its officers, who are often given no target of their
    own. It said "chưa có Chấp hành viên nào đạt chỉ tiêu" and "0/3 đạt" (short of a target
    nobody set), and named every officer as "có tỷ lệ thấp", the best one too. Now: no target
    is said as such, and "low" is below the office's own rate when the officer has no target."""
    from thads.org.models import Staff

    done = ("dinh_chi", "2026-03-02")
    hoa, thu, thang = (Staff.objects.get(code=c) for c in ("TN-SC-02", "TN-PY-02", "TN-SC-03"))
    history("TNG-KV2", "2025-10-15", M, [CO, done], officer=hoa)  # 1/1 = 100,00%
    history("TNG-KV2", "2025-10-15", M, [CO, done], officer=thu)  # 1/2 = 50,00%
    history("TNG-KV2", "2025-10-15", M, [CO], officer=thu)
    history("TNG-KV2", "2025-10-15", M, [CO], officer=thang)  # 0/2 = 0,00%
    history("TNG-KV2", "2025-10-15", M, [CO], officer=thang)
    set_target("TNG-KV2", 2026, "82,50", "40,10")  # the office's target, none per officer
    kv2 = Unit.objects.get(code="TNG-KV2")
    cockpit = build_cockpit(kv2, month_period(2026, 6), trend=False)
    assert cockpit.by == "officer" and cockpit.total.cases.rate == D("40.00")
    text = summary_text(cockpit)
    assert "chưa giao chỉ tiêu về việc cho Chấp hành viên" in text
    assert "đạt chỉ tiêu" not in text
    assert f"Về việc: {thang.full_name} (0,00%);" in text
    assert thu.full_name not in text.split("Về việc:")[1].split(";")[0]  # 50% > 40%: not low
    client.force_login(get_user_model().objects.get(username="truongphong"))
    page = client.get(
        reverse("targets:cockpit"), {"don_vi": "TNG-KV2", "nam": 2026, "thang": 6}
    ).content.decode()
    tile = page[page.index('data-testid="case-met-count"') :]
    assert tile[: tile.index("</p>")].endswith("Chưa giao chỉ tiêu về việc cho Chấp hành viên")


def test_the_summary_of_a_running_month_ends_today_not_on_its_last_day():
    """The printed summary of December, read on 3 December, said "đến ngày 31/12/2026" while
    its figures stop today (the cockpit page itself says "số liệu đến hết ngày 03/12/2026")."""
    from types import SimpleNamespace

    from django.utils import timezone

    from thads.common.periods import current_month, report_year_of
    from thads.targets.summary import headline

    today = timezone.localdate()
    period = month_period(report_year_of(today), current_month(today))
    text = headline(SimpleNamespace(period=period))
    if today < period.end:
        assert text.endswith(f"đến ngày {today:%d/%m/%Y})")
    past = month_period(report_year_of(today) - 1, 12)
    assert headline(SimpleNamespace(period=past)).endswith(f"đến ngày {past.end:%d/%m/%Y})")
