"""Catalogue of templates, version 1: the 28 most-used documents of oversight.md §E.2.

FROZEN DATA, read by migration 0002 only. A new circular (TT 04/2023?, the forms of Luật
106/2025) is a new module and a new migration adding rows with their own dates; never edit
these rows in place (documents already issued cite them).

Layout and wording follow the forms of TT 01/2016/TT-BTP as practised; the official codes
could not be verified (oversight.md §E.1, Q-E1) and are left empty except D 04-THA. Each entry
gives one row per law: Luật THADS 2008 (from 01/07/2009 to 30/06/2026) and Luật 106/2025
(from 01/07/2026), whose article numbers are not yet verified (§E.3, Q-E2): its rows cite the
law without an article.
"""

from __future__ import annotations

import datetime as dt

LAW_2008_FROM = dt.date(2009, 7, 1)
LAW_2008_TO = dt.date(2026, 6, 30)
LAW_2025_FROM = dt.date(2026, 7, 1)

BASES = {
    "2008": [
        "Căn cứ Luật Thi hành án dân sự số 26/2008/QH12 được sửa đổi, bổ sung một số điều theo "
        "Luật số 64/2014/QH13 và các luật sửa đổi, bổ sung khác;",
        "Căn cứ Nghị định số 62/2015/NĐ-CP ngày 18/7/2015 của Chính phủ quy định chi tiết và "
        "hướng dẫn thi hành một số điều của Luật Thi hành án dân sự, được sửa đổi, bổ sung bởi "
        "Nghị định số 33/2020/NĐ-CP ngày 17/3/2020;",
    ],
    "2025": ["Căn cứ Luật Thi hành án dân sự số 106/2025/QH15 ngày 05/12/2025;"],
}
JUDGMENT = "Căn cứ {{ judgment }};"
DECISION = "Căn cứ {{ decision }};"
SOURCE = "TT 01/2016/TT-BTP (mã mẫu chưa xác minh)"

P, A, C, L = "p", "article", "center", "line"

TEMPLATES = [
    {
        "code": "don-yeu-cau",
        "position": 1,
        "official_code": "D 04-THA",
        "title": "ĐƠN YÊU CẦU THI HÀNH ÁN",
        "series": "ĐƠN",
        "signer": "creditor",
        "blank": True,
        "body": [
            (L, "Kính gửi: ......................................................................"),
            (L, "Họ và tên người yêu cầu: ......................................................"),
            (L, "Số định danh cá nhân/CCCD: ................ ngày cấp: ........ nơi cấp: ........"),
            (L, "Địa chỉ: ......................................................................"),
            (
                L,
                "Số điện thoại: ...................... Thư điện tử: ..............................",
            ),
            (L, "Họ và tên người phải thi hành án: ............................................."),
            (L, "Địa chỉ: ......................................................................"),
            (
                L,
                "Bản án, quyết định số: ............ ngày ...... tháng ...... năm ...... của .....",
            ),
            (L, "Nội dung yêu cầu thi hành án: ................................................."),
            (L, "..............................................................................."),
            (
                L,
                "Thông tin về tài sản, điều kiện thi hành án của người phải thi hành án (nếu có): ",
            ),
            (L, "..............................................................................."),
            (L, "Tài liệu kèm theo: bản án, quyết định; ......................................."),
        ],
    },
    {
        "code": "tb-nhan-yeu-cau",
        "position": 2,
        "title": "THÔNG BÁO",
        "subject": "Về việc nhận đơn yêu cầu thi hành án",
        "series": "TB",
        "signer": "head",
        "recipients": ["creditor", "procuracy"],
        "body": [
            (P, "{{ unit_name }} đã nhận đơn yêu cầu thi hành án của {{ creditor_line }}."),
            (P, "Yêu cầu thi hành: {{ obligations_text }} theo {{ judgment }}."),
            (P, "Người phải thi hành án: {{ debtor_line }}."),
            (
                P,
                "Đơn yêu cầu đã được vào sổ nhận đơn; việc thi hành án sẽ được giải quyết theo "
                "quy định của pháp luật.",
            ),
        ],
    },
    {
        "code": "qd-tha-chu-dong",
        "position": 3,
        "title": "QUYẾT ĐỊNH",
        "subject": "Thi hành án chủ động",
        "series": "QĐ",
        "signer": "head",
        "recipients": ["parties", "procuracy", "court"],
        "article_2008": "Căn cứ Điều 23, khoản 2 Điều 35, khoản 1 Điều 36 Luật Thi hành án dân sự;",
        "case_bases": [JUDGMENT],
        "body": [
            (A, "Cho thi hành án đối với: {{ debtor_line }}."),
            (A, "Các khoản phải thi hành: {{ obligations_text }}. Tổng cộng: {{ amount_text }}."),
            (
                A,
                "Người phải thi hành án có thời hạn 10 ngày kể từ ngày nhận được hoặc được thông "
                "báo hợp lệ quyết định này để tự nguyện thi hành án. Hết thời hạn trên mà không "
                "tự nguyện thi hành thì bị cưỡng chế thi hành án.",
            ),
            (
                A,
                "Chấp hành viên {{ officer }} và các cá nhân, cơ quan có liên quan chịu trách "
                "nhiệm thi hành quyết định này.",
            ),
        ],
    },
    {
        "code": "qd-tha-theo-yeu-cau",
        "position": 4,
        "title": "QUYẾT ĐỊNH",
        "subject": "Thi hành án theo yêu cầu",
        "series": "QĐ",
        "signer": "head",
        "recipients": ["parties", "procuracy", "court"],
        "article_2008": "Căn cứ Điều 23, Điều 35, Điều 36 Luật Thi hành án dân sự;",
        "case_bases": [JUDGMENT, "Xét đơn yêu cầu thi hành án của {{ creditor }};"],
        "body": [
            (A, "Cho thi hành án đối với: {{ debtor_line }}."),
            (
                A,
                "Phải thi hành cho {{ creditor_line }} các khoản: {{ obligations_text }}. Tổng "
                "cộng: {{ amount_text }}, cùng khoản lãi chậm thi hành án (nếu có) theo bản án.",
            ),
            (
                A,
                "Người phải thi hành án có thời hạn 10 ngày kể từ ngày nhận được hoặc được thông "
                "báo hợp lệ quyết định này để tự nguyện thi hành án.",
            ),
            (
                A,
                "Chấp hành viên {{ officer }} và các cá nhân, cơ quan có liên quan chịu trách "
                "nhiệm thi hành quyết định này.",
            ),
        ],
    },
    {
        "code": "qd-thu-hoi",
        "position": 5,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc thu hồi, sửa đổi, bổ sung, hủy quyết định về thi hành án",
        "series": "QĐ",
        "event_type": "thu_hoi",
        "signer": "head",
        "recipients": ["parties", "procuracy", "officer"],
        "article_2008": "Căn cứ Điều 37 Luật Thi hành án dân sự;",
        "case_bases": [JUDGMENT, DECISION],
        "body": [
            (P, "Xét thấy: {{ act.ground }}."),
            (A, "Thu hồi (hủy) {{ decision }} đối với {{ debtor }}."),
            (
                A,
                "Chấp hành viên {{ officer }} và các cá nhân, cơ quan có liên quan chịu trách "
                "nhiệm thi hành quyết định này.",
            ),
        ],
    },
    {
        "code": "qd-phan-cong",
        "position": 6,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc phân công Chấp hành viên tổ chức thi hành án",
        "series": "QĐ",
        "signer": "head",
        "recipients": ["officer", "procuracy"],
        "article_2008": "Căn cứ khoản 2 Điều 20, Điều 23 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (
                A,
                "Phân công Chấp hành viên {{ officer }} tổ chức thi hành {{ decision }} "
                "(mã việc {{ case_code }}) đối với {{ debtor }}.",
            ),
            (
                A,
                "Chấp hành viên {{ officer }} có trách nhiệm tổ chức thi hành án theo đúng quy "
                "định của pháp luật.",
            ),
        ],
    },
    {
        "code": "giay-trieu-tap",
        "position": 7,
        "title": "GIẤY TRIỆU TẬP",
        "subject": "Về việc thi hành án",
        "series": "CV",
        "signer": "officer",
        "recipients": ["debtor"],
        "body": [
            (P, "Chấp hành viên {{ unit_name }} triệu tập: {{ debtor_line }}."),
            (
                P,
                "Có mặt tại trụ sở {{ unit_name }} vào lúc …… giờ …… ngày …… để giải quyết việc "
                "thi hành {{ decision }}.",
            ),
            (P, "Khi đến mang theo giấy tờ tùy thân và giấy triệu tập này."),
        ],
    },
    {
        "code": "bb-tong-dat",
        "position": 8,
        "title": "BIÊN BẢN",
        "subject": "Về việc giao, tống đạt, thông báo văn bản thi hành án",
        "series": "BB",
        "event_type": "tong_dat",
        "signer": "officer",
        "recipients": [],
        "body": [
            (
                P,
                "Hôm nay, ngày {{ doc_day }}, Chấp hành viên {{ officer }} — {{ unit_name }} "
                "tiến hành giao, tống đạt {{ decision }} cho {{ debtor_line }}.",
            ),
            (P, "Người nhận đã nhận văn bản và ký vào biên bản này."),
            (
                P,
                "Biên bản lập xong hồi …… giờ cùng ngày, đã đọc lại cho những người có mặt cùng "
                "nghe và ký tên.",
            ),
        ],
    },
    {
        "code": "bb-xac-minh",
        "position": 9,
        "title": "BIÊN BẢN",
        "subject": "Xác minh điều kiện thi hành án",
        "series": "BB",
        "event_type": "xac_minh",
        "signer": "officer",
        "recipients": [],
        "body": [
            (
                P,
                "Ngày {{ act.minutes_date }}, Chấp hành viên {{ officer }} — {{ unit_name }} "
                "tiến hành xác minh điều kiện thi hành án của {{ debtor_line }}, để thi hành "
                "{{ decision }}.",
            ),
            (P, "Cơ quan, người cung cấp thông tin: {{ act.informants }}."),
            (P, "Kết quả xác minh: {{ act.result }}."),
            (
                P,
                "Tài sản: {{ act.assets }}. Thu nhập: {{ act.income }}. Tài khoản: "
                "{{ act.accounts }}.",
            ),
            (P, "Biên bản đã được đọc lại cho những người có mặt cùng nghe và ký tên."),
        ],
    },
    {
        "code": "cv-yeu-cau-thong-tin",
        "position": 10,
        "title": "VĂN BẢN",
        "subject": "Về việc yêu cầu cung cấp thông tin về tài sản, thu nhập của người phải thi "
        "hành án",
        "series": "CV",
        "signer": "officer",
        "recipients": ["bank"],
        "body": [
            (
                P,
                "Để tổ chức thi hành {{ decision }}, Chấp hành viên {{ unit_name }} đề nghị "
                "cơ quan, tổ chức cung cấp thông tin về tài khoản, tài sản, thu nhập của "
                "{{ debtor_line }}.",
            ),
            (
                P,
                "Thông tin đề nghị cung cấp trong thời hạn 05 ngày làm việc kể từ ngày nhận được "
                "văn bản này (khoản 2 Điều 44 Luật Thi hành án dân sự).",
            ),
        ],
    },
    {
        "code": "qd-chua-co-dieu-kien",
        "position": 11,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc chưa có điều kiện thi hành án",
        "series": "QĐ",
        "event_type": "chua_co_dieu_kien",
        "signer": "head",
        "recipients": ["parties", "procuracy", "commune", "website"],
        "article_2008": "Căn cứ Điều 44, Điều 44a Luật Thi hành án dân sự;",
        "case_bases": [DECISION, "Căn cứ kết quả xác minh ngày {{ act.verification_date }};"],
        "body": [
            (
                A,
                "Xác định {{ debtor_line }} chưa có điều kiện thi hành {{ decision }}, khoản "
                "phải thi hành còn lại: {{ remainder_text }}.",
            ),
            (A, "Lý do: {{ ground }} ({{ ground_cite }})."),
            (
                A,
                "Khi có thông tin mới về điều kiện thi hành án, Chấp hành viên {{ officer }} "
                "tiến hành xác minh và tổ chức thi hành theo quy định. Thông tin về người phải "
                "thi hành án được công khai theo Điều 44a Luật Thi hành án dân sự.",
            ),
        ],
    },
    {
        "code": "tb-ket-qua-xac-minh",
        "position": 12,
        "title": "THÔNG BÁO",
        "subject": "Về kết quả xác minh điều kiện thi hành án",
        "series": "TB",
        "signer": "officer",
        "recipients": ["creditor"],
        "body": [
            (
                P,
                "Thi hành {{ decision }}, Chấp hành viên đã xác minh điều kiện thi hành án của "
                "{{ debtor_line }}.",
            ),
            (
                P,
                "Kết quả: người phải thi hành án chưa có điều kiện thi hành án. Khoản còn phải "
                "thi hành: {{ remainder_text }}.",
            ),
            (
                P,
                "Người được thi hành án có quyền cung cấp thông tin mới về tài sản, thu nhập "
                "của người phải thi hành án (khoản 2 Điều 44 Luật Thi hành án dân sự).",
            ),
        ],
    },
    {
        "code": "qd-hoan",
        "position": 13,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc hoãn thi hành án",
        "series": "QĐ",
        "event_type": "hoan",
        "signer": "head",
        "recipients": ["parties", "procuracy", "officer"],
        "article_2008": "Căn cứ Điều 48 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (P, "Xét thấy: {{ ground }} ({{ ground_cite }})."),
            (A, "Hoãn thi hành {{ decision }} đối với {{ debtor }} đến hết ngày {{ act.until }}."),
            (
                A,
                "Hết thời hạn hoãn, Chấp hành viên {{ officer }} tổ chức tiếp tục thi hành án "
                "theo quy định.",
            ),
        ],
    },
    {
        "code": "qd-tam-dinh-chi",
        "position": 14,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc tạm đình chỉ thi hành án",
        "series": "QĐ",
        "event_type": "tam_dinh_chi",
        "signer": "head",
        "recipients": ["parties", "procuracy", "court"],
        "article_2008": "Căn cứ Điều 49 Luật Thi hành án dân sự;",
        "case_bases": [DECISION, "Căn cứ {{ act.authority_doc }};"],
        "body": [
            (P, "Xét thấy: {{ ground }} ({{ ground_cite }})."),
            (A, "Tạm đình chỉ thi hành {{ decision }} đối với {{ debtor }}."),
            (A, "Việc thi hành án được tiếp tục khi có quyết định của cơ quan có thẩm quyền."),
        ],
    },
    {
        "code": "qd-dinh-chi",
        "position": 15,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc đình chỉ thi hành án",
        "series": "QĐ",
        "event_type": "dinh_chi",
        "signer": "head",
        "recipients": ["parties", "procuracy", "court"],
        "article_2008": "Căn cứ Điều 50 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (P, "Xét thấy: {{ ground }} ({{ ground_cite }})."),
            (
                A,
                "Đình chỉ thi hành {{ decision }} đối với {{ debtor }}. Khoản chưa thi hành: "
                "{{ remainder_text }}.",
            ),
            (A, "Quyết định này có hiệu lực kể từ ngày ký."),
        ],
    },
    {
        "code": "qd-uy-thac",
        "position": 16,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc ủy thác thi hành án",
        "series": "QĐ",
        "event_type": "uy_thac",
        "signer": "head",
        "recipients": ["receiving_unit", "parties", "procuracy"],
        "article_2008": "Căn cứ Điều 55, Điều 56, Điều 57 Luật Thi hành án dân sự;",
        "case_bases": [JUDGMENT, DECISION],
        "body": [
            (A, "Ủy thác cho {{ to_unit }} thi hành {{ decision }} đối với {{ debtor_line }}."),
            (A, "Khoản ủy thác thi hành: {{ remainder_text }} (đã thi hành {{ collected_text }})."),
            (A, "Hồ sơ thi hành án được chuyển kèm theo quyết định này."),
        ],
    },
    {
        "code": "qd-phong-toa",
        "position": 17,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc phong tỏa tài khoản, tài sản ở nơi gửi giữ",
        "series": "QĐ",
        "event_type": "phong_toa",
        "signer": "officer",
        "recipients": ["bank", "parties", "procuracy"],
        "article_2008": "Căn cứ Điều 20, Điều 66, Điều 67 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (A, "Phong tỏa {{ act.account }} của {{ debtor_line }} tại {{ act.bank }}."),
            (
                A,
                "{{ act.bank }} có trách nhiệm thực hiện ngay việc phong tỏa khi nhận được "
                "quyết định này.",
            ),
        ],
    },
    {
        "code": "qd-tam-giu",
        "position": 18,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc tạm giữ tài sản, giấy tờ",
        "series": "QĐ",
        "event_type": "tam_giu",
        "signer": "officer",
        "recipients": ["parties", "procuracy"],
        "article_2008": "Căn cứ Điều 20, Điều 66, Điều 68 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (A, "Tạm giữ tài sản, giấy tờ sau của {{ debtor_line }}: {{ act.asset_description }}."),
            (
                A,
                "Việc tạm giữ được lập biên bản, có chữ ký của Chấp hành viên và người đang "
                "quản lý tài sản, giấy tờ.",
            ),
        ],
    },
    {
        "code": "qd-khau-tru",
        "position": 19,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc cưỡng chế thi hành án (khấu trừ tiền trong tài khoản, trừ vào thu "
        "nhập)",
        "series": "QĐ",
        "event_type": "quyet_dinh_cuong_che",
        "defaults": {"measure": "khau_tru_tai_khoan"},
        "signer": "officer",
        "recipients": ["parties", "procuracy", "bank"],
        "article_2008": "Căn cứ Điều 20, Điều 71, Điều 76, Điều 78 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (
                A,
                "Cưỡng chế thi hành án đối với {{ debtor_line }} bằng biện pháp: "
                "{{ act.measure }}.",
            ),
            (A, "Số tiền cưỡng chế: {{ remainder_text }}."),
            (
                A,
                "Cơ quan, tổ chức đang quản lý tài khoản, thu nhập có trách nhiệm thực hiện "
                "quyết định này.",
            ),
        ],
    },
    {
        "code": "qd-ke-bien",
        "position": 20,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc cưỡng chế kê biên tài sản",
        "series": "QĐ",
        "event_type": "quyet_dinh_cuong_che",
        "defaults": {"measure": "ke_bien"},
        "signer": "officer",
        "recipients": ["parties", "procuracy", "commune"],
        "article_2008": "Căn cứ Điều 20, Điều 71, Điều 87, Điều 89 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (
                A,
                "Kê biên tài sản của {{ debtor_line }}: {{ act.asset_description }}, tại "
                "{{ act.asset_location }}; giấy tờ: {{ act.asset_papers }}.",
            ),
            (
                A,
                "Giá trị tạm tính khi kê biên: {{ act.asset_value }}. Khoản bảo đảm thi hành: "
                "{{ remainder_text }}.",
            ),
            (A, "Chấp hành viên {{ officer }} lập kế hoạch cưỡng chế và tổ chức thực hiện."),
        ],
    },
    {
        "code": "bb-ke-bien",
        "position": 21,
        "title": "BIÊN BẢN",
        "subject": "Về việc cưỡng chế kê biên, xử lý tài sản",
        "series": "BB",
        "event_type": "cuong_che",
        "signer": "officer",
        "recipients": [],
        "body": [
            (
                P,
                "Hôm nay, ngày {{ doc_day }}, thực hiện kế hoạch cưỡng chế số {{ act.plan }}, "
                "Chấp hành viên {{ officer }} — {{ unit_name }} tổ chức cưỡng chế đối với "
                "{{ debtor_line }}.",
            ),
            (P, "Lực lượng tham gia: {{ act.forces }}."),
            (
                P,
                "Bắt đầu lúc: {{ act.time }}. Diễn biến và tài sản kê biên được mô tả chi tiết "
                "kèm theo biên bản này.",
            ),
            (P, "Biên bản đã được đọc lại cho những người có mặt cùng nghe và ký tên."),
        ],
    },
    {
        "code": "tb-tham-dinh-gia",
        "position": 22,
        "title": "THÔNG BÁO",
        "subject": "Về kết quả thẩm định giá tài sản",
        "series": "TB",
        "event_type": "tham_dinh_gia",
        "signer": "officer",
        "recipients": ["parties", "valuer"],
        "body": [
            (
                P,
                "Thi hành {{ decision }}, tài sản kê biên của {{ debtor }} đã được "
                "{{ act.valuer }} "
                "thẩm định giá theo chứng thư số {{ act.certificate }}.",
            ),
            (P, "Giá tài sản: {{ event_amount_text }}."),
            (
                P,
                "Đương sự có quyền yêu cầu thẩm định giá lại theo Điều 99 Luật Thi hành án dân sự.",
            ),
        ],
    },
    {
        "code": "tb-dau-gia",
        "position": 23,
        "title": "THÔNG BÁO",
        "subject": "Về kết quả bán đấu giá tài sản",
        "series": "TB",
        "event_type": "dau_gia",
        "signer": "officer",
        "recipients": ["parties", "auctioneer", "procuracy"],
        "body": [
            (
                P,
                "Thi hành {{ decision }}, tài sản kê biên của {{ debtor }} đã được đưa ra bán đấu "
                "giá qua {{ act.organisation }}.",
            ),
            (
                P,
                "Giá khởi điểm: {{ act.starting_price }}. Kết quả: {{ act.result }}. Giá bán được: "
                "{{ act.sale_price }}.",
            ),
        ],
    },
    {
        "code": "bien-lai-thu",
        "position": 24,
        "title": "BIÊN LAI THU TIỀN",
        "subject": "Thi hành án dân sự",
        "series": "CV",
        "signer": "accountant",
        "recipients": ["debtor"],
        "body": [
            (P, "Thu của: {{ debtor_line }}."),
            (P, "Nộp theo {{ decision }}, mã việc {{ case_code }}."),
            (P, "Số tiền: {{ event_amount_text }}."),
        ],
    },
    {
        "code": "qd-chi",
        "position": 25,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc chi tiền thi hành án",
        "series": "QĐ",
        "signer": "head",
        "recipients": ["creditor", "procuracy"],
        "article_2008": "Căn cứ Điều 47 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (
                A,
                "Chi trả cho {{ creditor_line }} số tiền: {{ event_amount_text }}, theo thứ tự "
                "thanh toán tại Điều 47 Luật Thi hành án dân sự.",
            ),
            (A, "Đã thu của người phải thi hành án {{ debtor }}: {{ collected_text }}."),
            (A, "Kế toán nghiệp vụ và người nhận tiền thực hiện quyết định này."),
        ],
    },
    {
        "code": "bb-thoa-thuan",
        "position": 26,
        "title": "BIÊN BẢN",
        "subject": "Về việc giải quyết việc thi hành án (thỏa thuận thi hành án)",
        "series": "BB",
        "event_type": "thoa_thuan",
        "signer": "officer",
        "recipients": [],
        "body": [
            (
                P,
                "Hôm nay, ngày {{ doc_day }}, tại {{ unit_name }}, Chấp hành viên {{ officer }} "
                "làm việc với {{ debtor_line }} và {{ creditor_line }} về việc thi hành "
                "{{ decision }}.",
            ),
            (P, "Các bên thỏa thuận: {{ act.terms }}."),
            (P, "Biên bản đã được đọc lại cho những người có mặt cùng nghe và ký tên."),
        ],
    },
    {
        "code": "de-nghi-mien-giam",
        "position": 27,
        "title": "VĂN BẢN",
        "subject": "Đề nghị xét miễn, giảm nghĩa vụ thi hành án đối với khoản thu, nộp ngân sách "
        "nhà nước",
        "series": "CV",
        "signer": "head",
        "recipients": ["court", "procuracy"],
        "body": [
            (
                P,
                "Thi hành {{ decision }} đối với {{ debtor_line }}: phải thi hành "
                "{{ amount_text }}, đã thi hành {{ collected_text }}, còn lại "
                "{{ remainder_text }}.",
            ),
            (
                P,
                "Người phải thi hành án không có tài sản để thi hành phần còn lại. Căn cứ Điều 61 "
                "Luật Thi hành án dân sự, {{ unit_name }} đề nghị Tòa án xét miễn, giảm nghĩa vụ "
                "thi hành án.",
            ),
        ],
    },
    {
        "code": "tb-ket-thuc",
        "position": 28,
        "title": "GIẤY XÁC NHẬN",
        "subject": "Kết quả thi hành án",
        "series": "TB",
        "event_type": "xong",
        "signer": "head",
        "recipients": ["parties", "procuracy"],
        "body": [
            (P, "{{ unit_name }} xác nhận: {{ debtor_line }} đã thi hành xong {{ decision }}."),
            (P, "Tổng số đã thi hành: {{ collected_text }}."),
            (P, "Việc thi hành án kết thúc theo Điều 52 Luật Thi hành án dân sự."),
        ],
    },
    {
        "code": "qd-tiep-tuc",
        "position": 29,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc tiếp tục thi hành án",
        "series": "QĐ",
        "event_type": "tiep_tuc",
        "signer": "head",
        "recipients": ["parties", "procuracy", "officer"],
        "article_2008": "Căn cứ khoản 3 Điều 48, khoản 3 Điều 49 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (P, "Xét thấy lý do hoãn, tạm đình chỉ thi hành án không còn."),
            (A, "Tiếp tục thi hành {{ decision }} đối với {{ debtor }}."),
            (A, "Chấp hành viên {{ officer }} tổ chức thi hành án theo quy định."),
        ],
    },
    {
        "code": "qd-giam-gia",
        "position": 30,
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc giảm giá tài sản",
        "series": "QĐ",
        "event_type": "giam_gia",
        "signer": "officer",
        "recipients": ["parties", "auctioneer", "procuracy"],
        "article_2008": "Căn cứ Điều 104 Luật Thi hành án dân sự;",
        "case_bases": [DECISION],
        "body": [
            (
                P,
                "Tài sản kê biên của {{ debtor }} đã đưa ra bán đấu giá nhưng không có người "
                "tham gia hoặc trả giá.",
            ),
            (A, "Giảm giá tài sản; giá khởi điểm mới: {{ act.new_price }}."),
        ],
    },
]


def rows() -> list[dict]:
    """One row per template and law, as the `DocumentTemplate` model stores it."""
    result = []
    for t in TEMPLATES:
        for law, valid_from, valid_to in (
            ("2008", LAW_2008_FROM, LAW_2008_TO),
            ("2025", LAW_2025_FROM, None),
        ):
            is_decision = t["series"] == "QĐ"
            bases = []
            if is_decision:
                bases = [*BASES[law]]
                if law == "2008" and t.get("article_2008"):
                    bases.append(t["article_2008"])
                bases.extend(t.get("case_bases", []))
            result.append(
                {
                    "code": t["code"],
                    "official_code": t.get("official_code", ""),
                    "position": t["position"],
                    "title": t["title"],
                    "subject": t.get("subject", ""),
                    "series": t["series"],
                    "event_type": t.get("event_type", ""),
                    "act_defaults": t.get("defaults", {}),
                    "law_version": law,
                    "legal_basis": bases,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "signer_rule": t["signer"],
                    "recipients_rule": t.get("recipients", []),
                    "body": [list(block) for block in t["body"]],
                    "is_blank_form": t.get("blank", False),
                    "source": SOURCE
                    if law == "2008"
                    else "Luật 106/2025/QH15 (chưa có mẫu chính thức)",
                }
            )
    return result
