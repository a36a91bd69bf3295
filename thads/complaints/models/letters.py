"""The register of letters (sổ tiếp nhận đơn): one `Complaint` row per letter received.

A letter is handled (TT 13/2021/TT-BTP): not competent → forwarded or guided; not eligible →
answered and archived; a duplicate of an earlier letter → linked, no new matter; competent and
eligible → accepted (thụ lý), which opens one matter per content (a mixed letter is split).
`received_on`, `resolved_on`, `result` and `case` are the fields of the interchange's
`complaint` record and are kept by the services (`resolved_on`: the day the letter was settled).
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.common.models import Tracked
from thads.org.models import Unit


class ComplaintKind(models.TextChoices):
    KHIEU_NAI = "khieu_nai", _("Khiếu nại")
    TO_CAO = "to_cao", _("Tố cáo")
    KIEN_NGHI = "kien_nghi", _("Kiến nghị")
    PHAN_ANH = "phan_anh", _("Phản ánh")
    HON_HOP = "hon_hop", _("Nhiều nội dung")


class ComplaintResult(models.TextChoices):
    DUNG = "dung", _("Đúng")
    SAI = "sai", _("Sai")
    DUNG_MOT_PHAN = "dung_mot_phan", _("Đúng một phần")
    RUT = "rut", _("Rút đơn")
    CHUYEN = "chuyen", _("Chuyển cơ quan có thẩm quyền")


# Results that judge a complaint or denunciation right or wrong; a matter's outcome uses the
# same codes (`MatterOutcome`). Read with the kind: "Khiếu nại sai", "Tố cáo đúng một phần".
JUDGED_RESULTS = frozenset(
    {ComplaintResult.DUNG, ComplaintResult.SAI, ComplaintResult.DUNG_MOT_PHAN}
)
JUDGED_KINDS = frozenset({ComplaintKind.KHIEU_NAI, ComplaintKind.TO_CAO})


def judged_label(kind_label: str, result_label: str) -> str:
    """ "Khiếu nại sai" from "Khiếu nại" and "Sai": what the decision found, said with what was
    judged (Luật Khiếu nại 2011, Điều 31; Luật Tố cáo 2018, Điều 35)."""
    return _("%(kind)s %(outcome)s") % {"kind": kind_label, "outcome": result_label.lower()}


class LetterChannel(models.TextChoices):
    TRUC_TIEP = "truc_tiep", _("Nộp trực tiếp")
    BUU_CHINH = "buu_chinh", _("Qua bưu chính")
    CHUYEN_DEN = "chuyen_den", _("Cơ quan khác chuyển đến")
    TRUC_TUYEN = "truc_tuyen", _("Trực tuyến")
    TIEP_CONG_DAN = "tiep_cong_dan", _("Qua tiếp công dân")


class LetterSubject(models.TextChoices):
    CASE = "case", _("Việc thi hành án")
    DECISION = "decision", _("Quyết định, hành vi")
    OFFICER = "officer", _("Chấp hành viên, công chức")
    HEAD = "head", _("Thủ trưởng, Phó Thủ trưởng")


class LimitationStage(models.TextChoices):
    """The stage of the decision complained of: it selects the time limit (Luật THADS Đ140 k2)."""

    PRE_MEASURE = "pre_measure", _("Trước khi áp dụng biện pháp bảo đảm, cưỡng chế")
    FREEZE = "freeze", _("Phong tỏa tài khoản")
    OTHER_SECURITY = "other_security", _("Biện pháp bảo đảm khác")
    COERCION = "coercion", _("Biện pháp cưỡng chế")
    POST_COERCION = "post_coercion", _("Sau khi áp dụng biện pháp cưỡng chế")
    SECOND = "lan_hai", _("Khiếu nại lần hai")


class Handling(models.TextChoices):
    THU_LY = "thu_ly", _("Thụ lý giải quyết")
    CHUYEN_DON = "chuyen_don", _("Chuyển đơn")
    HUONG_DAN = "huong_dan", _("Hướng dẫn")
    LUU_DON = "luu_don", _("Lưu đơn")


class IneligibleReason(models.TextChoices):
    HET_THOI_HIEU = "het_thoi_hieu", _("Hết thời hiệu")
    KHONG_KY_TEN = "khong_ky_ten", _("Không ký tên, nặc danh")
    KHONG_PHAI_DUONG_SU = "khong_phai_duong_su", _("Người gửi không có quyền khiếu nại")
    DA_CO_QUYET_DINH = "da_co_quyet_dinh", _("Đã có quyết định giải quyết có hiệu lực")
    DA_RUT = "da_rut", _("Đã rút đơn")
    KHONG_RO = "khong_ro", _("Nội dung không rõ ràng")


@pghistory.track(model_name="ComplaintHistory")
class Complaint(Tracked):
    """Một đơn khiếu nại, tố cáo, kiến nghị, phản ánh (TT 13/2021/TT-BTP, Điều 5–7)."""

    code = models.CharField(_("Số vào sổ"), max_length=60, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Loại đơn"), max_length=12, choices=ComplaintKind.choices)
    received_on = models.DateField(_("Ngày nhận"), db_index=True)
    channel = models.CharField(
        _("Nguồn đơn"), max_length=15, choices=LetterChannel.choices, default="truc_tiep"
    )
    forwarded_by = models.CharField(_("Cơ quan chuyển đến"), max_length=255, blank=True)
    summary = models.TextField(_("Tóm tắt nội dung"), blank=True)
    subject = models.CharField(
        _("Đơn về"), max_length=10, choices=LetterSubject.choices, default="case"
    )
    subject_detail = models.CharField(
        _("Quyết định, hành vi hoặc người bị khiếu nại, tố cáo"), max_length=255, blank=True
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("Việc thi hành án"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("Trùng với đơn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    is_vuot_cap = models.BooleanField(_("Đơn vượt cấp"), default=False)
    is_dong_nguoi = models.BooleanField(_("Đơn đông người"), default=False)
    reception = models.ForeignKey(
        "complaints.ReceptionSession",
        verbose_name=_("Nhận tại buổi tiếp công dân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    # Time limit to complain (Luật THADS Điều 140 khoản 2), when the letter is a complaint.
    stage = models.CharField(
        _("Giai đoạn của quyết định, hành vi bị khiếu nại"),
        max_length=15,
        choices=LimitationStage.choices,
        blank=True,
    )
    decision_known_on = models.DateField(
        _("Ngày nhận được quyết định hoặc biết hành vi"), null=True, blank=True
    )
    obstacle_days = models.PositiveIntegerField(
        _("Số ngày trở ngại khách quan, bất khả kháng"), default=0
    )
    obstacle_reason = models.CharField(_("Lý do trở ngại"), max_length=255, blank=True)
    # Handling (xử lý đơn).
    handled_on = models.DateField(_("Ngày xử lý"), null=True, blank=True)
    competent = models.BooleanField(_("Thuộc thẩm quyền"), null=True, blank=True)
    eligible = models.BooleanField(_("Đủ điều kiện thụ lý"), null=True, blank=True)
    ineligible_reason = models.CharField(
        _("Lý do không đủ điều kiện"), max_length=20, choices=IneligibleReason.choices, blank=True
    )
    handling = models.CharField(_("Xử lý"), max_length=12, choices=Handling.choices, blank=True)
    sent_to = models.CharField(_("Nơi chuyển đơn, hướng dẫn"), max_length=255, blank=True)
    # The number of the document the handling issues (notice, forwarding or guidance letter),
    # taken at handling from the unit's locked counter (services.letters.paper_number).
    paper_no = models.CharField(_("Số văn bản xử lý đơn"), max_length=60, blank=True)
    resolved_on = models.DateField(_("Ngày giải quyết xong"), null=True, blank=True)
    result = models.CharField(
        _("Kết quả giải quyết"), max_length=15, choices=ComplaintResult.choices, blank=True
    )

    class Meta:
        verbose_name = _("Đơn thư")
        verbose_name_plural = _("Đơn thư")
        ordering = ["-received_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("received_on")),
                name="complaint_resolved_after_received",
            ),
            models.CheckConstraint(
                condition=Q(handled_on__isnull=True) | Q(handled_on__gte=models.F("received_on")),
                name="complaint_handled_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def result_label(self) -> str:
        """The result as the decision states it for a complaint or a denunciation ("Khiếu nại
        sai", "Tố cáo đúng một phần"); for any other letter (several contents, a petition) as the
        choice reads."""
        if self.result not in JUDGED_RESULTS or self.kind not in JUDGED_KINDS:
            return self.get_result_display()
        return judged_label(self.get_kind_display(), self.get_result_display())

    @property
    def is_denunciation(self) -> bool:
        return self.kind == ComplaintKind.TO_CAO or self.matters.filter(kind="to_cao").exists()


class Sender(models.Model):
    """A person who signed the letter (several may), or who represents them."""

    letter = models.ForeignKey(
        Complaint, verbose_name=_("Đơn"), on_delete=models.CASCADE, related_name="senders"
    )
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    name = models.CharField(_("Họ và tên"), max_length=255)
    id_number = models.CharField(_("Số định danh cá nhân"), max_length=20, blank=True)
    address = models.CharField(_("Địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("Điện thoại"), max_length=30, blank=True)
    is_representative = models.BooleanField(_("Người đại diện, được ủy quyền"), default=False)
    authorisation = models.CharField(_("Giấy ủy quyền"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Người gửi đơn")
        verbose_name_plural = _("Người gửi đơn")
        ordering = ["letter", "position"]

    def __str__(self) -> str:
        return self.name
