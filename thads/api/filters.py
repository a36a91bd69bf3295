"""Filters of the lists (django-filter): the same criteria as the case list screen."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case, CaseMode, CaseState
from thads.cases.search import search_cases
from thads.org.models import Staff, Unit


class UnitFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Unit.Level.choices)
    parent = django_filters.CharFilter(field_name="parent__code", label=_("Mã đơn vị cấp trên"))
    in_force = django_filters.BooleanFilter(
        field_name="valid_to", lookup_expr="isnull", label=_("Đang hoạt động")
    )

    class Meta:
        model = Unit
        fields = ["level", "parent", "in_force"]


class StaffFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(
        field_name="memberships__unit__code", label=_("Mã đơn vị công tác"), distinct=True
    )
    title = django_filters.ChoiceFilter(choices=Staff.Title.choices)

    class Meta:
        model = Staff
        fields = ["unit", "title"]


class CaseFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Mã đơn vị thụ lý"))
    officer = django_filters.CharFilter(field_name="officer__code", label=_("Mã Chấp hành viên"))
    state = django_filters.ChoiceFilter(choices=CaseState.choices)
    mode = django_filters.ChoiceFilter(choices=CaseMode.choices)
    accepted_from = django_filters.DateFilter(field_name="accepted_on", lookup_expr="gte")
    accepted_to = django_filters.DateFilter(field_name="accepted_on", lookup_expr="lte")
    amount_min = django_filters.NumberFilter(field_name="amount", lookup_expr="gte")
    amount_max = django_filters.NumberFilter(field_name="amount", lookup_expr="lte")
    is_state_budget = django_filters.BooleanFilter()
    q = django_filters.CharFilter(
        method="search", label=_("Tìm theo tên đương sự (không dấu), số CCCD, mã việc, số QĐ")
    )

    class Meta:
        model = Case
        fields = ["unit", "officer", "state", "mode", "accepted_from", "accepted_to",
                  "amount_min", "amount_max", "is_state_budget", "q"]  # fmt: skip

    def search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return search_cases(queryset, value)
