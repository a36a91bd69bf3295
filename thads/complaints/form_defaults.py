"""Forms 8 and 9 as form definitions (data; `stats.models.FormDefinition`) over the canonical
buckets of `complaints.statistics` (docs/complaint-statistics.md). Layouts reconstructed from
../shared/domain/oversight.md §A.7 and §F — the TT 05/2024/TT-BTP annex could not be read
(Q-F1): a corrected layout is a new definition, the counting does not change."""

from __future__ import annotations

CIRCULARS = [
    ("Thông tư 01/2013/TT-BTP (sửa đổi bởi Thông tư 08/2015/TT-BTP)", "2015-07-01"),
    ("Thông tư 06/2019/TT-BTP", "2020-01-05"),
    ("Thông tư 05/2024/TT-BTP", "2024-07-26"),
]

# The letters' columns 2–6 add up to column 1, each group printed once over its columns (the
# first layout split "Đơn tiếp nhận" around "Không thuộc thẩm quyền": its header read twice).
OF_WHICH = "Trong đó"
KTQ = "Xử lý đơn không thuộc thẩm quyền"
VIEC = "Việc thuộc thẩm quyền"
DA = "Đã giải quyết"
DANG = "Đang giải quyết"
KIND = {
    "kn1": "Khiếu nại lần đầu",
    "kn2": "Khiếu nại lần hai",
    "tc": "Tố cáo",
    "kp": "Kiến nghị, phản ánh",
}

FORM_8 = [
    ("Tổng số đơn tiếp nhận", "don_tiep_nhan", ""),
    ("Đơn trùng nội dung", "don_trung", OF_WHICH),
    ("Không đủ điều kiện", "don_khong_du_dk", OF_WHICH),
    ("Không thuộc thẩm quyền", "don_khong_thuoc_tq", OF_WHICH),
    ("Thuộc thẩm quyền", "don_thuoc_tq", OF_WHICH),
    ("Chưa xử lý", "don_chua_xu_ly", OF_WHICH),
    ("Chuyển đơn", "don_chuyen", KTQ),
    ("Hướng dẫn", "don_huong_dan", KTQ),
    ("Tổng số phải giải quyết", "phai_giai_quyet", VIEC),
    ("Kỳ trước chuyển sang", "viec_cu", VIEC),
    ("Thụ lý mới", "viec_moi", VIEC),
    ("Tổng số", "da_giai_quyet", DA),
    ("Rút đơn, đình chỉ", "rut", DA),
    ("Đúng", "dung", DA),
    ("Sai", "sai", DA),
    ("Đúng một phần", "dung_mot_phan", DA),
    ("Trả lời kiến nghị, phản ánh", "tra_loi", DA),
    ("Tổng số", "dang_giai_quyet", DANG),
    ("Quá hạn", "qua_han", DANG),
    ("Tỷ lệ giải quyết (%)", "rate(da_giai_quyet; phai_giai_quyet)", ""),
]
for _g, _label in KIND.items():
    FORM_8 += [
        ("Phải giải quyết", f"{_g}_phai_giai_quyet", _label),
        ("Đã giải quyết", f"{_g}_da_giai_quyet", _label),
    ]

LD = "Lãnh đạo tiếp"
DOAN = "Đoàn đông người"
ND = "Vụ việc theo nội dung"
FORM_9 = [
    ("Số buổi tiếp", "buoi", ""),
    ("Số lượt", "luot", ""),
    ("Số người", "nguoi", ""),
    ("Tổng số vụ việc", "vu_viec", ""),
    ("Vụ việc cũ", "vu_viec_cu", "Trong đó"),
    ("Vụ việc mới phát sinh", "vu_viec_moi", "Trong đó"),
    ("Số đoàn", "doan", DOAN),
    ("Số người", "doan_nguoi", DOAN),
    ("Số vụ việc", "doan_vu_viec", DOAN),
    ("Số lượt", "lanh_dao_luot", LD),
    ("Số người", "lanh_dao_nguoi", LD),
    ("Số vụ việc", "lanh_dao_vu_viec", LD),
    ("Tiếp thường xuyên (lượt)", "thuong_xuyen_luot", "Hình thức"),
    ("Tiếp định kỳ (lượt)", "dinh_ky_luot", "Hình thức"),
    ("Tiếp đột xuất (lượt)", "dot_xuat_luot", "Hình thức"),
    ("Khiếu nại", "nd_khieu_nai", ND),
    ("Tố cáo", "nd_to_cao", ND),
    ("Kiến nghị, phản ánh", "nd_kien_nghi", ND),
]


def _columns(spec) -> list[dict]:
    return [
        {"no": str(i), "header": header, "expr": expr, "group": group}
        for i, (header, expr, group) in enumerate(spec, start=1)
    ]


FORMS = [
    {
        "code": "8",
        "name": "Kết quả tiếp nhận, xử lý đơn và giải quyết khiếu nại, tố cáo, kiến nghị, "
        "phản ánh trong thi hành án dân sự",
        "measure": "complaints",
        "columns": _columns(FORM_8),
    },
    {
        "code": "9",
        "name": "Kết quả tiếp công dân trong thi hành án dân sự",
        "measure": "reception",
        "columns": _columns(FORM_9),
    },
]
