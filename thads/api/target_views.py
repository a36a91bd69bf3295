"""Targets (chỉ tiêu) through the API: the targets of the units and officers in the token's
scope, and giving them where the screens let the role (`targets.permissions`: the level above
gives a unit's targets, a local unit's head or deputy its officers'). Writes go through
`targets.services` (a change needs its reason, logged in the change history)."""

from __future__ import annotations

from decimal import Decimal

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thads.org.shortcuts import unit_for_read_or_404
from thads.targets import services
from thads.targets.models import OfficerTarget, Target
from thads.targets.permissions import may_set_officer_target, may_set_unit_target
from thads.targets.selectors import officers_of


def _rate(required: bool = True, **kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=required,
        **kwargs,
    )


class TargetSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "unit", "year", "case_rate", "money_rate", "decisions_on_time_rate",
                  "complaints_on_time_rate", "carried_over_reduction", "version",
                  "updated_at"]  # fmt: skip


class OfficerTargetSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    officer = serializers.SlugRelatedField(source="staff", slug_field="code", read_only=True)

    class Meta:
        model = OfficerTarget
        fields = ["id", "unit", "officer", "year", "case_rate", "money_rate", "version",
                  "updated_at"]  # fmt: skip


class TargetInput(serializers.Serializer):
    unit = serializers.CharField(max_length=40, help_text=gettext_lazy("Mã đơn vị được giao"))
    year = serializers.IntegerField(min_value=2000, max_value=2200)
    case_rate = _rate()
    money_rate = _rate()
    decisions_on_time_rate = _rate(required=False, allow_null=True)
    complaints_on_time_rate = _rate(required=False, allow_null=True)
    carried_over_reduction = _rate(required=False, allow_null=True)
    reason = serializers.CharField(
        max_length=1000,
        required=False,
        default="",
        allow_blank=True,
        help_text=gettext_lazy("Lý do (bắt buộc khi thay đổi chỉ tiêu đã giao)"),
    )


class OfficerTargetInput(serializers.Serializer):
    unit = serializers.CharField(max_length=40, help_text=gettext_lazy("Mã đơn vị (cấp khu vực)"))
    officer = serializers.CharField(max_length=40, help_text=gettext_lazy("Mã Chấp hành viên"))
    year = serializers.IntegerField(min_value=2000, max_value=2200)
    case_rate = _rate()
    money_rate = _rate()
    reason = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)


class TargetFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__code", label=gettext_lazy("Mã đơn vị"))
    parent = django_filters.CharFilter(
        field_name="unit__parent__code", label=gettext_lazy("Mã đơn vị cấp trên")
    )
    year = django_filters.NumberFilter()

    class Meta:
        model = Target
        fields = ["unit", "parent", "year"]


class OfficerTargetFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__code", label=gettext_lazy("Mã đơn vị"))
    officer = django_filters.CharFilter(
        field_name="staff__code", label=gettext_lazy("Mã Chấp hành viên")
    )
    year = django_filters.NumberFilter()

    class Meta:
        model = OfficerTarget
        fields = ["unit", "officer", "year"]


@extend_schema_view(
    list=extend_schema(summary="Chỉ tiêu của các đơn vị trong phạm vi"),
    retrieve=extend_schema(summary="Một chỉ tiêu của đơn vị"),
    create=extend_schema(
        summary="Giao (hoặc thay đổi) chỉ tiêu của một đơn vị cấp dưới trực tiếp",
        request=TargetInput,
        responses={200: TargetSerializer},
    ),
)
class TargetViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Target.objects.none()
    serializer_class = TargetSerializer
    filterset_class = TargetFilter

    def get_queryset(self):
        return (
            Target.objects.filter(unit_id__in=self.request.access.visible_unit_ids)
            .select_related("unit")
            .order_by("-year", "unit__tree_order")
        )

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = TargetInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = unit_for_read_or_404(request.access, values.pop("unit"))
        if not may_set_unit_target(request.access, unit):
            raise PermissionDenied()
        optional = {k: values.pop(k) for k in services.OPTIONAL_FIELDS if k in values}
        target = services.target_set(
            request.access,
            unit,
            values["year"],
            case_rate=values["case_rate"],
            money_rate=values["money_rate"],
            by=request.user,
            reason=values["reason"],
            source="api",
            **optional,
        )
        return Response(TargetSerializer(target).data)


@extend_schema_view(
    list=extend_schema(summary="Chỉ tiêu của các Chấp hành viên trong phạm vi"),
    retrieve=extend_schema(summary="Một chỉ tiêu của Chấp hành viên"),
    create=extend_schema(
        summary="Thủ trưởng giao (hoặc thay đổi) chỉ tiêu cho một Chấp hành viên của đơn vị",
        request=OfficerTargetInput,
        responses={200: OfficerTargetSerializer},
    ),
)
class OfficerTargetViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = OfficerTarget.objects.none()
    serializer_class = OfficerTargetSerializer
    filterset_class = OfficerTargetFilter

    def get_queryset(self):
        return (
            OfficerTarget.objects.filter(unit_id__in=self.request.access.visible_unit_ids)
            .select_related("unit", "staff")
            .order_by("-year", "unit__tree_order", "staff__code")
        )

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = OfficerTargetInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = unit_for_read_or_404(request.access, values["unit"])
        if not may_set_officer_target(request.access, unit):
            raise PermissionDenied()
        staff = next((s for s in officers_of(unit) if s.code == values["officer"]), None)
        if staff is None:
            raise ValidationError(
                {"officer": _("Không phải Chấp hành viên đang công tác tại đơn vị.")}
            )
        target = services.officer_target_set(
            request.access,
            unit,
            staff,
            values["year"],
            case_rate=values["case_rate"],
            money_rate=values["money_rate"],
            by=request.user,
            reason=values["reason"],
        )
        return Response(OfficerTargetSerializer(target).data)
