"""Forms of the THAHC register: they parse; the rules are in oversight.services.thahc."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.cases.forms import date_field
from thads.org.models import Staff
from thads.oversight.models import JudgmentKind311, ObligedBody, Outcome
from thads.oversight.models.thahc import DocType, Instance
from thads.oversight.services.thahc import LETTER_KINDS, JudgmentInput


class JudgmentForm(forms.Form):
    court = forms.CharField(label=_("Tòa án"), max_length=255)
    number = forms.CharField(label=_("Số bản án, quyết định"), max_length=100)
    judgment_date = date_field(_("Ngày bản án, quyết định"))
    instance = forms.ChoiceField(label=_("Cấp xét xử"), choices=Instance.choices)
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), choices=DocType.choices)
    kind = forms.ChoiceField(
        label=_("Loại theo Điều 311 k1 Luật TTHC"), choices=JudgmentKind311.choices
    )
    received_on = date_field(_("Ngày nhận"))
    plaintiff = forms.CharField(label=_("Người khởi kiện, người được thi hành án"), max_length=255)
    obliged_name = forms.CharField(label=_("Người phải thi hành án"), max_length=255)
    obliged_body = forms.ChoiceField(
        label=_("Loại cơ quan phải thi hành"), choices=ObligedBody.choices
    )
    content = forms.CharField(
        label=_("Nội dung phải thi hành"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    has_content = forms.TypedChoiceField(
        label=_("Nội dung theo dõi"),
        choices=[
            ("1", _("Có nội dung phải theo dõi")),
            ("0", _("Không có nội dung phải theo dõi")),
        ],
        coerce=lambda v: v == "1",
        initial="1",
    )
    officer = forms.ModelChoiceField(
        label=_("Chấp hành viên theo dõi"), queryset=Staff.objects.none(), required=False
    )

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officers is not None:
            self.fields["officer"].queryset = officers

    def to_input(self) -> JudgmentInput:
        return JudgmentInput(**self.cleaned_data)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoticeForm(VersionForm):
    number = forms.CharField(label=_("Số văn bản thông báo"), max_length=60)
    on = date_field(_("Ngày thông báo"))
    delivered_on = date_field(_("Ngày tống đạt"), required=False)


class ReceiptForm(VersionForm):
    on = date_field(_("Ngày người phải thi hành nhận bản án, quyết định"))


class CourtOrderForm(VersionForm):
    number = forms.CharField(label=_("Số quyết định buộc thi hành"), max_length=60)
    on = date_field(_("Ngày quyết định"))


class LetterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[(k.value, k.label) for k in LETTER_KINDS],
    )
    on = date_field(_("Ngày"))
    recipient = forms.CharField(label=_("Nơi nhận, người làm việc"), max_length=255)
    number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    note = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class PublicationForm(VersionForm):
    on = date_field(_("Ngày công khai"))
    where = forms.CharField(label=_("Nơi công khai"), max_length=255)


class OutcomeForm(VersionForm):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=Outcome.choices)
    on = date_field(_("Ngày có kết quả"))
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ResumeForm(VersionForm):
    on = date_field(_("Ngày tiếp tục theo dõi"))
    note = forms.CharField(label=_("Lý do"), max_length=255)


class ReasonForm(VersionForm):
    reason = forms.CharField(
        label=_("Lý do chưa thi hành xong"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RegisterFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("dang_theo_doi", _("Đang theo dõi")),
            ("khong_theo_doi", _("Không có nội dung phải theo dõi")),
            ("co_ket_qua", _("Đã có kết quả")),
        ],
    )
    co_quan = forms.ChoiceField(
        label=_("Loại cơ quan phải thi hành"),
        required=False,
        choices=[("", _("Tất cả")), *ObligedBody.choices],
    )
    q = forms.CharField(label=_("Tìm số bản án, người phải thi hành"), required=False)
