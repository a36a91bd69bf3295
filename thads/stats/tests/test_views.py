"""Statistics screens: scope, every form renders, cells drill down to their cases, exports."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from thads.common import jobs
from thads.common.periods import month_period
from thads.org.models import Unit
from thads.stats.drilldown import drill
from thads.stats.layout import build_form
from thads.stats.models import ExportJob

pytestmark = pytest.mark.django_db
M = 1_000_000
PERIOD = {"nam": 2026, "thang": 4}  # 01/10/2025 – 31/01/2026


def login(client, username="lanhdao"):
    client.force_login(get_user_model().objects.get(username=username))


def report_url(**params):
    query = {"don_vi": "TNG", "bieu": "1", **PERIOD, **params}
    return reverse("stats:report") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_out_of_scope_unit_is_404(client, demo_org):
    login(client, "lanhdao")
    assert client.get(report_url(don_vi="CBG")).status_code == 404
    assert client.get(report_url(don_vi="NOPE")).status_code == 404
    login(client, "chv")  # an officer of TNG-KV2 does not read the province
    assert client.get(report_url(don_vi="TNG")).status_code == 404
    assert client.get(report_url(don_vi="TNG-KV2")).status_code == 200
    drill_url = reverse("stats:drill") + "?don_vi=TNG&bieu=1&nam=2026&thang=4&cot=0"
    assert client.get(drill_url).status_code == 404
    export_url = reverse("stats:export") + "?don_vi=TNG&bieu=1&nam=2026&thang=4&dinh_dang=csv"
    assert client.get(export_url).status_code == 404


def test_drill_row_unit_out_of_scope_is_404(client, demo_org):
    login(client, "chv")
    url = reverse("stats:drill") + "?don_vi=TNG-KV2&bieu=1&nam=2026&thang=4&cot=0&dong=CBG-KV1"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("code", ["1", "2", "3", "4", "5", "7"])
def test_every_form_renders(client, cases, code):
    login(client)
    response = client.get(report_url(bieu=code))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Biểu số 0{code}/TK-THADS" in html
    assert "Từ ngày 01/10/2025 đến ngày 31/01/2026" in html
    assert "Tổng cộng" in html
    assert "Thông tư 05/2024/TT-BTP" in html
    assert 'name="nam" min="2000" max="2200" value="2026"' in html
    # Column numbers row and a merged group header.
    assert '<tr class="numbers"><th>A</th><th>B</th><th>1</th><th>2</th>' in html
    assert 'colspan="' in html
    if code in {"2", "3", "5"}:
        assert "Đơn vị tính: nghìn đồng" in html
    if code in {"4", "5"}:
        assert "Chưa phân công Chấp hành viên" in html or "Nguyễn" in html
    # Every form's cells drill down (form 7: to the cases that had the decisions).
    assert reverse("stats:drill") in html


def test_vietnamese_formatting(client, cases):
    login(client)
    html = client.get(report_url(bieu="2")).content.decode()
    # Money in nghìn đồng rounded half up: 100.000.000 + 50.000.000 + … đồng.
    assert ">180.003<" in html  # tong_thu_ly 180.002.500 đ → 180.003 nghìn đồng
    assert re.search(r">\d+,\d\d%<", html), "rates print as 83,99%"
    drill_html = client.get(_first_drill_url(html, "TNG-KV2")).content.decode()
    assert "15/10/2025" in drill_html  # dd/mm/yyyy


def _first_drill_url(html: str, row: str | None = None) -> str:
    urls = re.findall(r'href="(/thong-ke/chi-tiet/\?[^"]+)"', html)
    urls = [u.replace("&amp;", "&") for u in urls]
    if row:
        urls = [u for u in urls if f"dong={row}" in u]
    return urls[0]


@pytest.mark.parametrize("code", ["1", "2", "4"])
def test_drill_page_sums_equal_the_cell(client, cases, code):
    """Every linked cell of the screen: its cases' contributions add up to the printed cell."""
    login(client)
    html = client.get(report_url(bieu=code)).content.decode()
    cells = re.findall(r'<td class="n"><a href="([^"]+)">([^<]+)</a></td>', html)
    assert cells
    money = code == "2"
    checked = 0
    for url, text in cells:
        url = url.replace("&amp;", "&")
        if "%" in text or text == "—":
            continue
        response = client.get(url)
        assert response.status_code == 200
        page = response.context["page"]
        total = sum(r.value for r in page.rows)
        expected = int(text.replace(".", ""))
        if money:
            from thads.common.money import to_thousands

            assert int(to_thousands(total)) == expected, (url, text)
        else:
            assert total == expected, (url, text)
        checked += 1
    assert checked > 20


def test_drill_lists_cases_with_links_and_paginates(client, history, demo_org):
    for i in range(53):
        history("TNG-KV2", "2025-10-15", (i + 1) * 1000)
    login(client)
    base = reverse("stats:drill") + "?don_vi=TNG&bieu=2&nam=2026&thang=4&cot=2&dong=TNG-KV2"
    response = client.get(base)
    page = response.context["page"]
    assert page.count == 53 and len(page.rows) == 50
    html = response.content.decode()
    assert reverse("cases:detail", args=[page.rows[0].case.pk]) in html
    assert "Trang 1/2" in html
    second = client.get(base + "&trang=2").context["page"]
    assert len(second.rows) == 3
    assert sum(r.value for r in page.rows + second.rows) == sum((i + 1) * 1000 for i in range(53))


def test_drill_excel_export(client, cases):
    login(client)
    unit = Unit.objects.get(code="TNG")
    period = month_period(2026, 4)
    url = reverse("stats:drill") + "?don_vi=TNG&bieu=2&nam=2026&thang=4&cot=0&xuat=xlsx"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    body, total = rows[:-1], rows[-1]
    expected = drill(unit, period, "tong_thu_ly", "money", limit=100)
    assert {r[1] for r in body} == {r.case.code for r in expected.rows}
    assert total[1] == "Cộng" and total[7] == sum(r.value for r in expected.rows)
    table = build_form("2", unit, period)
    assert total[7] == table.total.values[0]


def test_officer_rows_drill(client, cases):
    login(client)
    html = client.get(report_url(bieu="4")).content.decode()
    assert "cb=-" in html.replace("&amp;", "&")


def test_background_export(client, cases, settings, django_capture_on_commit_callbacks):
    login(client)
    url = reverse("stats:export_start") + "?don_vi=TNG&bieu=4&nam=2026&thang=4&dinh_dang=xlsx"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == "done" and job.progress == 100
    page = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in page.content.decode()
    download = client.get(reverse("stats:export_download", args=[job.pk]))
    assert download.status_code == 200
    load_workbook(io.BytesIO(download.content))
    # Another user never sees the job.
    login(client, "trunguong")
    assert client.get(reverse("stats:export_job", args=[job.pk])).status_code == 404


def test_pending_job_polls(client, cases, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # a worker's
    login(client)
    url = reverse("stats:export_start") + "?don_vi=TNG&bieu=1&nam=2026&thang=4&dinh_dang=pdf"
    response = client.post(url)
    job = ExportJob.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in html and "<progress" in html
    assert client.get(reverse("stats:export_download", args=[job.pk])).status_code == 404
    assert jobs.run_ready() == 1
    job.refresh_from_db()
    assert job.status == "done" and bytes(job.content).startswith(b"%PDF")


def test_failed_job_is_recorded(cases):
    from thads.stats import tasks

    user = get_user_model().objects.get(username="lanhdao")
    job = tasks.create(user, form="1", unit=Unit.objects.get(code="TNG"), year=2026, month=None)
    tasks.run(job.pk)  # neither month nor date: the period cannot be built
    job.refresh_from_db()
    assert job.status == "failed" and job.error


def test_an_interrupted_export_runs_again_and_a_done_one_does_not(cases):
    from thads.stats import tasks

    user = get_user_model().objects.get(username="lanhdao")
    job = tasks.create(user, form="1", unit=Unit.objects.get(code="TNG"), year=2026, month=4)
    ExportJob.objects.filter(pk=job.pk).update(status="running", progress=30)  # worker died
    tasks.run(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100
    ExportJob.objects.filter(pk=job.pk).update(filename="kept.xlsx")
    tasks.run(job.pk)  # delivered again: nothing is redone
    job.refresh_from_db()
    assert job.filename == "kept.xlsx"


def test_nav_entry(client, demo_org):
    login(client, "chv")
    html = client.get(reverse("web:home")).content.decode()
    assert reverse("stats:report") in html and "Thống kê" in html
