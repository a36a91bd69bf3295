"""Writes to cases: intake, every event of the workflow, assignment, entrusting.

Each function runs in one transaction, locks the case row, checks the transition table
(`cases.transitions`) on the whole history and appends its event; the summary columns on `Case`
are rewritten from the replayed history in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases import duplicates
from thads.cases.act_numbers import act_number_claim, decision_number_claim
from thads.cases.acts import clean_act
from thads.cases.codes import case_code_allocate
from thads.cases.law import law_on
from thads.cases.models import (
    Case,
    CaseEvent,
    CaseMode,
    EventType,
    Judgment,
    Obligation,
    Party,
)
from thads.cases.state import CaseSnapshot
from thads.cases.transitions import CaseFacts, validate_history
from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError
from thads.common.identity import identity_number_clean
from thads.common.text import fold_vietnamese
from thads.org.models import Staff, Unit


def _author(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# ---- intake --------------------------------------------------------------------------------


@dataclass
class PartyInput:
    role: str
    kind: str
    name: str
    id_number: str = ""
    address: str = ""


@dataclass
class ObligationInput:
    description: str
    amount: int | None
    priority: str = Obligation.Priority.KHAC
    is_state_budget: bool = False
    payee_index: int | None = None  # index into the parties list


@dataclass
class CaseInput:
    code: str
    unit: Unit
    decision_no: str
    decision_date: dt.date
    accepted_on: dt.date
    mode: str
    officer: Staff | None = None
    received_on: dt.date | None = None
    is_state_budget: bool = False
    is_bank_credit: bool = False
    is_corruption: bool = False
    parties: list[PartyInput] = field(default_factory=list)
    obligations: list[ObligationInput] = field(default_factory=list)
    from_case: Case | None = None
    # Why the case is accepted although the same judgment and obligation were (`cases.duplicates`).
    duplicate_reason: str = ""


class PossibleDuplicate(DomainError):
    """The same judgment and obligation were accepted already (`existing`): the intake goes on
    only with a reason (`CaseInput.duplicate_reason`)."""

    def __init__(self, existing: list[Case]):
        self.existing = existing
        codes = ", ".join(c.code for c in existing)
        super().__init__(
            f"Bản án này đã được thụ lý với cùng người phải thi hành án và cùng số tiền: việc "
            f"{codes}. Hãy kiểm tra; nếu vẫn thụ lý, ghi rõ lý do."
        )


def judgment_get_or_create(
    *, court: str, number: str, date: dt.date, kind: str, by: Any = None
) -> Judgment:
    """The judgment (bản án, quyết định) — shared by all the cases it gives rise to."""
    judgment = Judgment.objects.filter(court=court, number=number, date=date).first()
    if judgment is not None:
        if judgment.kind != kind:
            raise DomainError(
                f"Bản án {number} đã được nhập với loại việc khác ({judgment.get_kind_display()})."
            )
        return judgment
    judgment = Judgment(
        court=court,
        number=number,
        date=date,
        kind=kind,
        created_by=_author(by),
        updated_by=_author(by),
    )
    judgment.full_clean()
    judgment.save()
    return judgment


def _check_intake(data: CaseInput, judgment: Judgment) -> None:
    if data.mode not in CaseMode.values:
        raise DomainError(_("Hình thức thi hành phải là chủ động hoặc theo đơn."))
    if data.decision_date < judgment.date or data.accepted_on < judgment.date:
        raise DomainError(
            f"Ngày thụ lý và ngày ra quyết định thi hành án không được trước ngày bản án "
            f"({judgment.date:%d/%m/%Y})."
        )
    if not data.unit.is_valid_on(data.accepted_on):
        raise DomainError(
            f"Đơn vị {data.unit.name} không hoạt động vào ngày thụ lý {data.accepted_on:%d/%m/%Y}."
        )
    if not any(p.role == Party.Role.PHAI_THI_HANH for p in data.parties):
        raise DomainError(_("Việc thi hành án phải có ít nhất một người phải thi hành án."))
    if not data.obligations:
        raise DomainError(_("Việc thi hành án phải có ít nhất một nghĩa vụ thi hành."))
    for obligation in data.obligations:
        if obligation.amount is not None and obligation.amount < 0:
            raise DomainError(_("Số tiền của nghĩa vụ không được âm."))
    if data.officer is not None and not data.officer.is_officer:
        raise DomainError(
            _("%(name)s không phải Chấp hành viên.") % {"name": data.officer.full_name}
        )


def _check_duplicates(judgment: Judgment, data: CaseInput) -> Case | None:
    """Refuse a decision number the unit already used this year; return the case of the same
    judgment and obligation when the reason to accept it again is given (`cases.duplicates`)."""
    taken = duplicates.decision_taken(data.unit.pk, data.decision_no, data.decision_date)
    if taken is not None:
        raise DomainError(
            f"Số quyết định thi hành án {data.decision_no} năm {data.decision_date.year} đã được "
            f"thụ lý tại {data.unit.name} (việc {taken.code}); không thụ lý hai lần một quyết "
            f"định."
        )
    debtors = [
        duplicates.debtor_key(p.id_number, p.name)
        for p in data.parties
        if p.role == Party.Role.PHAI_THI_HANH
    ]
    amount = sum(o.amount or 0 for o in data.obligations)
    existing = duplicates.same_obligation_cases(judgment.pk, debtors, amount)
    if not existing:
        return None
    if not data.duplicate_reason.strip():
        raise PossibleDuplicate(existing)
    return existing[0]


def party_id_number(party: PartyInput) -> str:
    """The party's identity number in its canonical form (`common.identity`: CCCD 12 digits,
    CMND 9, an organisation's tax code 10 or 10-3), or a DomainError naming the party."""
    try:
        return identity_number_clean(party.id_number, organisation=party.kind == Party.Kind.TO_CHUC)
    except DomainError as exc:
        raise DomainError(f"{party.name.strip()}: {exc.message}") from None


@transaction.atomic
def judgment_intake(
    *, unit: Unit, judgment: dict[str, Any], cases: list[CaseInput], by: Any = None
) -> list[Case]:
    """Thụ lý from one judgment: the judgment (found or recorded) and its cases, all or nothing.

    A case given without a code gets the next code of `unit`'s series (`cases.codes`: the
    report year of the acceptance, from the locked counter).
    """
    found = judgment_get_or_create(by=by, **judgment)
    created = []
    for data in cases:
        if not data.code:
            data = replace(data, code=case_code_allocate(unit, data.accepted_on))
        created.append(case_create(judgment=found, data=data, by=by))
    return created


@transaction.atomic
def case_create(*, judgment: Judgment, data: CaseInput, by: Any = None) -> Case:
    """Thụ lý: record one enforcement decision (QĐ THA) of `judgment` as a case.

    Luật THADS 2008, Điều 36: one QĐ THA per decision, chủ động or theo đơn.
    """
    _check_intake(data, judgment)
    duplicate_of = None
    if data.from_case is None:  # a case received by entrusting continues one already taken
        data = replace(
            data,
            decision_no=duplicates.decision_no_clean(data.decision_no),
            parties=[replace(p, id_number=party_id_number(p)) for p in data.parties],
        )
        duplicate_of = _check_duplicates(judgment, data)
        # The typed number takes its place in the unit's register: the counter the documents
        # app issues decisions from continues after it (issue 11).
        decision_number_claim(data.unit, data.decision_no, data.decision_date)
    if Case.objects.filter(code=data.code).exists():
        raise DomainError(_("Mã việc %(code)s đã tồn tại.") % {"code": data.code})
    amount = sum(o.amount or 0 for o in data.obligations)
    case = Case(
        code=data.code,
        unit=data.unit,
        judgment=judgment,
        decision_no=data.decision_no,
        decision_date=data.decision_date,
        accepted_on=data.accepted_on,
        received_on=data.received_on,
        mode=data.mode,
        officer=data.officer,
        is_state_budget=data.is_state_budget or any(o.is_state_budget for o in data.obligations),
        is_bank_credit=data.is_bank_credit,
        is_corruption=data.is_corruption,
        from_case=data.from_case,
        duplicate_of=duplicate_of,
        duplicate_reason=data.duplicate_reason.strip() if duplicate_of else "",
        amount=amount,
        created_by=_author(by),
        updated_by=_author(by),
    )
    case.full_clean(exclude=["judgment", "unit", "officer", "from_case", "duplicate_of"])
    try:
        with transaction.atomic():  # the database's own guard: two intakes of one decision
            case.save()
    except IntegrityError:
        if duplicates.decision_taken(data.unit.pk, data.decision_no, data.decision_date) is None:
            raise
        raise DomainError(
            f"Số quyết định thi hành án {data.decision_no} năm {data.decision_date.year} vừa "
            f"được thụ lý tại {data.unit.name}; không thụ lý hai lần một quyết định."
        ) from None
    parties = []
    for position, p in enumerate(data.parties):
        party = Party(
            case=case,
            role=p.role,
            kind=p.kind,
            name=p.name.strip(),
            id_number=p.id_number.strip(),
            address=p.address.strip(),
            search_name=fold_vietnamese(p.name),
            position=position,
            created_by=_author(by),
            updated_by=_author(by),
        )
        party.full_clean(exclude=["case"])
        parties.append(party)
    Party.objects.bulk_create(parties)
    obligations = []
    for position, o in enumerate(data.obligations):
        payee = parties[o.payee_index] if o.payee_index is not None else None
        obligation = Obligation(
            case=case,
            description=o.description,
            amount=o.amount,
            priority=o.priority,
            is_state_budget=o.is_state_budget,
            payee=payee,
            position=position,
            created_by=_author(by),
            updated_by=_author(by),
        )
        obligation.full_clean(exclude=["case", "payee"])
        obligations.append(obligation)
    Obligation.objects.bulk_create(obligations)
    return case


# ---- events --------------------------------------------------------------------------------


def case_facts(case: Case) -> CaseFacts:
    """What the transition rules need to know about the case itself.

    The state-budget part (Luật THADS 2008, Điều 61: only those obligations may be exempted or
    reduced) is the total of the obligations marked as such; a case marked as a whole but
    without such an obligation counts its whole amount.
    """
    budget = [o.amount or 0 for o in case.obligations.all() if o.is_state_budget]
    whole = case.amount if case.is_state_budget else 0
    budget_amount = sum(budget) if budget else whole
    return CaseFacts(
        amount=case.amount,
        mode=case.mode,
        accepted_on=case.accepted_on,
        unit_id=case.unit_id,
        has_state_budget_obligation=case.is_state_budget or bool(budget),
        state_budget_amount=budget_amount,
    )


def _apply_summary(case: Case, snapshot: CaseSnapshot, by: Any) -> None:
    Case.objects.filter(pk=case.pk).update(
        state=snapshot.state,
        is_classified=snapshot.is_classified,
        collected=snapshot.collected,
        reduced=snapshot.reduced,
        paid_out=snapshot.paid_out,
        first_collected_on=snapshot.first_collected_on,
        closed_on=snapshot.closed_on,
        version=case.version + 1,
        updated_at=timezone.now(),
        updated_by=_author(by),
    )
    case.refresh_from_db()


def _locked(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEditError()
    return locked


@transaction.atomic
def event_record(
    case: Case,
    *,
    type: str,
    on: dt.date,
    by: Any = None,
    amount: int | None = None,
    data: dict | None = None,
    corrects: CaseEvent | None = None,
    to_unit: Unit | None = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
    strict: bool = False,
) -> CaseEvent:
    """Append one event after checking the whole resulting history against the law.

    `today` bounds the date (no future events); it defaults to the local date. The act's
    fields in `data` are typed and checked by `cases.acts.clean_act`; `strict` (the case page,
    an issued document) also requires every mandatory field of the act.
    """
    if type == EventType.HUY_SU_KIEN and corrects is None:
        raise DomainError(_("Phải chọn sự kiện cần hủy."))
    case = _locked(case, expected_version)
    today = today or timezone.localdate()
    if type == EventType.HUY_SU_KIEN and not case.accepted_on <= on <= today:
        # A void is not replayed (so not checked by validate_history): check its date here.
        raise DomainError(
            f"Ngày hủy bỏ ghi nhận sai ({on:%d/%m/%Y}) phải từ ngày thụ lý "
            f"{case.accepted_on:%d/%m/%Y} đến hôm nay."
        )
    events = list(case.events.all())
    if corrects is not None and corrects.case_id != case.pk:
        raise DomainError(_("Sự kiện cần sửa không thuộc việc này."))
    if corrects is not None and CaseEvent.objects.filter(corrects=corrects).exists():
        raise DomainError(_("Sự kiện này đã được sửa trước đó."))
    law_version = law_on(on).version
    payload = clean_act(type, data, law_version=law_version, on=on, strict=strict)
    seq = (case.events.aggregate(m=Max("seq"))["m"] or 0) + 1
    event = CaseEvent(
        case=case,
        seq=seq,
        type=type,
        on=on,
        amount=amount,
        data=payload,
        law_version=law_version,
        corrects=corrects,
        to_unit=to_unit,
        recorded_by=_author(by),
    )
    event.pk = None
    candidate = [*events, _Pending(event)]
    snapshot = validate_history(case_facts(case), candidate, today=today)
    act_number_claim(case, payload, on=on, corrects=corrects)
    event.save()
    _apply_summary(case, snapshot, by)
    return event


class _Pending:
    """An unsaved event seen by the validator (pk None; sorts after saved ones on its date)."""

    def __init__(self, event: CaseEvent):
        self._event = event
        self.pk = None
        self.type = event.type
        self.on = event.on
        self.seq = event.seq
        self.amount = event.amount
        self.data = event.data
        self.corrects_id = event.corrects_id
        self.to_unit_id = event.to_unit_id


@transaction.atomic
def case_assign(
    case: Case, *, officer: Staff, on: dt.date, by: Any = None, expected_version: int | None = None
) -> Case:
    """Phân công / thay đổi Chấp hành viên (Luật THADS 2008, Điều 20; the head decides)."""
    if not officer.is_officer:
        raise DomainError(_("%(name)s không phải Chấp hành viên.") % {"name": officer.full_name})
    event_record(
        case,
        type=EventType.PHAN_CONG,
        on=on,
        by=by,
        expected_version=expected_version,
        data={"officer": officer.code, "previous": case.officer.code if case.officer else None},
    )
    Case.objects.filter(pk=case.pk).update(officer=officer)
    case.refresh_from_db()
    return case


@transaction.atomic
def case_entrust(
    case: Case,
    *,
    to_unit: Unit,
    on: dt.date,
    new_code: str = "",
    by: Any = None,
    expected_version: int | None = None,
) -> Case:
    """Ủy thác (Luật THADS 2008, Điều 55): close the case here, open a new case at `to_unit`.

    The new case carries the remainder as its amount and is a new case (thụ lý mới) there; it
    gets `new_code`, or the next code of `to_unit`'s series (`cases.codes`).
    """
    if not to_unit.is_valid_on(on):
        raise DomainError(
            _("Đơn vị %(unit)s không hoạt động vào ngày %(day)s.")
            % {"unit": to_unit.name, "day": f"{on:%d/%m/%Y}"}
        )
    event_record(
        case,
        type=EventType.UY_THAC,
        on=on,
        by=by,
        to_unit=to_unit,
        expected_version=expected_version,
    )
    case.refresh_from_db()
    remainder = case.amount - case.collected - case.reduced
    parties = [
        PartyInput(role=p.role, kind=p.kind, name=p.name, id_number=p.id_number, address=p.address)
        for p in case.parties.all()
    ]
    # The part still owed to the state budget stays marked as such (at most what was owed
    # there minus what was reduced), so that miễn, giảm at the receiving unit stays bounded.
    facts = case_facts(case)
    budget_left = min(remainder, max((facts.state_budget_amount or 0) - case.reduced, 0))
    description = f"Nhận ủy thác từ việc {case.code}"
    obligations = []
    if remainder - budget_left or not facts.has_state_budget_obligation:
        obligations.append(ObligationInput(description, amount=remainder - budget_left))
    if facts.has_state_budget_obligation:
        obligations.append(
            ObligationInput(
                f"{description} (khoản thu nộp ngân sách nhà nước)",
                amount=budget_left,
                is_state_budget=True,
            )
        )
    return case_create(
        judgment=case.judgment,
        data=CaseInput(
            code=new_code or case_code_allocate(to_unit, on),
            unit=to_unit,
            decision_no=f"Nhận ủy thác {case.decision_no}",
            decision_date=on,
            accepted_on=on,
            received_on=on,
            mode=case.mode,
            is_state_budget=case.is_state_budget,
            is_bank_credit=case.is_bank_credit,
            is_corruption=case.is_corruption,
            parties=parties,
            obligations=obligations,
            from_case=case,
        ),
        by=by,
    )
