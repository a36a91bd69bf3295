"""Reusable pieces of the screens (Bootstrap 5), built in for every template:

* `{% page_header title back_url=… back_label=… %}subtitle{% endpage_header %}` — the page's
  h1, its subtitle (the body, may be empty) and an optional "← back" link above it;
* `{% table_box label %}<table>…</table>{% endtable_box %}` — a table that scrolls inside its
  own box on a narrow screen (never the page), reachable by keyboard (a labelled region);
* `{% form_errors form %}` — the form's non-field errors in an alert;
* `{% pagination page query %}` — previous / "Trang n/N" / next, keeping the other parameters;
* fields: `{{ field.as_field_group }}` or `{{ form }}` (label, widget, help, Vietnamese errors:
  thads.common.forms_ui).
"""

from __future__ import annotations

from django import template
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


class PageHeaderNode(template.Node):
    def __init__(self, title, kwargs, nodelist):
        self.title = title
        self.kwargs = kwargs
        self.nodelist = nodelist

    def render(self, context):
        values = {k: v.resolve(context) for k, v in self.kwargs.items()}
        return render_to_string(
            "web/_page_header.html",
            {
                "title": self.title.resolve(context),
                # Rendered by the template engine (already escaped): strip() would unmark it.
                "subtitle": mark_safe(self.nodelist.render(context).strip()),  # noqa: S308
                "back_url": values.get("back_url"),
                "back_label": values.get("back_label"),
                "testid": values.get("testid"),
            },
        )


@register.tag
def page_header(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("page_header needs a title")
    title = parser.compile_filter(bits[1])
    kwargs = token_kwargs(bits[2:], parser)
    nodelist = parser.parse(("endpage_header",))
    parser.delete_first_token()
    return PageHeaderNode(title, kwargs, nodelist)


class TableBoxNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        label = self.label.resolve(context) if self.label is not None else ""
        inner = self.nodelist.render(context)
        if label:
            return format_html(
                '<div class="table-responsive table-box" role="region" tabindex="0" '
                'aria-label="{}">{}</div>',
                label,
                inner,
            )
        return format_html('<div class="table-responsive table-box">{}</div>', inner)


@register.tag
def table_box(parser, token):
    bits = token.split_contents()
    label = parser.compile_filter(bits[1]) if len(bits) > 1 else None
    nodelist = parser.parse(("endtable_box",))
    parser.delete_first_token()
    return TableBoxNode(label, nodelist)


@register.inclusion_tag("web/_form_errors.html")
def form_errors(form):
    return {"errors": form.non_field_errors() if form is not None else []}


@register.inclusion_tag("web/_pagination.html")
def pagination(page, query=""):
    """`page` is a Django Page; `query` the other GET parameters (already url-encoded)."""
    return {"page": page, "query": query}
