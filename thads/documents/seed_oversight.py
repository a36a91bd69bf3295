"""Catalogue, oversight: the documents of issue 13 (family `oversight`).

FROZEN DATA, read by migration 0007 only. A new circular, a verified article or a successor of a
regulation is a new module and a new migration adding rows with their own dates; never edit
these rows in place.

The context of every template is supplied by `thads.oversight.papers` (the monitored judgment
and its letter steps, the inspection with its files, findings and recommendations, the act of
the procuracy and its answer); a key it does not fill prints "…". The wording is the wording
those documents had when `oversight.papers` built them in code (before this catalogue).

Sources and what is verified (../shared/domain/oversight.md §B, §C, §G):
- THAHC: Luật Tố tụng hành chính 2015, Điều 311 k1 (kinds a–g) and k2 (30 days; kinds e, g at
  once) [N27][N28]; Nghị định 71/2016/NĐ-CP, Điều 14 k2 (notice within 5 working days, at once
  for e, g) [N28], responsibility for non-compliance [N29][N30]. UNVERIFIED: Điều 312 (the
  court's order compelling enforcement) and the steps of urging and recommending, the forms'
  official codes and wording (NĐ 71/2016 annex), whether NĐ 71/2016 stays in force under Luật
  106/2025 (Q-B1).
- Inspections: Quyết định 196/QĐ-TCTHADS ngày 03/3/2021, Quy chế kiểm tra trong THADS, replacing
  Quyết định 171/QĐ-TCTHADS ngày 25/01/2019 [N4]. UNVERIFIED: the forms of either regulation
  (the layout follows Nghị định 30/2020/NĐ-CP), the title of QĐ 171, and a successor of QĐ 196
  under the 2025 structure (Q-C1).
- The procuracy: Luật THADS 2008, Điều 12 and 160–161 [N40]; Quy chế kiểm sát QĐ
  810/QĐ-VKSTC, Điều 34–36 [N3]. UNVERIFIED: the deadline to answer a recommendation (Q-C2) and
  the answer's form.

Rows: THAHC documents from 01/07/2016 (Luật TTHC 2015 and NĐ 71/2016 in force; the deadline
rules of `oversight.rule_defaults` start the same day); the inspection decision and conclusion
under QĐ 171/2019 from 25/01/2019, under QĐ 196/2021 from 03/03/2021; the answer to the
procuracy from 01/07/2009 (Luật THADS 2008). The 2008 rows end on 30/06/2026 and the rows of
Luật 106/2025 start on 01/07/2026 with the same wording (none of these documents cites an
article of the THADS law), their source marking what is unverified under the new law.
"""

from __future__ import annotations

import datetime as dt

from thads.documents.seed_v1 import LAW_2008_FROM, LAW_2008_TO, LAW_2025_FROM

THAHC_FROM = dt.date(2016, 7, 1)
QD_171_FROM = dt.date(2019, 1, 25)
QD_196_FROM = dt.date(2021, 3, 3)

FILE_LINE = "Lưu: VT, hồ sơ."
BASIS_TTHC = "Căn cứ Luật Tố tụng hành chính năm 2015;"
BASIS_71 = (
    "Căn cứ Nghị định số 71/2016/NĐ-CP ngày 01/7/2016 của Chính phủ quy định thời hạn, trình "
    "tự, thủ tục thi hành án hành chính và xử lý trách nhiệm đối với người không thi hành bản "
    "án, quyết định của Tòa án;"
)
BASIS_196 = (
    "Căn cứ Quyết định số 196/QĐ-TCTHADS ngày 03/3/2021 ban hành Quy chế kiểm tra trong Thi hành "
    "án dân sự;"
)
BASIS_171 = (
    "Căn cứ Quyết định số 171/QĐ-TCTHADS ngày 25/01/2019 ban hành Quy chế kiểm tra trong Thi hành "
    "án dân sự;"
)

P, A, C = "p", "article", "center"

# The judgment or decision monitored, as the running text names it.
JUDGMENT = "{{ doc_type }} số {{ judgment_no }} ngày {{ judgment_date }} của {{ court }}"

# The history a letter recalls: the judgment received, the notice, the court's order.
HISTORY = [
    (
        P,
        "Ngày {{ received_on }}, {{ agency }} nhận được " + JUDGMENT + " giữa người khởi kiện "
        "{{ plaintiff }} và người bị kiện {{ obliged }}; nội dung phải thi hành: {{ content }}.",
    ),
    (
        P,
        "{% if notice_on %}Ngày {{ notice_on }}, {{ agency }} đã ban hành Thông báo số "
        "{{ notice_no }} về việc tự nguyện thi hành án hành chính.{% endif %}",
    ),
    (
        P,
        "{% if court_order_on %}Ngày {{ court_order_on }}, Tòa án đã ra Quyết định buộc thi hành "
        "án hành chính số {{ court_order_no }}.{% endif %}",
    ),
    (P, "Đến nay, {{ obliged }} chưa thi hành xong bản án, quyết định."),
]

INSPECTION_SUBJECT = "Về việc {{ inspection_kind }} tại {{ inspected }}"
PERIOD = "từ ngày {{ period_from }} đến ngày {{ period_to }}"

ANSWERS = (
    "{% if answer_result == 'chap_nhan' %}{{ agency }} tiếp thu toàn bộ nội dung {{ act_kind }} "
    "nêu trên.{% elif answer_result == 'mot_phan' %}{{ agency }} tiếp thu một phần nội dung "
    "{{ act_kind }} nêu trên.{% elif answer_result == 'khong' %}{{ agency }} không nhất trí với "
    "nội dung {{ act_kind }} nêu trên.{% else %}Về nội dung {{ act_kind }}, {{ agency }} trả lời "
    "như sau: …{% endif %}"
)

SOURCE_THAHC = "Luật TTHC 2015 Đ311 k1–k2; NĐ 71/2016/NĐ-CP Đ14 k2"
SOURCE_LETTERS = "NĐ 71/2016/NĐ-CP; Luật TTHC 2015 Đ311"
SOURCE_196 = "QĐ 196/QĐ-TCTHADS ngày 03/3/2021 (Quy chế kiểm tra trong THADS)"
SOURCE_171 = "QĐ 171/QĐ-TCTHADS ngày 25/01/2019"
SOURCE_VKS = "Luật THADS 2008 Đ12, Đ160–161; QĐ 810/QĐ-VKSTC Đ34–36"
UNVERIFIED_2025 = "Luật 106/2025/QH15: chưa có mẫu chính thức"


def _thahc() -> list[dict]:
    """The notice of voluntary enforcement and the two letters of a monitored judgment."""
    return [
        {
            "code": "thahc-tb-tu-nguyen",
            "position": 201,
            "title": "THÔNG BÁO",
            "subject": "Về việc tự nguyện thi hành án hành chính",
            "series": "TB",
            "recipients": ["obliged", "plaintiff", "court", "procuracy"],
            "bases": [BASIS_TTHC, BASIS_71, "Căn cứ " + JUDGMENT + ";"],
            "body": [
                (
                    P,
                    "{{ agency }} thông báo để {{ obliged }} tự nguyện thi hành " + JUDGMENT + " "
                    "(người khởi kiện: {{ plaintiff }}) với nội dung phải thi hành: "
                    "{{ content }}.",
                ),
                (
                    P,
                    "{% if immediate %}Quyết định này phải được thi hành ngay sau khi nhận được "
                    "(Luật Tố tụng hành chính năm 2015, Điều 311 khoản 2).{% else %}Thời hạn tự "
                    "nguyện thi hành là {{ voluntary_days }} ngày kể từ ngày người phải thi hành "
                    "án nhận được bản án, quyết định ({{ voluntary_source }}).{% endif %}",
                ),
                (
                    P,
                    "Hết thời hạn trên, người phải thi hành án thông báo kết quả thi hành cho cơ "
                    "quan thi hành án dân sự và Tòa án. Người không chấp hành bản án, quyết định "
                    "của Tòa án bị xử lý trách nhiệm theo Nghị định số 71/2016/NĐ-CP; người được "
                    "thi hành án có quyền đề nghị Tòa án ra quyết định buộc thi hành án hành "
                    "chính.",
                ),
            ],
            "source": SOURCE_THAHC,
            "unverified": "số hiệu, lời văn mẫu theo NĐ 71/2016",
        },
        {
            "code": "thahc-don-doc",
            "position": 202,
            "title": "",
            "subject": "V/v đôn đốc thi hành án hành chính",
            "series": "CV",
            "recipients": ["recipient", "obliged_copy", "procuracy"],
            "bases": [],
            "body": [
                (C, "Kính gửi: {{ recipient }}."),
                *HISTORY,
                (
                    P,
                    "{% if note %}{{ note }}{% else %}{{ agency }} đề nghị {{ obliged }} khẩn "
                    "trương tổ chức thi hành bản án, quyết định nêu trên và thông báo kết quả "
                    "bằng văn bản cho {{ agency }}.{% endif %}",
                ),
            ],
            "source": SOURCE_LETTERS,
            "unverified": "Đ312 Luật TTHC, trình tự đôn đốc, mẫu văn bản",
        },
        {
            "code": "thahc-kien-nghi",
            "position": 203,
            "title": "",
            "subject": "V/v kiến nghị về việc thi hành án hành chính",
            "series": "CV",
            "recipients": ["recipient", "obliged_copy", "procuracy"],
            "bases": [],
            "body": [
                (C, "Kính gửi: {{ recipient }}."),
                *HISTORY,
                (
                    P,
                    "{% if note %}{{ note }}{% else %}{{ agency }} kiến nghị {{ recipient }} chỉ "
                    "đạo {{ obliged }} thi hành bản án, quyết định nêu trên và xem xét trách "
                    "nhiệm của người không chấp hành theo Nghị định số 71/2016/NĐ-CP.{% endif %}",
                ),
            ],
            "source": SOURCE_LETTERS,
            "unverified": "Đ312 Luật TTHC, trình tự kiến nghị, mẫu văn bản",
        },
    ]


def _inspections(basis: str) -> list[dict]:
    """The decision opening an inspection and its conclusion, under the regulation `basis`."""
    return [
        {
            "code": "kiem-tra-qd",
            "position": 211,
            "title": "QUYẾT ĐỊNH",
            "subject": INSPECTION_SUBJECT,
            "series": "QĐ",
            "recipients": ["article_3"],
            "bases": [
                basis,
                "{% if plan_year %}Căn cứ Kế hoạch kiểm tra năm {{ plan_year }} được phê duyệt "
                "tại Quyết định số {{ plan_decision_no }} ngày {{ plan_approved_on }};{% endif %}",
            ],
            "body": [
                (
                    A,
                    "{{ inspection_kind_title }} tại {{ inspected }}. Nội dung kiểm tra: "
                    "{{ scope }}. Thời kỳ kiểm tra: " + PERIOD + ".",
                ),
                (A, "Thành lập Đoàn kiểm tra gồm: {{ team }}."),
                (
                    A,
                    "Trưởng Đoàn kiểm tra, Thủ trưởng {{ inspected }} và các cá nhân có liên quan "
                    "chịu trách nhiệm thi hành Quyết định này.",
                ),
            ],
        },
        {
            "code": "kiem-tra-ket-luan",
            "position": 212,
            "title": "KẾT LUẬN KIỂM TRA",
            "subject": INSPECTION_SUBJECT,
            "series": "KL",
            "recipients": ["inspected"],
            "bases": [
                basis,
                "Căn cứ Quyết định số {{ decision_no }} ngày {{ decision_on }} về việc kiểm tra;",
            ],
            "body": [
                (
                    P,
                    "Thực hiện Quyết định số {{ decision_no }} ngày {{ decision_on }}, Đoàn kiểm "
                    "tra đã {{ inspection_kind }} tại {{ inspected }}, thời kỳ " + PERIOD + ", "
                    "nội dung: {{ scope }}; số hồ sơ việc thi hành án được kiểm tra: "
                    "{{ file_count }}{% if files %} ({{ files }}).{% else %}.{% endif %}",
                ),
                (C, "I. KẾT QUẢ KIỂM TRA"),
                (
                    P,
                    "{{ item.n }}. {{ item.violation }}{% if item.case %} (việc {{ item.case }})"
                    "{% endif %}: {{ item.description }}",
                    "findings",
                ),
                (P, "{% if not findings %}Chưa phát hiện vi phạm.{% endif %}"),
                (C, "II. KẾT LUẬN"),
                (P, "{{ conclusion }}"),
                (C, "III. KIẾN NGHỊ"),
                (
                    P,
                    "{{ item.n }}. {{ item.kind }}{% if item.people or item.amount %} ("
                    "{% if item.people %}{{ item.people }} người{% endif %}"
                    "{% if item.people and item.amount %}; {% endif %}"
                    "{% if item.amount %}số tiền {{ item.amount }} đồng{% endif %}){% endif %}: "
                    "{{ item.content }} Thời hạn thực hiện: đến ngày {{ item.due_on }}.",
                    "recommendations",
                ),
                (P, "{% if not recommendations %}…{% endif %}"),
            ],
        },
    ]


def _procuracy() -> list[dict]:
    return [
        {
            "code": "vks-tra-loi",
            "position": 221,
            "title": "",
            "subject": "V/v trả lời {{ act_kind }} số {{ act_no }} ngày {{ act_on }}",
            "series": "CV",
            "recipients": ["procuracy"],
            "bases": [],
            "body": [
                (C, "Kính gửi: {{ procuracy }}."),
                (
                    P,
                    "Ngày {{ received_on }}, {{ agency }} nhận được {{ act_kind }} số {{ act_no }} "
                    "ngày {{ act_on }} của {{ procuracy }} về: {{ act_content }}",
                ),
                (P, "{% if cases %}Việc thi hành án liên quan: {{ cases }}.{% endif %}"),
                (P, ANSWERS),
                (P, "{% if reasons %}Lý do, giải trình: {{ reasons }}{% endif %}"),
                (P, "{% if measures %}Biện pháp đã thực hiện: {{ measures }}{% endif %}"),
            ],
            "source": SOURCE_VKS,
            "unverified": "thời hạn trả lời kiến nghị, mẫu văn bản trả lời",
        }
    ]


def _versions() -> list[tuple[str, dt.date, dt.date | None, list[dict], str]]:
    """(law, valid_from, valid_to, templates, what the 2025 rows leave unverified)."""
    inspections_171 = [
        {**t, "source": SOURCE_171, "unverified": "trích yếu QĐ 171, biểu mẫu của Quy chế"}
        for t in _inspections(BASIS_171)
    ]
    inspections_196 = [
        {**t, "source": SOURCE_196, "unverified": "biểu mẫu của Quy chế"}
        for t in _inspections(BASIS_196)
    ]
    return [
        ("2008", THAHC_FROM, LAW_2008_TO, _thahc(), ""),
        ("2025", LAW_2025_FROM, None, _thahc(), "NĐ 71/2016 còn hiệu lực"),
        ("2008", QD_171_FROM, QD_196_FROM - dt.timedelta(days=1), inspections_171, ""),
        ("2008", QD_196_FROM, LAW_2008_TO, inspections_196, ""),
        ("2025", LAW_2025_FROM, None, inspections_196, "quy chế thay QĐ 196 sau 2025"),
        ("2008", LAW_2008_FROM, LAW_2008_TO, _procuracy(), ""),
        ("2025", LAW_2025_FROM, None, _procuracy(), "điều khoản tương ứng của luật mới"),
    ]


def _source(template: dict, law: str, unverified_2025: str) -> str:
    unverified = [template["unverified"]]
    if law == "2025":
        unverified += [UNVERIFIED_2025, unverified_2025]
    return f"{template['source']} (chưa xác minh: {'; '.join(unverified)})"


# What every oversight row shares: signed by the head, no case event, no official code known.
FIXED = {
    "family": "oversight",
    "official_code": "",
    "event_type": "",
    "act_defaults": {},
    "signer_rule": "head",
    "is_blank_form": False,
}


def rows() -> list[dict]:
    """One row per template and version, as the `DocumentTemplate` model stores it."""
    return [
        {
            **FIXED,
            **{key: t[key] for key in ("code", "position", "title", "subject", "series")},
            "law_version": law,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "legal_basis": list(t["bases"]),
            "recipients_rule": list(t["recipients"]),
            "body": [list(block) for block in t["body"]],
            "source": _source(t, law, unverified_2025),
        }
        for law, valid_from, valid_to, templates, unverified_2025 in _versions()
        for t in templates
    ]
