"""thads.common.speedups gives Django's own answers, only sooner."""

from __future__ import annotations

from functools import partialmethod

from django.apps import apps
from django.db import connection, models
from django.db.models.expressions import Col
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import override

from thads.cases.models import Case, CaseEvent, CaseState
from thads.common.speedups import _django_identity, col_identity, get_field_display


def django_display(instance: models.Model, field: models.Field):
    """Django 5.2's `Model._get_FIELD_display`, as it is before `install()` replaces it."""
    value = getattr(instance, field.attname)
    choices_dict = dict(make_hashable(field.flatchoices))
    return force_str(choices_dict.get(make_hashable(value), value), strings_only=True)


def test_every_choice_of_every_model_reads_the_same_in_both_languages():
    fields = [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.choices and not field.is_relation
    ]
    assert len(fields) > 40
    checked = 0
    for language in ("vi", "en"):
        with override(language):
            for model, field in fields:
                values = [value for value, _label in field.flatchoices] + ["khong-co", None]
                for value in values:
                    instance = model()
                    setattr(instance, field.attname, value)
                    assert get_field_display(instance, field) == django_display(instance, field)
                    checked += 1
    assert checked > 400


def test_every_models_display_methods_use_it():
    """Field.contribute_to_class bound each `get_<field>_display` to Django's function before
    install() ran: every one of them now reads the built map."""
    methods = [
        method
        for model in apps.get_models()
        for name, method in vars(model).items()
        if isinstance(method, partialmethod) and name.endswith("_display")
    ]
    assert len(methods) > 40
    assert all(method.func is get_field_display for method in methods)
    assert models.Model._get_FIELD_display is get_field_display


def test_the_model_method_uses_it_and_labels_follow_the_language():
    case = Case(state=CaseState.DANG_THI_HANH)
    with override("vi"):
        vietnamese = case.get_state_display()
    with override("en"):
        english = case.get_state_display()
    assert vietnamese == "Đang thi hành"
    assert english != vietnamese  # a lazy label in the map, translated at each call
    case.state = "khong-co"  # a value outside the choices shows as itself, as in Django
    assert case.get_state_display() == "khong-co"


def _cols_as_constructed():
    """Columns built every way the ORM builds them: positional, keyword, an output field."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            yield Col("T1", field)
            yield Col(None, field)
            yield Col("T1", field, field)
            yield Col("T2", field, output_field=models.IntegerField())
            yield Col(alias="T3", target=field)


def test_a_column_identity_is_djangos_for_every_column_of_every_model():
    cols = list(_cols_as_constructed())
    assert len(cols) > 2000
    for col in cols:
        assert col_identity(col) == _django_identity(col)
        assert col.identity == _django_identity(col)  # what install() put in place
    a, b = Col("T1", Case._meta.get_field("code")), Col("T1", Case._meta.get_field("code"))
    assert a == b and hash(a) == hash(b)
    assert Col("T1", Case._meta.get_field("code")) != Col("T2", Case._meta.get_field("code"))
    assert Col("T1", Case._meta.get_field("code")) != Col("T1", Case._meta.get_field("state"))


def test_the_queries_of_a_page_compile_to_the_same_sql_and_columns():
    """The selected columns of real queries (joins, ordering, relabelled aliases): each one's
    identity as Django computes it, and the SQL unchanged."""
    querysets = [
        Case.objects.select_related("unit", "officer", "judgment").order_by("-accepted_on"),
        CaseEvent.objects.filter(case__unit__code="X").select_related("case").order_by("seq"),
        Case.objects.filter(pk__in=Case.objects.values("pk")).order_by("code"),
    ]
    for queryset in querysets:
        compiler = queryset.query.get_compiler(connection=connection)
        sql, _params = compiler.as_sql()
        assert "ORDER BY" in sql
        cols = [expr for expr, _sql, _alias in compiler.select if isinstance(expr, Col)]
        assert cols
        for col in cols:
            assert col.identity == _django_identity(col)
