"""The schemas of the acts (quyết định, thông báo, biên bản) recorded as case events: each act's
own fields, the grounds of each law version, the keys every act may carry, the keys the system
writes beside an act, and who signs. Read through `cases.acts` (which checks and types the
values against them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from thads.cases.models import EventType, LawVersion
from thads.cases.transitions import COERCION_MEASURES

HEAD = "head"
OFFICER = "officer"

TEXT, LONG_TEXT, DATE, MONEY, CHOICE = "text", "long_text", "date", "money", "choice"
# Kinds of the keys the system itself writes beside an act (`SYSTEM_FIELDS`).
NUMBER, FLAG = "number", "flag"

# Keys every act may carry (interchange: optional keys of an event's `data`).
COMMON_KEYS = ("doc_no", "doc_date", "signer", "note")

L08 = "Luật THADS 2008"
L25 = "Luật THADS 2025"

# Grounds per act and law version: key → (citation, label). The keys stay the same across
# laws where the ground does; the 2025 law's article numbers are not yet verified
# (oversight.md §E.3), so its citations name the law only.
GROUNDS_2008: dict[str, dict[str, tuple[str, str]]] = {
    EventType.HOAN: {
        "om_nang": (
            "điểm a khoản 1 Điều 48",
            "Người phải thi hành án ốm nặng, mất hoặc bị hạn chế năng lực hành vi dân sự",
        ),
        "chua_ro_dia_chi": (
            "điểm b khoản 1 Điều 48",
            "Chưa xác định được địa chỉ của người phải thi hành án hoặc lý do chính đáng khác",
        ),
        "dong_y_hoan": ("điểm c khoản 1 Điều 48", "Đương sự đồng ý hoãn thi hành án"),
        "tranh_chap_tai_san": (
            "điểm d khoản 1 Điều 48",
            "Tài sản kê biên đang được Tòa án giải quyết tranh chấp",
        ),
        "giai_thich_ban_an": ("điểm đ khoản 1 Điều 48", "Đang chờ giải thích bản án, quyết định"),
        "khong_nhan_tai_san": (
            "điểm e khoản 1 Điều 48",
            "Người được nhận tài sản đã được thông báo hợp lệ 02 lần nhưng không đến nhận",
        ),
        "chuyen_giao_nghia_vu": (
            "điểm g khoản 1 Điều 48",
            "Đang chuyển giao quyền, nghĩa vụ thi hành án",
        ),
        "yeu_cau_khang_nghi": (
            "khoản 2 Điều 48",
            "Yêu cầu hoãn của người có thẩm quyền kháng nghị",
        ),
    },
    EventType.TAM_DINH_CHI: {
        "khang_nghi": (
            "khoản 1 Điều 49",
            "Bản án, quyết định bị kháng nghị giám đốc thẩm, tái thẩm",
        ),
        "pha_san": (
            "khoản 2 Điều 49",
            "Tòa án thụ lý đơn yêu cầu mở thủ tục phá sản đối với người phải thi hành án",
        ),
    },
    EventType.DINH_CHI: {
        "phai_thi_hanh_chet": (
            "điểm a khoản 1 Điều 50",
            "Người phải thi hành án chết không để lại di sản",
        ),
        "duoc_thi_hanh_chet": (
            "điểm b khoản 1 Điều 50",
            "Người được thi hành án chết, quyền không được chuyển giao",
        ),
        "thoa_thuan_khong_thi_hanh": (
            "điểm c khoản 1 Điều 50",
            "Đương sự thỏa thuận hoặc người được thi hành án yêu cầu không tiếp tục thi hành",
        ),
        "ban_an_bi_huy": ("điểm d khoản 1 Điều 50", "Bản án, quyết định bị hủy"),
        "to_chuc_giai_the": (
            "điểm đ khoản 1 Điều 50",
            "Tổ chức phải thi hành án đã giải thể, không còn tài sản",
        ),
        "mien_giam": ("điểm e khoản 1 Điều 50", "Có quyết định miễn nghĩa vụ thi hành án"),
        "mo_thu_tuc_pha_san": (
            "điểm g khoản 1 Điều 50",
            "Tòa án mở thủ tục phá sản đối với người phải thi hành án",
        ),
    },
    EventType.CHUA_CO_DIEU_KIEN: {
        "khong_tai_san": (
            "điểm a khoản 1 Điều 44a",
            "Không có thu nhập hoặc tài sản để thi hành án",
        ),
        "tu": (
            "điểm a khoản 1 Điều 44a, khoản 2 Điều 44",
            "Đang chấp hành hình phạt tù từ 2 năm trở lên",
        ),
        "vat_khong_con": (
            "điểm b khoản 1 Điều 44a",
            "Vật phải trả không còn hoặc hư hỏng đến mức không thể sử dụng",
        ),
        "khong_ro_dia_chi": ("điểm c khoản 1 Điều 44a", "Chưa xác định được địa chỉ, nơi cư trú"),
        "khac": ("khoản 1 Điều 44a", "Lý do khác"),
    },
}


def grounds(event_type: str, law_version: str) -> dict[str, tuple[str, str]]:
    """The grounds of `event_type` under the law `law_version`: key → (citation, label)."""
    listed = GROUNDS_2008.get(event_type, {})
    if law_version == LawVersion.LUAT_2008:
        return {key: (f"{cite} {L08}", label) for key, (cite, label) in listed.items()}
    return {key: (L25, label) for key, (cite, label) in listed.items()}


def ground_choices(event_type: str, law_version: str) -> list[tuple[str, str]]:
    """Choices for a form: the label followed by its citation."""
    return [
        (key, f"{label} ({cite})")
        for key, (cite, label) in grounds(event_type, law_version).items()
    ]


@dataclass(frozen=True)
class ActField:
    """One field of an act: its key in `data`, its label, its kind, whether mandatory."""

    key: str
    label: Any
    kind: str = TEXT
    required: bool = True
    choices: tuple[tuple[str, Any], ...] = ()
    # Required only when this returns true on the act's values (kê biên: the asset).
    required_if: Callable[[dict], bool] | None = None

    def is_required(self, values: dict) -> bool:
        if self.required_if is not None:
            return self.required_if(values)
        return self.required


@dataclass(frozen=True)
class ActSchema:
    """The act an event type records: who signs it and its own fields."""

    event_type: str
    signer_role: str
    fields: tuple[ActField, ...] = field(default_factory=tuple)
    has_grounds: bool = False


def _ke_bien(values: dict) -> bool:
    return values.get("measure") == "ke_bien"


def _sold(values: dict) -> bool:
    return values.get("result") == "thanh_cong"


GROUND = ActField("ground", _("Căn cứ"), CHOICE)
HOAN_REASONS = (("thoa_thuan", _("Theo thỏa thuận của đương sự")), ("khac", _("Lý do khác")))
AUCTION_RESULTS = (("thanh_cong", _("Bán được")), ("khong_thanh", _("Không thành")))
FINDINGS = (
    ActField("minutes_date", _("Ngày lập biên bản xác minh"), DATE),
    ActField("result", _("Kết quả xác minh"), LONG_TEXT),
    ActField("assets", _("Tài sản"), LONG_TEXT, required=False),
    ActField("income", _("Thu nhập"), LONG_TEXT, required=False),
    ActField("accounts", _("Tài khoản"), LONG_TEXT, required=False),
    ActField("informants", _("Cơ quan, người cung cấp thông tin"), TEXT),
)

# The next auction's notice (Luật Đấu giá tài sản 2016, Điều 35; Luật THADS 2008, Điều 101),
# recorded with the act after which it is announced: the valuation (first round) or the price
# reduction (the next rounds). Optional; the portal publishes what is recorded and the case
# page shows the same notice (portal.auctions.notice_of).
NEXT_AUCTION = (
    ActField("organisation", _("Tổ chức đấu giá tài sản"), TEXT, required=False),
    ActField("deposit", _("Tiền đặt trước (đồng)"), MONEY, required=False),
    ActField("auction_on", _("Ngày đấu giá"), DATE, required=False),
    ActField("auction_place", _("Nơi đấu giá"), TEXT, required=False),
)

# A notice's own field: the day the addressee received it or was validly notified — the
# voluntary period runs from it (Luật THADS 2008, Điều 45 k1); the notice's date when absent.
RECEIVED = ActField(
    "received_on",
    _("Ngày người nhận nhận được hoặc được thông báo hợp lệ"),
    DATE,
    required=False,
)

SCHEMAS: dict[str, ActSchema] = {
    s.event_type: s
    for s in (
        ActSchema(
            EventType.HOAN,
            HEAD,
            (
                ActField("reason", _("Loại hoãn"), CHOICE, choices=HOAN_REASONS),
                GROUND,
                ActField("until", _("Hoãn đến ngày"), DATE),
            ),
            has_grounds=True,
        ),
        ActSchema(
            EventType.TAM_DINH_CHI,
            HEAD,
            (GROUND, ActField("authority_doc", _("Văn bản của cơ quan có thẩm quyền"), TEXT)),
            has_grounds=True,
        ),
        ActSchema(EventType.DINH_CHI, HEAD, (GROUND,), has_grounds=True),
        ActSchema(
            EventType.CHUA_CO_DIEU_KIEN,
            HEAD,
            (GROUND, ActField("verification_date", _("Ngày xác minh làm căn cứ"), DATE)),
            has_grounds=True,
        ),
        ActSchema(EventType.XAC_MINH, OFFICER, FINDINGS),
        ActSchema(EventType.XAC_MINH_CO_DIEU_KIEN, OFFICER, FINDINGS),
        ActSchema(EventType.XAC_MINH_LAI, OFFICER, FINDINGS),
        ActSchema(
            EventType.QUYET_DINH_CUONG_CHE,
            OFFICER,
            (
                ActField(
                    "measure",
                    _("Biện pháp cưỡng chế"),
                    CHOICE,
                    choices=tuple(COERCION_MEASURES.items()),
                ),
                ActField(
                    "asset_description", _("Tài sản kê biên"), LONG_TEXT, required_if=_ke_bien
                ),
                ActField("asset_location", _("Nơi có tài sản"), TEXT, required_if=_ke_bien),
                ActField("asset_papers", _("Giấy tờ về tài sản"), TEXT, required=False),
                ActField(
                    "asset_value", _("Giá trị tạm tính khi kê biên (đồng)"), MONEY, required=False
                ),
            ),
        ),
        ActSchema(
            EventType.CUONG_CHE,
            OFFICER,
            (
                ActField("plan", _("Kế hoạch cưỡng chế số"), TEXT),
                ActField("forces", _("Lực lượng huy động"), LONG_TEXT),
                ActField("time", _("Giờ bắt đầu (HH:MM)"), TEXT, required=False),
            ),
        ),
        ActSchema(
            EventType.THAM_DINH_GIA,
            OFFICER,
            (
                ActField("valuer", _("Tổ chức thẩm định giá"), TEXT),
                ActField("certificate", _("Chứng thư thẩm định giá số"), TEXT),
                *NEXT_AUCTION,
            ),
        ),
        ActSchema(
            EventType.THAM_DINH_GIA_LAI,
            OFFICER,
            (
                ActField("valuer", _("Tổ chức thẩm định giá"), TEXT),
                ActField("certificate", _("Chứng thư thẩm định giá số"), TEXT),
                *NEXT_AUCTION,
            ),
        ),
        ActSchema(
            EventType.DAU_GIA,
            OFFICER,
            (
                ActField("organisation", _("Tổ chức đấu giá tài sản"), TEXT),
                ActField("starting_price", _("Giá khởi điểm (đồng)"), MONEY),
                ActField("result", _("Kết quả đấu giá"), CHOICE, choices=AUCTION_RESULTS),
                ActField("sale_price", _("Giá bán được (đồng)"), MONEY, required_if=_sold),
            ),
        ),
        ActSchema(
            EventType.GIAM_GIA,
            OFFICER,
            (ActField("new_price", _("Giá khởi điểm mới (đồng)"), MONEY), *NEXT_AUCTION),
        ),
        # Payee and order of payment come from the ledger's payout (obligation, party).
        ActSchema(EventType.CHI_TRA, HEAD),
        ActSchema(EventType.UY_THAC, HEAD),
        ActSchema(
            EventType.THU_HOI, HEAD, (ActField("ground", _("Căn cứ thu hồi, hủy"), LONG_TEXT),)
        ),
        ActSchema(EventType.TRA_DON, HEAD, (ActField("ground", _("Lý do trả đơn"), LONG_TEXT),)),
        ActSchema(EventType.TIEP_TUC, HEAD),
        ActSchema(
            EventType.MIEN_GIAM,
            HEAD,
            (ActField("decision", _("Quyết định miễn, giảm"), TEXT, required=False),),
        ),
        ActSchema(EventType.XONG, HEAD),
        ActSchema(EventType.PHAN_CONG, HEAD),
        ActSchema(EventType.THONG_BAO, OFFICER, (RECEIVED,)),
        ActSchema(EventType.TONG_DAT, OFFICER, (RECEIVED,)),
        ActSchema(EventType.NIEM_YET, OFFICER, (RECEIVED,)),
        ActSchema(
            EventType.THOA_THUAN, OFFICER, (ActField("terms", _("Nội dung thỏa thuận"), LONG_TEXT),)
        ),
        ActSchema(
            EventType.PHONG_TOA,
            OFFICER,
            (
                ActField("bank", _("Nơi gửi giữ (ngân hàng, kho bạc…)"), TEXT),
                ActField("account", _("Số tài khoản, tài sản bị phong tỏa"), TEXT),
            ),
        ),
        ActSchema(
            EventType.TAM_GIU,
            OFFICER,
            (ActField("asset_description", _("Tài sản, giấy tờ tạm giữ"), LONG_TEXT),),
        ),
        ActSchema(
            EventType.TAM_DUNG_DANG_KY,
            OFFICER,
            (
                ActField("asset_description", _("Tài sản"), LONG_TEXT),
                ActField("registry", _("Cơ quan đăng ký"), TEXT),
            ),
        ),
    )
}

COMMON_FIELDS = (
    ActField("doc_no", _("Số văn bản"), TEXT, required=False),
    ActField("doc_date", _("Ngày văn bản"), DATE, required=False),
    ActField("signer", _("Người ký"), TEXT, required=False),
    ActField("note", _("Ghi chú"), LONG_TEXT, required=False),
)


def schema_for(event_type: str) -> ActSchema | None:
    """The act schema of an event type (None: the event is not an act, e.g. a receipt)."""
    return SCHEMAS.get(event_type)


def signer_role(event_type: str) -> str:
    """Who signs the act of `event_type`: HEAD (Thủ trưởng) or OFFICER (Chấp hành viên)."""
    schema = schema_for(event_type)
    return schema.signer_role if schema else HEAD


# Keys the system writes in an event's `data` beside the act (never typed by a user on the
# act's form): the assignment, the ledger's links, the auction notice's details (portal), the
# verification's finding that the case should be entrusted (deadlines, Điều 55 k3). Every key
# of `data` is an act field, a common field or one of these: the import refuses any other.
SYSTEM_FIELDS: dict[str, tuple[ActField, ...]] = {
    EventType.PHAN_CONG: (
        ActField("officer", _("Chấp hành viên được phân công"), TEXT, required=False),
        ActField("previous", _("Chấp hành viên trước đó"), TEXT, required=False),
    ),
    EventType.THU_TIEN: (ActField("payer", _("Người nộp tiền"), TEXT, required=False),),
    EventType.CHI_TRA: (
        ActField("obligation", _("Khoản phải thi hành"), NUMBER, required=False),
        ActField("payee", _("Người được nhận"), NUMBER, required=False),
        ActField("self_settled", _("Đương sự tự thỏa thuận"), FLAG, required=False),
    ),
    EventType.HUY_SU_KIEN: (
        ActField("reason", _("Lý do hủy"), LONG_TEXT, required=False),
        ActField("receipt", _("Biên lai"), TEXT, required=False),
        ActField("payout", _("Khoản chi"), NUMBER, required=False),
    ),
    EventType.XAC_MINH: (ActField("can_uy_thac", _("Có căn cứ ủy thác"), FLAG, required=False),),
    EventType.XAC_MINH_CO_DIEU_KIEN: (
        ActField("can_uy_thac", _("Có căn cứ ủy thác"), FLAG, required=False),
    ),
}
# The auction held may carry its notice's deposit, date and place (valuation and reduction have
# them as act fields: NEXT_AUCTION).
AUCTION_NOTICE = NEXT_AUCTION[1:]
SYSTEM_FIELDS[EventType.DAU_GIA] = AUCTION_NOTICE
