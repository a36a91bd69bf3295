"""Forms of the complaint screens: they parse input only; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.cases.forms import date_field
from thads.complaints.models import (
    ComplaintKind,
    Handling,
    IneligibleReason,
    LetterChannel,
    LetterSubject,
    LimitationStage,
    MatterKind,
    SubjectRole,
)

YES_NO = [("1", _("Có")), ("0", _("Không"))]


def _text(label, *, required=False, max_length=255, rows=None):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget)


def _choice(label, choices, *, required=True):
    blank = [] if required else [("", "—")]
    return forms.ChoiceField(label=label, choices=blank + list(choices), required=required)


class LetterForm(forms.Form):
    received_on = date_field(_("Ngày nhận"))
    kind = _choice(_("Loại đơn (theo nội dung)"), ComplaintKind.choices)
    channel = _choice(_("Nguồn đơn"), LetterChannel.choices)
    forwarded_by = _text(_("Cơ quan chuyển đến"))
    summary = _text(_("Tóm tắt nội dung"), max_length=4000, rows=3)
    subject = _choice(_("Đơn về"), LetterSubject.choices)
    subject_detail = _text(_("Quyết định, hành vi hoặc người bị khiếu nại, tố cáo"))
    case_code = _text(_("Mã việc thi hành án liên quan"), max_length=60)
    duplicate_code = _text(_("Trùng với đơn số (nếu có)"), max_length=60)
    is_vuot_cap = forms.BooleanField(label=_("Đơn vượt cấp"), required=False)
    is_dong_nguoi = forms.BooleanField(label=_("Đơn đông người"), required=False)
    stage = _choice(
        _("Giai đoạn của quyết định, hành vi bị khiếu nại"),
        LimitationStage.choices,
        required=False,
    )
    decision_known_on = date_field(_("Ngày nhận được quyết định hoặc biết hành vi"), required=False)
    obstacle_days = forms.IntegerField(
        label=_("Số ngày trở ngại khách quan, bất khả kháng"),
        min_value=0,
        max_value=3650,
        initial=0,
    )
    obstacle_reason = _text(_("Lý do trở ngại"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = self.initial.get("received_on", timezone.localdate())


class SenderForm(forms.Form):
    name = _text(_("Họ và tên người gửi"))
    id_number = _text(_("Số định danh cá nhân"), max_length=20)
    address = _text(_("Địa chỉ"))
    phone = _text(_("Điện thoại"), max_length=30)
    is_representative = forms.BooleanField(label=_("Là người đại diện"), required=False)
    authorisation = _text(_("Giấy ủy quyền"))


SenderFormSet = forms.formset_factory(SenderForm, extra=3, max_num=20)


class HandlingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(_("Ngày xử lý"))
    competent = forms.TypedChoiceField(
        label=_("Thuộc thẩm quyền"), choices=YES_NO, coerce=lambda v: v == "1"
    )
    eligible = forms.TypedChoiceField(
        label=_("Đủ điều kiện thụ lý"), choices=YES_NO, coerce=lambda v: v == "1"
    )
    ineligible_reason = _choice(
        _("Lý do không đủ điều kiện"), IneligibleReason.choices, required=False
    )
    handling = _choice(_("Xử lý"), Handling.choices)
    sent_to = _text(_("Nơi chuyển đơn, hướng dẫn"))
    matter_kinds = forms.MultipleChoiceField(
        label=_("Nội dung được thụ lý (mỗi nội dung một vụ việc)"),
        choices=MatterKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    instance = forms.TypedChoiceField(
        label=_("Lần giải quyết khiếu nại"),
        choices=[("1", _("Lần đầu")), ("2", _("Lần hai"))],
        coerce=int,
        initial="1",
    )
    subject_role = _choice(_("Người bị khiếu nại, tố cáo là"), SubjectRole.choices)
    subject_staff = forms.ChoiceField(
        label=_("Người bị khiếu nại, tố cáo"), required=False, choices=[]
    )

    def __init__(self, *args, letter=None, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.fields["subject_staff"].choices = [("", "—"), *staff_choices]
        if letter is not None:
            self.fields["version"].initial = letter.version
            if letter.kind in MatterKind.values:
                self.fields["matter_kinds"].initial = [letter.kind]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tệp quét (PDF, JPEG, PNG)"), allow_empty_file=True)
