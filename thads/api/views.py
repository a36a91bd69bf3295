"""The API's read endpoints for the organisation and the cases.

Thin: every queryset comes from the apps' selectors, scoped by `request.access` (what the
token's user sees in the UI); an object outside the scope answers 404 like the screens.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from thads.api import filters, serializers
from thads.org.models import Staff, Unit
from thads.org.selectors import staff_visible, units_visible


@extend_schema_view(
    list=extend_schema(summary="Danh sách đơn vị trong phạm vi"),
    retrieve=extend_schema(summary="Một đơn vị"),
)
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Unit.objects.none()  # the schema's model; requests use get_queryset
    serializer_class = serializers.UnitSerializer
    filterset_class = filters.UnitFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return units_visible(self.request.access).order_by("tree_order")


@extend_schema_view(
    list=extend_schema(summary="Danh sách cán bộ trong phạm vi"),
    retrieve=extend_schema(summary="Một cán bộ"),
)
class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Staff.objects.none()
    serializer_class = serializers.StaffSerializer
    filterset_class = filters.StaffFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return staff_visible(self.request.access).order_by("full_name", "code")
