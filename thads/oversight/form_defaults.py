"""Forms 6, 10 and 12 as form definitions (data, not code), evaluated by `stats.layout` over
the buckets counted here (`oversight.statistics`; docs/oversight-statistics.md). Their annexes
could not be read (oversight.md §F, Q-F1): the layouts are reconstructed, registered for each
circular like forms 1–7 so that a corrected layout is a data change for one circular only."""

from __future__ import annotations

# The same circulars as stats.form_defaults.CIRCULARS (copied: a migration of this app may not
# import stats).
CIRCULARS = [
    ("Thông tư 01/2013/TT-BTP (sửa đổi bởi Thông tư 08/2015/TT-BTP)", "2015-07-01"),
    ("Thông tư 06/2019/TT-BTP", "2020-01-05"),
    ("Thông tư 05/2024/TT-BTP", "2024-07-26"),
]


def _columns(spec: list[tuple[str, str, str]]) -> list[dict]:
    return [
        {"no": str(i), "header": header, "expr": expr, "group": group}
        for i, (header, expr, group) in enumerate(spec, start=1)
    ]


PTD = "Phải theo dõi"
XONG = "Đã thi hành xong"
CHUA = "Chưa thi hành xong"
FORM_12_COLUMNS = _columns(
    [
        ("Bản án, quyết định nhận được", "nhan_duoc", ""),
        ("Không có nội dung phải theo dõi", "khong_theo_doi", ""),
        ("Tổng số", "phai_theo_doi", PTD),
        ("Năm trước chuyển sang", "nam_truoc_chuyen_sang", PTD),
        ("Mới", "moi", PTD),
        ("Có quyết định buộc thi hành", "co_qd_buoc", ""),
        ("Tổng số", "xong", XONG),
        ("Bản án, quyết định", "xong_ban_an", XONG),
        ("Quyết định áp dụng biện pháp khẩn cấp tạm thời", "xong_bpkctt", XONG),
        ("Bị hủy, hoãn, tạm đình chỉ", "huy_hoan_tdc", ""),
        ("Tổng số", "chua_xong", CHUA),
        ("Có quyết định buộc thi hành", "chua_xong_co_qd_buoc", CHUA),
        ("Người phải thi hành: UBND, Chủ tịch UBND cấp tỉnh", "chua_xong_ubnd_tinh", CHUA),
        ("Người phải thi hành: UBND, Chủ tịch UBND cấp huyện", "chua_xong_ubnd_huyen", CHUA),
        ("Người phải thi hành: UBND, Chủ tịch UBND cấp xã", "chua_xong_ubnd_xa", CHUA),
        ("Người phải thi hành: cơ quan, tổ chức khác", "chua_xong_khac", CHUA),
        ("Đã công khai không chấp hành", "cong_khai", ""),
        ("Tỷ lệ thi hành xong (%)", "rate(xong; phai_theo_doi - huy_hoan_tdc)", ""),
    ]
)

KT = "Kiểm tra"
KN = "Kiến nghị sau kiểm tra"
VKS = "Văn bản của Viện kiểm sát"
FORM_10_COLUMNS = _columns(
    [
        ("Tổng số cuộc", "kiem_tra", KT),
        ("Toàn diện", "kt_toan_dien", KT),
        ("Chuyên đề", "kt_chuyen_de", KT),
        ("Đột xuất", "kt_dot_xuat", KT),
        ("Tự kiểm tra", "kt_tu_kiem_tra", KT),
        ("Kiểm tra lại", "kt_kiem_tra_lai", KT),
        ("Kết luận đã ban hành", "ket_luan", KT),
        ("Vi phạm phát hiện", "vi_pham", KT),
        ("Tổng số", "kien_nghi", KN),
        ("Đã thực hiện xong", "kien_nghi_xong", KN),
        ("Quá hạn chưa thực hiện", "kien_nghi_qua_han", KN),
        ("Số người bị kiến nghị xử lý kỷ luật", "ky_luat_nguoi", KN),
        ("Số tiền kiến nghị thu hồi (đồng)", "thu_hoi_tien", KN),
        ("Tổng số", "vks_nhan", VKS),
        ("Kết luận kiểm sát", "vks_ket_luan", VKS),
        ("Kiến nghị", "vks_kien_nghi", VKS),
        ("Yêu cầu", "vks_yeu_cau", VKS),
        ("Kháng nghị", "vks_khang_nghi", VKS),
        ("Đã trả lời", "vks_da_tra_loi", VKS),
        ("Chấp nhận toàn bộ hoặc một phần", "vks_chap_nhan", VKS),
    ]
)

XET = "Tòa án đã xét"
FORM_6_COLUMNS = _columns(
    [
        ("Đủ điều kiện xét miễn, giảm", "du_dieu_kien", ""),
        ("Đã lập hồ sơ đề nghị", "da_lap_ho_so", ""),
        ("Tòa án đã thụ lý", "toa_thu_ly", ""),
        ("Tổng số việc", "da_xet", XET),
        ("Được miễn: việc", "mien_viec", XET),
        ("Được miễn: tiền (đồng)", "mien_tien", XET),
        ("Được giảm: việc", "giam_viec", XET),
        ("Được giảm: tiền (đồng)", "giam_tien", XET),
        ("Không chấp nhận", "khong_chap_nhan", XET),
    ]
)

FORMS = [
    {
        "code": "6",
        "name": "Kết quả miễn, giảm nghĩa vụ thi hành án đối với khoản thu, nộp ngân sách nhà nước",
        "measure": "exemptions",
        "columns": FORM_6_COLUMNS,
    },
    {
        "code": "10",
        "name": "Kết quả giám sát, kiểm tra, kiểm sát trong thi hành án dân sự",
        "measure": "oversight",
        "columns": FORM_10_COLUMNS,
    },
    {
        "code": "12",
        "name": "Kết quả theo dõi thi hành án hành chính",
        "measure": "thahc",
        "columns": FORM_12_COLUMNS,
    },
]
