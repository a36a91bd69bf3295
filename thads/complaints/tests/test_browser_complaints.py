"""The complaint handling in chromium: the clerk registers a letter, the head accepts it (one
matter, resolver and deadline from the rule table) and names a verifier, the verifier records
the verification, the resolver records the decision and prints it; a citizen reception session
and form 8 with the decided matter. Every page seen is photographed at 1366 px and 390 px
(under the test's tmp dir) and must not scroll sideways."""

from __future__ import annotations

import pytest
from django.utils import timezone

from thads.complaints import services
from thads.complaints.models import Complaint, Matter
from thads.complaints.services import SessionInput
from thads.org.models import Staff
from thads.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}
# The head of each resolving unit in the demo.
HEADS = {"TNG-KV2": "truongphong", "TNG": "lanhdao"}


class Walk:
    """One signed-in context per account and width; every page visited is photographed."""

    def __init__(self, browser, live_server, shots):
        self.browser, self.live_server, self.shots = browser, live_server, shots
        self.overflows: list[tuple[str, str, int, int]] = []
        self.problems: list[str] = []
        self.contexts: dict[tuple[str, str], object] = {}

    def page(self, username: str, width: str = "1366"):
        if (username, width) not in self.contexts:
            context = self.browser.new_context(viewport=WIDTHS[width], locale="vi-VN")
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.on("pageerror", lambda e: self.problems.append(str(e)))
            sign_in(page, self.live_server, username)
            self.contexts[(username, width)] = page
        return self.contexts[(username, width)]

    def look(self, username: str, name: str, path: str) -> None:
        """The page at both widths: status 200, no sideways scrolling, a screenshot each."""
        for width in WIDTHS:
            page = self.page(username, width)
            response = page.goto(self.live_server.url + path)
            assert response.status == 200, (username, path, response.status)
            page.wait_for_load_state("networkidle")
            scroll, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > inner:
                self.overflows.append((name, width, scroll, inner))
            page.screenshot(path=str(self.shots / f"{name}-{width}.png"), full_page=True)


def test_clerk_registers_head_accepts_verifier_verifies_resolver_decides(
    live_server, browser, demo_org, tmp_path
):
    walk = Walk(browser, live_server, tmp_path)
    url = live_server.url

    # The clerk enters the letter in the register.
    clerk = walk.page("thuky")
    clerk.goto(f"{url}/don-thu/so/TNG-KV2/nhan-don/")
    clerk.select_option("#id_kind", "khieu_nai")
    clerk.select_option("#id_channel", "truc_tiep")
    clerk.fill("#id_summary", "Khiếu nại việc Chấp hành viên kê biên nhầm tài sản")
    clerk.select_option("#id_subject", "officer")
    clerk.fill("#id_s-0-name", "Hà Văn Tuấn")
    clerk.fill("#id_s-0-address", "Phường Mỏ Chè, Sông Công")
    clerk.get_by_test_id("action-submit").click()
    clerk.wait_for_load_state("networkidle")
    letter = Complaint.objects.get(summary__startswith="Khiếu nại việc Chấp hành viên")
    assert clerk.url.endswith(f"/don-thu/don/{letter.pk}/")
    walk.look("thuky", "register", "/don-thu/so/TNG-KV2/")

    # The head accepts it: one matter, first instance, against an officer.
    head = walk.page("truongphong")
    head.goto(f"{url}/don-thu/don/{letter.pk}/xu-ly/")
    head.select_option("#id_competent", "1")
    head.select_option("#id_eligible", "1")
    head.select_option("#id_handling", "thu_ly")
    head.check("input[name=matter_kinds][value=khieu_nai]")
    head.select_option("#id_instance", "1")
    head.select_option("#id_subject_role", "officer")
    head.get_by_test_id("action-submit").click()
    head.wait_for_load_state("networkidle")
    matter = Matter.objects.get(letter=letter)
    assert head.get_by_text(matter.code).first.is_visible()
    walk.look("truongphong", "letter-accepted", f"/don-thu/don/{letter.pk}/")

    # The resolver (from the rule table) names the verifier; the verifier records the work.
    resolver = HEADS[matter.resolver_unit.code]
    page = walk.page(resolver)
    page.goto(f"{url}/don-thu/vu-viec/{matter.pk}/giao-xac-minh/")
    page.select_option("#id_verifier", "TN-PY-01")
    page.get_by_test_id("action-submit").click()
    page.wait_for_load_state("networkidle")
    verifier = walk.page("phophong")
    verifier.goto(f"{url}/don-thu/vu-viec/{matter.pk}/xac-minh/")
    verifier.fill("#id_note", "Tài sản kê biên thuộc sở hữu của người thứ ba")
    verifier.get_by_test_id("action-submit").click()
    verifier.wait_for_load_state("networkidle")

    # The resolver decides, and prints the decision.
    page.goto(f"{url}/don-thu/vu-viec/{matter.pk}/giai-quyet/")
    page.select_option("#id_outcome", "dung_mot_phan")
    page.fill("#id_decision_no", "15/QĐ-PTHADS")
    page.fill("#id_measures", "Giải tỏa kê biên tài sản của người thứ ba")
    page.get_by_test_id("action-submit").click()
    page.wait_for_load_state("networkidle")
    matter.refresh_from_db()
    assert (matter.outcome, matter.decision_no) == ("dung_mot_phan", "15/QĐ-PTHADS")
    assert page.get_by_test_id("matter-outcome").inner_text().startswith("Khiếu nại đúng một phần")
    walk.look(resolver, "matter-decided", f"/don-thu/vu-viec/{matter.pk}/")
    walk.look(resolver, "decision-paper", f"/don-thu/van-ban-in/giai-quyet/{matter.pk}/")
    paper = walk.page(resolver)
    assert paper.get_by_text("15/QĐ-PTHADS").first.is_visible()
    assert not paper.get_by_text("DỰ THẢO").count()
    walk.look(resolver, "matters", f"/don-thu/giai-quyet/{matter.resolver_unit.code}/")

    # A reception session, and form 8 counting the matter as resolved.
    today = timezone.localdate()
    session = services.session_record(
        demo_org["TNG-KV2"],
        SessionInput(held_on=today, form="dinh_ky", place="Trụ sở Phòng",
                     host=Staff.objects.get(code="TN-SC-01"), by_leader=True, visits=4,
                     people=4, matters_old=1, matters_new=2, about_khieu_nai=2,
                     about_kien_nghi=1, content="Khiếu nại kê biên; hỏi tiến độ",
                     outcome="Nhận 2 đơn, hướng dẫn 1 trường hợp"),
    )  # fmt: skip
    walk.look("thuky", "reception-session", f"/don-thu/buoi-tiep/{session.pk}/")
    walk.look("thuky", "reception-sessions", "/don-thu/tiep-cong-dan/TNG-KV2/")
    year = today.year + 1 if today.month >= 10 else today.year
    form = f"/thong-ke/?don_vi=TNG&nam={year}&ngay={today:%d/%m/%Y}&bieu=8"
    walk.look("lanhdao", "form-08", form)
    form_page = walk.page("lanhdao", "390")
    assert form_page.get_by_text("Biểu số 08/TK-THADS").first.is_visible()
    assert form_page.get_by_text("100,00").first.count() == 1  # 1 matter resolved of 1

    shots = ("register", "letter-accepted", "matter-decided", "decision-paper",
             "reception-session", "form-08")  # fmt: skip
    for name in shots:
        for width in WIDTHS:
            assert (tmp_path / f"{name}-{width}.png").stat().st_size > 10_000
    assert not walk.overflows, walk.overflows
    assert not walk.problems, walk.problems
