"""What the API accepts for writes. Parsed here, then handed to the apps' services, which hold
every business rule (the transition table, the law in force, the ledger's limits)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from thads.cases.acts import AUCTION_NOTICE, COMMON_KEYS, act_fields
from thads.cases.models import CaseMode, EventType, JudgmentKind, Obligation, Party
from thads.cases.selectors import SPECIAL_EVENTS

MONEY_EVENTS = frozenset({EventType.THU_TIEN, EventType.CHI_TRA})
# Events recorded through /events/: not the money (the ledger's endpoints issue the receipt),
# not an assignment or a void (their own screens).
API_EVENTS = [
    (value, label)
    for value, label in EventType.choices
    if value not in SPECIAL_EVENTS and value not in MONEY_EVENTS
]
# Details of an auction notice beyond the act (portal.auctions): deposit, date and place.
NOTICE_KEYS = tuple(f.key for f in AUCTION_NOTICE)


def data_keys(event_type: str) -> set[str]:
    """The keys an event's `data` may carry: its act's fields (cases.acts) and the common ones."""
    keys = {f.key for f in act_fields(event_type)} | set(COMMON_KEYS)
    if event_type in {EventType.DAU_GIA, EventType.GIAM_GIA}:
        keys |= set(NOTICE_KEYS)
    return keys


class JudgmentInput(serializers.Serializer):
    court = serializers.CharField(max_length=255)
    number = serializers.CharField(max_length=100)
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=JudgmentKind.choices)


class PartyInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=Party.Role.choices)
    kind = serializers.ChoiceField(choices=Party.Kind.choices)
    name = serializers.CharField(max_length=255)
    id_number = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    address = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class ObligationInput(serializers.Serializer):
    description = serializers.CharField(max_length=500)
    amount = serializers.IntegerField(min_value=0, max_value=10**15, allow_null=True)
    priority = serializers.ChoiceField(
        choices=Obligation.Priority.choices, default=Obligation.Priority.KHAC
    )
    is_state_budget = serializers.BooleanField(default=False)
    payee_index = serializers.IntegerField(min_value=0, required=False, allow_null=True)


class IntakeInput(serializers.Serializer):
    """Thụ lý one case (QĐ THA) of a judgment; the code is given by the unit's numbering."""

    unit = serializers.CharField(max_length=40, help_text=_("Mã đơn vị thụ lý"))
    judgment = JudgmentInput()
    decision_no = serializers.CharField(max_length=100)
    decision_date = serializers.DateField()
    accepted_on = serializers.DateField()
    received_on = serializers.DateField(required=False, allow_null=True)
    mode = serializers.ChoiceField(choices=CaseMode.choices)
    officer = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text=_("Mã Chấp hành viên")
    )
    is_state_budget = serializers.BooleanField(default=False)
    is_bank_credit = serializers.BooleanField(default=False)
    is_corruption = serializers.BooleanField(default=False)
    parties = PartyInput(many=True, allow_empty=False)
    obligations = ObligationInput(many=True, allow_empty=False)

    def validate(self, attrs):
        count = len(attrs["parties"])
        for obligation in attrs["obligations"]:
            index = obligation.get("payee_index")
            if index is not None and index >= count:
                raise serializers.ValidationError(
                    {
                        "obligations": gettext(
                            "payee_index phải trỏ tới một đương sự trong danh sách."
                        )
                    }
                )
        return attrs


class EventInput(serializers.Serializer):
    """One event of the case's history, checked by the same rules as the screens."""

    type = serializers.ChoiceField(choices=API_EVENTS)
    on = serializers.DateField()
    amount = serializers.IntegerField(
        min_value=0, max_value=10**15, required=False, allow_null=True
    )
    data = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text=_(
            "Nội dung của văn bản (quyết định, biên bản): các trường của loại sự kiện "
            "(cases.acts), số và ngày văn bản (doc_no, doc_date), người ký (signer), ghi chú "
            "(note); ngày theo ISO 8601, tiền là số nguyên đồng."
        ),
    )
    to_unit = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text=_("Ủy thác: mã đơn vị nhận")
    )

    def validate(self, attrs):
        data = attrs.get("data") or {}
        unknown = sorted(set(data) - data_keys(attrs["type"]))
        if unknown:
            raise serializers.ValidationError(
                {
                    "data": gettext("Khóa không được hỗ trợ cho loại sự kiện này: %(keys)s.")
                    % {"keys": ", ".join(unknown)}
                }
            )
        if any(isinstance(v, dict | list) for v in data.values()):
            raise serializers.ValidationError(
                {"data": gettext("Mỗi giá trị phải là chữ, số hoặc ngày.")}
            )
        return attrs


class PaymentInput(serializers.Serializer):
    """Thu tiền: the ledger issues the receipt (biên lai)."""

    amount = serializers.IntegerField(min_value=1, max_value=10**15)
    received_on = serializers.DateField()
    payer = serializers.CharField(max_length=255)
    note = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
