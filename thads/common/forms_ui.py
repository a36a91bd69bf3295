"""How every Django form renders (settings.FORM_RENDERER): Bootstrap classes on the widgets,
a label on every control, help and Vietnamese errors linked to it (aria-describedby), and the
date widget typed and picked as dd/mm/yyyy whatever the browser's locale.

Views and templates keep writing `{{ form }}` or `{{ field.as_field_group }}`.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


def widget_class(widget: forms.Widget) -> str:
    """The Bootstrap class of a widget ("" for the ones styled as a group or hidden)."""
    if widget.is_hidden:
        return ""
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class ThadsBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = [widget.attrs.get("class", ""), attrs.get("class", ""), widget_class(widget)]
        if self.errors and not widget.is_hidden:
            classes.append("is-invalid")
        joined = " ".join(dict.fromkeys(c for c in " ".join(classes).split() if c))
        if joined:
            attrs["class"] = joined
        return attrs

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)


class ThadsFormRenderer(DjangoTemplates):
    form_template_name = "common/forms/div.html"
    field_template_name = "common/forms/field.html"
    bound_field_class = ThadsBoundField


class DateWidget(forms.DateInput):
    """A date typed or picked as dd/mm/yyyy (flatpickr with its Vietnamese locale, web/app.js),
    never the browser's own date input, which follows the browser's locale (mm/dd/yyyy)."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "data-datepicker": "",
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": "dd/mm/yyyy",
            "maxlength": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")
