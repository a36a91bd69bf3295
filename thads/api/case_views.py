"""The API's case endpoints: list with filters, detail (ETag = version), intake, the events,
the money (receipts, payouts, recording a payment)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from thads.api import case_writes, filters, serializers
from thads.api.concurrency import with_etag
from thads.cases.models import Case
from thads.cases.selectors import cases_visible
from thads.ledger.selectors import payouts_of_case, receipts_of_case


@extend_schema_view(
    list=extend_schema(summary="Danh sách việc thi hành án trong phạm vi, có bộ lọc"),
    retrieve=extend_schema(
        summary="Một việc: đương sự, nghĩa vụ, số tiền; ETag là phiên bản của việc",
        responses={200: OpenApiResponse(serializers.CaseDetailSerializer)},
    ),
    create=case_writes.INTAKE_SCHEMA,
)
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Case.objects.none()  # the schema's model; requests use get_queryset
    filterset_class = filters.CaseFilter

    def get_queryset(self):
        qs = cases_visible(self.request.access).select_related("unit", "officer", "judgment")
        if self.action == "retrieve":
            qs = qs.prefetch_related("parties", "obligations")
        return qs.order_by("-accepted_on", "code")

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.CaseListSerializer
        return serializers.CaseDetailSerializer

    def retrieve(self, request, *args, **kwargs) -> Response:
        case = self.get_object()
        return with_etag(Response(self.get_serializer(case).data), case)

    def create(self, request, *args, **kwargs) -> Response:
        return case_writes.intake(request)

    @extend_schema(
        summary="Diễn biến của việc (các sự kiện, theo thứ tự ghi nhận)",
        responses={200: serializers.EventSerializer(many=True)},
        methods=["GET"],
    )
    @extend_schema(methods=["POST"], **case_writes.EVENT_KWARGS)
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def events(self, request, pk=None) -> Response:
        if request.method == "POST":
            return case_writes.event_append(request, pk)
        case = self.get_object()
        events = case.events.select_related("corrects", "to_unit").order_by("seq")
        return with_etag(Response(serializers.EventSerializer(events, many=True).data), case)

    @extend_schema(
        summary="Biên lai thu tiền của việc (kể cả biên lai hủy)",
        responses={200: serializers.ReceiptSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def receipts(self, request, pk=None) -> Response:
        case = self.get_object()
        rows = receipts_of_case(request.access, case).select_related("reverses")
        return Response(serializers.ReceiptSerializer(rows, many=True).data)

    @extend_schema(
        summary="Các khoản chi trả của việc",
        responses={200: serializers.PayoutSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def payouts(self, request, pk=None) -> Response:
        case = self.get_object()
        rows = payouts_of_case(request.access, case)
        return Response(serializers.PayoutSerializer(rows, many=True).data)

    @extend_schema(**case_writes.PAYMENT_KWARGS)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def payments(self, request, pk=None) -> Response:
        return case_writes.payment(request, pk)
