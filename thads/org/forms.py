from django import forms
from django.utils.translation import gettext_lazy as _

from thads.org.models import Role, Staff, Unit


class StaffForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    title = forms.ChoiceField(label=_("Chức danh"), choices=Staff.Title.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


# ---- administration (org.accounts) -------------------------------------------------------------


def _date_field(label):
    from thads.common.forms_ui import DateWidget

    return forms.DateField(label=label, input_formats=["%d/%m/%Y", "%Y-%m-%d"], widget=DateWidget())


class AccountCreateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    code = forms.CharField(label=_("Mã cán bộ"), max_length=40)
    title = forms.ChoiceField(label=_("Chức danh"), choices=Staff.Title.choices)
    unit = forms.ModelChoiceField(label=_("Đơn vị công tác"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    is_head = forms.BooleanField(label=_("Là thủ trưởng đơn vị"), required=False)
    valid_from = _date_field(_("Từ ngày"))
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[a-z0-9._-]+$",
        error_messages={"invalid": _("Chỉ dùng chữ thường không dấu, số, dấu chấm, gạch.")},
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=500)


class PostingForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị công tác"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    is_head = forms.BooleanField(label=_("Là thủ trưởng đơn vị"), required=False)
    valid_from = _date_field(_("Từ ngày"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
