"""Complaints and denunciations (đơn thư) through the API: the register of letters with the
screens' scope, one letter with its matters, entering a letter (`complaints.services`).

A denouncer's identity stays protected as on the screens (Luật Tố cáo 2018, Điều 47–48;
`complaints.permissions.may_see_identity`): the list never names senders; one letter names
them only to who may see them, otherwise `senders` is null and `identity_hidden` true.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from thads.common.periods import report_year_bounds
from thads.complaints import permissions, rules, selectors, services
from thads.complaints.models import (
    Complaint,
    ComplaintKind,
    LetterChannel,
    LetterSubject,
    LimitationStage,
    Matter,
)
from thads.org.access import scope_unit_ids
from thads.org.shortcuts import unit_for_read_or_404

STATES = ["cho_xu_ly", "dang_giai_quyet", "xong"]


class SenderSerializer(serializers.Serializer):
    name = serializers.CharField()
    id_number = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    is_representative = serializers.BooleanField()
    authorisation = serializers.CharField()


class MatterSerializer(serializers.ModelSerializer):
    resolver_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    due_on = serializers.DateField(read_only=True)

    class Meta:
        model = Matter
        fields = ["code", "kind", "instance", "resolver_unit", "accepted_on", "due_on",
                  "resolved_on", "outcome"]  # fmt: skip


class ComplaintSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    case = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    duplicate_of = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Complaint
        fields = ["id", "code", "unit", "kind", "received_on", "channel", "summary", "subject",
                  "subject_detail", "case", "duplicate_of", "is_vuot_cap", "is_dong_nguoi",
                  "handling", "handled_on", "resolved_on", "result", "version"]  # fmt: skip


class ComplaintDetailSerializer(ComplaintSerializer):
    """One letter; `letter_detail` sets the attributes read here (as the letter page shows)."""

    handling_due = serializers.DateField(read_only=True, allow_null=True)
    identity_hidden = serializers.BooleanField(read_only=True)
    senders = SenderSerializer(source="shown_senders", many=True, read_only=True, allow_null=True)
    matters = MatterSerializer(source="shown_matters", many=True, read_only=True)

    class Meta(ComplaintSerializer.Meta):
        fields = [
            *ComplaintSerializer.Meta.fields,
            *["forwarded_by", "stage", "decision_known_on", "obstacle_days", "obstacle_reason"],
            *["competent", "eligible", "ineligible_reason", "sent_to", "handling_due"],
            *["identity_hidden", "senders", "matters"],
        ]


def letter_detail(access, letter: Complaint) -> dict:
    """The letter as its page shows it: senders only to who may see them (else None)."""
    matters = selectors.letter_matters(letter)
    shown = permissions.may_see_identity(access, letter, matters)
    letter.identity_hidden = not shown
    letter.shown_senders = list(letter.senders.all()) if shown else None
    letter.shown_matters = matters
    letter.handling_due = None if letter.handling else rules.handling_deadline(letter.received_on)
    return ComplaintDetailSerializer(letter).data


class SenderInput(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    id_number = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    is_representative = serializers.BooleanField(default=False)
    authorisation = serializers.CharField(
        max_length=255, required=False, default="", allow_blank=True
    )


def _text(max_length: int = 255, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, default="", allow_blank=True, **kwargs
    )


class ComplaintInput(serializers.Serializer):
    """Vào sổ một đơn (TT 13/2021/TT-BTP), as the screen 'Nhận đơn'."""

    unit = serializers.CharField(max_length=40, help_text=gettext_lazy("Mã đơn vị tiếp nhận"))
    kind = serializers.ChoiceField(choices=ComplaintKind.choices)
    received_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=LetterChannel.choices, default="truc_tiep")
    forwarded_by = _text()
    summary = _text(4000)
    subject = serializers.ChoiceField(choices=LetterSubject.choices, default="case")
    subject_detail = _text()
    case = _text(60, help_text=gettext_lazy("Mã việc thi hành án liên quan"))
    duplicate_of = _text(60, help_text=gettext_lazy("Số vào sổ của đơn trùng nội dung"))
    is_vuot_cap = serializers.BooleanField(default=False)
    is_dong_nguoi = serializers.BooleanField(default=False)
    stage = serializers.ChoiceField(
        choices=LimitationStage.choices, required=False, default="", allow_blank=True
    )
    decision_known_on = serializers.DateField(required=False, allow_null=True, default=None)
    obstacle_days = serializers.IntegerField(min_value=0, max_value=3650, default=0)
    obstacle_reason = _text()
    senders = SenderInput(many=True, max_length=50)


class ComplaintFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(
        method="in_unit", label=gettext_lazy("Mã đơn vị (gồm các đơn vị trực thuộc)")
    )
    year = django_filters.NumberFilter(
        method="in_year", label=gettext_lazy("Năm báo cáo (01/10 – 30/09)")
    )
    kind = django_filters.ChoiceFilter(choices=ComplaintKind.choices)
    state = django_filters.ChoiceFilter(
        method="in_state",
        choices=[(s, s) for s in STATES],
        label=gettext_lazy("Chưa xử lý, đang giải quyết, đã giải quyết xong"),
    )
    received_from = django_filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_to = django_filters.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = Complaint
        fields = ["unit", "year", "kind", "state", "received_from", "received_to"]

    def in_unit(self, queryset: QuerySet[Complaint], name: str, value: str):
        unit = unit_for_read_or_404(self.request.access, value)
        return queryset.filter(unit_id__in=scope_unit_ids(unit))

    def in_year(self, queryset: QuerySet[Complaint], name: str, value):
        if not 2000 <= value <= 2200:
            raise ValidationError({"year": _("Năm báo cáo phải từ 2000 đến 2200.")})
        start, end = report_year_bounds(int(value))
        return queryset.filter(received_on__gte=start, received_on__lte=end)

    def in_state(self, queryset: QuerySet[Complaint], name: str, value: str):
        return selectors.filter_state(queryset, value)


@extend_schema_view(
    list=extend_schema(summary="Sổ tiếp nhận đơn: các đơn của đơn vị trong phạm vi"),
    retrieve=extend_schema(
        summary="Một đơn: nội dung, xử lý, vụ việc đã thụ lý; người gửi nếu được xem",
        responses={200: ComplaintDetailSerializer},
    ),
    create=extend_schema(
        summary="Vào sổ một đơn khiếu nại, tố cáo, kiến nghị, phản ánh",
        request=ComplaintInput,
        responses={201: ComplaintDetailSerializer},
    ),
)
class ComplaintViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Complaint.objects.none()
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter

    def get_queryset(self):
        return selectors.letters_visible(self.request.access).order_by("-received_on", "-code")

    def get_serializer_class(self):
        return ComplaintDetailSerializer if self.action == "retrieve" else ComplaintSerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(letter_detail(request.access, self.get_object()))

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = ComplaintInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        unit = unit_for_read_or_404(request.access, values["unit"])
        if not permissions.may_register(request.access, unit):
            raise PermissionDenied()
        case, duplicate, errors = selectors.letter_links(
            request.access, values["case"], values["duplicate_of"]
        )
        if errors:
            raise ValidationError(errors)
        facts = {k: v for k, v in values.items() if k not in {"unit", "senders", "case"}}
        facts["duplicate_of"] = duplicate
        senders = [services.SenderInput(**s) for s in values["senders"]]
        letter = services.letter_register(
            unit, services.LetterInput(**facts, senders=senders, case=case), by=request.user
        )
        response = Response(letter_detail(request.access, letter), status=201)
        response["Location"] = f"/api/v1/complaints/{letter.pk}/"
        return response
