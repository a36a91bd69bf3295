from django import forms
from django.utils.translation import gettext_lazy as _


class DebtorSearchForm(forms.Form):
    q = forms.CharField(label=_("Họ tên người phải thi hành án"), required=False, max_length=100)
    don_vi = forms.ChoiceField(label=_("Cơ quan thi hành án"), required=False)

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = [("", _("Tất cả")), *provinces]


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Mã việc thi hành án"), max_length=60)
    id_number = forms.CharField(
        label=_("Số CCCD / giấy tờ của đương sự"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
