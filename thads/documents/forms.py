"""Forms of the document screens: the draft (date and the act's fields, from `cases.acts`),
issuing, the procuracy date, the register's filters."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.cases import acts
from thads.cases.forms import MoneyField, act_form_field, date_field
from thads.cases.law import law_on
from thads.cases.models import EventType
from thads.cases.transitions import RULES
from thads.documents.models import Document, DocumentTemplate, Series


def needs_amount(template: DocumentTemplate) -> bool:
    rule = RULES.get(template.event_type) if template.event_type else None
    mentioned = any("event_amount_text" in text for _style, text, *_repeat in template.body)
    return bool(rule and rule.needs_amount) or mentioned


class DraftForm(forms.Form):
    """A draft's date, amount and act fields; mandatory fields are checked again at issue."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    doc_date = date_field(_("Ngày văn bản"))

    def __init__(self, *args, template: DocumentTemplate, to_units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.fields["doc_date"].initial = timezone.localdate()
        if needs_amount(template):
            self.fields["amount"] = MoneyField(label=_("Số tiền (đồng)"), required=False)
        law_version = law_on(timezone.localdate()).version
        self.act_keys = []
        fixed = template.act_defaults or {}
        for f in acts.act_fields(template.event_type):
            if f.key in fixed:
                continue
            field = act_form_field(f, law_version, template.event_type)
            field.required = False  # a draft may be incomplete; issuing requires them
            if isinstance(field, forms.ChoiceField) and field.choices[0][0] != "":
                field.choices = [("", "—"), *field.choices]
            self.fields[f.key] = field
            self.act_keys.append(f.key)
        if template.event_type == EventType.UY_THAC and to_units is not None:
            self.fields["to_unit"] = forms.ModelChoiceField(
                label=_("Cơ quan nhận ủy thác"),
                queryset=to_units,
                to_field_name="code",
                required=False,
            )
        self.fields["note"] = forms.CharField(
            label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.act_keys.append("note")

    def act(self) -> dict:
        return {
            key: self.cleaned_data[key]
            for key in self.act_keys
            if self.cleaned_data.get(key) not in (None, "")
        }

    @classmethod
    def initial_from(cls, document: Document) -> dict:
        initial = {"doc_date": document.doc_date, "version": document.version}
        initial.update(document.act)
        if document.amount is not None:
            initial["amount"] = document.amount
        if document.to_unit_id:
            initial["to_unit"] = document.to_unit.code
        return initial


class TemplateChoiceForm(forms.Form):
    template = forms.ChoiceField(label=_("Mẫu văn bản"))

    def __init__(self, *args, templates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            (t.code, f"{t.position}. {t.title.capitalize()} {t.subject.lower()}".strip())
            for t in templates
        ]


class IssueForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class SentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    sent_on = date_field(_("Ngày gửi Viện kiểm sát"))


class RegisterFilterForm(forms.Form):
    loai = forms.ChoiceField(
        label=_("Loại văn bản"), required=False, choices=[("", _("Tất cả")), *Series.choices]
    )
    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Số văn bản, mã việc, tên đương sự")}),
    )
