"""The form renderer's select written in Python gives Django's own markup, byte for byte."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeString

from thads.common.forms_ui import SELECT_TEMPLATE, ThadsFormRenderer

CHOICES = [
    ("", "Tất cả"),
    ("a&b", 'Nguyễn "Văn" <A>'),
    (3, "Ba"),
    ("Nhóm", [("x", "Một"), ("y", "Hai")]),
]


def both(widget: forms.Widget, value, attrs=None) -> tuple[str, str]:
    ours = widget.render("chon", value, attrs=attrs, renderer=ThadsFormRenderer())
    django = widget.render("chon", value, attrs=attrs, renderer=DjangoTemplates())
    return ours, django


@pytest.mark.parametrize(
    ("widget", "value", "attrs"),
    [
        (forms.Select(choices=CHOICES), "", None),
        (forms.Select(choices=CHOICES), "a&b", {"id": "id_chon", "class": "form-select"}),
        (forms.Select(choices=CHOICES), 3, {"required": True, "disabled": False}),
        (forms.Select(choices=CHOICES), "y", {"data-x": '"q"'}),
        (forms.SelectMultiple(choices=CHOICES), ["x", "a&b"], {"id": "id_chon"}),
        (forms.NullBooleanSelect(), True, None),
        (forms.Select(choices=[]), None, None),
    ],
)
def test_select_markup_equals_djangos(widget, value, attrs):
    ours, django = both(widget, value, attrs)
    assert ours == django
    assert isinstance(ours, SafeString)


def test_the_python_select_is_the_one_used(monkeypatch):
    rendered = []
    original = DjangoTemplates.render

    def spy(self, template_name, context, request=None):
        rendered.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", spy)
    both(forms.Select(choices=CHOICES), "x")
    # Django's renderer read the select template; ours did not reach the template engine.
    assert rendered == [SELECT_TEMPLATE]


def test_a_custom_option_template_keeps_the_template():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    ours, django = both(Custom(choices=CHOICES), "x")
    assert ours == django and "<option" not in ours
