"""The deadline rules installed with the app (data, seeded by a migration; a changed law adds a
row with a later effective date). `verified` False: the period is what practice cites but the
text was not read (oversight.md §B, §C) — the screens say "chưa xác minh" next to the date."""

from __future__ import annotations

RULES = [
    # key, label, effective_from, days, day_kind, source, verified
    (
        "thahc_thong_bao",
        "Thông báo tự nguyện thi hành án hành chính",
        "2016-07-01",
        5,
        "working",
        "Nghị định 71/2016/NĐ-CP, Điều 14 k2",
        True,
    ),
    (
        "thahc_thong_bao_ngay",
        "Thông báo ngay (quyết định loại e, g)",
        "2016-07-01",
        0,
        "working",
        "Nghị định 71/2016/NĐ-CP, Điều 14 k2",
        True,
    ),
    (
        "thahc_tu_nguyen",
        "Thời hạn tự nguyện thi hành án hành chính",
        "2016-07-01",
        30,
        "calendar",
        "Luật Tố tụng hành chính 2015, Điều 311 k2",
        True,
    ),
    (
        "thahc_tu_nguyen_ngay",
        "Thi hành ngay (quyết định loại e, g)",
        "2016-07-01",
        0,
        "calendar",
        "Luật Tố tụng hành chính 2015, Điều 311 k2",
        True,
    ),
    (
        "vks_khang_nghi_cung_cap",
        "Thời hạn kháng nghị của Viện kiểm sát cùng cấp",
        "2009-07-01",
        15,
        "calendar",
        "Luật Thi hành án dân sự 2008, Điều 160",
        True,
    ),
    (
        "vks_khang_nghi_cap_tren",
        "Thời hạn kháng nghị của Viện kiểm sát cấp trên trực tiếp",
        "2009-07-01",
        30,
        "calendar",
        "Luật Thi hành án dân sự 2008, Điều 160",
        True,
    ),
    (
        "tra_loi_khang_nghi",
        "Trả lời kháng nghị",
        "2009-07-01",
        15,
        "calendar",
        "Luật Thi hành án dân sự 2008, Điều 161",
        False,
    ),
    (
        "tra_loi_kien_nghi",
        "Trả lời kiến nghị của Viện kiểm sát",
        "2009-07-01",
        30,
        "calendar",
        "Quy chế kiểm sát (QĐ 810/QĐ-VKSTC), Điều 34–36",
        False,
    ),
    (
        "tra_loi_yeu_cau",
        "Thực hiện yêu cầu của Viện kiểm sát",
        "2009-07-01",
        15,
        "calendar",
        "Quy chế kiểm sát (QĐ 810/QĐ-VKSTC), Điều 34–36",
        False,
    ),
    (
        "tra_loi_ket_luan",
        "Báo cáo thực hiện kết luận kiểm sát",
        "2009-07-01",
        30,
        "calendar",
        "",
        False,
    ),
    (
        "khac_phuc_kien_nghi",
        "Thực hiện kiến nghị sau kiểm tra",
        "2021-03-03",
        30,
        "calendar",
        "Quy chế kiểm tra (QĐ 196/QĐ-TCTHADS)",
        False,
    ),
]

# The answer rule of each kind of procuracy act.
ANSWER_RULES = {
    "ket_luan": "tra_loi_ket_luan",
    "kien_nghi": "tra_loi_kien_nghi",
    "yeu_cau": "tra_loi_yeu_cau",
    "khang_nghi": "tra_loi_khang_nghi",
}
