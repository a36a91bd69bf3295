"""Forms of the inspection screens (they parse; the rules are in services.inspections)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.cases.forms import MoneyField, date_field
from thads.org.models import Unit
from thads.oversight.models import InspectionKind, PlanItem, RecommendationKind, ViolationKind
from thads.oversight.services.inspections import InspectionInput


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2200)
    decision_no = forms.CharField(label=_("Số quyết định phê duyệt"), max_length=60)
    approved_on = date_field(_("Ngày phê duyệt"))


class PlanItemForm(forms.Form):
    target = UnitChoiceField(label=_("Đơn vị được kiểm tra"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[c for c in InspectionKind.choices if c[0] != InspectionKind.DOT_XUAT],
    )
    month = forms.IntegerField(label=_("Tháng dự kiến"), min_value=1, max_value=12)
    subject = forms.CharField(label=_("Nội dung"), max_length=300, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = units if units is not None else Unit.objects.none()


class TrimForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Cuộc kiểm tra"), queryset=PlanItem.objects.none())
    on = date_field(_("Ngày điều chỉnh"))
    reason = forms.CharField(label=_("Lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items if items is not None else PlanItem.objects.none()
        self.fields["item"].label_from_instance = lambda i: (
            f"{i.target.name} — {i.get_kind_display()} — {i.month:02d}"
        )


class InspectionForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị được kiểm tra"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=InspectionKind.choices)
    plan_item = forms.ModelChoiceField(
        label=_("Theo kế hoạch"), queryset=PlanItem.objects.none(), required=False
    )
    decision_no = forms.CharField(label=_("Số quyết định kiểm tra"), max_length=60)
    decision_on = date_field(_("Ngày quyết định"))
    team = forms.CharField(
        label=_("Đoàn kiểm tra (trưởng đoàn, thành viên)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    scope = forms.CharField(
        label=_("Nội dung, phạm vi kiểm tra"), widget=forms.Textarea(attrs={"rows": 2})
    )
    period_from = date_field(_("Thời kỳ kiểm tra từ ngày"))
    period_to = date_field(_("Đến ngày"))

    def __init__(self, *args, units=None, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["plan_item"].queryset = items if items is not None else PlanItem.objects.none()
        self.fields["plan_item"].label_from_instance = lambda i: (
            f"{i.target.name} — {i.get_kind_display()} — {i.month:02d}/{i.plan.year}"
        )

    def to_input(self) -> InspectionInput:
        data = dict(self.cleaned_data)
        data.pop("unit")
        return InspectionInput(**data)


class SurpriseForm(forms.Form):
    decision_no = forms.CharField(label=_("Số quyết định kiểm tra"), max_length=60)
    decision_on = date_field(_("Ngày quyết định"))
    team = forms.CharField(
        label=_("Đoàn kiểm tra (trưởng đoàn, thành viên)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FileForm(forms.Form):
    code = forms.CharField(label=_("Mã việc"), max_length=60)


class FindingForm(forms.Form):
    case = forms.ChoiceField(label=_("Việc thi hành án"), required=False)
    violation = forms.ChoiceField(label=_("Loại vi phạm"), choices=ViolationKind.choices)
    description = forms.CharField(
        label=_("Nội dung vi phạm"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", _("Công tác chung của đơn vị"))] + [
            (str(f.case_id), f.case.code) for f in files
        ]


class ConclusionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("Số kết luận"), max_length=60)
    on = date_field(_("Ngày kết luận"))
    text = forms.CharField(label=_("Nội dung kết luận"), widget=forms.Textarea(attrs={"rows": 3}))


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kiến nghị"), choices=RecommendationKind.choices)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    people = forms.IntegerField(
        label=_("Số người bị kiến nghị xử lý"), min_value=0, initial=0, required=False
    )
    amount = MoneyField(label=_("Số tiền kiến nghị thu hồi (đồng)"), required=False)
    due_on = date_field(_("Hạn thực hiện (để trống: theo quy tắc)"), required=False)


class FollowUpForm(forms.Form):
    recommendation = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(_("Ngày"))
    note = forms.CharField(label=_("Nội dung thực hiện"), widget=forms.Textarea(attrs={"rows": 2}))
    close = forms.BooleanField(label=_("Đã thực hiện xong kiến nghị"), required=False)
