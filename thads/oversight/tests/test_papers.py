"""The documents of oversight, templates of the documents catalogue filled by oversight.papers:
a draft before the act is recorded (no number, "DỰ THẢO"), the numbered document after; HTML
page, and every document's DOCX read back with python-docx (number, date, the unit's name on
the day, recipient, legal basis of the day, signer), PDF read back with pdftotext; the
inspection regulation of the decision's day (QĐ 171/2019 before QĐ 196/2021, none before 2019:
no link, 404); only readers of the record may print it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thads.org.models import Staff
from thads.oversight.services import inspections, procuracy, thahc
from thads.testing.documents import docx_text
from thads.testing.oversight import judgment
from thads.testing.targets import make_case

pytestmark = pytest.mark.django_db
D = dt.date


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))


def page(client, kind: str, pk: int) -> str:
    response = client.get(reverse("oversight:paper", args=[kind, pk]))
    assert response.status_code == 200
    return response.content.decode()


def word(client, kind: str, pk: int) -> str:
    response = client.get(reverse("oversight:paper_file", args=[kind, pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return docx_text(response.content)


KV2 = "Phòng Thi hành án dân sự khu vực 2 – Thái Nguyên"
PROVINCE = "Thi hành án dân sự tỉnh Thái Nguyên"


def assert_document(text: str, *, number: str, day: dt.date, unit: str, says: list[str]):
    """The DOCX's number, date, agency (the unit's name on the day), and what it must say
    (recipient, legal basis…); a numbered document is no draft."""
    assert f"Số: {number}" in text and "DỰ THẢO" not in text
    assert f"ngày {day:%d} tháng {day:%m} năm {day.year}" in text
    assert unit.upper() in text
    for line in says:
        assert line in text, line


@pytest.fixture
def monitored(demo_org):
    return judgment(
        demo_org["TNG-KV2"],
        Staff.objects.get(code="TN-SC-02"),
        received_on=D(2026, 3, 16),
        judgment_date=D(2026, 3, 2),
        number="15/2026/HC-ST",
        obliged_name="Chủ tịch Ủy ban nhân dân thành phố Sông Công",
        content="Hủy quyết định thu hồi đất số 123",
    )


def test_notice_is_a_draft_then_the_numbered_notice(client, monitored):
    login(client, "chv")
    detail = client.get(reverse("oversight:thahc_detail", args=[monitored.pk])).content.decode()
    assert reverse("oversight:paper", args=["thong-bao", monitored.pk]) in detail
    draft = page(client, "thong-bao", monitored.pk)
    assert "DỰ THẢO" in draft and "Số:        /" in draft
    assert "Về việc tự nguyện thi hành án hành chính" in draft
    assert "Chủ tịch Ủy ban nhân dân thành phố Sông Công" in draft
    assert "Hủy quyết định thu hồi đất số 123" in draft
    assert "30 ngày kể từ ngày người phải thi hành án nhận được" in draft  # the rule table

    thahc.notice_record(
        monitored, number="12/TB-THADS", on=D(2026, 3, 18), delivered_on=None, version=1
    )
    final = page(client, "thong-bao", monitored.pk)
    assert "DỰ THẢO" not in final and "Số: 12/TB-THADS" in final
    assert "ngày 18 tháng 03 năm 2026" in final
    text = word(client, "thong-bao", monitored.pk)
    assert "THÔNG BÁO" in text
    assert_document(
        text,
        number="12/TB-THADS",
        day=D(2026, 3, 18),
        unit=KV2,
        says=[
            "Chủ tịch Ủy ban nhân dân thành phố Sông Công (người phải thi hành án);",
            # the procuracy of the same level receives it
            "Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên;",
            "Căn cứ Luật Tố tụng hành chính năm 2015;",
            "Căn cứ Nghị định số 71/2016/NĐ-CP ngày 01/7/2016",
            "Căn cứ bản án số 15/2026/HC-ST ngày 02/03/2026 của Tòa án nhân dân tỉnh Thái Nguyên;",
            "Thời hạn tự nguyện thi hành là 30 ngày",
            "TRƯỞNG PHÒNG",
        ],
    )


def test_immediate_kinds_say_at_once(client, demo_org):
    j = judgment(
        demo_org["TNG-KV2"],
        Staff.objects.get(code="TN-SC-02"),
        received_on=D(2026, 3, 16),
        kind="diem_e",
        doc_type="bpkctt",
    )
    login(client, "chv")
    assert "phải được thi hành ngay" in page(client, "thong-bao", j.pk)


def test_letters_from_their_step_and_as_drafts(client, monitored):
    login(client, "chv")
    draft = page(client, "kien-nghi", monitored.pk)
    assert "DỰ THẢO" in draft and "V/v kiến nghị về việc thi hành án hành chính" in draft
    urge = page(client, "don-doc", monitored.pk)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Sông Công." in urge

    step = thahc.letter_record(
        monitored,
        kind="kien_nghi",
        on=D(2026, 5, 4),
        recipient="Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên",
        number="45/CV-THADS",
        note="Đề nghị chỉ đạo thi hành dứt điểm trước ngày 30/6/2026.",
    )
    detail = client.get(reverse("oversight:thahc_detail", args=[monitored.pk])).content.decode()
    assert reverse("oversight:paper", args=["van-ban", step.pk]) in detail
    letter = page(client, "van-ban", step.pk)
    assert "DỰ THẢO" not in letter and "Số: 45/CV-THADS" in letter
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên." in letter
    assert "Đề nghị chỉ đạo thi hành dứt điểm trước ngày 30/6/2026." in letter
    assert_document(
        word(client, "van-ban", step.pk),
        number="45/CV-THADS",
        day=D(2026, 5, 4),
        unit=KV2,
        says=[
            "V/v kiến nghị về việc thi hành án hành chính",
            "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên.",
            "Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên;",  # Nơi nhận, and the obliged's copy:
            "Chủ tịch Ủy ban nhân dân thành phố Sông Công;",
            "Đề nghị chỉ đạo thi hành dứt điểm trước ngày 30/6/2026.",
            "Hủy quyết định thu hồi đất số 123",
        ],
    )

    # A step that is not a letter has no document; an unknown kind neither.
    notice = monitored.steps.get(kind="tiep_nhan")
    assert client.get(reverse("oversight:paper", args=["van-ban", notice.pk])).status_code == 404
    assert client.get(reverse("oversight:paper", args=["khac", monitored.pk])).status_code == 404
    bad = reverse("oversight:paper_file", args=["van-ban", step.pk, "odt"])
    assert client.get(bad).status_code == 404


def test_inspection_decision_and_conclusion(client, demo_org, tmp_path):
    kv2 = demo_org["TNG-KV2"]
    case = make_case(kv2, decision=D(2024, 3, 1))
    opened = inspections.inspection_open(
        inspecting_unit=demo_org["TNG"],
        unit=kv2,
        data=inspections.InspectionInput(
            kind="chuyen_de",
            decision_no="30/QĐ-THADS",
            decision_on=D(2026, 5, 15),
            team="Trưởng đoàn: Nguyễn Thị Thu Trang; thành viên: Võ Thị Hương",
            scope="Việc có điều kiện thi hành kéo dài",
            period_from=D(2025, 10, 1),
            period_to=D(2026, 4, 30),
        ),
        cases=[case],
    )
    inspections.finding_record(
        opened, violation="xac_minh", case=case, description="Không xác minh lại sau 6 tháng"
    )
    login(client, "phongkiemtra")
    decision = page(client, "quyet-dinh-kiem-tra", opened.pk)
    assert "QUYẾT ĐỊNH" in decision and "Số: 30/QĐ-THADS" in decision
    assert "Điều 1." in decision and "Điều 3." in decision
    assert "Nguyễn Thị Thu Trang" in decision and "196/QĐ-TCTHADS" in decision
    basis = "Căn cứ Quyết định số 196/QĐ-TCTHADS ngày 03/3/2021"
    assert_document(
        word(client, "quyet-dinh-kiem-tra", opened.pk),
        number="30/QĐ-THADS",
        day=D(2026, 5, 15),
        unit=PROVINCE,
        says=[
            "Về việc kiểm tra chuyên đề tại " + KV2,
            basis,
            "Như Điều 3;",
            "Thành lập Đoàn kiểm tra gồm: Trưởng đoàn: Nguyễn Thị Thu Trang",
            "Việc có điều kiện thi hành kéo dài",
        ],
    )
    draft = page(client, "ket-luan-kiem-tra", opened.pk)
    assert "DỰ THẢO" in draft and "Không xác minh lại sau 6 tháng" in draft
    assert case.code in draft

    opened = inspections.conclusion_record(
        opened, number="12/KL-THADS", on=D(2026, 6, 20), text="Chấn chỉnh xác minh.", version=1
    )
    inspections.recommendation_add(
        opened,
        kind="thu_hoi",
        amount=12_500_000,
        content="Thu hồi chi phí sai.",
        due_on=D(2026, 7, 20),
    )
    final = page(client, "ket-luan-kiem-tra", opened.pk)
    assert "Số: 12/KL-THADS" in final and "Chấn chỉnh xác minh." in final
    assert "12.500.000 đồng" in final and "đến ngày 20/07/2026" in final
    assert_document(
        word(client, "ket-luan-kiem-tra", opened.pk),
        number="12/KL-THADS",
        day=D(2026, 6, 20),
        unit=PROVINCE,
        says=[
            "KẾT LUẬN KIỂM TRA",
            basis,
            "Căn cứ Quyết định số 30/QĐ-THADS ngày 15/05/2026 về việc kiểm tra;",
            f"{KV2} (để thực hiện);",
            f"1. Xác minh điều kiện thi hành án (việc {case.code}): Không xác minh lại",
            "1. Thu hồi tiền (số tiền 12.500.000 đồng): Thu hồi chi phí sai.",
        ],
    )
    response = client.get(
        reverse("oversight:paper_file", args=["ket-luan-kiem-tra", opened.pk, "pdf"])
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / "kl.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "KẾT LUẬN KIỂM TRA" in text and "12/KL-THADS" in text


def test_procuracy_answer_and_who_may_print(client, demo_org):
    act = procuracy.act_receive(
        unit=demo_org["TNG-KV2"],
        data=procuracy.ActInput(
            kind="kien_nghi",
            level="cung_cap",
            procuracy="Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên",
            number="07/KN-VKS",
            act_on=D(2026, 1, 12),
            received_on=D(2026, 1, 13),
            content="Kiến nghị khắc phục vi phạm thời hạn xác minh.",
        ),
    )
    login(client, "truongphong")
    draft = page(client, "tra-loi-vks", act.pk)
    assert "DỰ THẢO" in draft and "V/v trả lời kiến nghị số 07/KN-VKS" in draft
    procuracy.act_answer(
        act,
        number="15/CV-THADS",
        on=D(2026, 2, 5),
        result="mot_phan",
        reasons="Việc chậm xác minh do đương sự vắng mặt.",
        measures="Tổ chức rút kinh nghiệm.",
        version=act.version,
    )
    final = page(client, "tra-loi-vks", act.pk)
    assert "Số: 15/CV-THADS" in final and "tiếp thu một phần" in final
    assert "Tổ chức rút kinh nghiệm." in final
    assert_document(
        word(client, "tra-loi-vks", act.pk),
        number="15/CV-THADS",
        day=D(2026, 2, 5),
        unit=KV2,
        says=[
            "V/v trả lời kiến nghị số 07/KN-VKS ngày 12/01/2026",
            "Kính gửi: Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên.",
            "Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên;",
            "Lý do, giải trình: Việc chậm xác minh do đương sự vắng mặt.",
        ],
    )
    # An officer of a sibling unit does not see the act: 404 for the page and the files.
    act.unit = demo_org["TNG-KV3"]
    act.save(update_fields=["unit"])
    login(client, "chv")
    assert client.get(reverse("oversight:paper", args=["tra-loi-vks", act.pk])).status_code == 404
    pdf = reverse("oversight:paper_file", args=["tra-loi-vks", act.pk, "pdf"])
    assert client.get(pdf).status_code == 404


def _inspection(demo_org, decided: dt.date):
    kv2 = demo_org["TNG-KV2"]
    return inspections.inspection_open(
        inspecting_unit=demo_org["TNG"],
        unit=kv2,
        data=inspections.InspectionInput(
            kind="toan_dien",
            decision_no="05/QĐ-THADS",
            decision_on=decided,
            team="Trưởng đoàn: Nguyễn Thị Thu Trang",
            scope="Toàn diện công tác thi hành án",
            period_from=decided - dt.timedelta(days=200),
            period_to=decided - dt.timedelta(days=20),
        ),
        cases=[],
    )


def test_the_inspection_regulation_of_the_decisions_day(client, demo_org):
    login(client, "phongkiemtra")
    before_196 = _inspection(demo_org, D(2020, 5, 4))
    detail = client.get(reverse("oversight:inspection_detail", args=[before_196.pk]))
    assert reverse("oversight:paper", args=["quyet-dinh-kiem-tra", before_196.pk]) in (
        detail.content.decode()
    )
    text = word(client, "quyet-dinh-kiem-tra", before_196.pk)
    assert "Căn cứ Quyết định số 171/QĐ-TCTHADS ngày 25/01/2019" in text
    assert "196/QĐ-TCTHADS" not in text
    # Before the first regulation in the catalogue: no link, and the page is a 404.
    too_old = _inspection(demo_org, D(2018, 11, 5))
    detail = client.get(reverse("oversight:inspection_detail", args=[too_old.pk]))
    link = reverse("oversight:paper", args=["quyet-dinh-kiem-tra", too_old.pk])
    assert detail.status_code == 200 and link not in detail.content.decode()
    assert client.get(link).status_code == 404
