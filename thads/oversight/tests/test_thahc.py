"""The THAHC register: services, deadlines of a judgment, and form 12 through `thads report
thahc` reproducing a published year (province, 01/10/2016–30/09/2017: 132 received, 77 without
content, 55 to monitor = 12 carried over + 43 new, 36 done = 26 judgments + 10 interim
measures, 19 not done)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError
from thads.org.models import Staff
from thads.oversight import deadlines
from thads.oversight.models import AdminJudgmentStep, StepKind
from thads.oversight.services import thahc
from thads.testing.oversight import judgment

pytestmark = pytest.mark.django_db
D = dt.date
S, T = D(2016, 10, 1), D(2017, 9, 30)


@pytest.fixture
def chv(demo_org):
    return Staff.objects.get(code="TN-DT-02")


def report(unit="TN", year=2017, month=12) -> dict:
    out = io.StringIO()
    call_command(
        "report", "thahc", "--unit", unit, "--year", str(year), "--month", str(month), stdout=out
    )
    return json.loads(out.getvalue())


def build_published_year(units, chv):
    dt_unit = units["TN-DT"]
    day = D(2016, 11, 3)
    # 12 carried over: received before 01/10/2016, still open on 01/10/2016.
    carried = [
        judgment(dt_unit, chv, received_on=D(2016, 3, 1) + dt.timedelta(days=i)) for i in range(12)
    ]
    # 43 new with content, 77 new without.
    new = [judgment(dt_unit, chv, received_on=day + dt.timedelta(days=i)) for i in range(33)]
    new += [
        judgment(dt_unit, chv, received_on=day, doc_type="bpkctt", kind="diem_e") for _ in range(10)
    ]
    for i in range(77):
        judgment(dt_unit, None, received_on=day + dt.timedelta(days=i), has_content=False)
    # Done by 30/09/2017: 26 judgments (8 carried + 18 new) and the 10 interim measures.
    for j in carried[:8] + new[:18] + new[33:]:
        thahc.outcome_record(j, outcome="xong", on=D(2017, 6, 1), version=j.version)
    # Noise that must not count: done before the year, received after it, done after it.
    old = judgment(dt_unit, chv, received_on=D(2016, 1, 4))
    thahc.outcome_record(old, outcome="xong", on=D(2016, 9, 30), version=old.version)
    judgment(dt_unit, chv, received_on=D(2017, 10, 2))
    judgment(dt_unit, None, received_on=D(2016, 9, 30), has_content=False)
    late = new[20]
    thahc.outcome_record(late, outcome="xong", on=D(2017, 10, 5), version=late.version)
    return carried, new


def test_thads_report_thahc_reproduces_a_published_year(demo_org, chv):
    build_published_year(demo_org, chv)
    payload = report()
    total = payload["total"]
    assert payload["form"] == "12"
    assert (payload["from"], payload["to"]) == ("2016-10-01", "2017-09-30")
    assert {
        k: total[k]
        for k in (
            "nhan_duoc",
            "khong_theo_doi",
            "phai_theo_doi",
            "nam_truoc_chuyen_sang",
            "moi",
            "xong",
            "chua_xong",
        )
    } == {
        "nhan_duoc": 132,
        "khong_theo_doi": 77,
        "phai_theo_doi": 55,
        "nam_truoc_chuyen_sang": 12,
        "moi": 43,
        "xong": 36,
        "chua_xong": 19,
    }
    assert (total["xong_ban_an"], total["xong_bpkctt"]) == (26, 10)
    assert total["chua_xong_ubnd_huyen"] == 19
    # The Chi cục's row carries everything; the rows add up to the total.
    rows = {r["unit"]: r for r in payload["rows"]}
    assert rows["TN-DT"]["nhan_duoc"] == 132
    assert all(c["ok"] for c in payload["checks"])


def test_next_year_carries_over_what_was_not_done(demo_org, chv):
    build_published_year(demo_org, chv)
    total = report(year=2018, month=1)["total"]
    # 19 not done + the one received on 02/10/2017; the one done on 05/10/2017 counts as done.
    assert total["nam_truoc_chuyen_sang"] == 19
    assert total["moi"] == 1
    assert total["xong"] == 1


def test_court_order_annulment_and_publication_are_counted(demo_org, chv):
    unit = demo_org["TN-DT"]
    a = judgment(unit, chv, received_on=D(2016, 11, 1))
    b = judgment(unit, chv, received_on=D(2016, 11, 1), obliged_body="ubnd_tinh")
    a = thahc.court_order_record(a, number="01/2017/QĐ-BTHA", on=D(2017, 2, 1), version=a.version)
    a = thahc.publication_record(
        a, on=D(2017, 3, 1), where="Cổng thông tin Bộ Tư pháp", version=a.version
    )
    thahc.outcome_record(b, outcome="bi_huy", on=D(2017, 4, 1), version=b.version)
    total = report()["total"]
    assert total["co_qd_buoc"] == 1
    assert total["chua_xong_co_qd_buoc"] == 1
    assert total["cong_khai"] == 1
    assert total["huy_hoan_tdc"] == 1
    assert total["chua_xong"] == 1
    assert total["chua_xong_ubnd_tinh"] == 0


def test_every_step_appends_to_the_history_and_a_stale_version_fails(demo_org, chv):
    j = judgment(demo_org["TN-DT"], chv, received_on=D(2024, 3, 1))
    v = j.version
    j = thahc.notice_record(
        j, number="12/TB", on=D(2024, 3, 5), delivered_on=D(2024, 3, 6), version=v
    )
    with pytest.raises(ConcurrentEditError):
        thahc.court_order_record(j, number="x", on=D(2024, 5, 1), version=v)
    thahc.letter_record(
        j,
        kind=StepKind.KIEN_NGHI,
        on=D(2024, 5, 2),
        recipient="Chủ tịch UBND tỉnh Thái Nguyên",
        number="33/CV",
    )
    kinds = list(AdminJudgmentStep.objects.filter(judgment=j).values_list("kind", flat=True))
    assert kinds == ["tiep_nhan", "phan_cong", "thong_bao", "kien_nghi"]
    with pytest.raises(PermissionError):
        AdminJudgmentStep.objects.filter(judgment=j).first().delete()


def test_rules_refuse_bad_input(demo_org, chv):
    unit = demo_org["TN-DT"]
    with pytest.raises(DomainError, match="phân công Chấp hành viên"):
        judgment(unit, None, received_on=D(2024, 3, 1))
    other = Staff.objects.get(code="TN-SC-02")
    with pytest.raises(DomainError, match="không thuộc đơn vị"):
        judgment(unit, other, received_on=D(2024, 3, 1))
    with pytest.raises(DomainError, match="không còn hoạt động"):
        judgment(unit, chv, received_on=D(2025, 7, 1))
    j = judgment(unit, chv, received_on=D(2024, 3, 1))
    with pytest.raises(DomainError, match="trước ngày nhận"):
        thahc.outcome_record(j, outcome="xong", on=D(2024, 2, 1), version=j.version)
    done = thahc.outcome_record(j, outcome="xong", on=D(2024, 4, 1), version=j.version)
    with pytest.raises(DomainError, match="đã có kết quả"):
        thahc.court_order_record(done, number="1", on=D(2024, 4, 2), version=done.version)
    with pytest.raises(DomainError, match="hoãn hoặc tạm đình chỉ"):
        thahc.monitoring_resume(done, on=D(2024, 5, 1), note="x", version=done.version)


def test_deadlines_of_a_judgment_say_their_basis(demo_org, chv):
    j = judgment(demo_org["TNG-KV3"], chv, received_on=D(2026, 2, 13), judgment_date=D(2026, 1, 5))
    (notice,) = deadlines.judgment_deadlines(j)
    assert notice.due == D(2026, 2, 27)
    j = thahc.notice_record(
        j, number="1/TB", on=D(2026, 2, 24), delivered_on=D(2026, 2, 24), version=j.version
    )
    notice, voluntary = deadlines.judgment_deadlines(j)
    assert notice.done_on == D(2026, 2, 24)
    assert "tống đạt" in voluntary.basis  # the obliged party's receipt is not known
    assert voluntary.due == D(2026, 3, 26)  # 24/02 + 30 days
    j = thahc.obliged_receipt_record(j, on=D(2026, 1, 15), version=j.version)
    _notice, voluntary = deadlines.judgment_deadlines(j)
    assert "người phải thi hành nhận" in voluntary.basis
    assert voluntary.due == D(2026, 2, 23)  # 14/02 is a Saturday, then Tết
    assert voluntary.done_on is None


def test_an_unheeded_voluntary_period_is_answered_by_the_courts_order(demo_org, chv):
    """Past the voluntary period the next step is the court's order (or publishing the
    non-compliance): once recorded, the period leaves the officer's open deadlines."""
    j = judgment(demo_org["TNG-KV3"], chv, received_on=D(2026, 2, 13), judgment_date=D(2026, 1, 5))
    j = thahc.notice_record(
        j, number="1/TB", on=D(2026, 2, 24), delivered_on=D(2026, 2, 24), version=j.version
    )
    book = deadlines.rule_book()
    assert [d.kind for d, _j in deadlines.open_judgment_deadlines([j], book)] == ["tu_nguyen"]
    j = thahc.court_order_record(j, number="3/2026/QĐ-BTHA", on=D(2026, 4, 2), version=j.version)
    _notice, voluntary = deadlines.judgment_deadlines(j)
    assert voluntary.done_on == D(2026, 4, 2) and voluntary.done_by == "Quyết định buộc thi hành"
    assert list(deadlines.open_judgment_deadlines([j], book)) == []


def test_kind_e_is_enforced_at_once(demo_org, chv):
    j = judgment(
        demo_org["TNG-KV3"], chv, received_on=D(2026, 2, 13), kind="diem_e", doc_type="bpkctt"
    )
    (notice,) = deadlines.judgment_deadlines(j)
    assert notice.due == D(2026, 2, 13)


def test_the_register_code_continues_after_the_highest_number_of_its_series(demo_org, chv):
    """A code typed (or imported) with a gap: the next judgment takes the number after the
    highest, never one already used (counting the rows would give 0002 again)."""
    unit = demo_org["TN-DT"]
    judgment(unit, chv, received_on=D(2016, 11, 3), code="TN-DT/HC/2016/0002")
    assert judgment(unit, chv, received_on=D(2016, 11, 4)).code == "TN-DT/HC/2016/0003"
