from django import forms
from django.utils.translation import gettext_lazy as _

from thads.org.models import Staff


class StaffForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    title = forms.ChoiceField(label=_("Chức danh"), choices=Staff.Title.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)
