from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.cases.forms import date_field
from thads.oversight.models import AnswerResult, ProcuracyActKind
from thads.oversight.models.procuracy import ProcuracyLevel
from thads.oversight.services.procuracy import ActInput


class ActForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=ProcuracyActKind.choices)
    level = forms.ChoiceField(label=_("Cấp Viện kiểm sát"), choices=ProcuracyLevel.choices)
    procuracy = forms.CharField(label=_("Viện kiểm sát"), max_length=255)
    number = forms.CharField(label=_("Số văn bản"), max_length=60)
    act_on = date_field(_("Ngày văn bản"))
    received_on = date_field(_("Ngày nhận"))
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    decisions = forms.CharField(
        label=_("Quyết định, hành vi bị kiểm sát"), max_length=500, required=False
    )
    decision_received_on = date_field(_("Ngày Viện kiểm sát nhận quyết định"), required=False)
    case_codes = forms.CharField(
        label=_("Mã các việc liên quan (cách nhau bởi dấu phẩy)"), required=False
    )

    def to_input(self) -> ActInput:
        data = dict(self.cleaned_data)
        data.pop("case_codes")
        return ActInput(**data)

    def codes(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["case_codes"].split(",") if c.strip()]


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("Số văn bản trả lời"), max_length=60)
    on = date_field(_("Ngày trả lời"))
    result = forms.ChoiceField(label=_("Kết quả trả lời"), choices=AnswerResult.choices)
    reasons = forms.CharField(
        label=_("Lý do, giải trình"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    measures = forms.CharField(
        label=_("Biện pháp đã thực hiện"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
