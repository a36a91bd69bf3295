"""The act keys of events (docs/interchange-notes.md, issue 11): optional, kept by the import,
written back by the export; files without them still import."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from thads.cases.models import Case, CaseEvent
from thads.interchange.exporter import export_lines
from thads.interchange.importer import ImportFailed, import_lines
from thads.org.models import Unit
from thads.testing.interchange import base_records, to_lines

TODAY = dt.date(2026, 11, 21)

ACT = {
    "reason": "khac",
    "ground": "om_nang",
    "until": "2021-04-01",
    "doc_no": "7/QĐ-CCTHADS",
    "doc_date": "2021-03-10",
    "signer": "Nguyễn Văn Hải",
}


def test_act_keys_round_trip_and_files_without_them_still_import(db):
    records = base_records()
    sender = next(r for r in records if r.get("code") == "TN-SC/2021/0200")
    hoan = next(e for e in sender["events"] if e["type"] == "hoan")
    hoan.pop("reason")
    hoan["data"] = dict(ACT)
    import_lines(to_lines(records), today=TODAY)
    stored = CaseEvent.objects.get(case__code="TN-SC/2021/0200", type="hoan")
    assert stored.data == ACT
    exported = [json.loads(line) for line in export_lines()]
    case = next(r for r in exported if r.get("code") == "TN-SC/2021/0200")
    event = next(e for e in case["events"] if e["type"] == "hoan")
    assert {
        **event.get("data", {}),
        "reason": event.get("reason", event.get("data", {}).get("reason")),
    } == ACT
    # The receiver's events carry no act keys: imported all the same (checked above by count).
    assert CaseEvent.objects.filter(case__code="TN-PY/2021/0050").count() == 5


# ---- every act key is checked strictly (issue 11): the whole file refused, line-numbered ------


def _with_act(data: dict) -> list[dict]:
    """The base file whose hoãn (event 2 of the case on line 11) carries `data`."""
    records = base_records()
    sender = next(r for r in records if r.get("code") == "TN-SC/2021/0200")
    sender["events"][1]["data"] = data
    return records


def _refused(records: list[dict]) -> list[tuple[int, str]]:
    """The errors of the case lines (10, 11) of a refused file; the others are consequences
    only: the entrusted case (12) and the complaint (14) name a refused case."""
    with pytest.raises(ImportFailed) as failed:
        import_lines(to_lines(records), today=TODAY)
    assert not Unit.objects.exists() and not Case.objects.exists()
    assert not CaseEvent.objects.exists()
    assert {line for line, _m in failed.value.errors} <= {10, 11, 12, 14}
    return [(line, m) for line, m in failed.value.errors if line in (10, 11)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"until": "10/04/2021"}, "“until” — Hoãn đến ngày: ngày không hợp lệ (YYYY-MM-DD)."),
        ({"until": 20210410}, "“until” — Hoãn đến ngày: ngày không hợp lệ (YYYY-MM-DD)."),
        ({"doc_date": "2021-3-10"}, "“doc_date” — Ngày văn bản: ngày không hợp lệ"),
        ({"doc_no": 7}, "“doc_no” — Số văn bản: phải là chữ."),
        ({"signer": ["Nguyễn Văn Hải"]}, "“signer” — Người ký: phải là chữ."),
        ({"ground": "om"}, "“ground” — Căn cứ: giá trị không có trong danh mục."),
        ({"colour": "đỏ"}, "khóa không được phép: “colour”."),
        ({"sale_price": 1}, "khóa không được phép: “sale_price”."),
        ({"until": "2021-03-01"}, "Hoãn đến ngày phải sau ngày ra quyết định hoãn."),
    ],
)
def test_a_wrong_act_key_refuses_the_file_with_its_line(db, data, expected):
    errors = _refused(_with_act(data))
    assert len(errors) == 1, errors
    line, message = errors[0]
    assert line == 11
    assert message.startswith("Sự kiện thứ 2: data ")
    assert expected in message


@pytest.mark.parametrize("value", ["1000000", "1.000.000", 1_000_000.0, True, -1, 10**18])
def test_money_of_an_act_is_a_whole_number_not_text(db, value):
    seizure = {"on": "2020-12-01", "type": "quyet_dinh_cuong_che"}
    seizure["data"] = {"measure": "ke_bien", "asset_value": value}
    records = base_records()
    case = next(r for r in records if r.get("code") == "TN-SC/2021/0123")
    case["events"].insert(1, seizure)
    [(line, message)] = _refused(records)
    assert line == 10
    assert "“asset_value” — Giá trị tạm tính khi kê biên (đồng): phải là số nguyên" in message


def test_every_problem_of_every_event_is_reported(db):
    records = _with_act({"until": "x", "colour": 1, "doc_no": 7})
    records[9]["events"][0]["data"] = {"can_uy_thac": "có"}
    errors = _refused(records)
    assert [line for line, _message in errors] == [10, 11, 11, 11]
    assert "“can_uy_thac” — Có căn cứ ủy thác: phải là true hoặc false." in errors[0][1]


def test_the_keys_the_system_writes_import_with_their_types(db):
    """What the export writes beside an act (assignment, ledger links, auction notice)."""
    records = base_records()
    case = next(r for r in records if r.get("code") == "TN-SC/2021/0123")
    case["events"][0]["data"] = {"can_uy_thac": False, "minutes_date": "2020-11-25"}
    case["events"][1]["data"] = {"payer": "Trần Thị Bích"}
    case["events"].insert(1, {"on": "2020-11-20", "type": "phan_cong",
                              "data": {"officer": "TN-SC-01", "previous": None}})  # fmt: skip
    import_lines(to_lines(records), today=TODAY)
    stored = CaseEvent.objects.filter(case__code="TN-SC/2021/0123").order_by("seq")
    assert stored[1].data == {"officer": "TN-SC-01", "previous": None}
    assert stored[2].data == {"payer": "Trần Thị Bích"}
