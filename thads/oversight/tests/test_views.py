"""The oversight screens with the demo accounts: register a judgment and record its steps, the
surprise inspection in one click, forms 12 and 10 on the statistics screen with their drill-down,
the panels of the home page; read-only roles get 403 (the matrix covers every page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thads.oversight.models import AdminJudgment, Inspection
from thads.testing.targets import make_case

pytestmark = pytest.mark.django_db
D = dt.date


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))


def register_form(**over) -> dict:
    data = {
        "court": "Tòa án nhân dân tỉnh Thái Nguyên",
        "number": "15/2026/HC-ST",
        "judgment_date": "02/03/2026",
        "instance": "so_tham",
        "doc_type": "ban_an",
        "kind": "diem_a",
        "received_on": "16/03/2026",
        "plaintiff": "Nguyễn Văn Tâm",
        "obliged_name": "Chủ tịch Ủy ban nhân dân thành phố Sông Công",
        "obliged_body": "ubnd_huyen",
        "content": "Hủy quyết định thu hồi đất",
        "has_content": "1",
    }
    data.update(over)
    return data


def test_officer_registers_a_judgment_and_records_its_steps(client, demo_org):
    from thads.org.models import Staff

    login(client, "chv")
    chv = Staff.objects.get(code="TN-SC-02")
    url = reverse("oversight:thahc_new", args=["TNG-KV2"])
    response = client.post(url, register_form())
    assert response.status_code == 400  # no officer assigned: refused with the article
    assert "Điều 14 k2" in response.content.decode()
    response = client.post(url, register_form(officer=chv.pk))
    judgment = AdminJudgment.objects.get(number="15/2026/HC-ST")
    assert response.status_code == 302
    page = client.get(reverse("oversight:thahc_detail", args=[judgment.pk])).content.decode()
    assert "23/03/2026" in page  # notice due: 5 working days after 16/03/2026
    assert "<h2>Diễn biến theo dõi</h2>" in page
    assert "Nghị định 71/2016/NĐ-CP, Điều 14 k2" in page
    step = reverse("oversight:thahc_action", args=[judgment.pk, "thong-bao"])
    response = client.post(
        step,
        {
            "number": "3/TB",
            "on": "19/03/2026",
            "delivered_on": "20/03/2026",
            "version": judgment.version,
        },
    )
    assert response.status_code == 302
    stale = client.post(
        step.replace("thong-bao", "buoc-thi-hanh"),
        {"number": "1", "on": "20/05/2026", "version": judgment.version},
    )
    assert stale.status_code == 409
    page = client.get(reverse("oversight:thahc_detail", args=[judgment.pk])).content.decode()
    assert "20/04/2026" in page  # voluntary end: 30 days from the delivery (19/04 is a Sunday)
    assert "tống đạt" in page
    listing = client.get(reverse("oversight:thahc_list", args=["TNG-KV2"])).content.decode()
    assert judgment.code in listing


def test_read_only_inspector_cannot_register(client, demo_org):
    login(client, "kiemtra")
    assert client.get(reverse("oversight:thahc_list", args=["TNG-KV2"])).status_code == 200
    url = reverse("oversight:thahc_new", args=["TNG-KV2"])
    assert client.post(url, register_form()).status_code == 403
    assert client.get(reverse("oversight:plan", args=["TNG"])).status_code == 403


def test_inspection_office_opens_a_surprise_inspection_in_one_click(client, demo_org):
    kv2 = demo_org["TNG-KV2"]
    old = make_case(kv2, decision=D(2022, 1, 10))
    make_case(kv2, decision=D(2022, 1, 10), classified=False)
    login(client, "phongkiemtra")
    url = reverse("oversight:surprise_new", args=["TNG-KV2"])
    page = client.get(url).content.decode()
    assert old.code in page
    response = client.post(
        url,
        {
            "decision_no": "30/QĐ-KT",
            "decision_on": "15/05/2026",
            "team": "Trưởng đoàn: Nguyễn Thị Thu Trang",
        },
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(decision_no="30/QĐ-KT")
    assert list(inspection.files.values_list("case__code", flat=True)) == [old.code]
    assert inspection.inspecting_unit.code == "TNG"
    detail = client.get(reverse("oversight:inspection_detail", args=[inspection.pk]))
    assert old.code in detail.content.decode()
    # The three tables are titled on screen (the titles were only aria-labels).
    for title in ("Hồ sơ được kiểm tra", "Vi phạm phát hiện", "Kiến nghị và theo dõi thực hiện"):
        assert f"<h2>{title}</h2>" in detail.content.decode()
    # The office reads cases but never acts on them.
    assert client.get(reverse("cases:intake", args=["TNG-KV2"])).status_code == 403
    # Another province is out of scope.
    assert client.get(reverse("oversight:surprise_new", args=["CBG-KV1"])).status_code == 404


def test_forms_12_and_10_on_the_statistics_screen_with_drill_down(client, demo_org):
    from thads.org.models import Staff
    from thads.testing.oversight import judgment

    chv = Staff.objects.get(code="TN-SC-02")
    j = judgment(demo_org["TNG-KV2"], chv, received_on=D(2025, 11, 3), judgment_date=D(2025, 10, 1))
    login(client, "lanhdao")
    query = {"don_vi": "TNG", "bieu": "12", "nam": 2026, "thang": 12}
    page = client.get(reverse("stats:report"), query)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Biểu số 12/TK-THADS" in text
    assert "KẾT QUẢ THEO DÕI THI HÀNH ÁN HÀNH CHÍNH" in text
    drill = client.get(reverse("stats:drill"), {**query, "cot": 0, "dong": "TNG-KV2"})
    assert drill.status_code == 200
    assert j.code in drill.content.decode()
    for code in ("10", "6"):
        assert client.get(reverse("stats:report"), {**query, "bieu": code}).status_code == 200
    xlsx = client.get(reverse("stats:export"), {**query, "dinh_dang": "xlsx"})
    assert xlsx.status_code == 200


def test_home_panels_for_the_officer_and_the_leaders(client, demo_org):
    from django.utils import timezone

    from thads.org.models import Staff
    from thads.testing.oversight import judgment

    today = timezone.localdate()
    chv = Staff.objects.get(code="TN-SC-02")
    judgment(
        demo_org["TNG-KV2"], chv, received_on=today, judgment_date=today, obliged_body="ubnd_tinh"
    )
    login(client, "chv")
    assert 'data-testid="panel-officer-thahc"' in client.get("/").content.decode()
    login(client, "lanhdao")
    page = client.get("/").content.decode()
    assert 'data-testid="panel-oversight"' in page
    assert "UBND, Chủ tịch UBND cấp tỉnh" in page


def test_a_case_code_of_another_unit_is_not_found_as_a_code_nobody_used(client, demo_org):
    """Naming cases by code (the procuracy's act, a file examined) looks them up in the unit's
    scope: a case elsewhere answers exactly as a code that does not exist, so the screens never
    tell whether a case code exists in another unit or province."""
    elsewhere = make_case(demo_org["CBG-KV1"])
    login(client, "chv")
    url = reverse("oversight:procuracy_new", args=["TNG-KV2"])
    act = {
        "kind": "kien_nghi",
        "level": "cung_cap",
        "procuracy": "Viện kiểm sát nhân dân khu vực 2",
        "number": "12/KN-VKS",
        "act_on": "02/03/2026",
        "received_on": "04/03/2026",
        "content": "Kiến nghị khắc phục vi phạm",
    }

    def refusal(code: str) -> str:
        response = client.post(url, {**act, "case_codes": code})
        assert response.status_code == 400
        return response.content.decode().replace(code, "CODE")

    for code in (elsewhere.code, "TNG-KV2/2099/9999"):
        page = refusal(code)
        assert "Không tìm thấy việc: CODE." in page and "không thuộc đơn vị" not in page

    kv2 = demo_org["TNG-KV2"]
    old = make_case(kv2, decision=D(2022, 1, 10))
    login(client, "phongkiemtra")
    client.post(
        reverse("oversight:surprise_new", args=["TNG-KV2"]),
        {"decision_no": "31/QĐ-KT", "decision_on": "15/05/2026", "team": "Trưởng đoàn: Lê Hà"},
    )
    inspection = Inspection.objects.get(decision_no="31/QĐ-KT")
    add_file = reverse("oversight:inspection_action", args=[inspection.pk, "ho-so"])
    response = client.post(add_file, {"code": elsewhere.code})
    assert response.status_code == 400
    assert "Không tìm thấy việc có mã" in response.content.decode()
    assert list(inspection.files.values_list("case__code", flat=True)) == [old.code]


def test_the_inspected_unit_reports_on_a_recommendation_but_records_no_finding(client, demo_org):
    """`permissions.may_follow_up`: the inspected unit's people report what they did on a
    recommendation (the page offers it); a read-only inspector may not, and the unit's people
    never record findings or recommendations (inspectors only)."""
    from thads.oversight.services import inspections as services

    kv2 = demo_org["TNG-KV2"]
    inspection = services.inspection_open(
        inspecting_unit=demo_org["TNG"],
        unit=kv2,
        data=services.InspectionInput(
            kind="chuyen_de",
            decision_no="21/QĐ-KT",
            decision_on=D(2026, 3, 2),
            team="Trưởng đoàn: Võ Thị Hương",
            scope="Thu, chi tiền thi hành án",
            period_from=D(2025, 1, 1),
            period_to=D(2025, 12, 31),
        ),
    )
    inspection = services.conclusion_record(
        inspection,
        number="26/KL-KT",
        on=D(2026, 4, 10),
        text="Chấn chỉnh",
        version=inspection.version,
    )
    rec = services.recommendation_add(
        inspection, kind="chan_chinh", content="Lập lại sổ theo dõi", due_on=D(2026, 6, 30)
    )
    url = reverse("oversight:inspection_action", args=[inspection.pk, "thuc-hien"])
    report = {"recommendation": rec.pk, "version": rec.version, "on": "01/06/2026",
              "note": "Đã lập lại sổ", "close": "1"}  # fmt: skip
    login(client, "kiemtra")
    assert client.post(url, report).status_code == 403
    login(client, "chv")
    detail = reverse("oversight:inspection_detail", args=[inspection.pk])
    assert f"{url}?kn={rec.pk}" in client.get(detail).content.decode()
    assert client.post(url, report).status_code == 302
    rec.refresh_from_db()
    assert rec.closed_on == D(2026, 6, 1) and rec.follow_ups.get().note == "Đã lập lại sổ"
    other = reverse("oversight:inspection_action", args=[inspection.pk, "kien-nghi"])
    assert client.get(other).status_code == 403


def test_an_inspections_page_goes_back_to_a_register_its_reader_may_open(client, demo_org):
    """The inspected unit's staff read the province's inspection of their unit; its back link
    leads to their own unit's register (the province's answers 404 to them), while the
    province's staff go back to the province's register."""
    from thads.oversight.services import inspections as services

    inspection = services.inspection_open(
        inspecting_unit=demo_org["TNG"],
        unit=demo_org["TNG-KV2"],
        data=services.InspectionInput(
            kind="chuyen_de",
            decision_no="22/QĐ-KT",
            decision_on=D(2026, 3, 2),
            team="Trưởng đoàn: Võ Thị Hương",
            scope="Thu, chi tiền thi hành án",
            period_from=D(2025, 1, 1),
            period_to=D(2025, 12, 31),
        ),
    )
    detail = reverse("oversight:inspection_detail", args=[inspection.pk])
    for username, code in (("chv", "TNG-KV2"), ("phongkiemtra", "TNG")):
        login(client, username)
        page = client.get(detail).content.decode()
        back = reverse("oversight:inspections", args=[code])
        assert f'href="{back}"' in page, username
        assert client.get(back).status_code == 200, username
