"""The bottleneck screens: panel, lists (scope, pagination, sorting, Vietnamese formatting),
Excel export read back with openpyxl, parameters, the people page."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from thads.cases.models import CaseState, EventType
from thads.complaints.models import Complaint
from thads.org.models import Staff
from thads.stats.facts import refresh_facts
from thads.targets.views import bottlenecks as bottleneck_views
from thads.testing.targets import add_event, make_case

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def units(shared_demo_org, db):
    return shared_demo_org


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def url(key, **query):
    from urllib.parse import urlencode

    base = reverse("bottlenecks:list", args=[key])
    return f"{base}?{urlencode(query)}" if query else base


@pytest.fixture
def bank_cases(units):
    officer = Staff.objects.get(code="TN-SC-02")
    kv2, kv3 = units["TNG-KV2"], units["TNG-KV3"]
    return {
        "big": make_case(
            kv2,
            amount=1_234_567_890,
            is_bank_credit=True,
            officer=officer,
            decision=dt.date(2025, 2, 3),
        ),  # fmt: skip
        "old": make_case(
            kv2, amount=600_000_000, is_bank_credit=True, decision=dt.date(2019, 11, 4)
        ),  # fmt: skip
        "other": make_case(kv3, amount=700_000_000, is_bank_credit=True),
    }


def test_list_shows_cases_with_links_and_vietnamese_formatting(client, bank_cases):
    login(client, "lanhdao")
    response = client.get(url("tin-dung", don_vi="TNG-KV2"))
    assert response.status_code == 200
    html = response.content.decode()
    big = bank_cases["big"]
    assert reverse("cases:detail", args=[big.pk]) in html
    assert "1.234.567.890 đ" in html
    assert "03/02/2025" in html
    assert "500.000.000 đ" in html  # the definition names the threshold
    assert bank_cases["other"].code not in html  # KV3 is outside the chosen unit
    # Sorted by money (largest first) by default, by age (oldest decision first) on request.
    assert html.index(big.code) < html.index(bank_cases["old"].code)
    html = client.get(url("tin-dung", don_vi="TNG-KV2", sap_xep="tuoi")).content.decode()
    assert html.index(bank_cases["old"].code) < html.index(big.code)


def test_officer_sees_only_its_unit_and_out_of_scope_is_404(client, bank_cases):
    login(client, "chv")
    html = client.get(url("tin-dung")).content.decode()
    assert bank_cases["big"].code in html
    assert bank_cases["other"].code not in html
    assert client.get(url("tin-dung", don_vi="TNG-KV3")).status_code == 404
    assert client.get(url("tin-dung", don_vi="CBG-KV1")).status_code == 404
    assert client.get(url("khong-co")).status_code == 404


def test_pagination(client, units, monkeypatch):
    monkeypatch.setattr(bottleneck_views, "PAGE_SIZE", 2)
    for i in range(5):
        make_case(units["TNG-KV2"], is_corruption=True, amount=(i + 1) * 1_000_000)
    login(client, "lanhdao")
    first = client.get(url("tham-nhung", don_vi="TNG-KV2")).content.decode()
    assert "Trang 1/3" in first
    assert "Số dòng: 5" in first
    third = client.get(url("tham-nhung", don_vi="TNG-KV2") + "&trang=3").content.decode()
    assert "Trang 3/3" in third
    assert "1.000.000 đ" in third and "5.000.000 đ" not in third


def test_excel_export_reads_back(client, bank_cases):
    login(client, "lanhdao")
    response = client.get(url("tin-dung", don_vi="TNG", xuat="xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "diem-nghen-tin-dung-TNG-20260515.xlsx" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "Tín dụng ngân hàng giá trị lớn"
    assert ws["A2"].value == "Thi hành án dân sự tỉnh Thái Nguyên"
    assert "15/05/2026" in ws["A3"].value
    assert ws.cell(row=4, column=2).value == "Mã việc"
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    body, total = rows[:-1], rows[-1]
    assert [r[1] for r in body] == [
        bank_cases["big"].code, bank_cases["other"].code, bank_cases["old"].code
    ]  # fmt: skip
    assert body[0][3].date() == dt.date(2025, 2, 3)
    assert body[0][9] == 1_234_567_890
    assert total[1] == "Cộng" and total[9] == 1_234_567_890 + 700_000_000 + 600_000_000
    assert ws.cell(row=5, column=10).number_format == "#,##0"
    assert ws.cell(row=5, column=4).number_format == "DD/MM/YYYY"


def test_excel_of_complaints_and_steering_has_the_extra_columns(client, units):
    case = make_case(units["TNG-KV2"], steering_note="Ban chỉ đạo: ưu tiên giải quyết dứt điểm.")
    for i in range(2):
        Complaint.objects.create(
            code=f"KN/V/{i}", unit=case.unit, kind="khieu_nai",
            received_on=dt.date(2025, 6, 1 + i), case=case,
        )  # fmt: skip
    login(client, "lanhdao")
    html = client.get(url("khieu-nai", don_vi="TNG")).content.decode()
    assert "nhiều lần" in html
    html = client.get(url("ban-chi-dao", don_vi="TNG")).content.decode()
    assert "Ban chỉ đạo: ưu tiên giải quyết dứt điểm." in html
    ws = load_workbook(
        io.BytesIO(client.get(url("khieu-nai", don_vi="TNG", xuat="xlsx")).content)
    ).active
    assert ws.cell(row=4, column=12).value == "Số đơn"
    assert ws.cell(row=5, column=12).value == 2
    ws = load_workbook(
        io.BytesIO(client.get(url("ban-chi-dao", don_vi="TNG", xuat="xlsx")).content)
    ).active
    assert ws.cell(row=5, column=12).value == "Ban chỉ đạo: ưu tiên giải quyết dứt điểm."


def test_bad_parameter_answers_400_with_the_message(client, units):
    login(client, "lanhdao")
    response = client.get(url("viec-cu", nam="abc"))
    assert response.status_code == 400
    assert "Năm thụ lý không hợp lệ" in response.content.decode()


def test_year_parameter_moves_the_old_case_boundary(client, units):
    y2017 = make_case(units["TNG-KV2"], decision=dt.date(2017, 3, 1))
    login(client, "lanhdao")
    assert y2017.code not in client.get(url("viec-cu")).content.decode()
    html = client.get(url("viec-cu", nam="2017")).content.decode()
    assert y2017.code in html
    assert "từ năm 2017 trở về trước" in html


def test_held_money_and_deadline_lists(client, units):
    from thads.ledger import services as ledger

    kv2 = units["TNG-KV2"]
    ledger.held_money_receive(kv2, kind="tam_thu", amount=2_500_000,
                              received_on=dt.date(2026, 1, 2), source="Nguyễn Văn An")  # fmt: skip
    late = make_case(kv2, decision=dt.date(2026, 1, 5), classified=False,
                     officer=Staff.objects.get(code="TN-SC-02"))  # fmt: skip
    login(client, "lanhdao")
    html = client.get(url("tien-tam-giu", don_vi="TNG")).content.decode()
    assert "2.500.000 đ" in html and "02/01/2026" in html and "Nguyễn Văn An" in html
    ws = load_workbook(
        io.BytesIO(client.get(url("tien-tam-giu", don_vi="TNG", xuat="xlsx")).content)
    ).active
    assert ws.cell(row=5, column=8).value == 2_500_000
    assert ws.cell(row=5, column=5).value == 133  # 02/01 → 15/05/2026
    html = client.get(url("qua-han", don_vi="TNG")).content.decode()
    assert late.code in html and "Nguyễn Thị Hoa" in html
    assert "Luật THADS 2008, Điều 39" in html
    wb = load_workbook(io.BytesIO(client.get(url("qua-han", don_vi="TNG", xuat="xlsx")).content))
    assert wb.active.cell(row=5, column=2).value == late.code
    assert wb["Theo Chấp hành viên"].cell(row=2, column=1).value == "Nguyễn Thị Hoa"


def test_panel_and_overview(client, bank_cases, django_assert_max_num_queries):
    case = bank_cases["big"]
    add_event(case, EventType.QUYET_DINH_CUONG_CHE, dt.date(2025, 4, 1), measure="ke_bien")
    login(client, "lanhdao")
    refresh_facts()  # as the services' writes leave them: the panel then reads stored rows
    with django_assert_max_num_queries(30):
        response = client.get(reverse("bottlenecks:panel") + "?don_vi=TNG")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="bottleneck-tin-dung"' in html
    assert "2.534.567.890 đ" in html  # 1 234 567 890 + 600 000 000 + 700 000 000
    assert url("cho-tham-dinh-gia") + "?don_vi=TNG" in html
    overview = client.get(reverse("bottlenecks:overview"))
    assert overview.status_code == 200
    assert "Thi hành án dân sự tỉnh Thái Nguyên" in overview.content.decode()


def test_the_cockpit_hook_loads_the_panel(client, units):
    from django.template.loader import render_to_string

    html = render_to_string("targets/_bottlenecks_panel.html", {"selection": None})
    assert f'hx-get="{reverse("bottlenecks:panel")}"' in html


def test_people_page(client, units):
    kv2 = units["TNG-KV2"]
    head = Staff.objects.get(
        memberships__unit=kv2, memberships__is_head=True, memberships__valid_to__isnull=True
    )
    make_case(kv2, officer=head, state=CaseState.DANG_THI_HANH)
    for day in range(1, 8):
        make_case(kv2, decision=dt.date(2026, 4, day))
    login(client, "lanhdao")
    response = client.get(reverse("bottlenecks:people") + "?don_vi=TNG")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="surge-TNG-KV2"' in html and "Tăng đột biến" in html
    assert 'data-testid="load-TNG-KV2"' in html
    assert 'data-testid="violation-TNG-KV2"' in html
    assert client.get(reverse("bottlenecks:people") + "?don_vi=CBG").status_code == 404
