"""Forms of the ledger screens: they parse input only; the rules are in ledger.services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.cases.forms import MoneyField, date_field
from thads.ledger.models import HeldKind


def _text(label, *, required=True, max_length=255, rows=None):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget)


class _Versioned(forms.Form):
    """The case's version when the form was shown (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["version"].initial = case.version


class PaymentForm(_Versioned):
    amount = MoneyField(label=_("Số tiền (đồng)"))
    received_on = date_field(_("Ngày thu"))
    payer = _text(_("Người nộp tiền"))
    note = _text(_("Nội dung"), required=False, max_length=500)

    def __init__(self, *args, payer: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["payer"].initial = payer


class ReversalForm(_Versioned):
    on = date_field(_("Ngày hủy"))
    reason = _text(_("Lý do hủy"), max_length=500, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class PayoutForm(_Versioned):
    paid_on = date_field(_("Ngày chi trả"))
    total = MoneyField(
        label=_("Số tiền chi trả (đồng)"),
        required=False,
        help_text=_("Để trống để chi toàn bộ số tiền đã thu chưa chi trả."),
    )
    self_settled = forms.BooleanField(
        label=_("Đương sự tự thỏa thuận trước khi có quyết định cưỡng chế (phí bằng một phần ba)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()

    def clean_total(self):
        total = self.cleaned_data.get("total")
        if total == 0:
            raise forms.ValidationError(_("Số tiền chi trả phải lớn hơn 0."))
        return total


class HeldReceiveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=HeldKind.choices)
    amount = MoneyField(label=_("Số tiền (đồng)"))
    received_on = date_field(_("Ngày nhận"))
    source = _text(_("Nhận của"))
    case_code = _text(_("Mã việc thi hành án (nếu có)"), required=False, max_length=50)
    description = _text(_("Nội dung"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class HeldReleaseForm(forms.Form):
    released_on = date_field(_("Ngày xử lý"))
    reason = _text(_("Nội dung xử lý"), max_length=500, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["released_on"].initial = timezone.localdate()


# ---- the clerk's books -------------------------------------------------------------------------


class RegisterFilterForm(forms.Form):
    """Sổ biên lai: the year of the series (receipts are numbered per calendar year), a month."""

    nam = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100, required=False)
    thang = forms.TypedChoiceField(
        label=_("Tháng"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Cả năm"))] + [(m, str(m)) for m in range(1, 13)],
    )


class CashBookForm(forms.Form):
    """Sổ quỹ: from one day to another (dd/mm/yyyy)."""

    tu = date_field(_("Từ ngày"), required=False)
    den = date_field(_("Đến ngày"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("tu"), data.get("den")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        if start and end and (end - start).days > 366:
            raise forms.ValidationError(_("Sổ quỹ xem tối đa một năm mỗi lần."))
        return data
