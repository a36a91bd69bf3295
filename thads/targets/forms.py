"""Django forms of the targets screens: giving the targets of the level below, the Excel upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from thads.targets.selectors import AssignLine
from thads.targets.services import TargetEntry


class AssignForm(forms.Form):
    """One case-rate and one money-rate box per line (`<prefix>-case`, `<prefix>-money`), and
    the reason written to the change log."""

    reason = forms.CharField(required=False)

    def __init__(self, data=None, *, lines: list[AssignLine]):
        super().__init__(data)
        self.lines = lines
        for line in lines:
            self.fields[f"{line.prefix}-case"] = forms.CharField(required=False)
            self.fields[f"{line.prefix}-money"] = forms.CharField(required=False)

    def entries(self) -> list[TargetEntry]:
        """The lines given a value (a line left empty is left as it is). The lines keep what
        was typed, so a refused form shows it again."""
        entries = []
        for line in self.lines:
            case_rate = self.cleaned_data[f"{line.prefix}-case"]
            money_rate = self.cleaned_data[f"{line.prefix}-money"]
            line.case_rate, line.money_rate = case_rate, money_rate
            if case_rate or money_rate:
                entries.append(
                    TargetEntry(line.name, case_rate, money_rate, unit=line.unit, staff=line.staff)
                )
        return entries


class UploadForm(forms.Form):
    tep = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))
    reason = forms.CharField(label=gettext_lazy("Lý do"), required=False, max_length=500)
