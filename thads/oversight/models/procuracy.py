"""Acts of the procuracy (Viện kiểm sát) received by the enforcement agency and their answers
(Luật THADS 2008, Điều 12, 160, 161; QĐ 810/QĐ-VKSTC)."""

from __future__ import annotations

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.common.models import Tracked
from thads.org.models import Unit


class ProcuracyActKind(models.TextChoices):
    KET_LUAN = "ket_luan", _("Kết luận kiểm sát")
    KIEN_NGHI = "kien_nghi", _("Kiến nghị")
    YEU_CAU = "yeu_cau", _("Yêu cầu")
    KHANG_NGHI = "khang_nghi", _("Kháng nghị")


class ProcuracyLevel(models.TextChoices):
    CUNG_CAP = "cung_cap", _("Viện kiểm sát cùng cấp")
    CAP_TREN = "cap_tren", _("Viện kiểm sát cấp trên trực tiếp")


class AnswerResult(models.TextChoices):
    CHAP_NHAN = "chap_nhan", _("Chấp nhận toàn bộ")
    MOT_PHAN = "mot_phan", _("Chấp nhận một phần")
    KHONG = "khong_chap_nhan", _("Không chấp nhận (có lý do)")


@pghistory.track(model_name="ProcuracyActHistory")
class ProcuracyAct(Tracked):
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị nhận"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Loại văn bản"), max_length=12, choices=ProcuracyActKind.choices)
    level = models.CharField(_("Cấp Viện kiểm sát"), max_length=10, choices=ProcuracyLevel.choices)
    procuracy = models.CharField(_("Viện kiểm sát"), max_length=255)
    number = models.CharField(_("Số văn bản"), max_length=60)
    act_on = models.DateField(_("Ngày văn bản"))
    received_on = models.DateField(_("Ngày nhận"), db_index=True)
    content = models.TextField(_("Nội dung"))
    decisions = models.CharField(_("Quyết định, hành vi bị kiểm sát"), max_length=500, blank=True)
    # For a protest: when the procuracy received the decision it protests (Đ160: 15 / 30 days).
    decision_received_on = models.DateField(
        _("Ngày Viện kiểm sát nhận quyết định"), null=True, blank=True
    )
    cases = models.ManyToManyField(
        Case, verbose_name=_("Việc liên quan"), blank=True, related_name="+"
    )
    answer_due = models.DateField(_("Hạn trả lời"))
    answer_rule = models.CharField(_("Căn cứ hạn trả lời"), max_length=300, blank=True)
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    answer_no = models.CharField(_("Số văn bản trả lời"), max_length=60, blank=True)
    answer_result = models.CharField(
        _("Kết quả trả lời"), max_length=16, choices=AnswerResult.choices, blank=True
    )
    answer_reasons = models.TextField(_("Lý do, giải trình"), blank=True)
    measures = models.TextField(_("Biện pháp đã thực hiện"), blank=True)

    class Meta:
        verbose_name = _("Văn bản của Viện kiểm sát")
        verbose_name_plural = _("Văn bản của Viện kiểm sát")
        ordering = ["-received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | ~Q(answer_result=""),
                name="procuracy_answer_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
