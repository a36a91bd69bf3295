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


class WithdrawForm(StepForm):
    decision_no = _text(_("Số quyết định đình chỉ giải quyết"))


class DecideForm(StepForm):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=[])
    decision_no = _text(_("Số quyết định, kết luận, văn bản trả lời"), required=True)
    measures = _text(_("Biện pháp xử lý"), max_length=4000, rows=2)

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o, MatterOutcome(o).label) for o in outcomes]


# A count of one reception session: far above any real session, far below the column's bounds,
# so a mistyped huge number is a form error, not a database refusal.
MAX_SESSION_COUNT = 100_000


def _count(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=MAX_SESSION_COUNT, initial=0)


class SessionForm(forms.Form):
    held_on = date_field(_("Ngày tiếp"))
    form = forms.ChoiceField(label=_("Hình thức"), choices=ReceptionForm.choices)
    place = _text(_("Địa điểm"))
    host = forms.ChoiceField(label=_("Người tiếp"), choices=[], required=False)
    by_leader = forms.BooleanField(label=_("Lãnh đạo tiếp"), required=False)
    visits = _count(_("Số lượt"))
    people = _count(_("Số người"))
    matters_old = _count(_("Số vụ việc cũ"))
    matters_new = _count(_("Số vụ việc mới phát sinh"))
    groups = _count(_("Số đoàn đông người"))
    group_people = _count(_("Số người trong đoàn đông người"))
    group_matters = _count(_("Số vụ việc của đoàn đông người"))
    about_khieu_nai = _count(_("Vụ việc khiếu nại"))
    about_to_cao = _count(_("Vụ việc tố cáo"))
    about_kien_nghi = _count(_("Vụ việc kiến nghị, phản ánh"))
    content = _text(_("Nội dung"), max_length=4000, rows=3)
    outcome = _text(_("Kết quả"), max_length=4000, rows=2)

    def __init__(self, *args, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["host"].choices = [("", "—"), *staff_choices]
