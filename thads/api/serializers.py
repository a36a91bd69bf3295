"""What the API returns and accepts. Codes (unit, staff, case) name objects, never bare ids
of other systems; money is an integer number of đồng; dates are ISO 8601."""

from __future__ import annotations

from rest_framework import serializers

from thads.cases.models import Case, Obligation, Party
from thads.org.models import Membership, Staff, Unit


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    successor = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    short_name = serializers.CharField(source="label", read_only=True)

    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "level", "parent", "valid_from", "valid_to",
                  "successor"]  # fmt: skip


class MembershipSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = ["unit", "role", "is_head", "valid_from", "valid_to"]


class StaffSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Staff
        fields = ["code", "full_name", "title", "memberships"]


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "role", "kind", "name", "id_number", "address"]


class ObligationSerializer(serializers.ModelSerializer):
    payee = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Obligation
        fields = ["id", "description", "amount", "priority", "is_state_budget", "payee"]


class CaseListSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    officer = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    remainder = serializers.IntegerField(read_only=True)

    class Meta:
        model = Case
        fields = ["id", "code", "unit", "decision_no", "decision_date", "accepted_on", "mode",
                  "officer", "state", "is_classified", "amount", "collected", "reduced",
                  "remainder", "closed_on", "version"]  # fmt: skip


class JudgmentSerializer(serializers.Serializer):
    court = serializers.CharField(max_length=255)
    number = serializers.CharField(max_length=100)
    date = serializers.DateField()
    kind = serializers.CharField(max_length=30)


class CaseDetailSerializer(CaseListSerializer):
    judgment = JudgmentSerializer(read_only=True)
    parties = PartySerializer(many=True, read_only=True)
    obligations = ObligationSerializer(many=True, read_only=True)

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            *["received_on", "is_state_budget", "is_bank_credit", "is_corruption"],
            *["judgment", "parties", "obligations"],
        ]


class EventSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    type = serializers.CharField()
    name = serializers.CharField(source="get_type_display")
    on = serializers.DateField()
    amount = serializers.IntegerField(allow_null=True)
    data = serializers.DictField()
    law_version = serializers.CharField()
    corrects = serializers.IntegerField(source="corrects.seq", allow_null=True, default=None)
    to_unit = serializers.CharField(source="to_unit.code", allow_null=True, default=None)
    recorded_at = serializers.DateTimeField()


class ReceiptSerializer(serializers.Serializer):
    number = serializers.CharField()
    amount = serializers.IntegerField()
    received_on = serializers.DateField()
    payer = serializers.CharField()
    note = serializers.CharField()
    reverses = serializers.CharField(source="reverses.number", allow_null=True, default=None)
    reason = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class PayoutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    obligation = serializers.IntegerField(source="obligation_id")
    payee = serializers.IntegerField(source="payee_id", allow_null=True)
    amount = serializers.IntegerField()
    net_amount = serializers.IntegerField()
    paid_on = serializers.DateField()
    is_reversed = serializers.BooleanField()
