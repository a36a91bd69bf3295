"""Oversight's templates (family `oversight`, seed_oversight) as catalogue data: every version
rendered to DOCX from a full context (number, date, agency, signer, legal basis of the period,
recipients, every placeholder filled), the conditional paragraphs (immediate kinds, the plan,
no findings, the procuracy answer's result), the unverified sources marked in the data, no
version before the first regulation, and the case screens never offer them."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.common.paper import Header
from thads.common.paper.catalogue import catalogue_body, in_catalogue
from thads.documents.models import DocumentTemplate, Family
from thads.documents.rendering import render, templates_in_force
from thads.documents.seed_oversight import BASIS_71, BASIS_171, BASIS_196, BASIS_TTHC
from thads.testing.documents import docx_text

pytestmark = pytest.mark.django_db

D = dt.date
CODES = {
    "thahc-tb-tu-nguyen",  # thông báo tự nguyện thi hành án hành chính
    "thahc-don-doc",  # văn bản đôn đốc
    "thahc-kien-nghi",  # văn bản kiến nghị
    "kiem-tra-qd",  # quyết định kiểm tra
    "kiem-tra-ket-luan",  # kết luận kiểm tra
    "vks-tra-loi",  # văn bản trả lời Viện kiểm sát
}
AGENCY = "Phòng Thi hành án dân sự khu vực 2 – Thái Nguyên"
CONTEXT = {
    "agency": AGENCY,
    "file_line": "Lưu: VT, hồ sơ.",
    # a monitored judgment
    "doc_type": "bản án",
    "judgment_no": "15/2026/HC-ST",
    "judgment_date": "02/03/2026",
    "court": "Tòa án nhân dân tỉnh Thái Nguyên",
    "received_on": "16/03/2026",
    "plaintiff": "Hà Văn Khởi",
    "obliged": "Chủ tịch Ủy ban nhân dân thành phố Sông Công",
    "content": "Hủy quyết định thu hồi đất số 123",
    "procuracy": "Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên",
    "immediate": False,
    "voluntary_days": 30,
    "voluntary_source": "Luật Tố tụng hành chính 2015, Điều 311 k2",
    "recipient": "Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên",
    "obliged_copy": True,
    "notice_on": "18/03/2026",
    "notice_no": "12/TB-PTHADS",
    "court_order_on": "20/04/2026",
    "court_order_no": "03/2026/QĐ-BTHAHC",
    "note": "",
    # an inspection
    "inspection_kind": "kiểm tra chuyên đề",
    "inspection_kind_title": "Kiểm tra chuyên đề",
    "inspected": AGENCY,
    "scope": "Việc có điều kiện thi hành kéo dài",
    "period_from": "01/10/2025",
    "period_to": "30/04/2026",
    "decision_no": "30/QĐ-THADS",
    "decision_on": "15/05/2026",
    "team": "Trưởng đoàn: Nguyễn Thị Thu Trang",
    "plan_year": 2026,
    "plan_decision_no": "12/QĐ-THADS",
    "plan_approved_on": "08/01/2026",
    "file_count": 1,
    "files": "KV2/2024/0001",
    "findings": [
        {"n": 1, "violation": "Xác minh", "case": "KV2/2024/0001", "description": "Chậm"},
        {"n": 2, "violation": "Thời hạn", "case": "", "description": "Quá hạn"},
    ],
    "conclusion": "Chấn chỉnh xác minh.",
    "recommendations": [
        {
            "n": 1,
            "kind": "Thu hồi tiền",
            "people": "",
            "amount": "12.500.000",
            "content": "Thu hồi chi phí sai.",
            "due_on": "20/07/2026",
        },
        {
            "n": 2,
            "kind": "Xử lý kỷ luật",
            "people": 2,
            "amount": "",
            "content": "Kiểm điểm.",
            "due_on": "20/07/2026",
        },
    ],  # fmt: skip
    # an act of the procuracy
    "act_kind": "kiến nghị",
    "act_no": "07/KN-VKS",
    "act_on": "12/01/2026",
    "act_content": "Kiến nghị khắc phục vi phạm thời hạn xác minh.",
    "cases": "KV2/2024/0001",
    "answer_result": "mot_phan",
    "reasons": "Đương sự vắng mặt.",
    "measures": "Tổ chức rút kinh nghiệm.",
}
# One day in each version's period: (day, law, the inspection regulation in force).
PERIODS = [
    (D(2020, 5, 4), "2008", BASIS_171),
    (D(2026, 5, 20), "2008", BASIS_196),
    (D(2026, 7, 2), "2025", BASIS_196),
]
RECIPIENT = {
    "thahc-tb-tu-nguyen": "Chủ tịch Ủy ban nhân dân thành phố Sông Công (người phải thi hành án)",
    "thahc-don-doc": "Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên;",
    "thahc-kien-nghi": "Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên;",
    "kiem-tra-qd": "Như Điều 3;",
    "kiem-tra-ket-luan": f"{AGENCY} (để thực hiện);",
    "vks-tra-loi": "Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên;",
}


def _header(day: dt.date) -> Header:
    return Header(parent="Thi hành án dân sự tỉnh Thái Nguyên", agency=AGENCY,
                  number="45/PTHADS", place="Thái Nguyên", day=day)  # fmt: skip


def _text(code: str, day: dt.date, **changes) -> str:
    body = catalogue_body(code, day, {**CONTEXT, **changes}, header=_header(day),
                          signer_name="Trần Văn Ký")  # fmt: skip
    return docx_text(render(body, "docx"))


@pytest.mark.parametrize(("day", "law", "regulation"), PERIODS)
def test_every_oversight_template_of_every_version(day, law, regulation):
    rows = {t.code: t for t in templates_in_force(day, family=Family.OVERSIGHT)}
    assert set(rows) == CODES
    assert {t.law_version for t in rows.values()} == {law}
    for code, template in rows.items():
        text = _text(code, day)
        where = (code, day)
        assert "…" not in text, where  # every placeholder filled by the context
        assert "Số: 45/PTHADS" in text and f"tháng {day:%m} năm {day.year}" in text, where
        assert AGENCY.upper() in text, where
        assert RECIPIENT[code] in text and "Lưu: VT, hồ sơ." in text, where
        assert text.rstrip().endswith("Trần Văn Ký") and "TRƯỞNG PHÒNG" in text, where
        assert "chưa xác minh" in template.source, where
        if code == "thahc-tb-tu-nguyen":
            assert BASIS_TTHC in text and BASIS_71 in text, where
            assert "Căn cứ bản án số 15/2026/HC-ST ngày 02/03/2026 của Tòa án" in text, where
            assert "Thời hạn tự nguyện thi hành là 30 ngày" in text, where
        if code.startswith("kiem-tra"):
            assert regulation in text, where
        if code == "kiem-tra-qd":
            assert "Điều 1. Kiểm tra chuyên đề tại" in text and "Điều 3." in text, where
            assert "Kế hoạch kiểm tra năm 2026 được phê duyệt tại Quyết định số 12/QĐ-THADS" in text
        if code == "kiem-tra-ket-luan":
            assert "1. Xác minh (việc KV2/2024/0001): Chậm" in text
            assert "2. Thời hạn: Quá hạn" in text and "Chưa phát hiện vi phạm" not in text
            assert "1. Thu hồi tiền (số tiền 12.500.000 đồng): Thu hồi chi phí sai." in text
            assert "2. Xử lý kỷ luật (2 người): Kiểm điểm." in text
        if code.startswith("thahc-") and code != "thahc-tb-tu-nguyen":
            assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên." in text
            assert "Thông báo số 12/TB-PTHADS" in text and "số 03/2026/QĐ-BTHAHC" in text
            # The obliged party, to whom the letter is not addressed, gets a copy.
            assert [line for line in text.splitlines() if line.endswith("Sông Công;")], where
        if code == "vks-tra-loi":
            assert "V/v trả lời kiến nghị số 07/KN-VKS ngày 12/01/2026" in text
            assert "tiếp thu một phần nội dung kiến nghị" in text
        if law == "2025":
            assert "Luật 106/2025/QH15" in template.source, where
            assert "26/2008" not in text, where


def test_conditional_paragraphs():
    day = D(2026, 5, 20)
    immediate = _text("thahc-tb-tu-nguyen", day, immediate=True)
    assert "phải được thi hành ngay sau khi nhận được" in immediate
    assert "Thời hạn tự nguyện" not in immediate
    draft = _text("thahc-kien-nghi", day, note="", notice_on="", court_order_on="")
    assert "kiến nghị Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên chỉ đạo" in draft
    assert "Thông báo số" not in draft and "Quyết định buộc" not in draft
    urging = _text("thahc-don-doc", day, note="Đề nghị thi hành trước 30/6.", obliged_copy=False)
    assert "Đề nghị thi hành trước 30/6." in urging and "khẩn trương" not in urging
    assert not [line for line in urging.splitlines() if line.endswith("Sông Công;")]
    decision = _text("kiem-tra-qd", day, plan_year="")
    assert "Kế hoạch kiểm tra" not in decision
    empty = _text("kiem-tra-ket-luan", day, findings=[], recommendations=[], files="")
    assert "Chưa phát hiện vi phạm." in empty and "được kiểm tra: 1." in empty
    answers = {
        "chap_nhan": "tiếp thu toàn bộ nội dung kiến nghị",
        "khong": "không nhất trí với nội dung kiến nghị",
        "": "trả lời như sau: …",
    }
    for result, says in answers.items():
        assert says in _text("vks-tra-loi", day, answer_result=result, reasons=""), result
    assert "Lý do" not in _text("vks-tra-loi", day, reasons="")


def test_versions_dates_and_sources():
    rows = DocumentTemplate.objects.filter(family=Family.OVERSIGHT)
    assert rows.count() == 3 * 2 + 2 * 3 + 1 * 2
    assert all("chưa xác minh" in t.source and len(t.source) <= 255 for t in rows)
    assert all(t.signer_rule == "head" and not t.event_type for t in rows)
    # No version before the regulation or the law it rests on.
    assert not in_catalogue("thahc-tb-tu-nguyen", D(2016, 6, 30))
    assert in_catalogue("thahc-tb-tu-nguyen", D(2016, 7, 1))
    assert not in_catalogue("kiem-tra-qd", D(2019, 1, 24))
    assert in_catalogue("kiem-tra-qd", D(2019, 1, 25))
    assert (
        BASIS_196
        in templates_in_force(D(2021, 3, 3), family=None).get(code="kiem-tra-qd").legal_basis
    )
    assert in_catalogue("vks-tra-loi", D(2009, 7, 1))
    # The case screens (the default family) never offer them.
    assert not templates_in_force(D(2026, 5, 20)).filter(family=Family.OVERSIGHT).exists()
