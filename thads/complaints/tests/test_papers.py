"""The documents of the complaint handling, drawn from the template catalogue (documents app,
family `complaint`) through `common.paper.catalogue`: every document of issue 12 item 5 opened
as DOCX with python-docx — number, date, the unit's name valid on the date, the sender and the
person complained of, the legal basis; HTML page and PDF; the denouncer's name printed only for
who may see it, and never on the conclusion that goes to the officer denounced (Luật Tố cáo
2018, Điều 47)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from thads.complaints import services
from thads.complaints.models import Complaint
from thads.complaints.services import (
    HandlingInput,
    LetterInput,
    MatterInput,
    SenderInput,
    SessionInput,
)
from thads.org.letterhead import unit_on
from thads.org.models import Unit
from thads.testing.cases import login, staff
from thads.testing.documents import docx_text

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 9, 3)
NAME = "Đinh Công Tráng"
SENDER = "Lò Văn Ba"
COURT = "Tòa án nhân dân tỉnh Thái Nguyên"
LAW_2008 = "Căn cứ Luật Thi hành án dân sự số 26/2008/QH12"
LAW_KN = "Căn cứ Luật Khiếu nại số 02/2011/QH13"
ND_KN = "Căn cứ Nghị định số 124/2020/NĐ-CP"
LAW_TC = "Căn cứ Luật Tố cáo số 25/2018/QH14"
ND_TC = "Căn cứ Nghị định số 31/2019/NĐ-CP"


def _paper(kind: str, pk: int, fmt: str = "") -> str:
    if fmt:
        return reverse("complaints:paper_file", args=[kind, pk, fmt])
    return reverse("complaints:paper", args=[kind, pk])


def _docx(client, kind: str, pk: int) -> str:
    response = client.get(_paper(kind, pk, "docx"))
    assert response.status_code == 200, (kind, response.status_code)
    assert response["Content-Disposition"].endswith('.docx"')
    return docx_text(response.content)


def _dated(day: dt.date) -> str:
    return f"ngày {day:%d} tháng {day:%m} năm {day.year}"


def _agency(unit: Unit, day: dt.date) -> str:
    """The agency line of the header: the unit's name on the day, upper case."""
    return unit_on(unit, day).name.upper()


def _kv2() -> Unit:
    return staff("TN-SC-01").memberships.get(valid_to__isnull=True).unit


def _letter(unit: Unit, kind: str, day: dt.date = DAY, summary: str = "Khiếu nại việc kê biên"):
    return services.letter_register(
        unit,
        LetterInput(kind=kind, received_on=day, senders=[SenderInput(SENDER)], summary=summary),
    )


def _handle(letter: Complaint, **kw) -> Complaint:
    return services.letter_handle(
        letter, HandlingInput(on=kw.pop("on", letter.received_on), **kw),
        expected_version=letter.version,
    )  # fmt: skip


@pytest.fixture
def denunciation(shared_demo_org):
    letter = services.letter_register(
        _kv2(),
        LetterInput(kind="to_cao", received_on=DAY, senders=[SenderInput(NAME)],
                    summary="Tố cáo Chấp hành viên nhận tiền"),
    )  # fmt: skip
    _handle(
        letter, handling="thu_ly",
        matters=[MatterInput(kind="to_cao", subject_staff=staff("TN-SC-02"))],
    )  # fmt: skip
    matter = letter.matters.get()
    matter = services.matter_assign_verifier(
        matter, staff("TN-PY-01"), on=DAY, expected_version=matter.version
    )
    return letter, matter


@pytest.mark.parametrize(
    ("username", "sees"), [("lanhdao", True), ("phophong", True), ("chv", False), ("thuky", False)]
)
def test_denouncer_named_on_the_notice_only_for_who_may_see(client, denunciation, username, sees):
    letter, matter = denunciation
    login(client, username)
    response = client.get(_paper("thong-bao-thu-ly", letter.pk))
    if response.status_code == 404:  # outside the user's scope
        assert not sees
    else:
        body = response.content.decode()
        assert (NAME in body) is sees, username
        assert ("giữ bí mật" in body) is not sees
    # The conclusion goes to the officer denounced: no denouncer, whoever prints it.
    response = client.get(_paper("giai-quyet", matter.pk))
    assert response.status_code in (200, 404)
    assert NAME not in response.content.decode()


def test_denunciation_conclusion_never_names_the_denouncer(client, denunciation):
    letter, matter = denunciation
    login(client, "lanhdao")  # the resolver: sees the denouncer on the letter's page
    assert NAME in client.get(reverse("complaints:letter", args=[letter.pk])).content.decode()
    notice = _docx(client, "thong-bao-thu-ly", letter.pk)
    assert NAME in notice and "(người bị khiếu nại, tố cáo)" not in notice
    letter.refresh_from_db()
    assert re.fullmatch(r"\d+/TB-PTHADS", letter.paper_no)
    assert f"Số: {letter.paper_no}" in notice
    assert LAW_TC in notice and ND_TC in notice and LAW_KN not in notice
    draft = client.get(_paper("giai-quyet", matter.pk)).content.decode()
    assert "DỰ THẢO" in draft and "KẾT LUẬN" in draft
    decided = dt.date(2025, 9, 20)
    services.matter_decide(
        matter, on=decided, outcome="dung_mot_phan", decision_no="7/KL-THADS",
        measures="Kiểm điểm Chấp hành viên", expected_version=matter.version,
    )  # fmt: skip
    text = _docx(client, "giai-quyet", matter.pk)
    denounced = staff("TN-SC-02").full_name
    assert "Số: 7/KL-THADS" in text and _dated(decided) in text
    assert _agency(matter.resolver_unit, decided) in text
    assert "Nội dung tố cáo" in text and "đúng một phần" in text
    assert "Kiểm điểm Chấp hành viên" in text
    assert f"{denounced} (người bị khiếu nại, tố cáo)" in text
    assert LAW_TC in text and ND_TC in text and LAW_2008 in text
    assert NAME not in text and SENDER not in text
    pdf = client.get(_paper("giai-quyet", matter.pk, "pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(_paper("giai-quyet", matter.pk, "odt")).status_code == 404


def test_complaint_notice_dialogue_minutes_and_first_decision(client, shared_demo_org):
    unit = _kv2()
    officer = staff("TN-SC-02")
    letter = _letter(unit, "khieu_nai")
    _handle(
        letter, handling="thu_ly",
        matters=[MatterInput(kind="khieu_nai", subject_staff=officer)],
    )  # fmt: skip
    letter.refresh_from_db()
    matter = letter.matters.get()
    login(client, "lanhdao")

    notice = _docx(client, "thong-bao-thu-ly", letter.pk)
    assert re.fullmatch(r"\d+/TB-PTHADS", letter.paper_no)
    assert f"Số: {letter.paper_no}" in notice and _dated(DAY) in notice
    assert _agency(unit, DAY) in notice
    assert "Về việc thụ lý giải quyết đơn" in notice and matter.code in notice
    assert SENDER in notice and f"{officer.full_name} (người bị khiếu nại, tố cáo)" in notice
    assert f"thời hạn giải quyết đến ngày {matter.due_on:%d/%m/%Y}" in notice
    assert LAW_KN in notice and ND_KN in notice and LAW_2008 in notice
    assert LAW_TC not in notice
    # The acceptance notice only: the other documents of a letter do not exist for it.
    for other in ("thong-bao-khong-thu-ly", "chuyen-don", "huong-dan"):
        assert client.get(_paper(other, letter.pk)).status_code == 404

    talk = DAY + dt.timedelta(days=2)
    step = services.matter_record(
        matter, "doi_thoai", on=talk, note="Người khiếu nại giữ nguyên yêu cầu"
    )
    page = client.get(reverse("complaints:matter", args=[matter.pk])).content.decode()
    assert _paper("bien-ban-doi-thoai", step.pk) in page
    minutes = _docx(client, "bien-ban-doi-thoai", step.pk)
    assert "BIÊN BẢN" in minutes and "Đối thoại" in minutes
    assert f"Hôm nay, ngày {talk:%d/%m/%Y}" in minutes and _dated(talk) in minutes
    assert _agency(matter.resolver_unit, talk) in minutes
    assert SENDER in minutes and officer.full_name in minutes and matter.code in minutes
    assert "Người khiếu nại giữ nguyên yêu cầu" in minutes and LAW_KN in minutes
    assert "NGƯỜI LẬP BIÊN BẢN" in minutes
    # A verification step is not a dialogue: it has no minutes here.
    check = services.matter_record(matter, "xac_minh", on=talk, note="Đã xác minh")
    assert client.get(_paper("bien-ban-doi-thoai", check.pk)).status_code == 404

    matter.refresh_from_db()
    decided = DAY + dt.timedelta(days=10)
    services.matter_decide(
        matter, on=decided, outcome="sai", decision_no="15/QĐ-PTHADS",
        measures="Giữ nguyên quyết định kê biên", expected_version=matter.version,
    )  # fmt: skip
    decision = _docx(client, "giai-quyet", matter.pk)
    assert "Số: 15/QĐ-PTHADS" in decision and _dated(decided) in decision
    assert _agency(matter.resolver_unit, decided) in decision
    assert "Về việc giải quyết khiếu nại lần đầu" in decision
    assert f"Nội dung khiếu nại của {SENDER} là sai." in decision
    assert "Giữ nguyên quyết định kê biên" in decision
    assert "Người khiếu nại giữ nguyên yêu cầu" in decision  # the dialogue that led to it
    assert "khiếu nại lần hai (Luật Thi hành án dân sự, Điều 140 khoản 2)" in decision
    assert LAW_KN in decision and ND_KN in decision and LAW_2008 in decision
    assert "Viện kiểm sát nhân dân" in decision and "DỰ THẢO" not in decision


def test_second_instance_and_withdrawal_decisions(client, shared_demo_org):
    unit = _kv2()
    letter = _letter(unit, "khieu_nai", summary="Khiếu nại quyết định giải quyết lần đầu")
    _handle(
        letter, handling="thu_ly",
        matters=[MatterInput(kind="khieu_nai", instance=2, subject_staff=staff("TN-SC-02")),
                 MatterInput(kind="khieu_nai", subject_staff=staff("TN-SC-02"))],
    )  # fmt: skip
    second, first = sorted(letter.matters.all(), key=lambda m: -(m.instance or 0))
    login(client, "lanhdao")
    later = DAY + dt.timedelta(days=5)
    services.matter_decide(
        second, on=later, outcome="dung", decision_no="3/QĐ-THADS", measures="Hủy quyết định",
        expected_version=second.version,
    )  # fmt: skip
    text = _docx(client, "giai-quyet", second.pk)
    assert "Về việc giải quyết khiếu nại lần hai" in text and "Số: 3/QĐ-THADS" in text
    assert "có hiệu lực thi hành" in text and "Điều 140 khoản 2" not in text
    assert _agency(second.resolver_unit, later) in text and SENDER in text

    services.matter_withdraw(
        first, on=later, note="Đơn xin rút khiếu nại", decision_no="4/QĐ-PTHADS",
        expected_version=first.version,
    )  # fmt: skip
    text = _docx(client, "giai-quyet", first.pk)
    assert "Về việc đình chỉ giải quyết khiếu nại" in text and "Số: 4/QĐ-PTHADS" in text
    assert f"Ngày {later:%d/%m/%Y}, người gửi đơn rút khiếu nại (Đơn xin rút khiếu nại)" in text
    assert f"Đình chỉ giải quyết khiếu nại mã vụ việc {first.code}" in text
    assert _dated(later) in text and LAW_KN in text


def test_letters_not_accepted_forwarded_guided_archived(client, shared_demo_org):
    unit = _kv2()
    login(client, "lanhdao")
    forwarded = _letter(unit, "khieu_nai", summary="Tranh chấp đất đai")
    _handle(forwarded, handling="chuyen_don", competent=False, sent_to=COURT)
    guided = _letter(unit, "khieu_nai", summary="Khiếu nại bản án")
    _handle(guided, handling="huong_dan", competent=False, sent_to=COURT)
    archived = _letter(unit, "khieu_nai", summary="Khiếu nại đã quá hạn")
    _handle(archived, handling="luu_don", eligible=False, ineligible_reason="het_thoi_hieu")
    for letter in (forwarded, guided, archived):
        letter.refresh_from_db()
    # Letters (công văn) and notices are numbered in their own series, without a gap.
    first, second = (int(x.paper_no.split("/")[0]) for x in (forwarded, guided))
    assert second == first + 1 and re.fullmatch(r"\d+/PTHADS", guided.paper_no)
    assert re.fullmatch(r"\d+/TB-PTHADS", archived.paper_no)
    agency = unit_on(unit, DAY).name

    text = _docx(client, "chuyen-don", forwarded.pk)
    assert "V/v chuyển đơn" in text and f"Kính gửi: {COURT}" in text
    assert f"Số: {forwarded.paper_no}" in text and _dated(DAY) in text
    assert _agency(unit, DAY) in text and SENDER in text and "Tranh chấp đất đai" in text
    assert f"Căn cứ Luật Khiếu nại năm 2011, {agency} chuyển đơn đến {COURT}" in text

    text = _docx(client, "huong-dan", guided.pk)
    assert "V/v hướng dẫn người gửi đơn" in text and f"Kính gửi: {SENDER}" in text
    assert f"Số: {guided.paper_no}" in text and _dated(DAY) in text
    assert f"Đơn không thuộc thẩm quyền giải quyết của {agency}." in text
    assert f"hướng dẫn người gửi đơn gửi đơn đến {COURT}" in text
    assert "Căn cứ Luật Khiếu nại năm 2011" in text
    page = client.get(reverse("complaints:letter", args=[guided.pk])).content.decode()
    assert _paper("huong-dan", guided.pk) in page and guided.paper_no in page

    text = _docx(client, "thong-bao-khong-thu-ly", archived.pk)
    assert "Về việc không thụ lý giải quyết đơn" in text
    assert f"Số: {archived.paper_no}" in text and SENDER in text
    assert "không đủ điều kiện thụ lý (hết thời hiệu)" in text
    assert LAW_KN in text and LAW_2008 in text


def test_petition_answer_and_reception_minutes(client, shared_demo_org):
    unit = _kv2()
    host = staff("TN-SC-01")
    session = services.session_record(
        unit,
        SessionInput(held_on=DAY, form="dinh_ky", place="Trụ sở Phòng", host=host,
                     by_leader=True, visits=3, people=3, matters_old=1, matters_new=1,
                     about_kien_nghi=2, content="Kiến nghị về tiến độ", outcome="Nhận đơn"),
    )  # fmt: skip
    letter = services.letter_register(
        unit, LetterInput(kind="kien_nghi", received_on=DAY, senders=[SenderInput(SENDER)],
                          summary="Kiến nghị đẩy nhanh việc thi hành án"),
        reception=session,
    )  # fmt: skip
    _handle(letter, handling="thu_ly", matters=[MatterInput(kind="kien_nghi")])
    matter = letter.matters.get()
    services.matter_decide(
        matter, on=DAY, outcome="tra_loi", decision_no="9/PTHADS",
        measures="Việc thi hành án sẽ hoàn thành trong tháng 10", expected_version=matter.version,
    )  # fmt: skip
    login(client, "lanhdao")
    text = _docx(client, "giai-quyet", matter.pk)
    assert "V/v trả lời kiến nghị, phản ánh" in text and "Số: 9/PTHADS" in text
    assert f"Kính gửi: {SENDER}" in text and "hoàn thành trong tháng 10" in text
    assert _agency(matter.resolver_unit, DAY) in text

    minutes = _docx(client, "bien-ban-tiep", session.pk)
    assert "BIÊN BẢN" in minutes and "Tiếp công dân" in minutes and _dated(DAY) in minutes
    assert "Số lượt tiếp: 3; số người: 3" in minutes and letter.code in minutes
    assert "lãnh đạo tiếp" in minutes and host.full_name in minutes
    assert "Căn cứ Luật Tiếp công dân số 42/2013/QH13" in minutes
    assert _agency(unit, DAY) in minutes
    assert (
        'data-testid="session-papers"'
        in client.get(reverse("complaints:session", args=[session.pk])).content.decode()
    )


def test_unit_name_valid_on_the_document_date(client, shared_demo_org):
    """A letter of a Chi cục handled before 01/07/2025 carries the Chi cục's name; the matter
    resolved after the reform carries the name of the unit that continues its work."""
    chi_cuc = Unit.objects.get(code="TN-SC")
    before = dt.date(2025, 6, 10)
    letter = _letter(chi_cuc, "kien_nghi", day=before, summary="Kiến nghị trước cải cách")
    _handle(letter, handling="thu_ly", matters=[MatterInput(kind="kien_nghi")])
    letter.refresh_from_db()
    matter = letter.matters.get()
    after = dt.date(2025, 7, 15)
    services.matter_decide(
        matter, on=after, outcome="tra_loi", decision_no="2/PTHADS", measures="Đã trả lời",
        expected_version=matter.version,
    )  # fmt: skip
    login(client, "lanhdao")
    notice = _docx(client, "thong-bao-thu-ly", letter.pk)
    assert chi_cuc.name.upper() in notice and re.fullmatch(r"\d+/TB-CCTHADS", letter.paper_no)
    answer = _docx(client, "giai-quyet", matter.pk)
    successor = unit_on(matter.resolver_unit, after)
    assert successor.valid_from <= after and successor.name.upper() in answer
    assert chi_cuc.name.upper() not in answer


def test_no_template_before_the_catalogue_starts(client, shared_demo_org):
    """The complaint templates of the 2008 law start on 01/01/2021 (their decrees): an older
    letter has no document (404), not a document citing laws not yet in force."""
    chi_cuc = Unit.objects.get(code="TN-SC")
    old = Complaint.objects.create(
        code="TN-SC/KN/2020/9001", unit=chi_cuc, kind="khieu_nai",
        received_on=dt.date(2020, 5, 4), handled_on=dt.date(2020, 5, 6), handling="luu_don",
        eligible=False, ineligible_reason="khong_ro",
    )  # fmt: skip
    login(client, "lanhdao")
    assert client.get(_paper("thong-bao-khong-thu-ly", old.pk)).status_code == 404
    page = client.get(reverse("complaints:letter", args=[old.pk])).content.decode()
    assert page.count("/van-ban-in/") == 0  # no link to a document that cannot be printed


def test_an_imported_number_is_never_given_again(shared_demo_org):
    """A letter written by an import with its number: the unit's series continues after it."""
    from django.db import transaction

    from thads.complaints.services.letters import paper_number_used

    unit = _kv2()
    imported = Complaint.objects.create(
        code="TNG-KV2/KN/2025/9002", unit=unit, kind="khieu_nai", received_on=DAY,
        handled_on=DAY, handling="luu_don", eligible=False, ineligible_reason="khong_ro",
        paper_no="41/TB-PTHADS",
    )  # fmt: skip
    with transaction.atomic():
        paper_number_used(imported)
    letter = _letter(unit, "khieu_nai")
    letter = _handle(letter, handling="luu_don", eligible=False, ineligible_reason="khong_ro")
    assert letter.paper_no == "42/TB-PTHADS"
