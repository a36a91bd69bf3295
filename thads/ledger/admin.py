"""Admin: ledger entries are read-only (written by the services); the fee schedule is data."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thads.ledger.fees import tiers_from_json
from thads.ledger.models import (
    Fee,
    FeeSchedule,
    HeldMoney,
    HeldMoneyRelease,
    Payout,
    PayoutReversal,
    Receipt,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Append-only rows: no add, change or delete from the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ("number", "unit", "case", "amount", "received_on", "payer", "reverses")
    list_filter = ("year",)
    search_fields = ("number", "case__code", "payer")


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ("case", "obligation", "payee", "amount", "paid_on")
    search_fields = ("case__code",)


@admin.register(PayoutReversal)
class PayoutReversalAdmin(ReadOnlyAdmin):
    list_display = ("payout", "reversed_on", "reason")


@admin.register(Fee)
class FeeAdmin(ReadOnlyAdmin):
    list_display = ("case", "payout", "base", "full_amount", "is_reduced", "amount")
    search_fields = ("case__code",)


@admin.register(HeldMoney)
class HeldMoneyAdmin(ReadOnlyAdmin):
    list_display = ("unit", "kind", "amount", "received_on", "source", "case")
    list_filter = ("kind",)
    search_fields = ("source", "case__code")


@admin.register(HeldMoneyRelease)
class HeldMoneyReleaseAdmin(ReadOnlyAdmin):
    list_display = ("held", "released_on", "reason")


class FeeScheduleForm(admin.ModelAdmin.form):
    def clean_tiers(self):
        tiers = self.cleaned_data["tiers"]
        try:
            tiers_from_json(tiers or [])
        except (ValueError, KeyError, TypeError, ArithmeticError):
            raise ValidationError(
                _(
                    "Các bậc phí không hợp lệ: mỗi bậc có “up_to” (đồng, tăng dần; bậc cuối để "
                    "trống) và “rate” (từ 0 đến 1)."
                )
            ) from None
        if not tiers:
            raise ValidationError(_("Phải có ít nhất một bậc phí."))
        return tiers


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin):
    """A change of schedule is a new row with a later date; recorded fees keep their inputs."""

    form = FeeScheduleForm
    list_display = ("valid_from", "legal_basis", "exempt_up_to")

    def has_delete_permission(self, request, obj=None):
        return False
