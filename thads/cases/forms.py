"""Forms of the case screens: list filters, one form per action, assignment, intake (thụ lý).

Forms only parse and check the shape of input; the law is checked by cases.services.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.cases import acts
from thads.cases.law import law_on
from thads.cases.models import CaseMode, CaseState, EventType, JudgmentKind, Obligation, Party
from thads.cases.services import CaseInput, ObligationInput, PartyInput
from thads.cases.transitions import RULES
from thads.common.errors import DomainError
from thads.common.forms_ui import DateWidget
from thads.common.identity import identity_number_clean
from thads.common.parameters import parse_money
from thads.org.models import Staff, Unit
from thads.org.selectors import officers_of_unit

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label, **kwargs) -> forms.DateField:
    """A date typed dd/mm/yyyy (the ISO form is accepted too, for scripts and tests)."""
    return forms.DateField(
        label=label, input_formats=DATE_INPUT_FORMATS, widget=DateWidget(), **kwargs
    )


class MoneyField(forms.Field):
    """Whole đồng; accepts "1.234.567", "1 234 567" or "1234567 đ"; never negative."""

    default_error_messages = {
        "invalid": _("Số tiền phải là số nguyên đồng, ví dụ 1.234.567."),
        "negative": _("Số tiền không được âm."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_money(value)  # common.parameters: ASCII digits, bounded, not negative
        except DomainError as exc:
            code = "negative" if str(value).strip().startswith("-") else "invalid"
            raise forms.ValidationError(exc.message, code=code) from None


# ---- list filters --------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("Tên đương sự, số CCCD, mã việc, số QĐ THA"), "type": "search"}
        ),
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả"))] + CaseState.choices
    )
    officer = forms.ChoiceField(label=_("Chấp hành viên"), required=False)
    mode = forms.ChoiceField(
        label=_("Hình thức"), required=False, choices=[("", _("Tất cả"))] + CaseMode.choices
    )
    open_only = forms.BooleanField(label=_("Chưa kết thúc"), required=False)
    state_budget = forms.BooleanField(label=_("Thu cho ngân sách"), required=False)
    bank_credit = forms.BooleanField(label=_("Tín dụng ngân hàng"), required=False)
    corruption = forms.BooleanField(label=_("Tham nhũng, kinh tế"), required=False)
    overdue = forms.BooleanField(label=_("Quá hạn"), required=False)
    amount_min = MoneyField(label=_("Số tiền từ"), required=False)
    amount_max = MoneyField(label=_("đến"), required=False)
    year = forms.IntegerField(label=_("Năm thụ lý"), required=False, min_value=1990)
    report_year = forms.IntegerField(
        label=_("Năm báo cáo (01/10 – 30/09)"), required=False, min_value=1990
    )

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = [("", _("Tất cả")), ("none", _("Chưa phân công"))] + [
            (s.code, s.full_name) for s in officers
        ]


# ---- actions -------------------------------------------------------------------------------


def act_form_field(f: acts.ActField, law_version: str, event_type: str = "") -> forms.Field:
    """The form field of one act field (`cases.acts`): mandatory ones are required here too."""
    required = f.required and f.required_if is None
    if f.kind == acts.DATE:
        return date_field(f.label, required=required)
    if f.kind == acts.MONEY:
        return MoneyField(label=f.label, required=required)
    if f.kind == acts.CHOICE:
        schema = acts.schema_for(event_type)
        grounds = f.key == "ground" and schema is not None and schema.has_grounds
        choices = acts.ground_choices(event_type, law_version) if grounds else f.choices
        empty = [] if required else [("", "—")]
        return forms.ChoiceField(label=f.label, choices=[*empty, *choices], required=required)
    widget = forms.Textarea(attrs={"rows": 2}) if f.kind == acts.LONG_TEXT else None
    return forms.CharField(label=f.label, required=required, max_length=2000, widget=widget)


class EventForm(forms.Form):
    """One action on a case: its date, amount, and the act's own fields (`cases.acts`)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(_("Ngày"))

    def __init__(self, *args, event_type: str, case, to_units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.event_type = event_type
        today = timezone.localdate()
        self.fields["on"].initial = today
        self.fields["version"].initial = case.version
        rule = RULES.get(event_type)
        if rule is not None and rule.needs_amount:
            label = _("Số tiền (đồng)")
            if event_type in {EventType.THAM_DINH_GIA, EventType.THAM_DINH_GIA_LAI}:
                label = _("Giá trị tài sản (đồng)")
            self.fields["amount"] = MoneyField(label=label)
        law_version = law_on(today).version
        self.act_keys = []
        for f in acts.act_fields(event_type):
            self.fields[f.key] = act_form_field(f, law_version, event_type)
            self.act_keys.append(f.key)
        if event_type == EventType.CUONG_CHE and "time" in self.fields:
            self.fields["time"].max_length = 5
            self.fields["time"].widget = forms.TimeInput(attrs={"type": "time"})
        if event_type == EventType.UY_THAC:
            self.fields["to_unit"] = forms.ModelChoiceField(
                label=_("Cơ quan nhận ủy thác"), queryset=to_units, to_field_name="code"
            )
        if acts.schema_for(event_type) is not None:
            for f in acts.COMMON_FIELDS:
                self.fields[f.key] = act_form_field(f, law_version)
                self.act_keys.append(f.key)
        else:
            self.fields["note"] = act_form_field(acts.COMMON_FIELDS[-1], law_version)
            self.act_keys.append("note")

    def event_data(self) -> dict:
        """The `data` payload of the event (keys of the interchange spec), empty ones left out."""
        return {
            key: self.cleaned_data[key]
            for key in self.act_keys
            if self.cleaned_data.get(key) not in (None, "")
        }


class AssignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    officer = forms.ModelChoiceField(
        label=_("Chấp hành viên được phân công"),
        queryset=Staff.objects.none(),
        to_field_name="code",
    )
    on = date_field(_("Ngày phân công"))

    def __init__(self, *args, officers, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
        self.fields["version"].initial = case.version
        self.fields["on"].initial = timezone.localdate()


# ---- intake --------------------------------------------------------------------------------


class JudgmentForm(forms.Form):
    court = forms.CharField(label=_("Tòa án / cơ quan ban hành"), max_length=255)
    number = forms.CharField(label=_("Số bản án, quyết định"), max_length=100)
    date = date_field(_("Ngày bản án, quyết định"))
    kind = forms.ChoiceField(label=_("Loại việc"), choices=JudgmentKind.choices)


class IntakeCaseForm(forms.Form):
    decision_no = forms.CharField(label=_("Số QĐ THA"), max_length=100)
    decision_date = date_field(_("Ngày QĐ THA"))
    accepted_on = date_field(_("Ngày thụ lý"))
    received_on = date_field(_("Ngày nhận bản án / đơn yêu cầu"), required=False)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=CaseMode.choices)
    officer = forms.ModelChoiceField(
        label=_("Chấp hành viên"),
        queryset=Staff.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Chưa phân công"),
    )
    is_state_budget = forms.BooleanField(label=_("Thu cho ngân sách"), required=False)
    is_bank_credit = forms.BooleanField(label=_("Tín dụng ngân hàng"), required=False)
    is_corruption = forms.BooleanField(label=_("Tham nhũng, kinh tế"), required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officers is not None:
            self.fields["officer"].queryset = officers

    def clean(self):
        data = super().clean()
        accepted, decided = data.get("accepted_on"), data.get("decision_date")
        if accepted and accepted > timezone.localdate():
            self.add_error("accepted_on", _("Ngày thụ lý không được ở tương lai."))
        if decided and decided > timezone.localdate():
            self.add_error("decision_date", _("Ngày ra quyết định không được ở tương lai."))
        return data


class PartyForm(forms.Form):
    # A blank first choice: an untouched extra row posts "" and counts as unchanged (skipped).
    role = forms.ChoiceField(label=_("Tư cách"), choices=[("", "—")] + Party.Role.choices)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=Party.Kind.choices, initial=Party.Kind.CA_NHAN
    )
    name = forms.CharField(label=_("Họ tên / Tên tổ chức"), max_length=255)
    id_number = forms.CharField(
        label=_("Số CCCD / mã số"),
        max_length=30,
        required=False,
        help_text=_("CCCD 12 chữ số, CMND 9 chữ số; tổ chức: mã số thuế 10 hoặc 13 chữ số."),
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        number, kind = data.get("id_number"), data.get("kind")
        if number and kind:
            try:
                data["id_number"] = identity_number_clean(
                    number, organisation=kind == Party.Kind.TO_CHUC
                )
            except DomainError as exc:
                self.add_error("id_number", exc.message)
        return data


class ObligationForm(forms.Form):
    description = forms.CharField(label=_("Nội dung nghĩa vụ"), max_length=500)
    amount = MoneyField(label=_("Số tiền (đồng)"), required=False)
    priority = forms.ChoiceField(
        label=_("Thứ tự thanh toán"),
        choices=Obligation.Priority.choices,
        initial=Obligation.Priority.KHAC,
    )
    is_state_budget = forms.BooleanField(label=_("Nộp ngân sách nhà nước"), required=False)


class PartyBaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_few_forms": _("Phải nhập ít nhất %(num)d đương sự (người phải thi hành án)."),
    }


class ObligationBaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_few_forms": _("Phải nhập ít nhất %(num)d nghĩa vụ thi hành."),
    }


PartyFormSet = forms.formset_factory(
    PartyForm, formset=PartyBaseFormSet, extra=2, min_num=1, validate_min=True
)
ObligationFormSet = forms.formset_factory(
    ObligationForm, formset=ObligationBaseFormSet, extra=2, min_num=1, validate_min=True
)


class IntakeBlock:
    """One case of the intake page: its form, its parties and its obligations."""

    def __init__(self, index: int, data=None, officers=None):
        prefix = f"c{index}"
        self.index = index
        self.form = IntakeCaseForm(data, prefix=prefix, officers=officers)
        self.parties = PartyFormSet(data, prefix=f"{prefix}-p")
        self.obligations = ObligationFormSet(data, prefix=f"{prefix}-o")

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), self.parties.is_valid(), self.obligations.is_valid()]
        return all(results)

    def filled_parties(self) -> list[dict]:
        return [f.cleaned_data for f in self.parties.forms if f.cleaned_data]

    def filled_obligations(self) -> list[dict]:
        return [f.cleaned_data for f in self.obligations.forms if f.cleaned_data]

    def case_input(self, unit: Unit, duplicate_reason: str = "") -> CaseInput:
        """The case as the intake service takes it (its code is given by the service); the
        reason to accept it although the same judgment and obligation were, if given."""
        data = self.form.cleaned_data
        return CaseInput(
            code="",
            unit=unit,
            decision_no=data["decision_no"],
            decision_date=data["decision_date"],
            accepted_on=data["accepted_on"],
            received_on=data.get("received_on"),
            mode=data["mode"],
            officer=data.get("officer"),
            is_state_budget=data["is_state_budget"],
            is_bank_credit=data["is_bank_credit"],
            is_corruption=data["is_corruption"],
            parties=[PartyInput(**p) for p in self.filled_parties()],
            obligations=[ObligationInput(**o) for o in self.filled_obligations()],
            duplicate_reason=duplicate_reason,
        )


def intake_unit_officers(unit: Unit):
    return officers_of_unit(unit).order_by("full_name")
