"""Django forms of the targets screens: giving the targets of the level below, the Excel upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from thads.common.errors import DomainError
from thads.common.numbers import parse_screen_decimal
from thads.common.uploads import UploadRefused, upload_bytes
from thads.targets.selectors import AssignLine
from thads.targets.services import FIELD_LABELS, UPLOAD_MAX_BYTES, TargetEntry

SIDES = {"case": "case_rate", "money": "money_rate"}


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

    def clean(self):
        """Rates typed on the screen are read strictly in its language ("82,50" on the
        Vietnamese screen): "1.000" is refused as ambiguous, never saved as 1,00 %. Every line's
        problem is listed; nothing is saved when there is one. The lines keep what was typed,
        so a refused form shows it again."""
        data = super().clean()
        self.parsed: dict[tuple[str, str], object] = {}
        problems = []
        for line in self.lines:
            typed = {side: (data.get(f"{line.prefix}-{side}") or "").strip() for side in SIDES}
            line.case_rate, line.money_rate = typed["case"], typed["money"]
            for side, field in SIDES.items():
                if not typed[side]:
                    continue
                try:
                    self.parsed[(line.prefix, side)] = parse_screen_decimal(
                        typed[side], str(FIELD_LABELS[field])
                    )
                except DomainError as exc:
                    problems.append(f"{line.name}: {exc.message}")
        if problems:
            raise forms.ValidationError(problems)
        return data

    def entries(self) -> list[TargetEntry]:
        """The lines given a value (a line left empty is left as it is), their rates read."""
        entries = []
        for line in self.lines:
            case_rate = self.parsed.get((line.prefix, "case"), "")
            money_rate = self.parsed.get((line.prefix, "money"), "")
            if case_rate != "" or money_rate != "":
                entries.append(
                    TargetEntry(line.name, case_rate, money_rate, unit=line.unit, staff=line.staff)
                )
        return entries


class UploadForm(forms.Form):
    tep = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))
    reason = forms.CharField(label=gettext_lazy("Lý do"), required=False, max_length=500)

    def clean_tep(self):
        """The file's bytes, bounded before they are read (`common.uploads`)."""
        upload = self.cleaned_data["tep"]
        try:
            self.content = upload_bytes(upload, UPLOAD_MAX_BYTES)
        except UploadRefused as exc:
            raise forms.ValidationError(exc.message) from exc
        return upload
