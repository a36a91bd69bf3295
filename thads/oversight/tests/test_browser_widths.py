"""The oversight pages in chromium at 1366 px and at 390 px: no sideways scrolling on any of
them (the THAHC register and a judgment with its deadlines, a printed notice, the inspections
page, an inspection with its cases, the surprise proposal, the procuracy's acts and one act,
the exemption dossiers, the leaders' cockpit with its oversight panel, Việc của tôi with the
THAHC deadlines). Screenshots in test-artifacts/oversight/widths/."""

from __future__ import annotations

import pytest

from thads.oversight.models import AdminJudgment, Inspection, ProcuracyAct
from thads.oversight.tests.test_browser_oversight import build
from thads.testing.browser import ARTIFACTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = ARTIFACTS / "oversight" / "widths"
WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}


def pages_by_user() -> dict[str, list[tuple[str, str]]]:
    judgment = AdminJudgment.objects.filter(unit__code="TNG-KV2", has_content=True).first()
    inspection = Inspection.objects.get(kind="dot_xuat")
    act = ProcuracyAct.objects.get()
    return {
        "chv": [
            ("thahc-register", "/giam-sat/thahc/TNG-KV2/"),
            ("thahc-judgment", f"/giam-sat/thahc/viec/{judgment.pk}/"),
            ("thahc-notice", f"/giam-sat/van-ban-in/thong-bao/{judgment.pk}/"),
            ("my-deadlines", "/viec/"),
        ],
        "phongkiemtra": [
            ("inspections", "/giam-sat/kiem-tra/TNG/"),
            ("inspection", f"/giam-sat/kiem-tra/cuoc/{inspection.pk}/"),
            ("surprise", "/giam-sat/kiem-tra/TNG-KV2/dot-xuat/"),
            ("conclusion", f"/giam-sat/van-ban-in/ket-luan-kiem-tra/{inspection.pk}/"),
        ],
        "lanhdao": [
            ("procuracy-list", "/giam-sat/vien-kiem-sat/TNG/"),
            ("procuracy-act", f"/giam-sat/vien-kiem-sat/van-ban/{act.pk}/"),
            ("exemptions", "/giam-sat/mien-giam/TNG-KV3/"),
            ("cockpit", "/chi-tieu/?don_vi=TNG&nam=2026&thang=12"),
        ],
    }


def test_oversight_pages_fit_1366_and_390_without_sideways_scrolling(
    live_server, browser, demo_org
):
    import importlib

    from django.apps import apps

    for module in (
        "thads.stats.migrations.0003_default_forms",
        "thads.oversight.migrations.0002_reference_data",
    ):
        importlib.import_module(module).seed(apps, None)
    build(demo_org)
    SHOTS.mkdir(parents=True, exist_ok=True)
    overflows = []
    for username, pages in pages_by_user().items():
        for width, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(20_000)
            problems: list[str] = []
            page.on("pageerror", lambda e, problems=problems: problems.append(str(e)))
            sign_in(page, live_server, username)
            for name, path in pages:
                response = page.goto(live_server.url + path)
                assert response.status == 200, (username, path, response.status)
                page.wait_for_load_state("networkidle")
                scroll, inner = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if scroll > inner:
                    overflows.append((name, width, scroll, inner))
                page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
            assert not problems, (username, width, problems)
            context.close()
    assert not overflows, overflows
