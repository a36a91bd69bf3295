"""The statistics reports through the API: every official form (biểu 01–07, 10, 12) of a unit
in the token's scope, as the JSON of `thads report` (`stats.exports.form_payload`, one code for
both). A unit outside the scope answers 404, like the statistics screen."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thads.common.periods import as_of_period, month_period
from thads.org.shortcuts import unit_for_read_or_404
from thads.stats.exports import form_payload
from thads.stats.forms import FORM_CHOICES
from thads.stats.layout import FormNotFound

FORM_CODES = [code for code, _label in FORM_CHOICES]


class ReportQuery(serializers.Serializer):
    """?unit=&year=&month= (month k of the report year, 1 = October) or &as_of= (a cut-off)."""

    unit = serializers.CharField(max_length=40, help_text=gettext_lazy("Mã đơn vị báo cáo"))
    year = serializers.IntegerField(
        min_value=2000, max_value=2200, help_text=gettext_lazy("Năm báo cáo (01/10 – 30/09)")
    )
    month = serializers.IntegerField(
        min_value=1,
        max_value=12,
        required=False,
        help_text=gettext_lazy("Tháng thứ k của năm báo cáo (1 = tháng 10)"),
    )
    as_of = serializers.DateField(
        required=False, help_text=gettext_lazy("Hoặc số liệu đến ngày (trong năm báo cáo)")
    )

    def validate(self, attrs):
        if ("month" in attrs) == ("as_of" in attrs):
            raise ValidationError(
                {
                    "month": _(
                        "Chọn đúng một trong hai: tháng báo cáo (month) hoặc đến ngày (as_of)."
                    )
                }
            )
        return attrs


ROW = serializers.DictField(
    child=serializers.JSONField(),
    help_text=gettext_lazy(
        "Mã đơn vị (unit), tên (name), Chấp hành viên (officer, biểu 04–05) và mọi chỉ tiêu "
        'của biểu: số việc hoặc số tiền (đồng), tỷ lệ dạng "83.99" hoặc null'
    ),
)
REPORT = inline_serializer(
    "Report",
    {
        "unit": serializers.CharField(),
        "year": serializers.IntegerField(),
        "from": serializers.DateField(),
        "to": serializers.DateField(),
        "form": serializers.CharField(),
        "rows": serializers.ListField(child=ROW),
        "total": ROW,
        "checks": serializers.ListField(
            child=inline_serializer(
                "ReportCheck", {"rule": serializers.CharField(), "ok": serializers.BooleanField()}
            )
        ),
    },
)


class ReportView(APIView):
    @extend_schema(
        summary="Báo cáo thống kê: một biểu chính thức của một đơn vị (JSON như lệnh thads report)",
        parameters=[
            OpenApiParameter("form", str, OpenApiParameter.PATH, enum=FORM_CODES),
            ReportQuery,
        ],
        responses={200: REPORT},
    )
    def get(self, request: Request, form: str) -> Response:
        if form not in FORM_CODES:
            raise NotFound()
        query = ReportQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        unit = unit_for_read_or_404(request.access, values["unit"])
        try:
            if "month" in values:
                period = month_period(values["year"], values["month"])
            else:
                period = as_of_period(values["year"], values["as_of"])
        except ValueError as exc:
            raise ValidationError({"as_of": str(exc)}) from None
        try:
            payload = form_payload(form, unit, period)
        except FormNotFound as exc:
            raise ValidationError({"year": str(exc)}) from None
        return Response(payload)
