"""The oversight screens in chromium, with screenshots (test-artifacts/oversight/): the THAHC
register and a judgment's page, an inspection with the cases it examined (opened by the
inspection office's one-click surprise inspection), and forms 6, 10 and 12 as printed."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases.models import CaseEvent
from thads.org.models import Staff
from thads.oversight.services import exemptions, inspections, procuracy, thahc
from thads.testing.browser import ARTIFACTS, user_page
from thads.testing.oversight import judgment
from thads.testing.targets import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date
SHOTS = ARTIFACTS / "oversight"
FORMS = "don_vi=TNG&nam=2026&thang=12"


def build(units) -> None:
    kv2, kv3 = units["TNG-KV2"], units["TNG-KV3"]
    chv = Staff.objects.get(code="TN-SC-02")
    bodies = ["ubnd_tinh", "ubnd_huyen", "ubnd_xa", "khac"]
    for i in range(8):
        j = judgment(
            kv2,
            chv,
            received_on=D(2025, 10, 6) + dt.timedelta(days=9 * i),
            judgment_date=D(2025, 9, 15),
            obliged_body=bodies[i % 4],
            obliged_name=[
                "Ủy ban nhân dân tỉnh Thái Nguyên",
                "Chủ tịch UBND thành phố Sông Công",
                "Ủy ban nhân dân xã Tân Quang",
                "Sở Tài nguyên và Môi trường",
            ][i % 4],
        )
        j = thahc.notice_record(
            j,
            number=f"{i + 1}/TB-THADS",
            on=j.received_on + dt.timedelta(3),
            delivered_on=j.received_on + dt.timedelta(5),
            version=j.version,
        )
        if i < 3:
            thahc.outcome_record(j, outcome="xong", on=D(2026, 3, 2 + i), version=j.version)
        elif i == 4:
            j = thahc.court_order_record(
                j, number="02/2026/QĐ-BTHA", on=D(2026, 2, 10), version=j.version
            )
            thahc.letter_record(
                j,
                kind="kien_nghi",
                on=D(2026, 3, 5),
                recipient="Chủ tịch UBND tỉnh Thái Nguyên",
                number="45/CV-THADS",
            )
    judgment(kv2, None, received_on=D(2025, 11, 3), has_content=False)
    old = [make_case(kv2, decision=D(2023, 3, 1) + dt.timedelta(days=40 * i)) for i in range(4)]
    make_case(kv2, decision=D(2025, 12, 1))
    surprise = inspections.surprise_open(
        inspecting_unit=units["TNG"],
        unit=kv2,
        decision_no="30/QĐ-THADS",
        decision_on=D(2026, 5, 15),
        team="Trưởng đoàn: Nguyễn Thị Thu Trang; thành viên: Võ Thị Hương",
    )
    inspections.finding_record(
        surprise, violation="xac_minh", case=old[0], description="Không xác minh lại sau 6 tháng"
    )
    surprise = inspections.conclusion_record(
        surprise,
        number="12/KL-THADS",
        on=D(2026, 6, 20),
        version=surprise.version,
        text="Chấn chỉnh việc xác minh định kỳ; tổ chức thi hành dứt điểm 2 việc.",
    )
    inspections.recommendation_add(
        surprise, kind="ky_luat", people=1, content="Kiểm điểm Chấp hành viên để kéo dài"
    )
    act = procuracy.act_receive(
        unit=kv3,
        data=procuracy.ActInput(
            kind="kien_nghi",
            level="cung_cap",
            procuracy="Viện kiểm sát nhân dân khu vực 3",
            number="07/KN-VKS",
            act_on=D(2026, 1, 12),
            received_on=D(2026, 1, 13),
            content="Kiến nghị khắc phục vi phạm thời hạn xác minh",
        ),
    )
    procuracy.act_answer(
        act,
        number="15/CV-THADS",
        on=D(2026, 2, 5),
        result="chap_nhan",
        reasons="",
        measures="Rút kinh nghiệm",
        version=act.version,
    )
    case = make_case(kv3, is_state_budget=True, decision=D(2024, 5, 6))
    dossier = exemptions.dossier_open(
        case=case, eligible_on=D(2025, 11, 3), amount_requested=4_500_000
    )
    CaseEvent.objects.create(
        case=case, seq=1, type="mien_giam", on=D(2026, 2, 9), amount=4_500_000, law_version="2008"
    )
    exemptions.dossier_update(
        dossier,
        sent_on=D(2025, 11, 10),
        court_accepted_on=D(2025, 12, 1),
        decided_on=D(2026, 2, 9),
        decision_no="3/2026/QĐ-TA",
        result="mien",
        version=dossier.version,
    )


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_oversight_screens_in_the_browser(live_server, browser, demo_org):
    import importlib

    from django.apps import apps

    for module in (
        "thads.stats.migrations.0003_default_forms",
        "thads.oversight.migrations.0002_reference_data",
    ):
        importlib.import_module(module).seed(apps, None)
    build(demo_org)

    page = user_page(browser, live_server, "chv")
    page.goto(f"{live_server.url}/giam-sat/thahc/TNG-KV2/")
    rows = page.get_by_test_id("thahc-list").locator("tbody tr")
    assert rows.count() == 9
    shot(page, "thahc-register")
    rows.first.get_by_role("link").click()
    # A click does not wait for the page it opens: wait for it, or the check reads the old page.
    page.wait_for_url("**/giam-sat/thahc/viec/*/")
    assert page.get_by_test_id("thahc-deadlines").is_visible()
    shot(page, "thahc-judgment")

    assert not page.problems, page.problems
    page = user_page(browser, live_server, "phongkiemtra")
    page.goto(f"{live_server.url}/giam-sat/kiem-tra/TNG-KV2/dot-xuat/")
    shot(page, "surprise-proposal")
    page.goto(f"{live_server.url}/giam-sat/kiem-tra/TNG/")
    page.get_by_test_id("inspection-list").locator("tr", has_text="12/KL-THADS").get_by_role(
        "link"
    ).click()
    page.wait_for_url("**/giam-sat/kiem-tra/cuoc/*/")
    assert page.get_by_test_id("inspection-files").locator("tbody tr").count() == 4
    shot(page, "inspection-with-cases")

    assert not page.problems, page.problems
    page = user_page(browser, live_server, "lanhdao")
    shot(page, "home-leader")
    for code, name in (("12", "form-12"), ("10", "form-10"), ("6", "form-06")):
        page.goto(f"{live_server.url}/thong-ke/?{FORMS}&bieu={code}")
        assert page.get_by_text(f"Biểu số {int(code):02d}/TK-THADS").first.is_visible()
        shot(page, name)
    assert not page.problems, page.problems
