"""The demo province's people, places, courts and officers' postings (for `demo_cases`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from thads.org.demo import CHI_CUC, REFORM, REGIONS
from thads.org.models import Membership

SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Ma", "Hà", "Nông", "La", "Triệu", "Lương", "Đinh", "Trịnh", "Phan", "Lục", "Chu",
]  # fmt: skip


MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Thành", "Ngọc", "Tiến"]


MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc", "Minh", "Thị Thu", "Hồng", "Kim"]


GIVEN_M = [
    "Hùng", "Nam", "Tuấn", "Dũng", "Sơn", "Long", "Hải", "Thắng", "Cường", "Quân", "Bình",
    "Khánh", "Toàn", "Phúc", "Định", "Tiến", "Hưng", "Trung", "Kiên", "Vinh",
]  # fmt: skip


GIVEN_F = [
    "Lan", "Hoa", "Hà", "Mai", "Hằng", "Thảo", "Ngọc", "Yến", "Nhung", "Hiền", "Linh", "Vân",
    "Phương", "Huyền", "Trang", "Dung", "Oanh", "Thủy", "Loan", "Hạnh",
]  # fmt: skip


PLACES = {
    "TN-TP": ("thành phố Thái Nguyên", ["Hoàng Văn Thụ", "Phan Đình Phùng", "Quang Trung",
                                        "Túc Duyên", "Gia Sàng", "Tân Thịnh"]),
    "TN-SC": ("thành phố Sông Công", ["Mỏ Chè", "Thắng Lợi", "Cải Đan", "Lương Sơn"]),
    "TN-PY": ("thị xã Phổ Yên", ["Ba Hàng", "Bãi Bông", "Đồng Tiến", "Nam Tiến"]),
    "TN-DT": ("huyện Đại Từ", ["Hùng Sơn", "Quân Chu", "Hà Thượng", "Tân Thái"]),
    "TN-DH": ("huyện Định Hóa", ["Chợ Chu", "Trung Hội", "Phượng Tiến"]),
    "TN-PL": ("huyện Phú Lương", ["Đu", "Giang Tiên", "Yên Trạch"]),
    "TN-VN": ("huyện Võ Nhai", ["Đình Cả", "La Hiên", "Tràng Xá"]),
    "TN-DHY": ("huyện Đồng Hỷ", ["Trại Cau", "Hóa Thượng", "Nam Hòa"]),
    "TN-PB": ("huyện Phú Bình", ["Hương Sơn", "Úc Kỳ", "Điềm Thụy"]),
}  # fmt: skip


COURTS_BEFORE = {
    "TN-TP": "TAND thành phố Thái Nguyên",
    "TN-SC": "TAND thành phố Sông Công",
    "TN-PY": "TAND thị xã Phổ Yên",
    "TN-DT": "TAND huyện Đại Từ",
    "TN-DH": "TAND huyện Định Hóa",
    "TN-PL": "TAND huyện Phú Lương",
    "TN-VN": "TAND huyện Võ Nhai",
    "TN-DHY": "TAND huyện Đồng Hỷ",
    "TN-PB": "TAND huyện Phú Bình",
}


PROVINCE_COURT = "TAND tỉnh Thái Nguyên"


BANKS = [
    "Ngân hàng TMCP Công Thương Việt Nam – Chi nhánh Thái Nguyên",
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam – Chi nhánh tỉnh Thái Nguyên",
    "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam – Chi nhánh Thái Nguyên",
    "Ngân hàng TMCP Ngoại thương Việt Nam – Chi nhánh Thái Nguyên",
    "Ngân hàng Chính sách xã hội – Chi nhánh tỉnh Thái Nguyên",
    "Ngân hàng TMCP Việt Nam Thịnh Vượng – Chi nhánh Thái Nguyên",
]


COMPANIES = [
    "Công ty TNHH Xây dựng Thái Hưng",
    "Công ty Cổ phần Thương mại Gia Sàng",
    "Công ty TNHH Vận tải Phổ Yên",
    "Hợp tác xã Chè Tân Cương",
    "Công ty Cổ phần Khoáng sản Đại Từ",
]


KIND_CODE = {
    "dan_su": "DS",
    "hinh_su": "HS",
    "hanh_chinh": "HC",
    "hon_nhan_gia_dinh": "HNGĐ",
    "kinh_doanh_thuong_mai": "KDTM",
    "lao_dong": "LĐ",
}


SUCCESSOR = {old: new for new, _name, olds in REGIONS for old in olds}


CHI_CUC_CODES = [code for code, _n, _s in CHI_CUC]


REGION_CODES = [code for code, _n, _o in REGIONS]


WEIGHTS = {"TN-TP": 5, "TN-SC": 2, "TN-PY": 3, "TN-DT": 2.5, "TN-DH": 1, "TN-PL": 1.5,
           "TN-VN": 1, "TN-DHY": 2, "TN-PB": 2}  # fmt: skip


def local_court(chi_cuc: str, day: dt.date) -> str:
    """The first-instance court of a district: TAND khu vực after the 01/07/2025 reform."""
    if day < REFORM:
        return COURTS_BEFORE[chi_cuc]
    region = REGION_CODES.index(SUCCESSOR[chi_cuc]) + 1
    return f"TAND khu vực {region} – Thái Nguyên"


@dataclass
class Posting:
    code: str
    unit: str
    is_head: bool
    valid_from: dt.date
    valid_to: dt.date | None


def officer_postings() -> dict[str, list[Posting]]:
    """Every Chấp hành viên posting of the database, by unit code."""
    result: dict[str, list[Posting]] = defaultdict(list)
    rows = Membership.objects.filter(Q(staff__title__startswith="chap_hanh_vien")).values_list(
        "staff__code", "unit__code", "is_head", "valid_from", "valid_to"
    )
    for code, unit, is_head, valid_from, valid_to in rows.order_by("staff__code", "valid_from"):
        result[unit].append(Posting(code, unit, is_head, valid_from, valid_to))
    return result


def valid_on(p: Posting, day: dt.date) -> bool:
    return p.valid_from <= day and (p.valid_to is None or day <= p.valid_to)


def first_day(events: list[dict], kind: str) -> dt.date:
    return next(dt.date.fromisoformat(e["on"]) for e in events if e["type"] == kind)


def local_units_on(day: dt.date) -> list[str]:
    return CHI_CUC_CODES if day < REFORM else REGION_CODES


def chi_cuc_of(unit: str, fallback: str) -> str:
    if unit in PLACES:
        return unit
    olds = next((olds for code, _n, olds in REGIONS if code == unit), None)
    return olds[0] if olds else fallback
