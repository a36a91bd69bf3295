"""The money ledger of a case: receipts, payouts, enforcement fees and money held temporarily.

Every entry is append-only: the model refuses `save()` of an existing row and `delete()`, and
the database refuses UPDATE and DELETE (pgtrigger on PostgreSQL, plain triggers on SQLite, see
migration 0002). A mistake is corrected by a reversing entry: a reversing receipt (`reverses`),
whose case event voids the original `thu_tien` event (`CaseEvent.corrects`), or a release entry
for held money. The only mutable row is `ReceiptCounter`, the gap-free number sequence.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case, CaseEvent, Obligation, Party
from thads.common.models import AppendOnly as BaseAppendOnly
from thads.common.models import append_only_trigger
from thads.common.money import amount_in_words
from thads.org.models import Unit


class AppendOnly(BaseAppendOnly):
    """Ledger entries: corrections are reversing entries."""

    append_only_message = "is append-only: record a reversing entry instead."

    class Meta:
        abstract = True


class ReceiptCounter(models.Model):
    """The last receipt number used by a unit in a year; locked while a receipt is numbered.

    Incremented in the same transaction as the receipt, so a rolled-back receipt gives its
    number back and the numbers have no gaps.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Bộ đếm số biên lai")
        verbose_name_plural = _("Bộ đếm số biên lai")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="receipt_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


@pghistory.track(model_name="ReceiptHistory")
class Receipt(AppendOnly):
    """Biên lai thu tiền thi hành án: money collected on a case (Luật THADS 2008, Điều 47).

    A reversing receipt (`reverses` set) cancels an earlier one: its event is the `huy_su_kien`
    event that voids the original `thu_tien` event; its amount is the original's, shown as a
    deduction.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị thu"), on_delete=models.PROTECT, related_name="receipts"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    seq = models.PositiveIntegerField(_("Số thứ tự"))
    number = models.CharField(_("Số biên lai"), max_length=30)
    case = models.ForeignKey(
        Case, verbose_name=_("Việc thi hành án"), on_delete=models.PROTECT, related_name="receipts"
    )
    amount = models.BigIntegerField(_("Số tiền (đồng)"))
    received_on = models.DateField(_("Ngày thu"), db_index=True)
    payer = models.CharField(_("Người nộp tiền"), max_length=255)
    note = models.CharField(_("Nội dung"), max_length=500, blank=True)
    event = models.OneToOneField(
        CaseEvent,
        verbose_name=_("Sự kiện của việc"),
        on_delete=models.PROTECT,
        related_name="receipt",
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("Hủy biên lai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    reason = models.CharField(_("Lý do hủy"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Biên lai thu tiền")
        verbose_name_plural = _("Biên lai thu tiền")
        ordering = ["unit", "year", "seq"]
        triggers = [append_only_trigger("receipt_append_only")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "seq"], name="receipt_unique_seq"),
            models.UniqueConstraint(fields=["unit", "number"], name="receipt_unique_number"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_positive"),
            models.CheckConstraint(condition=Q(seq__gt=0), name="receipt_seq_positive"),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reason=""),
                name="receipt_reversal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def signed_amount(self) -> int:
        """The effect on the money collected: negative for a reversing receipt."""
        return -self.amount if self.is_reversal else self.amount

    @property
    def amount_words(self) -> str:
        return amount_in_words(self.amount)


def receipt_number(year: int, seq: int) -> str:
    """BL-2026/000123."""
    return f"BL-{year}/{seq:06d}"


@pghistory.track(model_name="PayoutHistory")
class Payout(AppendOnly):
    """Chi trả: collected money paid to the payee of one obligation (Luật THADS 2008, Điều 47).

    `amount` is the gross amount applied to the obligation; the enforcement fee (`Fee`) is
    deducted from it when paid to a creditor, so the payee receives `amount − fee`.
    """

    case = models.ForeignKey(
        Case, verbose_name=_("Việc thi hành án"), on_delete=models.PROTECT, related_name="payouts"
    )
    obligation = models.ForeignKey(
        Obligation,
        verbose_name=_("Nghĩa vụ thi hành"),
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    payee = models.ForeignKey(
        Party,
        verbose_name=_("Người nhận tiền"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payouts",
    )
    amount = models.BigIntegerField(_("Số tiền chi trả (đồng)"))
    paid_on = models.DateField(_("Ngày chi trả"), db_index=True)
    event = models.OneToOneField(
        CaseEvent,
        verbose_name=_("Sự kiện của việc"),
        on_delete=models.PROTECT,
        related_name="payout",
    )
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Khoản chi trả")
        verbose_name_plural = _("Khoản chi trả")
        ordering = ["case", "paid_on", "id"]
        triggers = [append_only_trigger("payout_append_only")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.case} — {self.obligation} — {self.amount}"

    @property
    def is_reversed(self) -> bool:
        return hasattr(self, "reversal")

    @property
    def net_amount(self) -> int:
        fee = getattr(self, "fee", None)
        return self.amount - (fee.amount if fee else 0)


@pghistory.track(model_name="PayoutReversalHistory")
class PayoutReversal(AppendOnly):
    """Hủy khoản chi trả ghi sai: its `huy_su_kien` event voids the payout's `chi_tra` event.

    The payout row stays; it and its fee no longer count once reversed.
    """

    payout = models.OneToOneField(
        Payout, verbose_name=_("Khoản chi trả"), on_delete=models.PROTECT, related_name="reversal"
    )
    event = models.OneToOneField(
        CaseEvent,
        verbose_name=_("Sự kiện của việc"),
        on_delete=models.PROTECT,
        related_name="payout_reversal",
    )
    reversed_on = models.DateField(_("Ngày hủy"))
    reason = models.CharField(_("Lý do hủy"), max_length=500)
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Hủy khoản chi trả")
        verbose_name_plural = _("Hủy khoản chi trả")
        triggers = [append_only_trigger("payout_reversal_append_only")]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="payout_reversal_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.payout} ↺ {self.reversed_on:%d/%m/%Y}"


@pghistory.track(model_name="FeeScheduleHistory")
class FeeSchedule(models.Model):
    """Biểu phí thi hành án dân sự in force from `valid_from` (TT 216/2016/TT-BTC, Điều 4).

    `tiers` are marginal bands over the amount a creditor actually receives in a case:
    `[{"up_to": 5000000000, "rate": "0.03"}, ..., {"up_to": null, "rate": "0.0001"}]`; the fee of
    an amount is the sum over the bands of rate × the part of the amount inside the band. An
    amount not above `exempt_up_to` (2 × lương cơ sở) pays no fee. Classes of obligations listed
    in `exempt_priorities` pay no fee. A change is a new row with a later `valid_from`.
    """

    valid_from = models.DateField(_("Áp dụng từ ngày"), unique=True)
    legal_basis = models.CharField(_("Căn cứ"), max_length=255)
    tiers = models.JSONField(_("Các bậc phí"))
    exempt_up_to = models.BigIntegerField(_("Không thu phí khi số tiền không quá (đồng)"))
    exempt_priorities = models.JSONField(_("Nhóm nghĩa vụ được miễn phí"), default=list, blank=True)
    reduced_numerator = models.PositiveSmallIntegerField(_("Tử số mức phí giảm"), default=1)
    reduced_denominator = models.PositiveSmallIntegerField(_("Mẫu số mức phí giảm"), default=3)
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Biểu phí thi hành án")
        verbose_name_plural = _("Biểu phí thi hành án")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt_up_to__gte=0), name="fee_schedule_exempt_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(reduced_denominator__gt=0)
                & Q(reduced_numerator__lte=models.F("reduced_denominator")),
                name="fee_schedule_reduced_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legal_basis} (từ {self.valid_from:%d/%m/%Y})"


@pghistory.track(model_name="FeeHistory")
class Fee(AppendOnly):
    """Phí thi hành án dân sự due on one payout to a creditor of a theo đơn case.

    `amount` = fee(received after) − fee(received before) on the schedule, rounded half up to
    the đồng; × 1/3 (rounded half up) when the parties settled before any coercion decision
    (TT 216/2016/TT-BTC, Điều 4 k4). The inputs are stored, so a later schedule change never
    alters a recorded fee.
    """

    payout = models.OneToOneField(
        Payout, verbose_name=_("Khoản chi trả"), on_delete=models.PROTECT, related_name="fee"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("Việc thi hành án"), on_delete=models.PROTECT, related_name="fees"
    )
    schedule_valid_from = models.DateField(_("Biểu phí áp dụng từ"))
    legal_basis = models.CharField(_("Căn cứ"), max_length=255)
    received_before = models.BigIntegerField(_("Đã nhận trước khoản này (đồng)"))
    base = models.BigIntegerField(_("Số tiền tính phí (đồng)"))
    full_amount = models.BigIntegerField(_("Phí theo mức thường (đồng)"))
    is_reduced = models.BooleanField(_("Giảm còn 1/3 (đương sự tự thỏa thuận)"), default=False)
    amount = models.BigIntegerField(_("Phí phải nộp (đồng)"))
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Phí thi hành án")
        verbose_name_plural = _("Phí thi hành án")
        ordering = ["case", "id"]
        triggers = [append_only_trigger("fee_append_only")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_amount_non_negative"),
            models.CheckConstraint(
                condition=Q(full_amount__gte=models.F("amount")), name="fee_not_above_full"
            ),
            models.CheckConstraint(condition=Q(base__gt=0), name="fee_base_positive"),
            models.CheckConstraint(
                condition=Q(received_before__gte=0), name="fee_received_before_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} — {self.amount}"


class HeldKind(models.TextChoices):
    TAM_THU = "tam_thu", _("Tạm thu")
    TAM_GIU = "tam_giu", _("Tạm giữ")


@pghistory.track(model_name="HeldMoneyHistory")
class HeldMoney(AppendOnly):
    """Tiền tạm thu, tạm giữ held by a unit, with or without a case, until released."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị giữ tiền"), on_delete=models.PROTECT, related_name="held_money"
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("Việc thi hành án"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="held_money",
    )
    kind = models.CharField(_("Loại"), max_length=10, choices=HeldKind.choices)
    amount = models.BigIntegerField(_("Số tiền (đồng)"))
    received_on = models.DateField(_("Ngày nhận"), db_index=True)
    source = models.CharField(_("Nhận của"), max_length=255)
    description = models.CharField(_("Nội dung"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Tiền tạm thu, tạm giữ")
        verbose_name_plural = _("Tiền tạm thu, tạm giữ")
        ordering = ["unit", "received_on", "id"]
        triggers = [append_only_trigger("held_money_append_only")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="held_money_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=HeldKind.values), name="held_money_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.received_on:%d/%m/%Y})"

    def released_on(self) -> dt.date | None:
        release = getattr(self, "release", None)
        return release.released_on if release else None

    def is_held_on(self, day: dt.date) -> bool:
        released = self.released_on()
        return self.received_on <= day and (released is None or released > day)

    def age_days(self, as_of: dt.date) -> int:
        """Days held as of `as_of` (up to the release when released earlier)."""
        released = self.released_on()
        end = min(as_of, released) if released else as_of
        return max((end - self.received_on).days, 0)


@pghistory.track(model_name="HeldMoneyReleaseHistory")
class HeldMoneyRelease(AppendOnly):
    """Giải tỏa, xử lý tiền tạm thu, tạm giữ: the later entry that ends the holding."""

    held = models.OneToOneField(
        HeldMoney, verbose_name=_("Khoản tạm giữ"), on_delete=models.PROTECT, related_name="release"
    )
    released_on = models.DateField(_("Ngày xử lý"))
    reason = models.CharField(_("Nội dung xử lý"), max_length=500)
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Xử lý tiền tạm thu, tạm giữ")
        verbose_name_plural = _("Xử lý tiền tạm thu, tạm giữ")
        triggers = [append_only_trigger("held_money_release_append_only")]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="held_release_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.held} → {self.released_on:%d/%m/%Y}"
