"""The default form definitions (data, not code): TT 05/2024/TT-BTP layouts as reconstructed in
`../shared/domain/statistics.md` and reference §4.5. A changed circular adds a definition with a
later `effective_from`; the engine does not change.

Column expressions: a bucket key, a sum/difference of keys ("xong + dinh_chi"), a rate
"rate(<expr>; <expr>)", or for form 7 "events.<type>[.<measure>]" (counts of decisions in the
period). Money columns are printed in nghìn đồng where `money_unit` says so.
"""

from __future__ import annotations

# The circulars in force over the years the system reports on. Their annexes could not be read
# (reference §4.5); the same reconstructed layout is registered for each, so that a corrected
# layout for one circular is a data change for that circular only.
CIRCULARS = [
    ("Thông tư 01/2013/TT-BTP (sửa đổi bởi Thông tư 08/2015/TT-BTP)", "2015-07-01"),
    ("Thông tư 06/2019/TT-BTP", "2020-01-05"),
    ("Thông tư 05/2024/TT-BTP", "2024-07-26"),
]

CO_DK = "Có điều kiện thi hành"
HOAN_TDC = "Hoãn, tạm đình chỉ"
CHUYEN = "Chuyển kỳ sau"


def _case_columns(money: bool) -> list[dict]:
    cols = [
        ("Tổng số thụ lý", "tong_thu_ly", ""),
        ("Năm trước chuyển sang", "chuyen_sang", "Trong đó"),
        ("Thụ lý mới", "thu_ly_moi", "Trong đó"),
        ("Ủy thác thi hành án", "uy_thac", ""),
        ("Thu hồi, hủy quyết định THA", "thu_hoi", ""),
        ("Trả đơn yêu cầu", "tra_don", ""),
        ("Chuyển sổ theo dõi riêng", "so_rieng", ""),
        ("Tổng số phải thi hành", "phai_thi_hanh", ""),
        ("Tổng số", "co_dieu_kien", CO_DK),
        ("Thi hành xong", "xong", CO_DK),
    ]
    if money:
        cols.append(("Giảm, miễn thi hành án", "giam", CO_DK))
    cols += [
        ("Đình chỉ thi hành án", "dinh_chi", CO_DK),
        ("Đang thi hành", "dang_thi_hanh", CO_DK),
        ("Hoãn theo thỏa thuận", "hoan_thoa_thuan", CO_DK),
        ("Tổng số", "hoan_tam_dinh_chi", HOAN_TDC),
        ("Hoãn thi hành án", "hoan_khac", HOAN_TDC),
        ("Tạm đình chỉ", "tam_dinh_chi", HOAN_TDC),
        ("Chưa có điều kiện thi hành", "chua_co_dieu_kien", ""),
    ]
    if money:
        cols.append(("Tỷ lệ thi hành xong (%)", "rate(xong + dinh_chi + giam; co_dieu_kien)", ""))
    else:
        cols.append(("Tỷ lệ thi hành xong (%)", "rate(xong + dinh_chi; co_dieu_kien)", ""))
    cols += [
        ("Tổng số", "chuyen_ky_sau", CHUYEN),
        ("Trong đó có điều kiện", "chuyen_ky_sau_co_dieu_kien", CHUYEN),
    ]
    return [
        {"no": str(i), "header": header, "expr": expr, "group": group}
        for i, (header, expr, group) in enumerate(cols, start=1)
    ]


FORM_7_COLUMNS = [
    {
        "no": "1",
        "header": "Phong tỏa tài khoản, tài sản",
        "expr": "events.phong_toa",
        "group": "Biện pháp bảo đảm",
    },
    {
        "no": "2",
        "header": "Tạm giữ tài sản, giấy tờ",
        "expr": "events.tam_giu",
        "group": "Biện pháp bảo đảm",
    },
    {
        "no": "3",
        "header": "Tạm dừng đăng ký, chuyển dịch",
        "expr": "events.tam_dung_dang_ky",
        "group": "Biện pháp bảo đảm",
    },
    {
        "no": "4",
        "header": "Tổng số quyết định cưỡng chế",
        "expr": "events.quyet_dinh_cuong_che",
        "group": "Quyết định cưỡng chế",
    },
    {
        "no": "5",
        "header": "Khấu trừ tiền trong tài khoản",
        "expr": "events.quyet_dinh_cuong_che.khau_tru_tai_khoan",
        "group": "Quyết định cưỡng chế",
    },
    {
        "no": "6",
        "header": "Trừ vào thu nhập",
        "expr": "events.quyet_dinh_cuong_che.tru_thu_nhap",
        "group": "Quyết định cưỡng chế",
    },
    {
        "no": "7",
        "header": "Kê biên, xử lý tài sản",
        "expr": "events.quyet_dinh_cuong_che.ke_bien",
        "group": "Quyết định cưỡng chế",
    },
    {
        "no": "8",
        "header": "Biện pháp khác",
        "expr": "events.quyet_dinh_cuong_che - events.quyet_dinh_cuong_che.khau_tru_tai_khoan"
        " - events.quyet_dinh_cuong_che.tru_thu_nhap - events.quyet_dinh_cuong_che.ke_bien",
        "group": "Quyết định cưỡng chế",
    },
    {"no": "9", "header": "Số cuộc cưỡng chế đã tổ chức", "expr": "events.cuong_che", "group": ""},
    {
        "no": "10",
        "header": "Thẩm định giá",
        "expr": "events.tham_dinh_gia",
        "group": "Xử lý tài sản",
    },
    {"no": "11", "header": "Bán đấu giá", "expr": "events.dau_gia", "group": "Xử lý tài sản"},
]

DEFAULT_FORMS = [
    {
        "code": "1",
        "name": "Kết quả thi hành án dân sự tính bằng việc",
        "measure": "cases",
        "rows_by": "unit",
        "money_unit": "",
        "filters": {},
        "columns": _case_columns(False),
    },
    {
        "code": "2",
        "name": "Kết quả thi hành án dân sự tính bằng tiền",
        "measure": "money",
        "rows_by": "unit",
        "money_unit": "nghin_dong",
        "filters": {},
        "columns": _case_columns(True),
    },
    {
        "code": "3",
        "name": "Kết quả thi hành các khoản thu cho ngân sách nhà nước",
        "measure": "money",
        "rows_by": "unit",
        "money_unit": "nghin_dong",
        "filters": {"ngan_sach": True},
        "columns": _case_columns(True),
    },
    {
        "code": "4",
        "name": "Kết quả thi hành án dân sự tính bằng việc chia theo cơ quan thi hành "
        "án và Chấp hành viên",
        "measure": "cases",
        "rows_by": "officer",
        "money_unit": "",
        "filters": {},
        "columns": _case_columns(False),
    },
    {
        "code": "5",
        "name": "Kết quả thi hành án dân sự tính bằng tiền chia theo cơ quan thi hành "
        "án và Chấp hành viên",
        "measure": "money",
        "rows_by": "officer",
        "money_unit": "nghin_dong",
        "filters": {},
        "columns": _case_columns(True),
    },
    {
        "code": "7",
        "name": "Kết quả áp dụng biện pháp bảo đảm và cưỡng chế thi hành án dân sự",
        "measure": "measures",
        "rows_by": "unit",
        "money_unit": "",
        "filters": {},
        "columns": FORM_7_COLUMNS,
    },
]
