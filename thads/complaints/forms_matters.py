"""Forms of the matter steps (one per action) and of reception sessions."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.cases.forms import date_field
from thads.complaints.models import MatterOutcome, ReceptionForm


def _text(label, *, required=False, max_length=255, rows=None):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget)


class StepForm(forms.Form):
    """Every step: its day and a note; some add fields below."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(_("Ngày"))
    note = _text(_("Nội dung"), max_length=4000, rows=3)

    def __init__(self, *args, matter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        if matter is not None:
            self.fields["version"].initial = matter.version


class VerifierForm(StepForm):
    verifier = forms.ChoiceField(label=_("Người được giao xác minh"), choices=[])

    def __init__(self, *args, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verifier"].choices = [("", "—"), *staff_choices]


class ExtendForm(StepForm):
    until = date_field(_("Gia hạn đến ngày"))


class DecideForm(StepForm):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=[])
    decision_no = _text(_("Số quyết định, kết luận, văn bản trả lời"), required=True)
    measures = _text(_("Biện pháp xử lý"), max_length=4000, rows=2)

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o, MatterOutcome(o).label) for o in outcomes]


class SessionForm(forms.Form):
    held_on = date_field(_("Ngày tiếp"))
    form = forms.ChoiceField(label=_("Hình thức"), choices=ReceptionForm.choices)
    place = _text(_("Địa điểm"))
    host = forms.ChoiceField(label=_("Người tiếp"), choices=[], required=False)
    by_leader = forms.BooleanField(label=_("Lãnh đạo tiếp"), required=False)
    visits = forms.IntegerField(label=_("Số lượt"), min_value=0, initial=0)
    people = forms.IntegerField(label=_("Số người"), min_value=0, initial=0)
    matters_old = forms.IntegerField(label=_("Số vụ việc cũ"), min_value=0, initial=0)
    matters_new = forms.IntegerField(label=_("Số vụ việc mới phát sinh"), min_value=0, initial=0)
    groups = forms.IntegerField(label=_("Số đoàn đông người"), min_value=0, initial=0)
    group_people = forms.IntegerField(
        label=_("Số người trong đoàn đông người"), min_value=0, initial=0
    )
    group_matters = forms.IntegerField(
        label=_("Số vụ việc của đoàn đông người"), min_value=0, initial=0
    )
    about_khieu_nai = forms.IntegerField(label=_("Vụ việc khiếu nại"), min_value=0, initial=0)
    about_to_cao = forms.IntegerField(label=_("Vụ việc tố cáo"), min_value=0, initial=0)
    about_kien_nghi = forms.IntegerField(
        label=_("Vụ việc kiến nghị, phản ánh"), min_value=0, initial=0
    )
    content = _text(_("Nội dung"), max_length=4000, rows=3)
    outcome = _text(_("Kết quả"), max_length=4000, rows=2)

    def __init__(self, *args, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["host"].choices = [("", "—"), *staff_choices]
