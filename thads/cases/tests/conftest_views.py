"""Helpers for the case-screen tests (views, selectors, assignment, browser), on the demo org.

`new_case(unit_code, ...)` creates a case in a demo unit through the services, with a named
debtor, so that search, scope and permissions can be checked with the demo accounts
(chv = TN-SC-02 in TNG-KV2, thuky, truongphong (head of TNG-KV2), phophong, lanhdao, kiemtra…).
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from thads.cases import services
from thads.cases.models import Case, CaseMode, JudgmentKind, Party
from thads.org.models import Staff, Unit

_numbers = itertools.count(1)
D = dt.date
DEFAULT_ACCEPTED = dt.date(2025, 8, 4)


def login(client, username: str):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def staff(code: str) -> Staff:
    return Staff.objects.get(code=code)


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
) -> Case:
    number = next(_numbers)
    unit = Unit.objects.get(code=unit_code)
    judgment = services.judgment_get_or_create(
        court="Tòa án nhân dân tỉnh Thái Nguyên",
        number=f"{number}/2025/DS-ST",
        date=D(2025, 1, 6),
        kind=JudgmentKind.DAN_SU,
    )
    return services.case_create(
        judgment=judgment,
        data=services.CaseInput(
            code=code or f"{unit_code}/T/{number:04d}",
            unit=unit,
            decision_no=f"{number}/QĐ-CCTHADS",
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
        ),
    )
