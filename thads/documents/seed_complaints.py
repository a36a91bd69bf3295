"""Catalogue, complaint handling: the documents of issue 12 item 5 (family `complaint`).

FROZEN DATA, read by migration 0005 only. A new circular or a verified article is a new module
and a new migration adding rows with their own dates; never edit these rows in place.

The context of every template is supplied by `thads.complaints.papers` (the letter, its matters,
the steps, the reception session); a key it does not fill prints "…". Conditions in the text
(`{% if to_cao %}`) pick the law of the letter's content: Luật Khiếu nại for a complaint, Luật
Tố cáo for a denunciation, Luật Tiếp công dân for a petition.

Sources and what is verified (../shared/domain/oversight.md §A, §G):
- Luật THADS 2008 as amended (Chương VI, complaints and denunciations) [N6][N7]; Luật
  106/2025/QH15 from 01/07/2026, cited by name only (its articles are not verified, Q-A1);
- Luật Khiếu nại số 02/2011/QH13 [N11], Luật Tố cáo số 25/2018/QH14 [N12], Luật Tiếp công dân
  số 42/2013/QH13 [N13]; Nghị định 62/2015/NĐ-CP as amended by 33/2020/NĐ-CP [N9];
- UNVERIFIED (cited from the domain's memory, not seen in a source — `UNVERIFIED`, written into
  each row's `source`): Nghị định 124/2020/NĐ-CP (Luật Khiếu nại), Nghị định 31/2019/NĐ-CP
  (Luật Tố cáo), Nghị định 64/2014/NĐ-CP (Luật Tiếp công dân), the wording of the forms of
  TT 13/2021/TT-BTP (not readable: the layout follows Nghị định 30/2020/NĐ-CP), and whether the
  three general laws' decrees stay as they are under Luật 106/2025.

Rows of the 2008 law are in force from 01/01/2021 — the decrees they cite were all in force by
then (31/2019, 124/2020) — to 30/06/2026; rows of Luật 106/2025 from 01/07/2026. A letter dated
before 2021 has no version of these templates (its page says so).
"""

from __future__ import annotations

import datetime as dt

from thads.documents.seed_v1 import BASES, LAW_2008_TO, LAW_2025_FROM

LAW_2008_FROM_KNTC = dt.date(2021, 1, 1)

ND_KN = (
    "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19/10/2020 của Chính phủ quy định chi tiết một số "
    "điều và biện pháp thi hành Luật Khiếu nại;"
)
ND_TC = (
    "Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10/4/2019 của Chính phủ quy định chi tiết một số "
    "điều và biện pháp tổ chức thi hành Luật Tố cáo;"
)
ND_TCD = (
    "Căn cứ Nghị định số 64/2014/NĐ-CP ngày 26/6/2014 của Chính phủ quy định chi tiết một số "
    "điều của Luật Tiếp công dân;"
)
UNVERIFIED = {
    "124/2020/NĐ-CP": ND_KN,
    "31/2019/NĐ-CP": ND_TC,
    "64/2014/NĐ-CP": ND_TCD,
}
LAW_KN = "Căn cứ Luật Khiếu nại số 02/2011/QH13 ngày 11/11/2011;"
LAW_TC = "Căn cứ Luật Tố cáo số 25/2018/QH14 ngày 12/6/2018;"
LAW_TCD = "Căn cứ Luật Tiếp công dân số 42/2013/QH13 ngày 25/11/2013;"

# The general law of the content, then its decree (only the kinds the document is about).
GENERAL = [
    "{% if khieu_nai %}" + LAW_KN + "{% endif %}",
    "{% if khieu_nai %}" + ND_KN + "{% endif %}",
    "{% if to_cao %}" + LAW_TC + "{% endif %}",
    "{% if to_cao %}" + ND_TC + "{% endif %}",
    "{% if kien_nghi %}" + LAW_TCD + "{% endif %}",
]
# The law in running text, by the content of the letter.
LAW_OF_KIND = (
    "{% if to_cao %}Luật Tố cáo năm 2018{% elif khieu_nai %}Luật Khiếu nại năm 2011"
    "{% else %}Luật Tiếp công dân năm 2013{% endif %}"
)
FILE_LINE = "Lưu: VT, hồ sơ giải quyết đơn."

P, A, C, L = "p", "article", "center", "line"

OPENING = (
    "Ngày {{ received_on }}, {{ agency }} nhận được đơn {{ kind_label }} (số vào sổ "
    "{{ letter_code }}) của {{ senders }}. Nội dung: {{ summary }}."
)
MATTER_OPENING = (
    "Ngày {{ received_on }}, {{ agency }} nhận được đơn {{ kind_label }} (số vào sổ "
    "{{ letter_code }}) của {{ senders }}; thụ lý ngày {{ accepted_on }} (mã vụ việc "
    "{{ matter_code }}). Nội dung: {{ matter_summary }}."
)
STEPS = (P, "Ngày {{ item.on }}: {{ item.kind }} — {{ item.note }}", "steps")
RESPONSIBLE = (
    "{{ complained }}, người khiếu nại và các cơ quan, tổ chức, cá nhân có liên quan chịu trách "
    "nhiệm thi hành Quyết định này."
)


def _templates(law: str) -> list[dict]:
    """The templates under `law` ("2008" or "2025"): only the sentences citing the THADS law's
    own articles differ (the 2025 law is named, no article: its numbering is unverified)."""
    if law == "2008":
        second = (
            "Trong thời hạn 15 ngày kể từ ngày nhận được Quyết định này, nếu không đồng ý với "
            "Quyết định giải quyết khiếu nại, người khiếu nại có quyền khiếu nại lần hai "
            "(Luật Thi hành án dân sự, Điều 140 khoản 2)."
        )
    else:
        second = (
            "Nếu không đồng ý với Quyết định giải quyết khiếu nại, người khiếu nại có quyền "
            "khiếu nại lần hai theo Luật Thi hành án dân sự số 106/2025/QH15."
        )
    decision = [*GENERAL, *_thads_bases(law)]
    return [
        {
            "code": "kntc-tb-thu-ly",
            "position": 101,
            "title": "THÔNG BÁO",
            "subject": "Về việc thụ lý giải quyết đơn",
            "series": "TB",
            "signer": "head",
            "recipients": ["senders", "complained"],
            "bases": decision,
            "body": [
                (P, OPENING),
                (
                    P,
                    "Đơn thuộc thẩm quyền và đủ điều kiện thụ lý; {{ agency }} thụ lý giải quyết "
                    "các nội dung sau:",
                ),
                (
                    A,
                    "{{ item.kind }}{{ item.instance }} (mã {{ item.code }}), thụ lý ngày "
                    "{{ item.accepted_on }}; cơ quan giải quyết: {{ item.resolver }}; thời hạn "
                    "giải quyết đến ngày {{ item.due_on }}.",
                    "matters",
                ),
            ],
        },
        {
            "code": "kntc-tb-khong-thu-ly",
            "position": 102,
            "title": "THÔNG BÁO",
            "subject": "Về việc không thụ lý giải quyết đơn",
            "series": "TB",
            "signer": "head",
            "recipients": ["senders"],
            "bases": decision,
            "body": [
                (P, OPENING),
                (P, "{{ agency }} không thụ lý giải quyết đơn vì đơn {{ reason }}."),
            ],
        },
        _letter(
            "kntc-chuyen-don",
            103,
            "V/v chuyển đơn",
            ["sent_to", "senders_informed"],
            [
                (C, "Kính gửi: {{ sent_to }}"),
                (P, OPENING),
                (
                    P,
                    "Nội dung đơn không thuộc thẩm quyền giải quyết của {{ agency }}. Căn cứ "
                    + LAW_OF_KIND
                    + ", {{ agency }} chuyển đơn đến {{ sent_to }} để xem xét, giải quyết theo "
                    "thẩm quyền và thông báo kết quả cho người gửi đơn biết.",
                ),
            ],
        ),
        _letter(
            "kntc-huong-dan",
            104,
            "V/v hướng dẫn người gửi đơn",
            ["senders"],
            [
                (C, "Kính gửi: {{ senders }}"),
                (P, OPENING),
                (P, "Đơn {{ reason }}."),
                (
                    P,
                    "Căn cứ "
                    + LAW_OF_KIND
                    + ", {{ agency }} hướng dẫn người gửi đơn gửi đơn đến {{ sent_to }} để được "
                    "xem xét, giải quyết theo quy định của pháp luật, kèm theo các tài liệu, "
                    "chứng cứ liên quan (nếu có).",
                ),
                (P, "{{ agency }} thông báo để người gửi đơn biết, thực hiện."),
            ],
        ),
        _complaint_decision("kntc-qd-lan-dau", 105, "lần đầu", second, decision),
        _complaint_decision(
            "kntc-qd-lan-hai",
            106,
            "lần hai",
            "Quyết định giải quyết khiếu nại lần hai có hiệu lực thi hành.",
            decision,
        ),
        {
            "code": "kntc-qd-dinh-chi",
            "position": 107,
            "title": "QUYẾT ĐỊNH",
            "subject": "Về việc đình chỉ giải quyết {{ kind_label }}",
            "series": "QĐ",
            "signer": "head",
            "recipients": ["senders", "complained", "procuracy"],
            "bases": decision,
            "body": [
                (P, MATTER_OPENING),
                (
                    P,
                    "Ngày {{ withdrawn_on }}, người gửi đơn rút {{ kind_label }}"
                    "{% if withdraw_note %} ({{ withdraw_note }}){% endif %}.",
                ),
                (C, "QUYẾT ĐỊNH:"),
                (
                    A,
                    "Đình chỉ giải quyết {{ kind_label }} mã vụ việc {{ matter_code }} do người "
                    "gửi đơn rút đơn.",
                ),
                (A, "Quyết định này có hiệu lực kể từ ngày ký."),
            ],
        },
        {
            "code": "kntc-ket-luan-to-cao",
            "position": 108,
            "title": "KẾT LUẬN",
            "subject": "Nội dung tố cáo",
            "series": "KL",
            "signer": "head",
            "recipients": ["complained", "denouncer"],
            "bases": decision,
            # Never the denouncer's identity: this document goes to the person denounced
            # (Luật Tố cáo 2018, Điều 47): no sender placeholder anywhere in it.
            "body": [
                (
                    P,
                    "Ngày {{ accepted_on }}, {{ agency }} thụ lý tố cáo (mã vụ việc "
                    "{{ matter_code }}) đối với {{ complained }}. Nội dung tố cáo: "
                    "{{ matter_summary }}.",
                ),
                STEPS,
                (P, "Kết luận: nội dung tố cáo là {{ verdict }}."),
                (P, "Biện pháp xử lý: {{ measures }}."),
            ],
        },
        _letter(
            "kntc-tra-loi",
            109,
            "V/v trả lời kiến nghị, phản ánh",
            ["senders"],
            [
                (C, "Kính gửi: {{ senders }}"),
                (P, MATTER_OPENING),
                (P, "Trả lời: {{ measures }}."),
            ],
        ),
        {
            "code": "kntc-bb-doi-thoai",
            "position": 110,
            "title": "BIÊN BẢN",
            "subject": "Đối thoại",
            "series": "BB",
            "signer": "recorder",
            "recipients": ["senders", "complained"],
            "bases": [b for b in GENERAL if "Nghị định" not in b],
            "body": [
                (
                    P,
                    "Hôm nay, ngày {{ dialogue_on }}, tại trụ sở {{ agency }}, tổ chức đối thoại "
                    "giải quyết {{ kind_label }} (mã vụ việc {{ matter_code }}, thụ lý ngày "
                    "{{ accepted_on }}).",
                ),
                (
                    P,
                    "Thành phần: người chủ trì và lập biên bản: {{ host }}; người gửi đơn: "
                    "{{ senders }}; người bị khiếu nại, tố cáo: {{ complained }}.",
                ),
                (P, "Nội dung đơn: {{ matter_summary }}."),
                (P, "Nội dung đối thoại, ý kiến của các bên: {{ dialogue_note }}."),
                (
                    P,
                    "Biên bản đã được đọc lại cho những người tham gia đối thoại nghe, cùng "
                    "thống nhất và ký tên.",
                ),
                (L, "Người gửi đơn (ký, ghi rõ họ tên): {{ senders }}"),
                (L, "Người bị khiếu nại, tố cáo (ký, ghi rõ họ tên): {{ complained }}"),
            ],
        },
        {
            "code": "kntc-bb-tiep-cong-dan",
            "position": 111,
            "title": "BIÊN BẢN",
            "subject": "Tiếp công dân",
            "series": "BB",
            "signer": "reception",
            "recipients": [],
            "bases": [LAW_TCD, ND_TCD],
            "body": [
                (
                    P,
                    "Hôm nay, ngày {{ held_on }}, tại {{ place }}, {{ agency }} tổ chức tiếp "
                    "công dân {{ form }}; người tiếp: {{ host }}{{ by_leader }}.",
                ),
                (
                    P,
                    "Số lượt tiếp: {{ visits }}; số người: {{ people }}; số vụ việc: "
                    "{{ session_matters }} ({{ matters_old }} cũ, {{ matters_new }} mới phát "
                    "sinh), trong đó khiếu nại {{ about_khieu_nai }}, tố cáo {{ about_to_cao }}, "
                    "kiến nghị, phản ánh {{ about_kien_nghi }}; đoàn đông người: {{ groups }} "
                    "đoàn, {{ group_people }} người, {{ group_matters }} vụ việc.",
                ),
                (P, "Nội dung trình bày: {{ content }}."),
                (P, "Kết quả tiếp: {{ outcome }}."),
                (
                    P,
                    "{% if letters %}Đơn nhận tại buổi tiếp (đã vào sổ): {{ letters }}.{% endif %}",
                ),
            ],
        },
    ]


def _letter(code: str, position: int, subject: str, recipients: list[str], body: list) -> dict:
    """A letter (công văn: no title, "V/v …", no "Căn cứ" block), signed by the head."""
    return {
        "code": code,
        "position": position,
        "title": "",
        "subject": subject,
        "series": "CV",
        "signer": "head",
        "recipients": recipients,
        "bases": [],
        "body": body,
    }


def _complaint_decision(
    code: str, position: int, instance: str, effect: str, bases: list[str]
) -> dict:
    """QĐ giải quyết khiếu nại (lần đầu, lần hai): the same decision but for its effect — the
    first may be complained of again, the second is final."""
    return {
        "code": code,
        "position": position,
        "title": "QUYẾT ĐỊNH",
        "subject": f"Về việc giải quyết khiếu nại {instance}",
        "series": "QĐ",
        "signer": "head",
        "recipients": ["senders", "complained", "procuracy"],
        "bases": bases,
        "body": [
            (P, MATTER_OPENING),
            STEPS,
            (C, "QUYẾT ĐỊNH:"),
            (A, "Nội dung khiếu nại của {{ senders }} là {{ verdict }}."),
            (A, "Biện pháp xử lý: {{ measures }}."),
            (A, effect),
            (A, RESPONSIBLE),
        ],
    }


def _thads_bases(law: str) -> list[str]:
    """The THADS law (and, under the 2008 law, its decree 62/2015 as amended)."""
    return list(BASES[law])


def _source(bases: list[str], law: str) -> str:
    unverified = [code for code, line in UNVERIFIED.items() if any(line in b for b in bases)]
    if law == "2025":
        unverified.append("Luật 106/2025/QH15: chưa có mẫu chính thức, không dẫn điều")
    source = "Luật Khiếu nại 2011, Luật Tố cáo 2018, Luật Tiếp công dân 2013; TT 13/2021/TT-BTP"
    return f"{source} (chưa xác minh: {'; '.join(unverified)})" if unverified else source


def rows() -> list[dict]:
    """One row per template and law, as the `DocumentTemplate` model stores it."""
    result = []
    for law, valid_from, valid_to in (
        ("2008", LAW_2008_FROM_KNTC, LAW_2008_TO),
        ("2025", LAW_2025_FROM, None),
    ):
        for t in _templates(law):
            result.append(
                {
                    "code": t["code"],
                    "family": "complaint",
                    "official_code": "",
                    "position": t["position"],
                    "title": t["title"],
                    "subject": t["subject"],
                    "series": t["series"],
                    "event_type": "",
                    "act_defaults": {},
                    "law_version": law,
                    "legal_basis": list(t["bases"]),
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "signer_rule": t["signer"],
                    "recipients_rule": t["recipients"],
                    "body": [list(block) for block in t["body"]],
                    "is_blank_form": False,
                    "source": _source(t["bases"], law),
                }
            )
    return result
