"""A small, valid interchange file (the spec's example, extended) and helpers."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

UNITS = [
    {"type": "unit", "code": "QG", "name": "Cục Quản lý Thi hành án dân sự", "parent": None,
     "level": "national", "valid_from": "2009-10-01", "valid_to": None, "successor": None},
    {"type": "unit", "code": "TN", "name": "Cục Thi hành án dân sự tỉnh Thái Nguyên",
     "parent": "QG", "level": "province", "valid_from": "2009-10-01", "valid_to": "2025-06-30",
     "successor": "TNG"},
    {"type": "unit", "code": "TNG", "name": "Thi hành án dân sự tỉnh Thái Nguyên", "parent": "QG",
     "level": "province", "valid_from": "2025-07-01", "valid_to": None, "successor": None},
    {"type": "unit", "code": "TN-SC", "name": "Chi cục THADS thành phố Sông Công",
     "parent": "TN", "level": "local", "valid_from": "2009-10-01", "valid_to": "2025-06-30",
     "successor": "TNG-KV2"},
    {"type": "unit", "code": "TN-PY", "name": "Chi cục THADS thị xã Phổ Yên", "parent": "TN",
     "level": "local", "valid_from": "2009-10-01", "valid_to": "2025-06-30",
     "successor": "TNG-KV2"},
    {"type": "unit", "code": "TNG-KV2", "name": "Phòng THADS khu vực 2 – Thái Nguyên",
     "parent": "TNG", "level": "local", "valid_from": "2025-07-01", "valid_to": None,
     "successor": None},
]  # fmt: skip
STAFF = [
    {"type": "staff", "code": "TN-SC-01", "name": "Nguyễn Văn An", "unit": "TN-SC",
     "title": "chap_hanh_vien_trung_cap", "is_head": False, "valid_from": "2018-01-01",
     "valid_to": "2025-06-30"},
    {"type": "staff", "code": "TN-SC-01", "name": "Nguyễn Văn An", "unit": "TNG-KV2",
     "title": "chap_hanh_vien_trung_cap", "is_head": True, "valid_from": "2025-07-01",
     "valid_to": None},
    {"type": "staff", "code": "TN-SC-02", "name": "Lê Thị Bình", "unit": "TN-SC",
     "title": "thu_ky", "is_head": False, "valid_from": "2019-01-01", "valid_to": "2025-06-30"},
]  # fmt: skip
CASE = {
    "type": "case", "code": "TN-SC/2021/0123", "unit": "TN-SC", "accepted_on": "2020-11-03",
    "decision_no": "123/QĐ-CCTHADS", "decision_date": "2020-11-03", "mode": "theo_don",
    "judgment": {"court": "TAND thành phố Sông Công", "number": "45/2020/DS-ST",
                 "date": "2020-08-14", "kind": "dan_su"},
    "flags": ["tin_dung"], "officer": "TN-SC-01", "amount": 250000000,
    "parties": [
        {"role": "phai_thi_hanh", "kind": "ca_nhan", "name": "Trần Thị Bích",
         "id_number": "019180000123", "address": "Tổ 3, phường Mỏ Chè, thành phố Sông Công"},
        {"role": "duoc_thi_hanh", "kind": "to_chuc",
         "name": "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"},
    ],
    "events": [
        {"on": "2020-11-25", "type": "xac_minh_co_dieu_kien"},
        {"on": "2021-01-10", "type": "thu_tien", "amount": 50000000},
        {"on": "2021-12-01", "type": "thu_tien", "amount": 200000000},
        {"on": "2021-12-01", "type": "xong"},
    ],
}  # fmt: skip
SENDER = {
    "type": "case", "code": "TN-SC/2021/0200", "unit": "TN-SC", "accepted_on": "2021-02-01",
    "decision_no": "200/QĐ-CCTHADS", "decision_date": "2021-02-01", "mode": "chu_dong",
    "judgment": {"court": "TAND thành phố Sông Công", "number": "12/2021/HS-ST",
                 "date": "2021-01-05", "kind": "hinh_su"},
    "flags": ["ngan_sach"], "officer": "TN-SC-01", "amount": 30000000,
    "parties": [{"role": "phai_thi_hanh", "kind": "ca_nhan", "name": "Hoàng Văn Cường"}],
    "events": [
        {"on": "2021-03-01", "type": "xac_minh_co_dieu_kien"},
        {"on": "2021-03-10", "type": "hoan", "reason": "khac"},
        {"on": "2021-04-10", "type": "tiep_tuc"},
        {"on": "2021-05-01", "type": "thu_tien", "amount": 10000000},
        {"on": "2021-06-01", "type": "uy_thac", "to_unit": "TN-PY"},
    ],
}  # fmt: skip
RECEIVER = {
    "type": "case", "code": "TN-PY/2021/0050", "unit": "TN-PY", "accepted_on": "2021-06-10",
    "decision_no": "50/QĐ-CCTHADS", "decision_date": "2021-06-10", "mode": "chu_dong",
    "judgment": {"court": "TAND thành phố Sông Công", "number": "12/2021/HS-ST",
                 "date": "2021-01-05", "kind": "hinh_su"},
    "flags": ["ngan_sach"], "officer": None, "amount": 20000000,
    "parties": [{"role": "phai_thi_hanh", "kind": "ca_nhan", "name": "Hoàng Văn Cường"}],
    "events": [
        {"on": "2021-07-01", "type": "chua_co_dieu_kien", "data": {"ground": "khong_tai_san"}},
        {"on": "2021-07-05", "type": "cong_khai"},
        {"on": "2022-01-05", "type": "xac_minh_lai"},
        {"on": "2022-07-05", "type": "xac_minh_lai"},
        {"on": "2022-07-20", "type": "so_rieng"},
    ],
    "from_case": "TN-SC/2021/0200",
}  # fmt: skip
OTHERS = [
    {"type": "target", "unit": "TN-SC", "year": 2021, "case_rate": "82.50",
     "money_rate": "40.10"},
    {"type": "complaint", "code": "TN/KN/2022/007", "unit": "TN", "kind": "khieu_nai",
     "received_on": "2022-02-10", "case": "TN-SC/2021/0123", "resolved_on": "2022-03-05",
     "result": "sai"},
]  # fmt: skip


# The example lines of `shared/spec/interchange.md` ("Records"), copied exactly as written
# there: a province whose parent is null, its offices, a staff member, a target, a case, a
# complaint.
SPEC_EXAMPLE_LINES = (
    (Path(__file__).with_name("spec_example.jsonl")).read_text("utf-8").splitlines()
)


def base_records() -> list[dict]:
    """Lines 1–6 units, 7–9 staff, 10 case, 11 sender, 12 receiver, 13 target, 14 complaint."""
    return copy.deepcopy([*UNITS, *STAFF, CASE, SENDER, RECEIVER, *OTHERS])


def to_lines(records: list) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]


@pytest.fixture
def records() -> list[dict]:
    return base_records()
