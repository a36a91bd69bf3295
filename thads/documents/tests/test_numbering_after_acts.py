"""A document issued in the app never repeats a number already used in the unit, register and
year, whatever wrote it (a number typed on the case page or at intake, an import, the demo); a
number typed twice is refused (cases.act_numbers)."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases.act_numbers import parse_doc_no
from thads.cases.services import event_record
from thads.common.errors import DomainError
from thads.common.models import Counter
from thads.documents import services
from thads.documents.rendering import template_in_force
from thads.testing.cases import new_case, staff

D = dt.date
DAY = D(2025, 9, 1)
TODAY = D(2025, 9, 10)
pytestmark = pytest.mark.django_db
HOAN = {"reason": "khac", "ground": "om_nang", "until": "2025-12-01"}


def _issue(case, code="qd-hoan", act=None):
    draft = services.document_draft(
        case, template=template_in_force(code, DAY), doc_date=DAY, act=HOAN if act is None else act
    )
    return services.document_issue(
        draft, signer=staff("TN-SC-01"), expected_version=draft.version, today=TODAY
    )


def _decided(*cases) -> int:
    """The highest QĐ THA number of `cases`: typed numbers above it meet no QĐ THA."""
    return max(int(case.decision_no.split("/")[0]) for case in cases)


def test_parse_doc_no():
    assert parse_doc_no("5/QĐ-CCTHADS") == (5, "QĐ")
    assert parse_doc_no(" 12 / qd-thads ") == (12, "QĐ")
    assert parse_doc_no("7/2026/BB-PTHADS") == (7, "BB")
    assert parse_doc_no("Công văn số 3") is None
    assert parse_doc_no("5/XYZ-THADS") is None


def test_parse_doc_no_plain_spelling_reads_as_folded():
    """The unfolded shortcut for the usual spelling gives what the folded reading gives, on
    every mix of the pieces a number is made of (spaces, case, diacritics, decomposed forms)."""
    import itertools

    from thads.cases.act_numbers import NUMBER_RE, SERIES
    from thads.common.text import fold_vietnamese

    def folded(text):
        match = NUMBER_RE.match(fold_vietnamese(text).replace(" ", ""))
        if match is None or match["series"] not in SERIES:
            return None
        return int(match["number"]), SERIES[match["series"]]

    pieces = ["5", "05", "1234567890", "/", "2026/", "QĐ", "qđ", "QD", "TB", "ĐƠN", "Đơn",
              "\u0110O\u031bN", "X", "-", "THADS", " ", "\n", ""]  # fmt: skip
    for parts in itertools.product(pieces, repeat=4):
        text = "".join(parts)
        assert parse_doc_no(text) == folded(text), text


def test_numbers_typed_on_the_case_page_are_not_issued_again(shared_demo_org):
    case = new_case()
    event_record(case, type="xac_minh", on=DAY, today=TODAY, data={"doc_no": "40/BB-PTHADS"})
    event_record(case, type="xac_minh_co_dieu_kien", on=DAY, today=TODAY,
                 data={"doc_no": "41/BB-PTHADS"})  # fmt: skip
    typed = _decided(case) + 90
    event_record(case, type="quyet_dinh_cuong_che", on=DAY, today=TODAY,
                 data={"measure": "ke_bien", "doc_no": f"{typed}/QĐ-PTHADS"})  # fmt: skip
    assert _issue(case).number_display == f"{typed + 1}/QĐ-PTHADS"
    minutes = _issue(case, code="bb-xac-minh", act={
        "minutes_date": "2025-09-01", "result": "Có tài sản", "assets": "Nhà", "income": "Lương",
        "accounts": "Không", "informants": "UBND xã"})  # fmt: skip
    assert minutes.number_display == "42/BB-PTHADS"


def test_acts_written_before_the_counter_start_it(shared_demo_org):
    """Numbers imported before the counter existed (or before this rule): the counter starts
    above them on first use."""
    case = new_case()
    event_record(case, type="xac_minh_co_dieu_kien", on=DAY, today=TODAY)
    typed = _decided(case) + 57
    event_record(case, type="quyet_dinh_cuong_che", on=DAY, today=TODAY,
                 data={"measure": "ke_bien", "doc_no": f"{typed}/QĐ-PTHADS"})  # fmt: skip
    Counter.objects.filter(series="documents:QĐ").delete()
    assert _issue(case).number == typed + 1


def test_a_number_used_in_the_unit_and_year_is_refused(shared_demo_org):
    case, other = new_case(), new_case()
    for each in (case, other):
        event_record(each, type="xac_minh_co_dieu_kien", on=DAY, today=TODAY)
    n = _decided(case, other) + 5
    event_record(case, type="quyet_dinh_cuong_che", on=DAY, today=TODAY,
                 data={"measure": "ke_bien", "doc_no": f"{n}/QĐ-PTHADS"})  # fmt: skip
    with pytest.raises(DomainError, match=f"Số văn bản {n}/qđ-pthads đã được dùng trong năm 2025"):
        event_record(other, type="quyet_dinh_cuong_che", on=D(2025, 9, 2), today=TODAY,
                     data={"measure": "ke_bien", "doc_no": f"{n}/qđ-pthads"})  # fmt: skip
    assert not other.events.filter(type="quyet_dinh_cuong_che").exists()
    # A document issued without an event holds its number too.
    notice = _issue(other, code="tb-nhan-yeu-cau", act={})
    with pytest.raises(DomainError, match="đã được dùng"):
        event_record(other, type="thong_bao", on=DAY, today=TODAY,
                     data={"doc_no": notice.number_display})  # fmt: skip
    # The same number in another register, or another year, is another document.
    event_record(other, type="xac_minh", on=DAY, today=TODAY, data={"doc_no": f"{n}/BB-PTHADS"})
    event_record(other, type="quyet_dinh_cuong_che", on=D(2026, 1, 5), today=D(2026, 1, 6),
                 data={"measure": "ke_bien", "doc_no": f"{n}/QĐ-PTHADS"})  # fmt: skip


def test_a_qd_tha_number_typed_at_intake_moves_the_counter(shared_demo_org):
    """Issue 11: the counter already exists when the officer types the QĐ THA number of a new
    case; the next decision issued from the counter comes after it, never on it."""
    case = new_case(accepted_on=DAY)
    n = _issue(case, code="qd-tha-chu-dong", act={}).number  # the counter exists from here
    typed = n + 20
    new_case(accepted_on=DAY, decision_no=f"{typed}/QĐ-PTHADS")
    assert _issue(case, code="qd-tha-chu-dong", act={}).number == typed + 1
    # A number the counter skipped and no document carries is the officer's to type.
    new_case(accepted_on=DAY, decision_no=f"{typed - 1}/QĐ-PTHADS")
    assert _issue(case, code="qd-tha-chu-dong", act={}).number == typed + 2
    # One an issued decision carries is refused, with what to do.
    with pytest.raises(DomainError) as refused:
        new_case(accepted_on=DAY, decision_no=f"{n}/QĐ-PTHADS")
    assert refused.value.message == (
        f"Số quyết định thi hành án {n}/QĐ-PTHADS trùng số {n} của sổ QĐ năm 2025 mà đơn vị đã "
        "dùng cho một văn bản khác (quyết định đã ghi trong hồ sơ việc hoặc đã ban hành trong Sổ "
        "văn bản). Hãy kiểm tra lại số trên quyết định."
    )
    # Another year's register is another series: the same number is free there.
    new_case(accepted_on=D(2026, 1, 5), decision_no=f"{n}/QĐ-PTHADS")
    counter = Counter.objects.get(scope="TNG-KV2", series="documents:QĐ", year=2025)
    assert counter.last == typed + 2
