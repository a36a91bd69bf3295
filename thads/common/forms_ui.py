"""How every Django form renders (settings.FORM_RENDERER): Bootstrap classes on the widgets,
a label on every control, help and Vietnamese errors linked to it (aria-describedby), and the
date widget typed and picked as dd/mm/yyyy whatever the browser's locale.

Views and templates keep writing `{{ form }}` or `{{ field.as_field_group }}`.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


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

    def render(self, template_name, context, request=None):
        # Django renders a select with one template include per option: a case list's filter
        # form spent ~3 of its ~5 ms there. The same markup is written here in Python.
        if template_name == SELECT_TEMPLATE and _plain_options(context["widget"]):
            return render_select(context["widget"])
        return super().render(template_name, context, request)


def _plain_options(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _group, options, _index in widget["optgroups"]
        for option in options
    )


def _attrs_html(attrs: dict) -> SafeString:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name."""
    return mark_safe(  # noqa: S308 - every piece escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def render_select(widget: dict) -> SafeString:
    """The markup of django/forms/widgets/select.html and select_option.html, byte for byte
    (tests/test_forms_ui.py compares both on the same widgets)."""
    parts = [format_html('<select name="{}"{}>', widget["name"], _attrs_html(widget["attrs"]))]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            parts.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',  # the option template's own newline
                    option["value"],
                    _attrs_html(option["attrs"]),
                    option["label"],
                )
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped by format_html


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
