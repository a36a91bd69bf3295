"""Two of Django 5.2's per-call costs, paid once instead (CommonConfig.ready installs them).

Found with `bench.load_pages --profile` on the officer pages; each replacement gives Django's
own answer (tests/test_speedups.py compares them over every model field and every column):

- `get_<field>_display()`: Django builds a dict of all the field's choices at each call, and
  hashing each lazy label translates it — a list of 25 cases with their state costs ~300
  gettext calls, ~1/9 of the page's CPU. The map is built once per field here; its labels stay
  lazy, so the answer is still in the request's language.
- `Col.identity`: a query with an ORDER BY hashes every selected column, and each column's
  identity binds its constructor's arguments with `inspect.signature` — ~650 binds for the case
  page's 16 queries, ~1/8 of its CPU. A column's arguments are known: read them directly.
"""

from __future__ import annotations

from functools import partialmethod
from typing import Any

from django.db import models
from django.db.models.expressions import Col
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable

_LABELS = "_thads_choice_labels"
_COL_ARGUMENTS = ("alias", "target", "output_field")


def choice_labels(field: models.Field) -> dict[Any, Any]:
    """The field's {value: lazy label}, built once; callable choices are asked each time."""
    if isinstance(field.choices, CallableChoiceIterator):
        return {make_hashable(value): label for value, label in field.flatchoices}
    labels = field.__dict__.get(_LABELS)
    if labels is None:
        labels = {make_hashable(value): label for value, label in field.flatchoices}
        field.__dict__[_LABELS] = labels
    return labels


def get_field_display(instance: models.Model, field: models.Field) -> Any:
    """Django's `Model._get_FIELD_display`, the same answer, from the field's built map."""
    value = getattr(instance, field.attname)
    return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)


def col_identity(col: Col) -> tuple:
    """Django's `Expression.identity` of a column, without `inspect.signature`: the class, then
    each argument of `Col(alias, target, output_field=None)` as given to the constructor."""
    if type(col).__init__ is not Col.__init__:  # a subclass with its own arguments
        return _django_identity(col)
    args, kwargs = col._constructor_args
    given = dict(zip(_COL_ARGUMENTS, args, strict=False))  # fewer args than names
    given.update(kwargs)
    if len(given) != len(args) + len(kwargs) or not given.keys() <= set(_COL_ARGUMENTS):
        return _django_identity(col)
    return (col.__class__,) + tuple(
        (name, Col._identity(given.get(name))) for name in _COL_ARGUMENTS
    )


_django_identity = Col.identity.func


def install() -> None:
    """Put both in place of Django's (once, at start-up, when every model is loaded)."""
    from django.apps import apps

    django_display = models.Model._get_FIELD_display
    models.Model._get_FIELD_display = get_field_display
    # Each model already holds `partialmethod(Model._get_FIELD_display, field=…)` per field
    # with choices (Field.contribute_to_class): point those at the map too.
    for model in apps.get_models():
        for name, method in list(vars(model).items()):
            if isinstance(method, partialmethod) and method.func is django_display:
                setattr(
                    model, name, partialmethod(get_field_display, *method.args, **method.keywords)
                )
    identity = cached_property(col_identity)
    identity.__set_name__(Col, "identity")
    Col.identity = identity
