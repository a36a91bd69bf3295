"""Administrative judgments monitored by the enforcement agency (theo dõi thi hành án hành
chính): Luật Tố tụng hành chính 2015, Điều 309–314; Nghị định 71/2016/NĐ-CP."""

from __future__ import annotations

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.common.models import Step, Tracked, append_only_trigger
from thads.org.models import Staff, Unit


class JudgmentKind311(models.TextChoices):
    """Luật TTHC 2015, Điều 311 k1: the judgments and decisions to be enforced (a–g)."""

    A = "diem_a", _("a) Bản án, quyết định đã có hiệu lực của Tòa án cấp sơ thẩm")
    B = "diem_b", _("b) Bản án, quyết định phúc thẩm")
    C = "diem_c", _("c) Quyết định giám đốc thẩm, tái thẩm")
    D = "diem_d", _("d) Quyết định về tài sản, chi phí tố tụng")
    DD = "diem_dd", _("đ) Quyết định khác của Tòa án theo luật định")
    E = "diem_e", _("e) Quyết định áp dụng biện pháp khẩn cấp tạm thời")
    G = "diem_g", _("g) Quyết định về danh sách cử tri")


# Đ311 k2: kinds e and g are enforced at once; the others within 30 days.
IMMEDIATE_KINDS = frozenset({JudgmentKind311.E, JudgmentKind311.G})


class Instance(models.TextChoices):
    SO_THAM = "so_tham", _("Sơ thẩm")
    PHUC_THAM = "phuc_tham", _("Phúc thẩm")
    GIAM_DOC_THAM = "giam_doc_tham", _("Giám đốc thẩm")
    TAI_THAM = "tai_tham", _("Tái thẩm")


class DocType(models.TextChoices):
    BAN_AN = "ban_an", _("Bản án")
    QUYET_DINH = "quyet_dinh", _("Quyết định")
    BPKCTT = "bpkctt", _("Quyết định áp dụng biện pháp khẩn cấp tạm thời")


class ObligedBody(models.TextChoices):
    """Who must enforce (người phải thi hành án), by kind of body."""

    UBND_TINH = "ubnd_tinh", _("UBND, Chủ tịch UBND cấp tỉnh")
    UBND_HUYEN = "ubnd_huyen", _("UBND, Chủ tịch UBND cấp huyện")
    UBND_XA = "ubnd_xa", _("UBND, Chủ tịch UBND cấp xã")
    KHAC = "khac", _("Cơ quan, tổ chức, cá nhân khác")


class Outcome(models.TextChoices):
    XONG = "xong", _("Đã thi hành xong")
    HUY = "bi_huy", _("Bị hủy")
    HOAN = "hoan", _("Hoãn")
    TAM_DINH_CHI = "tam_dinh_chi", _("Tạm đình chỉ")


@pghistory.track(model_name="AdminJudgmentHistory")
class AdminJudgment(Tracked):
    """One judgment or decision received for monitoring (một việc theo dõi THAHC)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Cơ quan theo dõi"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("Mã việc"), max_length=60, unique=True)
    court = models.CharField(_("Tòa án"), max_length=255)
    number = models.CharField(_("Số bản án, quyết định"), max_length=100)
    judgment_date = models.DateField(_("Ngày bản án, quyết định"))
    instance = models.CharField(_("Cấp xét xử"), max_length=15, choices=Instance.choices)
    doc_type = models.CharField(_("Loại văn bản"), max_length=12, choices=DocType.choices)
    kind = models.CharField(
        _("Loại theo Điều 311 k1 Luật TTHC"), max_length=8, choices=JudgmentKind311.choices
    )
    received_on = models.DateField(_("Ngày nhận"), db_index=True)
    plaintiff = models.CharField(_("Người khởi kiện, người được thi hành án"), max_length=255)
    obliged_name = models.CharField(_("Người phải thi hành án"), max_length=255)
    obliged_body = models.CharField(
        _("Loại cơ quan phải thi hành"), max_length=12, choices=ObligedBody.choices
    )
    content = models.TextField(_("Nội dung phải thi hành"), blank=True)
    has_content = models.BooleanField(_("Có nội dung phải theo dõi"), default=True)
    officer = models.ForeignKey(
        Staff,
        verbose_name=_("Chấp hành viên theo dõi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_no = models.CharField(_("Số văn bản thông báo tự nguyện"), max_length=60, blank=True)
    notice_on = models.DateField(_("Ngày thông báo"), null=True, blank=True)
    notice_delivered_on = models.DateField(_("Ngày tống đạt thông báo"), null=True, blank=True)
    obliged_received_on = models.DateField(
        _("Ngày người phải thi hành nhận bản án"), null=True, blank=True
    )
    court_order_no = models.CharField(_("Số quyết định buộc thi hành"), max_length=60, blank=True)
    court_order_on = models.DateField(_("Ngày quyết định buộc thi hành"), null=True, blank=True)
    published_on = models.DateField(_("Ngày công khai không chấp hành"), null=True, blank=True)
    published_where = models.CharField(_("Nơi công khai"), max_length=255, blank=True)
    outcome = models.CharField(_("Kết quả"), max_length=15, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("Ngày có kết quả"), null=True, blank=True)
    not_done_reason = models.TextField(_("Lý do chưa thi hành xong"), blank=True)

    class Meta:
        verbose_name = _("Việc theo dõi thi hành án hành chính")
        verbose_name_plural = _("Việc theo dõi thi hành án hành chính")
        ordering = ["-received_on", "code"]
        indexes = [models.Index(fields=["unit", "received_on"], name="thahc_unit_received")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_on__isnull=False), name="thahc_outcome_dated"
            ),
            models.CheckConstraint(
                condition=Q(outcome_on__isnull=True) | Q(outcome_on__gte=models.F("received_on")),
                name="thahc_outcome_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_immediate(self) -> bool:
        return self.kind in IMMEDIATE_KINDS

    @property
    def is_open(self) -> bool:
        return self.has_content and not self.outcome


class StepKind(models.TextChoices):
    TIEP_NHAN = "tiep_nhan", _("Nhận bản án, quyết định")
    PHAN_CONG = "phan_cong", _("Phân công Chấp hành viên theo dõi")
    THONG_BAO = "thong_bao", _("Thông báo tự nguyện thi hành")
    NHAN_BAN_AN = "nhan_ban_an", _("Người phải thi hành nhận bản án")
    BUOC_THI_HANH = "buoc_thi_hanh", _("Quyết định buộc thi hành của Tòa án")
    DON_DOC = "don_doc", _("Văn bản đôn đốc")
    KIEN_NGHI = "kien_nghi", _("Văn bản kiến nghị")
    LAM_VIEC = "lam_viec", _("Làm việc với các bên")
    CONG_KHAI = "cong_khai", _("Công khai thông tin không chấp hành")
    KET_QUA = "ket_qua", _("Kết quả thi hành")
    TIEP_TUC = "tiep_tuc", _("Tiếp tục theo dõi")


class AdminJudgmentStep(Step):
    """One step of the monitoring (letters with their recipient and date included). Append-only:
    the judgment's history as the officer tells it."""

    judgment = models.ForeignKey(AdminJudgment, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("Bước"), max_length=15, choices=StepKind.choices)
    number = models.CharField(_("Số văn bản"), max_length=60, blank=True)
    recipient = models.CharField(_("Nơi nhận"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Diễn biến theo dõi THAHC")
        verbose_name_plural = _("Diễn biến theo dõi THAHC")
        ordering = ["judgment", "on", "pk"]
        triggers = [append_only_trigger("thahc_step_append_only")]

    def __str__(self) -> str:
        return f"{self.judgment_id} {self.kind} {self.on:%d/%m/%Y}"
