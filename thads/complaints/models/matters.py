"""Matters (vụ việc): what an accepted letter opens, one per content (TT 08/2015 phụ lục 2:
"mỗi trường hợp khiếu nại, tố cáo … được thụ lý được tính là một việc").

Every step (verification, dialogue, suspension of the act complained of, extension, withdrawal,
decision) is an append-only `MatterStep` with who and when; the matter row keeps the current
state the statistics read (accepted_on, deadline, resolved_on, outcome).
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.common.models import Step, Tracked, append_only_trigger
from thads.complaints.models.letters import (
    JUDGED_RESULTS,
    Complaint,
    LimitationStage,
    judged_label,
)
from thads.org.models import Staff, Unit


class MatterKind(models.TextChoices):
    KHIEU_NAI = "khieu_nai", _("Khiếu nại")
    TO_CAO = "to_cao", _("Tố cáo")
    KIEN_NGHI = "kien_nghi", _("Kiến nghị")
    PHAN_ANH = "phan_anh", _("Phản ánh")


class SubjectRole(models.TextChoices):
    OFFICER = "officer", _("Chấp hành viên, công chức")
    HEAD = "head", _("Thủ trưởng, Phó Thủ trưởng")


class MatterOutcome(models.TextChoices):
    DUNG = "dung", _("Đúng")
    SAI = "sai", _("Sai")
    DUNG_MOT_PHAN = "dung_mot_phan", _("Đúng một phần")
    RUT = "rut", _("Rút đơn, đình chỉ giải quyết")
    TRA_LOI = "tra_loi", _("Đã trả lời")


@pghistory.track(model_name="MatterHistory")
class Matter(Tracked):
    """Một vụ việc khiếu nại, tố cáo, kiến nghị, phản ánh đã thụ lý."""

    code = models.CharField(_("Mã vụ việc"), max_length=70, unique=True)
    letter = models.ForeignKey(
        Complaint, verbose_name=_("Đơn"), on_delete=models.PROTECT, related_name="matters"
    )
    kind = models.CharField(_("Loại vụ việc"), max_length=12, choices=MatterKind.choices)
    instance = models.PositiveSmallIntegerField(_("Lần giải quyết"), null=True, blank=True)
    stage = models.CharField(
        _("Giai đoạn của quyết định, hành vi bị khiếu nại"),
        max_length=15,
        choices=LimitationStage.choices,
        blank=True,
    )
    summary = models.TextField(_("Nội dung"), blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("Việc thi hành án"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint_matters",
    )
    subject_role = models.CharField(
        _("Người bị khiếu nại, tố cáo là"), max_length=10, choices=SubjectRole.choices
    )
    subject_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Cơ quan của người bị khiếu nại, tố cáo"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_staff = models.ForeignKey(
        Staff,
        verbose_name=_("Người bị khiếu nại, tố cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolver_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Cơ quan giải quyết"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verifier = models.ForeignKey(
        Staff,
        verbose_name=_("Người được giao xác minh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_on = models.DateField(_("Ngày thụ lý"), db_index=True)
    deadline_on = models.DateField(_("Hạn giải quyết"))
    extended_until = models.DateField(_("Gia hạn đến"), null=True, blank=True)
    extension_reason = models.CharField(_("Lý do gia hạn"), max_length=255, blank=True)
    suspended_on = models.DateField(
        _("Tạm dừng thi hành quyết định, hành vi bị khiếu nại từ"), null=True, blank=True
    )
    suspension_ended_on = models.DateField(_("Hủy tạm dừng ngày"), null=True, blank=True)
    resolved_on = models.DateField(_("Ngày giải quyết xong"), null=True, blank=True)
    outcome = models.CharField(
        _("Kết quả"), max_length=15, choices=MatterOutcome.choices, blank=True
    )
    decision_no = models.CharField(_("Số quyết định, kết luận"), max_length=60, blank=True)
    measures = models.TextField(_("Biện pháp xử lý"), blank=True)

    class Meta:
        verbose_name = _("Vụ việc khiếu nại, tố cáo")
        verbose_name_plural = _("Vụ việc khiếu nại, tố cáo")
        ordering = ["-accepted_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("accepted_on")),
                name="matter_resolved_after_accepted",
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True, outcome="")
                | (Q(resolved_on__isnull=False) & ~Q(outcome="")),
                name="matter_outcome_with_date",
            ),
        ]
        indexes = [models.Index(fields=["resolver_unit", "resolved_on"], name="matter_res_unit")]

    def __str__(self) -> str:
        return self.code

    @property
    def due_on(self):
        return self.extended_until or self.deadline_on

    @property
    def is_suspended(self) -> bool:
        return self.suspended_on is not None and self.suspension_ended_on is None

    @property
    def outcome_label(self) -> str:
        """The outcome as the decision states it: "Khiếu nại sai", "Tố cáo đúng một phần"
        (a bare "Sai" beside "Kết quả" does not say what was wrong); withdrawn or answered as
        the choice reads (`letters.judged_label`)."""
        if self.outcome not in JUDGED_RESULTS:
            return self.get_outcome_display()
        return judged_label(self.get_kind_display(), self.get_outcome_display())


class StepKind(models.TextChoices):
    THU_LY = "thu_ly", _("Thụ lý")
    GIAO_XAC_MINH = "giao_xac_minh", _("Giao xác minh")
    XAC_MINH = "xac_minh", _("Xác minh")
    DOI_THOAI = "doi_thoai", _("Đối thoại")
    TAM_DUNG = "tam_dung", _("Tạm dừng thi hành quyết định, hành vi bị khiếu nại")
    HUY_TAM_DUNG = "huy_tam_dung", _("Hủy bỏ tạm dừng")
    GIA_HAN = "gia_han", _("Gia hạn giải quyết")
    RUT_DON = "rut_don", _("Rút đơn, đình chỉ giải quyết")
    GIAI_QUYET = "giai_quyet", _("Quyết định giải quyết, kết luận, trả lời")


class MatterStep(Step):
    """One step of a matter, written once (corrections are new steps)."""

    matter = models.ForeignKey(
        Matter, verbose_name=_("Vụ việc"), on_delete=models.PROTECT, related_name="steps"
    )
    kind = models.CharField(_("Bước"), max_length=15, choices=StepKind.choices)

    class Meta:
        verbose_name = _("Bước giải quyết")
        verbose_name_plural = _("Bước giải quyết")
        ordering = ["matter", "on", "id"]
        triggers = [append_only_trigger("matter_step_append_only")]

    def __str__(self) -> str:
        return f"{self.matter.code} {self.get_kind_display()} {self.on:%d/%m/%Y}"
