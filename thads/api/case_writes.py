"""The API's writes on cases: intake, events, payments — each through the apps' services.

Nothing here decides what the law allows: `cases.services` (the transition table and
`validate_history` on the whole history) and `ledger.services` (receipts, limits) do, exactly as
for the screens. The view checks the scope (404) and the role (`cases.permissions`, 403), names
the version it read (If-Match → `expected_version`, 412 when stale) and maps refusals to
problem details (422 with the article).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thads.api import inputs, serializers
from thads.api.concurrency import expected_version, with_etag
from thads.cases import permissions, services
from thads.cases.forms import intake_unit_officers
from thads.cases.models import Case, EventType
from thads.cases.selectors import cases_visible, entrust_targets
from thads.ledger.services import payment_record
from thads.org.selectors import units_visible

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description='ETag (phiên bản) của việc khi đọc, ví dụ "3"',
)


def _case(request: Request, pk: int) -> Case:
    try:
        return cases_visible(request.access).select_related("unit", "officer").get(pk=pk)
    except Case.DoesNotExist:
        raise NotFound() from None


def intake(request: Request) -> Response:
    """Thụ lý through `cases.services.judgment_intake` (may_intake: clerks, officers, heads)."""
    data = inputs.IntakeInput(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    unit = units_visible(request.access).filter(code=values["unit"]).first()
    if unit is None:
        raise NotFound()
    if not permissions.may_intake(request.access, unit):
        raise PermissionDenied()
    officer = None
    if values.get("officer"):
        officer = intake_unit_officers(unit).filter(code=values["officer"]).first()
        if officer is None:
            raise ValidationError({"officer": _("Không phải Chấp hành viên của đơn vị thụ lý.")})
    case_input = services.CaseInput(
        code="",
        unit=unit,
        decision_no=values["decision_no"],
        decision_date=values["decision_date"],
        accepted_on=values["accepted_on"],
        received_on=values.get("received_on"),
        mode=values["mode"],
        officer=officer,
        is_state_budget=values["is_state_budget"],
        is_bank_credit=values["is_bank_credit"],
        is_corruption=values["is_corruption"],
        parties=[services.PartyInput(**p) for p in values["parties"]],
        obligations=[services.ObligationInput(**o) for o in values["obligations"]],
    )
    (case,) = services.judgment_intake(
        unit=unit, judgment=values["judgment"], cases=[case_input], by=request.user
    )
    case = _case(request, case.pk)
    response = Response(serializers.CaseDetailSerializer(case).data, status=201)
    response["Location"] = f"/api/v1/cases/{case.pk}/"
    return with_etag(response, case)


def event_append(request: Request, pk: int) -> Response:
    """One event through `cases.services.event_record` (entrusting: `case_entrust`)."""
    case = _case(request, pk)
    data = inputs.EventInput(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    kind = values["type"]
    if not permissions.may_record(request.access, case, kind):
        raise PermissionDenied()
    version = expected_version(request, case)
    with transaction.atomic():
        if kind == EventType.UY_THAC:
            to_unit = entrust_targets(case).filter(code=values.get("to_unit") or "").first()
            if to_unit is None:
                raise ValidationError({"to_unit": _("Phải chọn cơ quan nhận ủy thác hợp lệ.")})
            services.case_entrust(
                case, to_unit=to_unit, on=values["on"], by=request.user, expected_version=version
            )
            event = case.events.order_by("-seq").first()
        else:
            event = services.event_record(
                case,
                type=kind,
                on=values["on"],
                by=request.user,
                amount=values.get("amount"),
                data=values.get("data") or {},
                expected_version=version,
                strict=True,  # an act recorded by a partner is complete, as on the case page
            )
    case.refresh_from_db()
    return with_etag(Response(serializers.EventSerializer(event).data, status=201), case)


def payment(request: Request, pk: int) -> Response:
    """Thu tiền through `ledger.services.payment_record` (the receipt is issued with it)."""
    case = _case(request, pk)
    data = inputs.PaymentInput(data=request.data)
    data.is_valid(raise_exception=True)
    if not permissions.may_record(request.access, case, EventType.THU_TIEN):
        raise PermissionDenied()
    version = expected_version(request, case)
    receipt = payment_record(case, by=request.user, expected_version=version, **data.validated_data)
    case.refresh_from_db()
    return with_etag(Response(serializers.ReceiptSerializer(receipt).data, status=201), case)


INTAKE_SCHEMA = extend_schema(
    summary="Thụ lý một việc (quyết định thi hành án) của một bản án",
    request=inputs.IntakeInput,
    responses={201: serializers.CaseDetailSerializer},
)
EVENT_KWARGS = dict(
    summary="Ghi một sự kiện (kiểm tra như trên màn hình: bảng chuyển trạng thái, luật áp dụng)",
    request=inputs.EventInput,
    parameters=[IF_MATCH],
    responses={201: OpenApiResponse(serializers.EventSerializer)},
)
PAYMENT_KWARGS = dict(
    summary="Thu tiền: ghi khoản thu và cấp biên lai",
    request=inputs.PaymentInput,
    parameters=[IF_MATCH],
    responses={201: OpenApiResponse(serializers.ReceiptSerializer)},
)
