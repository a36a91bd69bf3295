"""Document templates (versioned data) and the documents drafted and issued from cases.

A `DocumentTemplate` row is one version of one template: its code, the official code where
known, title, legal basis, the law it belongs to, the dates it is in force, who signs it and to
whom it goes, and its body (paragraphs with placeholders filled from the case). A new circular
adds rows; rows are never edited in place (oversight.md §E.1: keep template codes as data).

A `Document` is drafted by the officer (no number: it moves no statistic and no deadline), then
issued by its signer: the number is taken from the locked counter of the unit, series and year,
and the act's `CaseEvent` is recorded in the same transaction. An issued document never
changes; a correction is a new document that `replaces` it (its event corrects the old event).
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case, CaseEvent, EventType, LawVersion
from thads.common.models import Tracked
from thads.org.models import Staff, Unit


class SignerRule(models.TextChoices):
    HEAD = "head", _("Thủ trưởng cơ quan thi hành án")
    OFFICER = "officer", _("Chấp hành viên")
    ACCOUNTANT = "accountant", _("Kế toán nghiệp vụ")
    CREDITOR = "creditor", _("Người yêu cầu thi hành án")
    RECORDER = "recorder", _("Người lập biên bản")
    RECEPTION = "reception", _("Người tiếp công dân")


class Family(models.TextChoices):
    """Whose documents a template makes: a case's (drafted and issued here), or those of the
    complaint handling and of oversight (composed by `thads.complaints` and `thads.oversight`
    through `common.paper.catalogue`)."""

    CASE = "case", _("Văn bản thi hành án")
    COMPLAINT = "complaint", _("Văn bản giải quyết đơn thư")
    OVERSIGHT = "oversight", _("Văn bản theo dõi thi hành án hành chính, kiểm tra, kiểm sát")


class Series(models.TextChoices):
    """Sổ / loại văn bản: each series is numbered on its own per unit and year."""

    QD = "QĐ", _("Quyết định")
    TB = "TB", _("Thông báo")
    BB = "BB", _("Biên bản")
    CV = "CV", _("Công văn, giấy báo, giấy triệu tập")
    KH = "KH", _("Kế hoạch")
    KL = "KL", _("Kết luận")
    DON = "ĐƠN", _("Đơn")


class DocumentTemplate(models.Model):
    """One version of one template (biểu mẫu nghiệp vụ)."""

    code = models.SlugField(_("Mã mẫu"), max_length=40)
    family = models.CharField(
        _("Nhóm văn bản"), max_length=10, choices=Family.choices, default=Family.CASE
    )
    official_code = models.CharField(_("Số hiệu mẫu chính thức"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("Thứ tự trong danh mục"))
    title = models.CharField(_("Tên văn bản"), max_length=120)
    subject = models.CharField(_("Trích yếu"), max_length=255, blank=True)
    series = models.CharField(_("Loại văn bản"), max_length=4, choices=Series.choices)
    event_type = models.CharField(
        _("Sự kiện của việc"), max_length=30, choices=EventType.choices, blank=True
    )
    # Values the template fixes in the act (kê biên: measure "ke_bien").
    act_defaults = models.JSONField(_("Giá trị cố định của quyết định"), default=dict, blank=True)
    law_version = models.CharField(_("Luật áp dụng"), max_length=4, choices=LawVersion.choices)
    legal_basis = models.JSONField(_("Căn cứ riêng của mẫu"), default=list, blank=True)
    valid_from = models.DateField(_("Áp dụng từ ngày"))
    valid_to = models.DateField(_("Áp dụng đến ngày"), null=True, blank=True)
    signer_rule = models.CharField(_("Người ký"), max_length=12, choices=SignerRule.choices)
    recipients_rule = models.JSONField(_("Nơi nhận"), default=list, blank=True)
    body = models.JSONField(_("Nội dung"), default=list)
    is_blank_form = models.BooleanField(_("Mẫu in trống"), default=False)
    source = models.CharField(_("Nguồn"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Mẫu văn bản")
        verbose_name_plural = _("Mẫu văn bản")
        ordering = ["position", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="template_version_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="template_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.subject}".strip()

    @property
    def kind_name(self) -> str:
        """What officers call it, in sentence case: "Quyết định", "Thông báo"; a letter has no
        title (công văn: Nghị định 30/2020/NĐ-CP, Phụ lục I), so it is "Công văn"."""
        return _sentence_case(self.title) if self.title else str(_("Công văn"))

    @property
    def display_name(self) -> str:
        """Its name in a list: "Quyết định về việc …", "Công văn v/v chuyển đơn"."""
        return name_with_subject(self, self.subject)


def name_with_subject(template: DocumentTemplate, subject: str) -> str:
    """The template's kind and a subject (the template's, or one filled in), as a list shows it."""
    return f"{template.kind_name} {subject.lower()}".strip()


def _sentence_case(text: str) -> str:
    text = text.lower()
    return text[:1].upper() + text[1:]


class Document(Tracked):
    """A document of a case: a draft, then an issued document with its number."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("Việc thi hành án"), on_delete=models.PROTECT, related_name="documents"
    )
    template = models.ForeignKey(
        DocumentTemplate, verbose_name=_("Mẫu"), on_delete=models.PROTECT, related_name="+"
    )
    series = models.CharField(_("Loại văn bản"), max_length=4, choices=Series.choices)
    status = models.CharField(
        _("Tình trạng"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    doc_date = models.DateField(_("Ngày văn bản"))
    year = models.PositiveSmallIntegerField(_("Năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("Số"), null=True, blank=True)
    number_display = models.CharField(_("Số, ký hiệu"), max_length=60, blank=True)
    act = models.JSONField(_("Nội dung của quyết định"), default=dict, blank=True)
    amount = models.BigIntegerField(_("Số tiền (đồng)"), null=True, blank=True)
    to_unit = models.ForeignKey(
        Unit,
        verbose_name=_("Đơn vị nhận ủy thác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer = models.ForeignKey(
        Staff,
        verbose_name=_("Người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("Ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event = models.OneToOneField(
        CaseEvent,
        verbose_name=_("Sự kiện của việc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document",
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("Thay thế văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    sent_to_procuracy_on = models.DateField(_("Ngày gửi Viện kiểm sát"), null=True, blank=True)

    class Meta:
        verbose_name = _("Văn bản")
        verbose_name_plural = _("Văn bản")
        ordering = ["-doc_date", "-number"]
        indexes = [models.Index(fields=["unit", "series", "year", "number"])]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "series", "year", "number"],
                condition=Q(number__isnull=False),
                name="document_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False, year__isnull=False),
                name="document_issued_has_number",
            ),
        ]
        # On PostgreSQL an issued document's content cannot change (only the procuracy date).
        triggers = [
            pgtrigger.Protect(
                name="document_issued_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status="issued")
                & (
                    pgtrigger.Q(old__act__df=pgtrigger.F("new__act"))
                    | pgtrigger.Q(old__number__df=pgtrigger.F("new__number"))
                    | pgtrigger.Q(old__doc_date__df=pgtrigger.F("new__doc_date"))
                    | pgtrigger.Q(old__status__df=pgtrigger.F("new__status"))
                ),
            ),
            pgtrigger.Protect(
                name="document_issued_kept",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="issued"),
            ),
        ]

    def __str__(self) -> str:
        return self.number_display or f"{self.template.kind_name} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT
