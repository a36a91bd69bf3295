"""Case fixtures and helpers, for every app's tests.

- `units`: two small hand-built local units ("A", "B") under one province ("P", under "TW"),
  valid since 2009; fixtures `officer` (Chấp hành viên), `officer2` (another CHV) and `clerk`
  (thư ký) work in `units["A"]`.
  Much faster than the demo province; use the root `demo_org` fixture when you need it.
- `make_case(**overrides) -> Case`: a factory creating a case through `services.case_create`
  (so summary columns and obligations are consistent). Defaults: unit A, theo đơn, amount
  10.000.000 đ (one obligation), decision and acceptance on 02/01/2024, received 02/01/2024.
  Overrides: `code`, `unit`, `mode`, `amount` (int or None for a non-money case), `budget`
  (True: the obligation is owed to the state budget), `obligations` (list of
  `ObligationInput`, replaces `amount`/`budget`), `decision_date`, `accepted_on`,
  `received_on`, `officer`, `judgment_date`.
- `record(case, type, on, **kwargs) -> CaseEvent`: `services.event_record` with `today`
  defaulting far in the future (so any past date is accepted).
- `act_post(type, on)`: the mandatory act fields of `type` (`cases.acts`) as a case-page form
  posts them (dates dd/mm/yyyy, money 1.000.000, the first choice), to add to a POST.
- `ev_factory` (or `from thads.testing.cases import ev`): `ev(type, on, amount=None,
  data=None, seq=None, pk=None, corrects_id=None, to_unit_id=None)`, an in-memory event for
  the pure functions (`state`, `transitions`); no database.

On the demo organisation (`thads.testing.org`), for the case-screen tests (views, selectors,
assignment, browser):

`new_case(unit_code, ...)` creates a case in a demo unit through the services, with a named
debtor, so that search, scope and permissions can be checked with the demo accounts
(chv = TN-SC-02 in TNG-KV2, thuky, truongphong (head of TNG-KV2), phophong, lanhdao, kiemtra…).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model

from thads.cases import acts, services
from thads.cases.models import Case, CaseMode, JudgmentKind, Party
from thads.org import services as org_services
from thads.org.models import Role, Staff, Unit

D = dt.date
FAR_FUTURE = D(2100, 1, 1)
DEFAULT_DECISION = D(2024, 1, 2)
_codes = itertools.count(1)


@dataclass
class Ev:
    """A plain event for the pure functions (`EventLike`)."""

    type: str
    on: dt.date
    seq: int = 0
    amount: int | None = None
    data: dict = field(default_factory=dict)
    pk: int | None = None
    corrects_id: int | None = None
    to_unit_id: int | None = None


_seqs = itertools.count(1)


def act_post(event_type: str, on: dt.date | str, **values) -> dict:
    """The act's mandatory fields with plausible values, as the case-page form posts them."""
    day = on if isinstance(on, dt.date) else dt.date.fromisoformat(on)
    data: dict = {}
    for f in acts.act_fields(event_type):
        if not f.required:
            continue
        if f.kind == acts.DATE:
            later = f.key == "until"
            data[f.key] = f"{(day + dt.timedelta(days=90 if later else 0)):%d/%m/%Y}"
        elif f.kind == acts.MONEY:
            data[f.key] = "1.000.000"
        elif f.kind == acts.CHOICE:
            choices = acts.ground_choices(event_type, "2008") if f.key == "ground" else f.choices
            data[f.key] = choices[0][0]
        else:
            data[f.key] = "Nội dung thử nghiệm"
    data.update(values)
    return data


def ev(type, on, amount=None, data=None, seq=None, pk=None, corrects_id=None, to_unit_id=None):
    """An in-memory event; `seq` and `pk` default to a fresh increasing number."""
    number = next(_seqs)
    return Ev(
        type=str(type),
        on=on,
        seq=seq if seq is not None else number,
        amount=amount,
        data=data or {},
        pk=pk if pk is not None else number,
        corrects_id=corrects_id,
        to_unit_id=to_unit_id,
    )


@pytest.fixture
def ev_factory():
    return ev


@pytest.fixture
def units(db) -> dict[str, Unit]:
    founded = D(2009, 10, 1)
    national = org_services.unit_create(
        code="TW",
        name="Cục Quản lý Thi hành án dân sự",
        level=Unit.Level.NATIONAL,
        valid_from=founded,
    )
    province = org_services.unit_create(
        code="P",
        name="Thi hành án dân sự tỉnh Thử Nghiệm",
        level=Unit.Level.PROVINCE,
        parent=national,
        valid_from=founded,
    )
    result = {"TW": national, "P": province}
    for code in ("A", "B"):
        result[code] = org_services.unit_create(
            code=code,
            name=f"Phòng Thi hành án dân sự khu vực {code}",
            level=Unit.Level.LOCAL,
            parent=province,
            valid_from=founded,
        )
    return result


def _staff(code: str, name: str, title: str, unit: Unit, role: str) -> Staff:
    return org_services.staff_create(
        code=code, full_name=name, title=title, unit=unit, valid_from=D(2010, 1, 1), role=role
    )


@pytest.fixture
def officer(units) -> Staff:
    return _staff("A-01", "Nguyễn Văn An", Staff.Title.CHV_TRUNG_CAP, units["A"], Role.OFFICER)


@pytest.fixture
def officer2(units) -> Staff:
    return _staff("A-02", "Trần Thị Bình", Staff.Title.CHV_SO_CAP, units["A"], Role.OFFICER)


@pytest.fixture
def clerk(units) -> Staff:
    return _staff("A-03", "Lê Thị Cúc", Staff.Title.THU_KY, units["A"], Role.CLERK)


@pytest.fixture
def make_case(units):
    def make(
        *,
        code: str | None = None,
        unit: Unit | None = None,
        mode: str = CaseMode.THEO_DON,
        amount: int | None = 10_000_000,
        budget: bool = False,
        obligations: list[services.ObligationInput] | None = None,
        decision_date: dt.date = DEFAULT_DECISION,
        accepted_on: dt.date | None = None,
        received_on: dt.date | None = None,
        officer: Staff | None = None,
        judgment_date: dt.date | None = None,
    ):
        number = next(_codes)
        judgment = services.judgment_get_or_create(
            court="Tòa án nhân dân tỉnh Thử Nghiệm",
            number=f"{number}/2023/DS-ST",
            date=judgment_date or min(decision_date, D(2023, 12, 1)),
            kind=JudgmentKind.DAN_SU,
        )
        if obligations is None:
            obligations = [
                services.ObligationInput(
                    description="Trả tiền nợ" if not budget else "Án phí dân sự sơ thẩm",
                    amount=amount,
                    is_state_budget=budget,
                )
            ]
        return services.case_create(
            judgment=judgment,
            data=services.CaseInput(
                code=code or f"TEST-{number:05d}",
                unit=unit or units["A"],
                decision_no=f"{number}/QĐ-THA",
                decision_date=decision_date,
                accepted_on=accepted_on or decision_date,
                received_on=received_on if received_on is not None else decision_date,
                mode=mode,
                officer=officer,
                parties=[
                    services.PartyInput(
                        role=Party.Role.PHAI_THI_HANH, kind=Party.Kind.CA_NHAN, name="Phạm Văn Dũng"
                    ),
                    services.PartyInput(
                        role=Party.Role.DUOC_THI_HANH, kind=Party.Kind.CA_NHAN, name="Hoàng Thị Em"
                    ),
                ],
                obligations=obligations,
            ),
        )

    return make


@pytest.fixture
def record():
    def rec(case, type, on, **kwargs):
        kwargs.setdefault("today", FAR_FUTURE)
        return services.event_record(case, type=type, on=on, **kwargs)

    return rec


# ---- on the demo organisation ------------------------------------------------------------


_numbers = itertools.count(1)
DEFAULT_ACCEPTED = dt.date(2025, 8, 4)


def login(client, username: str):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def staff(code: str) -> Staff:
    return Staff.objects.get(code=code)


def _free_decision_no(unit_code: str, day: dt.date, number: int) -> str:
    """ "N/QĐ-CCTHADS", past the numbers the unit already used that year (a demo loaded
    beside the test numbers its acts and QĐ THA; a repeated number is refused)."""
    from thads.cases.act_numbers import highest_used

    used = highest_used(unit_code, "QĐ", day.year)
    return f"{number if number > used else used + number}/QĐ-CCTHADS"


def new_case(
    unit_code: str = "TNG-KV2",
    *,
    officer: str | None = "TN-SC-02",
    debtor: str = "Trần Thị Bình",
    id_number: str = "019180000123",
    amount: int = 10_000_000,
    accepted_on: dt.date = DEFAULT_ACCEPTED,
    decision_date: dt.date | None = None,
    received_on: dt.date | None = None,
    mode: str = CaseMode.CHU_DONG,
    budget: bool = False,
    bank_credit: bool = False,
    corruption: bool = False,
    code: str | None = None,
    auto_code: bool = False,
    decision_no: str | None = None,
) -> Case:
    """A case of `unit_code` (a test code "UNIT/T/0001" unless `code` is given; `auto_code`:
    through `judgment_intake`, which numbers it from the unit's series)."""
    number = next(_numbers)
    unit = Unit.objects.get(code=unit_code)
    judgment = services.judgment_get_or_create(
        court="Tòa án nhân dân tỉnh Thái Nguyên",
        number=f"{number}/2025/DS-ST",
        date=D(2025, 1, 6),
        kind=JudgmentKind.DAN_SU,
    )
    data = services.CaseInput(
        code="" if auto_code else code or f"{unit_code}/T/{number:04d}",
        unit=unit,
        decision_no=decision_no
        or _free_decision_no(unit_code, decision_date or accepted_on, number),
        decision_date=decision_date or accepted_on,
        accepted_on=accepted_on,
        received_on=received_on,
        mode=mode,
        officer=staff(officer) if officer else None,
        is_bank_credit=bank_credit,
        is_corruption=corruption,
        parties=[
            services.PartyInput(
                role=Party.Role.PHAI_THI_HANH,
                kind=Party.Kind.CA_NHAN,
                name=debtor,
                id_number=id_number,
            ),
            services.PartyInput(
                role=Party.Role.DUOC_THI_HANH, kind=Party.Kind.TO_CHUC, name="Ngân hàng X"
            ),
        ],
        obligations=[
            services.ObligationInput(
                description="Án phí" if budget else "Trả nợ",
                amount=amount,
                is_state_budget=budget,
            )
        ],
    )
    if auto_code:
        judgment_key = {
            "court": judgment.court,
            "number": judgment.number,
            "date": judgment.date,
            "kind": judgment.kind,
        }
        return services.judgment_intake(unit=unit, judgment=judgment_key, cases=[data])[0]
    return services.case_create(judgment=judgment, data=data)
