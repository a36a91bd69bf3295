"""Judgments, cases (one QĐ THA = one việc), parties, obligations and the append-only history.

A case's bucket state and balance are derived from its events (`cases.state`); the summary
columns on `Case` are a cache rewritten by `cases.services` in the same transaction as the event.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from thads.common.models import AppendOnly, Tracked
from thads.org.models import Staff, Unit


class JudgmentKind(models.TextChoices):
    """Loại bản án — the statistical breakdown (phân tổ) of TT 10/2017, TT 05/2024."""

    DAN_SU = "dan_su", _("Dân sự")
    HINH_SU = "hinh_su", _("Hình sự")
    HANH_CHINH = "hanh_chinh", _("Hành chính")
    HON_NHAN_GIA_DINH = "hon_nhan_gia_dinh", _("Hôn nhân và gia đình")
    KINH_DOANH_THUONG_MAI = "kinh_doanh_thuong_mai", _("Kinh doanh, thương mại")
    LAO_DONG = "lao_dong", _("Lao động")
    PHA_SAN = "pha_san", _("Phá sản")
    TRONG_TAI = "trong_tai", _("Trọng tài thương mại")
    KHAC = "khac", _("Khác")


@pghistory.track(model_name="JudgmentHistory")
class Judgment(Tracked):
    """Bản án, quyết định được thi hành (Luật THADS, Điều 1–2). One judgment → several cases."""

    court = models.CharField(_("Cơ quan ban hành"), max_length=255)
    number = models.CharField(_("Số bản án, quyết định"), max_length=100)
    date = models.DateField(_("Ngày bản án, quyết định"))
    kind = models.CharField(_("Loại việc"), max_length=30, choices=JudgmentKind.choices)

    class Meta:
        verbose_name = _("Bản án, quyết định")
        verbose_name_plural = _("Bản án, quyết định")
        constraints = [
            models.UniqueConstraint(fields=["court", "number", "date"], name="judgment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ngày {self.date:%d/%m/%Y} của {self.court}"


class CaseMode(models.TextChoices):
    """Luật THADS, Điều 36: chủ động ra quyết định or theo đơn yêu cầu."""

    CHU_DONG = "chu_dong", _("Chủ động")
    THEO_DON = "theo_don", _("Theo đơn yêu cầu")


class CaseState(models.TextChoices):
    """The bucket a case is in (statistics contract, `../shared/domain/statistics.md`)."""

    DANG_THI_HANH = "dang_thi_hanh", _("Đang thi hành")
    CHUA_CO_DIEU_KIEN = "chua_co_dieu_kien", _("Chưa có điều kiện thi hành")
    HOAN_THOA_THUAN = "hoan_thoa_thuan", _("Hoãn theo thỏa thuận")
    HOAN_KHAC = "hoan_khac", _("Hoãn thi hành án")
    TAM_DINH_CHI = "tam_dinh_chi", _("Tạm đình chỉ")
    XONG = "xong", _("Thi hành xong")
    DINH_CHI = "dinh_chi", _("Đình chỉ thi hành án")
    UY_THAC = "uy_thac", _("Đã ủy thác")
    THU_HOI = "thu_hoi", _("Thu hồi, hủy quyết định THA")
    TRA_DON = "tra_don", _("Trả đơn yêu cầu")
    SO_RIENG = "so_rieng", _("Sổ theo dõi riêng / gửi lại yêu cầu")


TERMINAL_STATES = frozenset(
    {
        CaseState.XONG,
        CaseState.DINH_CHI,
        CaseState.UY_THAC,
        CaseState.THU_HOI,
        CaseState.TRA_DON,
        CaseState.SO_RIENG,
    }
)


@pghistory.track(model_name="CaseHistory")
class Case(Tracked):
    """Một việc thi hành án = one enforcement decision (QĐ THA)."""

    code = models.CharField(_("Mã việc"), max_length=60, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị thụ lý"), on_delete=models.PROTECT, related_name="cases"
    )
    judgment = models.ForeignKey(
        Judgment, verbose_name=_("Bản án"), on_delete=models.PROTECT, related_name="cases"
    )
    decision_no = models.CharField(_("Số QĐ THA"), max_length=100)
    decision_date = models.DateField(_("Ngày QĐ THA"))
    accepted_on = models.DateField(_("Ngày thụ lý"), db_index=True)
    received_on = models.DateField(_("Ngày nhận bản án / đơn yêu cầu"), null=True, blank=True)
    mode = models.CharField(_("Hình thức"), max_length=10, choices=CaseMode.choices)
    officer = models.ForeignKey(
        Staff,
        verbose_name=_("Chấp hành viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    is_state_budget = models.BooleanField(_("Thu cho ngân sách"), default=False)
    is_bank_credit = models.BooleanField(_("Tín dụng ngân hàng"), default=False)
    is_corruption = models.BooleanField(_("Tham nhũng, kinh tế"), default=False)
    from_case = models.OneToOneField(
        "self",
        verbose_name=_("Nhận ủy thác từ việc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entrusted_to_case",
    )
    # Accepted although a case of the same judgment and obligation existed (issue 10 item 3):
    # that case and the reason given; who and when are `created_by` and `created_at`.
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("Trùng bản án, nghĩa vụ với việc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A database default too: the bulk writers (COPY) name only the columns they fill.
    duplicate_reason = models.TextField(
        _("Lý do vẫn thụ lý"), blank=True, default="", db_default=""
    )
    # Total money obligation in đồng (sum of the obligations); 0 for a non-money case.
    amount = models.BigIntegerField(_("Số tiền phải thi hành (đồng)"), default=0)
    steering_note = models.TextField(_("Ý kiến chỉ đạo của Ban chỉ đạo THADS"), blank=True)

    # Summary cache, derived from the events by cases.state.replay (never edited by hand).
    state = models.CharField(
        _("Trạng thái"),
        max_length=20,
        choices=CaseState.choices,
        default=CaseState.DANG_THI_HANH,
        db_index=True,
    )
    is_classified = models.BooleanField(_("Đã xác minh, phân loại"), default=False)
    collected = models.BigIntegerField(_("Đã thu (đồng)"), default=0)
    reduced = models.BigIntegerField(_("Đã miễn, giảm (đồng)"), default=0)
    # Database defaults too: the bulk writers (COPY) name only the columns they fill.
    paid_out = models.BigIntegerField(_("Đã chi trả (đồng)"), default=0, db_default=0)
    first_collected_on = models.DateField(_("Ngày thu tiền đầu tiên"), null=True, blank=True)
    closed_on = models.DateField(_("Ngày kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Việc thi hành án")
        verbose_name_plural = _("Việc thi hành án")
        ordering = ["-accepted_on", "code"]
        indexes = [
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["officer", "state"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="case_amount_non_negative"),
            models.CheckConstraint(
                condition=Q(collected__gte=0), name="case_collected_non_negative"
            ),
            models.CheckConstraint(condition=Q(reduced__gte=0), name="case_reduced_non_negative"),
            models.CheckConstraint(
                condition=Q(collected__lte=models.F("amount") - models.F("reduced")),
                name="case_not_overdrawn",
            ),
            # One QĐ THA number per unit and calendar year (a unit numbers its documents from
            # 01 on 01/01 to 31/12, Nghị định 30/2020/NĐ-CP, Phụ lục I, số của văn bản); a case
            # received by entrusting carries the sender's number and is not counted.
            models.UniqueConstraint(
                models.F("unit"),
                models.F("decision_no"),
                ExtractYear("decision_date"),
                condition=Q(from_case__isnull=True),
                name="case_decision_no_unique_per_unit_year",
            ),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True) | ~Q(duplicate_reason=""),
                name="case_duplicate_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def remainder(self) -> int:
        """Owed − collected − reduced, in đồng."""
        return self.amount - self.collected - self.reduced

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL_STATES


@pghistory.track(model_name="PartyHistory")
class Party(Tracked):
    """Đương sự: người phải thi hành án, người được thi hành án, người có quyền lợi liên quan."""

    class Role(models.TextChoices):
        PHAI_THI_HANH = "phai_thi_hanh", _("Người phải thi hành án")
        DUOC_THI_HANH = "duoc_thi_hanh", _("Người được thi hành án")
        LIEN_QUAN = "lien_quan", _("Người có quyền lợi, nghĩa vụ liên quan")

    class Kind(models.TextChoices):
        CA_NHAN = "ca_nhan", _("Cá nhân")
        TO_CHUC = "to_chuc", _("Tổ chức")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("Tư cách"), max_length=20, choices=Role.choices)
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("Họ tên / Tên tổ chức"), max_length=255)
    id_number = models.CharField(_("Số CCCD / mã số"), max_length=30, blank=True, db_index=True)
    address = models.CharField(_("Địa chỉ"), max_length=500, blank=True)
    # Lower-case, accent-free name for search on SQLite (and as a fallback on PostgreSQL).
    search_name = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Đương sự")
        verbose_name_plural = _("Đương sự")
        ordering = ["case", "position"]

    def __str__(self) -> str:
        return self.name


@pghistory.track(model_name="ObligationHistory")
class Obligation(Tracked):
    """Nghĩa vụ thi hành: an amount (đồng) or a non-money obligation, with its payment class.

    Luật THADS, Điều 47 k1: (a) cấp dưỡng, tiền lương, bồi thường tính mạng, sức khỏe;
    (b) án phí, lệ phí Tòa án; (c) các khoản khác.
    """

    class Priority(models.TextChoices):
        CAP_DUONG = "cap_duong", _("Cấp dưỡng, tiền lương, bồi thường tính mạng, sức khỏe")
        AN_PHI = "an_phi", _("Án phí, lệ phí Tòa án")
        KHAC = "khac", _("Các khoản khác")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="obligations")
    description = models.CharField(_("Nội dung nghĩa vụ"), max_length=500)
    amount = models.BigIntegerField(_("Số tiền (đồng)"), null=True, blank=True)
    priority = models.CharField(
        _("Thứ tự thanh toán"), max_length=12, choices=Priority.choices, default=Priority.KHAC
    )
    is_state_budget = models.BooleanField(_("Khoản thu nộp ngân sách nhà nước"), default=False)
    payee = models.ForeignKey(
        Party,
        verbose_name=_("Người được nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Nghĩa vụ thi hành")
        verbose_name_plural = _("Nghĩa vụ thi hành")
        ordering = ["case", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="obligation_amount_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class EventType(models.TextChoices):
    """Every event of a case's life. The first group moves the statistics (interchange spec)."""

    # Statistical events.
    XAC_MINH_CO_DIEU_KIEN = "xac_minh_co_dieu_kien", _("Xác minh: có điều kiện thi hành")
    CHUA_CO_DIEU_KIEN = "chua_co_dieu_kien", _("Quyết định về việc chưa có điều kiện thi hành")
    XAC_MINH_LAI = "xac_minh_lai", _("Xác minh lại: vẫn chưa có điều kiện")
    HOAN = "hoan", _("Hoãn thi hành án")
    TAM_DINH_CHI = "tam_dinh_chi", _("Tạm đình chỉ thi hành án")
    TIEP_TUC = "tiep_tuc", _("Tiếp tục thi hành án")
    THU_TIEN = "thu_tien", _("Thu tiền / giao tài sản")
    MIEN_GIAM = "mien_giam", _("Miễn, giảm nghĩa vụ thi hành án")
    XONG = "xong", _("Thi hành xong")
    DINH_CHI = "dinh_chi", _("Đình chỉ thi hành án")
    UY_THAC = "uy_thac", _("Ủy thác thi hành án")
    THU_HOI = "thu_hoi", _("Thu hồi, hủy quyết định thi hành án")
    TRA_DON = "tra_don", _("Trả đơn yêu cầu thi hành án")
    SO_RIENG = "so_rieng", _("Chuyển sổ theo dõi riêng / gửi lại yêu cầu")
    # Work events (do not change the buckets).
    THONG_BAO = "thong_bao", _("Thông báo thi hành án")
    TONG_DAT = "tong_dat", _("Tống đạt văn bản")
    NIEM_YET = "niem_yet", _("Niêm yết công khai")
    XAC_MINH = "xac_minh", _("Xác minh điều kiện thi hành án")
    VAN_DONG = "van_dong", _("Vận động, thuyết phục")
    THOA_THUAN = "thoa_thuan", _("Thỏa thuận thi hành án")
    PHONG_TOA = "phong_toa", _("Phong tỏa tài khoản, tài sản")
    TAM_GIU = "tam_giu", _("Tạm giữ tài sản, giấy tờ")
    TAM_DUNG_DANG_KY = "tam_dung_dang_ky", _("Tạm dừng đăng ký, chuyển dịch tài sản")
    QUYET_DINH_CUONG_CHE = "quyet_dinh_cuong_che", _("Quyết định cưỡng chế")
    CUONG_CHE = "cuong_che", _("Tổ chức cưỡng chế")
    THAM_DINH_GIA = "tham_dinh_gia", _("Thẩm định giá tài sản")
    THAM_DINH_GIA_LAI = "tham_dinh_gia_lai", _("Thẩm định giá lại")
    DAU_GIA = "dau_gia", _("Bán đấu giá tài sản")
    GIAM_GIA = "giam_gia", _("Giảm giá tài sản")
    NHAN_TAI_SAN = "nhan_tai_san", _("Người được thi hành án nhận tài sản")
    GIAO_TAI_SAN = "giao_tai_san", _("Giao tài sản")
    CONG_KHAI = "cong_khai", _("Công khai thông tin người chưa có điều kiện")
    PHAN_CONG = "phan_cong", _("Phân công Chấp hành viên")
    CHI_TRA = "chi_tra", _("Chi trả tiền thi hành án")
    KHIEU_NAI = "khieu_nai", _("Khiếu nại, tố cáo")
    HUY_SU_KIEN = "huy_su_kien", _("Hủy bỏ ghi nhận sai")


STATISTICAL_EVENTS = frozenset(
    {
        EventType.XAC_MINH_CO_DIEU_KIEN,
        EventType.CHUA_CO_DIEU_KIEN,
        EventType.XAC_MINH_LAI,
        EventType.HOAN,
        EventType.TAM_DINH_CHI,
        EventType.TIEP_TUC,
        EventType.THU_TIEN,
        EventType.MIEN_GIAM,
        EventType.XONG,
        EventType.DINH_CHI,
        EventType.UY_THAC,
        EventType.THU_HOI,
        EventType.TRA_DON,
        EventType.SO_RIENG,
    }
)


class LawVersion(models.TextChoices):
    """The law in force on an event's effective date."""

    LUAT_2008 = "2008", _("Luật THADS 2008 (sửa đổi, bổ sung)")
    LUAT_2025 = "2025", _("Luật THADS số 106/2025/QH15")


class CaseEvent(AppendOnly):
    """One entry of a case's history. Append-only: never updated, never deleted.

    A mistake is corrected by a new event whose `corrects` names the wrong one; the wrong
    event then no longer counts (a `huy_su_kien` event only voids, any other type replaces).
    """

    # No index of its own: the unique (case, seq) index serves every lookup by case (a second
    # index on case_id only cost the import ~860 000 more index entries per 100 000 cases).
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events", db_index=False)
    seq = models.PositiveIntegerField(_("Thứ tự"))
    type = models.CharField(_("Loại sự kiện"), max_length=30, choices=EventType.choices)
    on = models.DateField(_("Ngày hiệu lực"), db_index=True)
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # no screen finds events by who recorded them; users are not deleted
    )
    amount = models.BigIntegerField(_("Số tiền (đồng)"), null=True, blank=True)
    data = models.JSONField(_("Chi tiết"), default=dict, blank=True)
    law_version = models.CharField(_("Luật áp dụng"), max_length=4, choices=LawVersion.choices)
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("Sửa cho sự kiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrected_by",
    )
    to_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Đơn vị nhận ủy thác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # read with its event, never searched by; units are not deleted
    )

    class Meta:
        verbose_name = _("Sự kiện của việc")
        verbose_name_plural = _("Diễn biến của việc")
        # On PostgreSQL the database itself refuses UPDATE and DELETE (append-only history).
        triggers = [
            pgtrigger.Protect(
                name="case_event_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]
        ordering = ["case", "on", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="case_event_unique_seq"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="case_event_amount_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.seq} {self.type} {self.on:%d/%m/%Y}"


class DeadlineReminder(models.Model):
    """One deadline reminded to one officer, once (`cases.reminders`): the unique key is the
    lock that keeps a second run of the job, or a second worker, from reminding it again.

    A case's deadline names its case; a deadline another app keeps (`cases.deadline_sources`:
    a judgment monitored, a procuracy act to answer…) names its source and what it is about
    (`source`, `ref`: "thahc", the judgment's code) instead."""

    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="reminders"
    )
    source = models.CharField(_("Nguồn thời hạn"), max_length=20, blank=True, default="")
    ref = models.CharField(_("Đối tượng"), max_length=100, blank=True, default="")
    kind = models.CharField(_("Loại thời hạn"), max_length=20)
    due = models.DateField(_("Hạn"))
    officer = models.ForeignKey(
        Staff, verbose_name=_("Chấp hành viên"), on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField(_("Gửi tới"))
    sent_at = models.DateTimeField(_("Gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nhắc thời hạn")
        verbose_name_plural = _("Nhắc thời hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "due", "officer"], name="deadline_reminded_once"
            ),
            models.UniqueConstraint(
                fields=["source", "ref", "kind", "due", "officer"],
                condition=Q(case__isnull=True),
                name="other_deadline_reminded_once",
            ),
            models.CheckConstraint(
                condition=Q(case__isnull=False, source="") | Q(case__isnull=True) & ~Q(source=""),
                name="deadline_reminder_case_or_source",
            ),
        ]

    def __str__(self) -> str:
        what = self.case_id if self.case_id else f"{self.source}:{self.ref}"
        return f"{what} {self.kind} {self.due:%d/%m/%Y} → {self.officer_id}"
