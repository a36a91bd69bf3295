"""The complaint handling's templates (family `complaint`, seed_complaints) as catalogue data:
both laws, every placeholder filled from a full context, the unverified decrees marked in the
data, the 2025 rows citing no article of the 2008 law; the composer's repeated and conditional
paragraphs; the case screens never offer them; the registry other apps compose through."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from thads.common.paper import Header
from thads.common.paper.catalogue import catalogue_body
from thads.documents.compose import blocks, compose
from thads.documents.models import DocumentTemplate, Family
from thads.documents.rendering import render, templates_in_force
from thads.documents.seed_complaints import UNVERIFIED
from thads.documents.selectors import templates_for_case
from thads.testing.cases import new_case
from thads.testing.documents import docx_text

pytestmark = pytest.mark.django_db

D = dt.date
ITEM_5 = {
    "kntc-tb-thu-ly",  # thông báo thụ lý
    "kntc-tb-khong-thu-ly",  # thông báo không thụ lý
    "kntc-chuyen-don",  # văn bản chuyển đơn
    "kntc-huong-dan",  # văn bản hướng dẫn
    "kntc-qd-lan-dau",  # QĐ giải quyết khiếu nại lần đầu
    "kntc-qd-lan-hai",  # QĐ giải quyết khiếu nại lần hai
    "kntc-qd-dinh-chi",  # QĐ đình chỉ giải quyết
    "kntc-bb-doi-thoai",  # biên bản đối thoại
    "kntc-ket-luan-to-cao",  # kết luận nội dung tố cáo
}
MATTER = {
    "kind": "Khiếu nại",
    "instance": ", lần 1",
    "code": "KV2/KN/2025/0001",
    "accepted_on": "05/09/2025",
    "resolver": "Phòng THADS khu vực 2",
    "due_on": "20/09/2025",
}
CONTEXT = {
    "agency": "Phòng Thi hành án dân sự khu vực 2 – Thái Nguyên",
    "procuracy": "Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên",
    "received_on": "03/09/2025",
    "kind_label": "khiếu nại",
    "letter_code": "KV2/KN/2025/0001",
    "senders": "Lò Văn Ba",
    "summary": "Khiếu nại việc kê biên",
    "sent_to": "Tòa án nhân dân tỉnh Thái Nguyên",
    "reason": "không thuộc thẩm quyền giải quyết",
    "matters": [MATTER, {**MATTER, "code": "KV2/KN/2025/0001-2"}],
    "accepted_on": "05/09/2025",
    "matter_code": "KV2/KN/2025/0001",
    "matter_summary": "Khiếu nại việc kê biên",
    "steps": [{"on": "10/09/2025", "kind": "Xác minh", "note": "Đã xác minh tại chỗ"}],
    "verdict": "đúng một phần",
    "measures": "Sửa quyết định",
    "complained": "Lê Thị Bình",
    "withdrawn_on": "12/09/2025",
    "withdraw_note": "",
    "dialogue_on": "08/09/2025",
    "dialogue_note": "Các bên giữ ý kiến",
    "host": "Nguyễn Văn An",
    "held_on": "03/09/2025",
    "place": "Trụ sở",
    "form": "định kỳ",
    "by_leader": "",
    "visits": 3,
    "people": 3,
    "session_matters": 2,
    "matters_old": 1,
    "matters_new": 1,
    "about_khieu_nai": 2,
    "about_to_cao": 0,
    "about_kien_nghi": 0,
    "groups": 0,
    "group_people": 0,
    "group_matters": 0,
    "content": "Khiếu nại",
    "outcome": "Nhận đơn",
    "letters": "",
    "file_line": "Lưu: VT, hồ sơ giải quyết đơn.",
}
KINDS = [
    {"khieu_nai": True, "to_cao": False, "kien_nghi": False},
    {"khieu_nai": False, "to_cao": True, "kien_nghi": False},
    {"khieu_nai": False, "to_cao": False, "kien_nghi": True},
]
ARTICLE = re.compile(r"\bĐiều \d+[a-z]?\b(?!\.)")


def _header(day: dt.date) -> Header:
    return Header(parent="THADS tỉnh", agency=CONTEXT["agency"], number="5/TB-PTHADS",
                  place="Thái Nguyên", day=day)  # fmt: skip


@pytest.mark.parametrize(("day", "law"), [(D(2025, 9, 3), "2008"), (D(2026, 7, 2), "2025")])
def test_every_complaint_template_under_both_laws(day, law):
    rows = list(templates_in_force(day, family=Family.COMPLAINT))
    assert {t.code for t in rows} >= ITEM_5
    assert {t.law_version for t in rows} == {law}
    for template in rows:
        for kinds in KINDS:
            body = catalogue_body(template.code, day, {**CONTEXT, **kinds}, header=_header(day),
                                  signer_name="Trần Văn Ký")  # fmt: skip
            text = docx_text(render(body, "docx"))
            where = (template.code, law, kinds)
            assert "…" not in text, where  # every placeholder filled by the context
            assert "Số: 5/TB-PTHADS" in text and f"tháng {day:%m} năm {day.year}" in text
            assert CONTEXT["agency"].upper() in text, where
            assert text.rstrip().endswith("Trần Văn Ký"), where
            if template.code in {"kntc-qd-lan-dau", "kntc-qd-lan-hai", "kntc-ket-luan-to-cao"}:
                assert "Sửa quyết định" in text and "đúng một phần" in text, where
                assert "Đã xác minh tại chỗ" in text, where
            if template.legal_basis and template.series == "QĐ":
                thads = "26/2008/QH12" if law == "2008" else "106/2025/QH15"
                assert f"Căn cứ Luật Thi hành án dân sự số {thads}" in text, where
                assert ("Luật Khiếu nại số 02/2011/QH13" in text) is kinds["khieu_nai"], where
                assert ("Luật Tố cáo số 25/2018/QH14" in text) is kinds["to_cao"], where
            if template.code == "kntc-ket-luan-to-cao":
                assert "Lò Văn Ba" not in text, where  # never the denouncer
            if law == "2025":
                assert not ARTICLE.search(text), (where, ARTICLE.search(text))
                assert "26/2008" not in text and "62/2015" not in text, where


def test_unverified_decrees_are_marked_in_the_data():
    rows = DocumentTemplate.objects.filter(family=Family.COMPLAINT)
    assert rows.count() == 2 * 11
    cited = 0
    for template in rows:
        for code, line in UNVERIFIED.items():
            if any(line in basis for basis in template.legal_basis):
                cited += 1
                assert "chưa xác minh" in template.source and code in template.source
    assert cited > 0
    assert all(t.valid_from >= D(2021, 1, 1) for t in rows)


def test_the_case_screens_never_offer_a_complaint_template(shared_demo_org):
    case = new_case("TNG-KV2", accepted_on=D(2025, 8, 1))
    day = D(2025, 9, 3)
    assert not [t for t in templates_for_case(case, day) if t.family != Family.CASE]
    assert not templates_in_force(day).filter(family=Family.COMPLAINT).exists()
    assert templates_in_force(day, family=None).filter(family=Family.COMPLAINT).exists()


def test_repeated_and_conditional_paragraphs():
    body = [
        ["p", "Mở đầu {{ name }}."],
        ["article", "Mục {{ item.code }} của {{ name }}.", "matters"],
        ["p", "{% if flag %}Chỉ khi có cờ.{% endif %}"],
        ["line", ""],
    ]
    filled = blocks(body, {"name": "A", "matters": [{"code": 1}, {"code": 2}], "flag": False})
    assert [(b.style, b.text) for b in filled] == [
        ("p", "Mở đầu A."),
        ("article", "Mục 1 của A."),
        ("article", "Mục 2 của A."),
        ("line", ""),  # an empty line of the template is kept, a condition's is not
    ]
    assert [b.text for b in blocks(body, {"name": "A", "flag": True})][1:] == [
        "Chỉ khi có cờ.",
        "",
    ]
    template = DocumentTemplate(
        code="x", position=1, title="T", series="TB", law_version="2008", valid_from=D(2021, 1, 1),
        signer_rule="head", recipients_rule=["senders", "complained"],
        legal_basis=["{% if flag %}Căn cứ A;{% endif %}", "Căn cứ B;"], body=body,
    )  # fmt: skip
    composed = compose(template, {"senders": "Lò Văn Ba", "file_line": "Lưu: X."},
                       header=_header(D(2025, 9, 3)))  # fmt: skip
    assert composed.bases == ["Căn cứ B;"]
    # A recipient the context does not name is left out; the file line comes from the context.
    assert composed.recipients == ["Lò Văn Ba;", "Lưu: X."]
