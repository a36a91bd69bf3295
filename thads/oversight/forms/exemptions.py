from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.cases.forms import MoneyField, date_field
from thads.oversight.models import ExemptionResult


class DossierForm(forms.Form):
    code = forms.CharField(label=_("Mã việc"), max_length=60)
    eligible_on = date_field(_("Ngày đủ điều kiện xét"))
    amount_requested = MoneyField(label=_("Số tiền đề nghị miễn, giảm (đồng)"))


class DossierUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    sent_on = date_field(_("Ngày gửi hồ sơ đến Tòa án"), required=False)
    court_accepted_on = date_field(_("Ngày Tòa án thụ lý"), required=False)
    decided_on = date_field(_("Ngày Tòa án quyết định"), required=False)
    decision_no = forms.CharField(
        label=_("Số quyết định của Tòa án"), max_length=60, required=False
    )
    result = forms.ChoiceField(
        label=_("Kết quả"), choices=[("", "—"), *ExemptionResult.choices], required=False
    )
