"""The rules seeded by the data migration (../shared/domain/oversight.md §A.2–A.4).

Each row: (kind, key, label, effective_from, days, day_count, resolver, source, verified).
`verified` False is shown as "chưa xác minh": the value is the best known, to be checked
against the text by an administrator, who changes it in the admin (with its history).
Keys: time limits by the stage of the decision complained of; deadlines by "kn1.<stage>",
"kn2", "to_cao", "kien_nghi"; competence by "<kn1|kn2|to_cao>.<officer|head>_<local|province>".
"""

from __future__ import annotations

LAW_2014 = "2015-07-01"  # Luật THADS 2008 sửa đổi 2014 (hiệu lực 01/07/2015)
REFORM = "2025-07-01"  # mô hình hai cấp: Phòng THADS khu vực thuộc THADS tỉnh

D140 = "Luật THADS 2008 (sửa đổi 2014), Điều 140 khoản 2"
TT13 = "Thông tư 13/2021/TT-BTP"
UNVERIFIED = "chưa xác minh"

RULES: list[tuple] = [
    # Thời hiệu khiếu nại (verified: oversight.md §A.2 [N16]).
    ("thoi_hieu", "pre_measure", "QĐ, hành vi trước khi áp dụng biện pháp bảo đảm, cưỡng chế",
     LAW_2014, 15, "calendar", "", D140 + " điểm a", True),
    ("thoi_hieu", "freeze", "QĐ phong tỏa tài khoản",
     LAW_2014, 3, "working", "", D140 + " điểm b", True),
    ("thoi_hieu", "other_security", "QĐ, hành vi áp dụng biện pháp bảo đảm khác",
     LAW_2014, 10, "calendar", "", D140 + " điểm b", True),
    ("thoi_hieu", "coercion", "QĐ, hành vi áp dụng biện pháp cưỡng chế",
     LAW_2014, 30, "calendar", "", D140 + " điểm c", True),
    ("thoi_hieu", "post_coercion", "QĐ, hành vi sau khi áp dụng biện pháp cưỡng chế",
     LAW_2014, 30, "calendar", "", D140 + " điểm d", True),
    ("thoi_hieu", "lan_hai", "Khiếu nại lần hai, kể từ ngày nhận QĐ giải quyết lần đầu",
     LAW_2014, 15, "calendar", "", D140 + " (khiếu nại tiếp)", True),
    # Xử lý đơn.
    ("xu_ly_don", "don", "Phân loại, xử lý đơn kể từ ngày nhận",
     LAW_2014, 10, "calendar", "", TT13 + " — " + UNVERIFIED, False),
    # Thời hạn giải quyết kể từ ngày thụ lý.
    ("han_giai_quyet", "kn1.pre_measure", "Khiếu nại lần đầu — trước biện pháp bảo đảm, cưỡng chế",
     LAW_2014, 15, "calendar", "", "Luật THADS 2008 (sửa đổi 2014), Điều 145", True),
    ("han_giai_quyet", "kn1.freeze", "Khiếu nại lần đầu — phong tỏa tài khoản",
     LAW_2014, 5, "working", "", "Luật THADS 2008, Điều 145 — " + UNVERIFIED, False),
    ("han_giai_quyet", "kn1.other_security", "Khiếu nại lần đầu — biện pháp bảo đảm khác",
     LAW_2014, 10, "calendar", "", "Luật THADS 2008, Điều 145 — " + UNVERIFIED, False),
    ("han_giai_quyet", "kn1.coercion", "Khiếu nại lần đầu — biện pháp cưỡng chế",
     LAW_2014, 30, "calendar", "", "Luật THADS 2008, Điều 145 — " + UNVERIFIED, False),
    ("han_giai_quyet", "kn1.post_coercion", "Khiếu nại lần đầu — sau cưỡng chế",
     LAW_2014, 15, "calendar", "", "Luật THADS 2008, Điều 145 — " + UNVERIFIED, False),
    ("han_giai_quyet", "kn2", "Khiếu nại lần hai",
     LAW_2014, 30, "calendar", "", "Luật THADS 2008, Điều 146 — " + UNVERIFIED, False),
    ("han_giai_quyet", "to_cao", "Tố cáo",
     LAW_2014, 30, "calendar", "", "Luật Tố cáo 2018, Điều 30 — " + UNVERIFIED, False),
    ("han_giai_quyet", "kien_nghi", "Kiến nghị, phản ánh",
     LAW_2014, 10, "calendar", "", "Luật Tiếp công dân 2013, Điều 28 — " + UNVERIFIED, False),
    # Gia hạn (vụ việc phức tạp).
    ("gia_han", "khieu_nai", "Gia hạn giải quyết khiếu nại phức tạp",
     LAW_2014, 30, "calendar", "", "Luật THADS 2008, Điều 145 — " + UNVERIFIED, False),
    ("gia_han", "to_cao", "Gia hạn giải quyết tố cáo phức tạp",
     LAW_2014, 30, "calendar", "", "Luật Tố cáo 2018, Điều 30 — " + UNVERIFIED, False),
    # Thẩm quyền (Luật THADS Điều 142; tố cáo: TT 13/2021 Điều 15).
    ("tham_quyen", "kn1.officer_local", "Khiếu nại lần đầu QĐ, hành vi của CHV Chi cục",
     LAW_2014, None, "", "same", "Luật THADS 2008, Điều 142 — " + UNVERIFIED, False),
    ("tham_quyen", "kn1.head_local", "Khiếu nại lần đầu QĐ, hành vi của Chi cục trưởng",
     LAW_2014, None, "", "parent", "Luật THADS 2008, Điều 142 — " + UNVERIFIED, False),
    ("tham_quyen", "kn1.officer_province", "Khiếu nại lần đầu QĐ, hành vi của CHV Cục",
     LAW_2014, None, "", "same", "Luật THADS 2008, Điều 142 — " + UNVERIFIED, False),
    ("tham_quyen", "kn1.head_province", "Khiếu nại lần đầu QĐ, hành vi của Cục trưởng",
     LAW_2014, None, "", "parent", "Luật THADS 2008, Điều 142 — " + UNVERIFIED, False),
    ("tham_quyen", "kn2.officer_local", "Khiếu nại lần hai — CHV Chi cục",
     LAW_2014, None, "", "parent", "Luật THADS 2008, Điều 142 — " + UNVERIFIED, False),
    ("tham_quyen", "kn2.head_local", "Khiếu nại lần hai — Chi cục trưởng",
     LAW_2014, None, "", "national", "Luật THADS 2008, Điều 142 — " + UNVERIFIED, False),
    ("tham_quyen", "kn2.officer_province", "Khiếu nại lần hai — CHV Cục",
     LAW_2014, None, "", "parent", "Luật THADS 2008, Điều 142 — " + UNVERIFIED, False),
    ("tham_quyen", "kn2.head_province", "Khiếu nại lần hai — Cục trưởng",
     LAW_2014, None, "", "final", "Luật THADS 2008, Điều 142 — " + UNVERIFIED, False),
    ("tham_quyen", "to_cao.officer_local", "Tố cáo CHV, công chức",
     LAW_2014, None, "", "same", TT13 + ", Điều 15", True),
    ("tham_quyen", "to_cao.head_local", "Tố cáo Thủ trưởng, Phó Thủ trưởng",
     LAW_2014, None, "", "parent", TT13 + ", Điều 15", True),
    ("tham_quyen", "to_cao.officer_province", "Tố cáo CHV, công chức cấp tỉnh",
     LAW_2014, None, "", "same", TT13 + ", Điều 15", True),
    ("tham_quyen", "to_cao.head_province", "Tố cáo Thủ trưởng cấp tỉnh",
     LAW_2014, None, "", "parent", TT13 + ", Điều 15", True),
    # Từ 01/07/2025 Phòng THADS khu vực không có Thủ trưởng riêng (Q-A1, chưa xác minh):
    # lần đầu do Thủ trưởng THADS tỉnh, lần hai do Cục trưởng Cục QLTHADS.
    ("tham_quyen", "kn1.officer_local", "Khiếu nại lần đầu QĐ, hành vi của CHV Phòng khu vực",
     REFORM, None, "", "parent", "Mô hình hai cấp từ 01/07/2025 — " + UNVERIFIED, False),
    ("tham_quyen", "kn2.officer_local", "Khiếu nại lần hai — CHV Phòng khu vực",
     REFORM, None, "", "national", "Mô hình hai cấp từ 01/07/2025 — " + UNVERIFIED, False),
    ("tham_quyen", "to_cao.officer_local", "Tố cáo CHV, công chức Phòng khu vực",
     REFORM, None, "", "parent", "Mô hình hai cấp từ 01/07/2025 — " + UNVERIFIED, False),
]  # fmt: skip
