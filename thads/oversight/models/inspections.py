"""Internal inspections (kiểm tra): the annual plan, each inspection, the files examined, the
findings, the conclusion and the recommendations followed until closed (QĐ 196/QĐ-TCTHADS)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.common.models import Recorded, Step, Tracked, append_only_trigger
from thads.org.models import Unit


class InspectionKind(models.TextChoices):
    TOAN_DIEN = "toan_dien", _("Kiểm tra toàn diện")
    CHUYEN_DE = "chuyen_de", _("Kiểm tra chuyên đề")
    DOT_XUAT = "dot_xuat", _("Kiểm tra đột xuất")
    TU_KIEM_TRA = "tu_kiem_tra", _("Tự kiểm tra")
    KIEM_TRA_LAI = "kiem_tra_lai", _("Kiểm tra lại")


class InspectionPlan(Tracked):
    """The annual inspection plan (kế hoạch kiểm tra) of an inspecting unit."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị lập kế hoạch"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    decision_no = models.CharField(_("Số quyết định phê duyệt"), max_length=60)
    approved_on = models.DateField(_("Ngày phê duyệt"))

    class Meta:
        verbose_name = _("Kế hoạch kiểm tra")
        verbose_name_plural = _("Kế hoạch kiểm tra")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="inspection_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"


@pghistory.track(model_name="PlanItemHistory")
class PlanItem(Tracked):
    """One planned inspection. Trimming keeps the row with the day, the reason and who."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="items")
    target = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị được kiểm tra"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Hình thức"), max_length=15, choices=InspectionKind.choices)
    month = models.PositiveSmallIntegerField(_("Tháng dự kiến"))
    subject = models.CharField(_("Nội dung"), max_length=300, blank=True)
    trimmed_on = models.DateField(_("Ngày điều chỉnh giảm"), null=True, blank=True)
    trim_reason = models.TextField(_("Lý do điều chỉnh"), blank=True)

    class Meta:
        verbose_name = _("Cuộc kiểm tra theo kế hoạch")
        verbose_name_plural = _("Cuộc kiểm tra theo kế hoạch")
        ordering = ["plan", "month", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trimmed_on__isnull=True) | ~Q(trim_reason=""),
                name="plan_item_trim_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="plan_item_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.target_id} {self.month}"


@pghistory.track(model_name="InspectionHistory")
class Inspection(Tracked):
    """One inspection (một cuộc kiểm tra)."""

    code = models.CharField(_("Mã cuộc kiểm tra"), max_length=60, unique=True)
    inspecting_unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị kiểm tra"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị được kiểm tra"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Hình thức"), max_length=15, choices=InspectionKind.choices)
    plan_item = models.OneToOneField(
        PlanItem,
        verbose_name=_("Theo kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection",
    )
    decision_no = models.CharField(_("Số quyết định kiểm tra"), max_length=60)
    decision_on = models.DateField(_("Ngày quyết định"), db_index=True)
    team = models.TextField(_("Đoàn kiểm tra (trưởng đoàn, thành viên)"))
    scope = models.TextField(_("Nội dung, phạm vi kiểm tra"))
    period_from = models.DateField(_("Thời kỳ kiểm tra từ ngày"))
    period_to = models.DateField(_("Đến ngày"))
    conclusion_no = models.CharField(_("Số kết luận"), max_length=60, blank=True)
    conclusion_on = models.DateField(_("Ngày kết luận"), null=True, blank=True)
    conclusion = models.TextField(_("Nội dung kết luận"), blank=True)

    class Meta:
        verbose_name = _("Cuộc kiểm tra")
        verbose_name_plural = _("Cuộc kiểm tra")
        ordering = ["-decision_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=models.F("period_from")),
                name="inspection_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class InspectionFile(models.Model):
    """A case file examined by the inspection (hồ sơ được kiểm tra)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="files")
    case = models.ForeignKey(
        Case, verbose_name=_("Việc thi hành án"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("Thêm lúc"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Hồ sơ được kiểm tra")
        verbose_name_plural = _("Hồ sơ được kiểm tra")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "case"], name="inspection_file_unique")
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id}/{self.case_id}"


class ViolationKind(models.TextChoices):
    XAC_MINH = "xac_minh", _("Xác minh điều kiện thi hành án")
    PHAN_LOAI = "phan_loai", _("Phân loại án")
    THOI_HAN = "thoi_han", _("Thời hạn")
    THU_CHI = "thu_chi", _("Thu, chi tiền thi hành án")
    DAU_GIA = "dau_gia", _("Thẩm định giá, bán đấu giá")
    HO_SO = "ho_so", _("Lập, quản lý hồ sơ")
    KHAC = "khac", _("Khác")


class Finding(Recorded):
    """A violation found, on a case file or on the unit's work. Append-only."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="findings")
    case = models.ForeignKey(
        Case,
        verbose_name=_("Việc thi hành án"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    violation = models.CharField(_("Loại vi phạm"), max_length=12, choices=ViolationKind.choices)
    description = models.TextField(_("Nội dung vi phạm"))

    class Meta:
        verbose_name = _("Vi phạm phát hiện")
        verbose_name_plural = _("Vi phạm phát hiện")
        ordering = ["inspection", "pk"]
        triggers = [append_only_trigger("finding_append_only")]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.violation}"


class RecommendationKind(models.TextChoices):
    CHAN_CHINH = "chan_chinh", _("Chấn chỉnh, khắc phục")
    KY_LUAT = "ky_luat", _("Xử lý kỷ luật")
    THU_HOI = "thu_hoi", _("Thu hồi tiền")
    KHAC = "khac", _("Kiến nghị khác")


@pghistory.track(model_name="RecommendationHistory")
class Recommendation(Tracked):
    """A recommendation of the conclusion, followed until closed."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="recommendations"
    )
    kind = models.CharField(_("Loại kiến nghị"), max_length=12, choices=RecommendationKind.choices)
    content = models.TextField(_("Nội dung"))
    people = models.PositiveSmallIntegerField(_("Số người bị kiến nghị xử lý"), default=0)
    amount = models.BigIntegerField(_("Số tiền kiến nghị thu hồi (đồng)"), default=0)
    issued_on = models.DateField(_("Ngày kiến nghị"))
    due_on = models.DateField(_("Hạn thực hiện"))
    closed_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("Kết quả thực hiện"), blank=True)

    class Meta:
        verbose_name = _("Kiến nghị sau kiểm tra")
        verbose_name_plural = _("Kiến nghị sau kiểm tra")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="recommendation_amount"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(result=""),
                name="recommendation_closed_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id} {self.kind}"


class RecommendationFollowUp(Step):
    """What the inspected unit reported on a recommendation (append-only)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="follow_ups"
    )
    note = models.TextField(_("Nội dung"))  # a follow-up always says what was done

    class Meta:
        verbose_name = _("Theo dõi thực hiện kiến nghị")
        verbose_name_plural = _("Theo dõi thực hiện kiến nghị")
        ordering = ["recommendation", "on", "pk"]
        triggers = [append_only_trigger("follow_up_append_only")]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.on:%d/%m/%Y}"
