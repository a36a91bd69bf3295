"""Ledger fixtures: the small units and the case factory of the cases app, plus money cases."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases.models import CaseMode, Obligation
from thads.cases.services import ObligationInput
from thads.org.access import Access

D = dt.date
TODAY = D(2025, 6, 30)


def creditor_obligation(amount: int, priority: str = Obligation.Priority.KHAC, desc: str = ""):
    """An obligation owed to the creditor (party index 1 of `make_case`)."""
    return ObligationInput(
        description=desc or f"Trả nợ {amount}", amount=amount, priority=priority, payee_index=1
    )


def budget_obligation(amount: int, desc: str = "Án phí dân sự sơ thẩm"):
    return ObligationInput(
        description=desc, amount=amount, priority=Obligation.Priority.AN_PHI, is_state_budget=True
    )


@pytest.fixture
def money_case(make_case):
    """Theo đơn, 10.000.000 đ owed to the creditor (fee applies) on 02/01/2024."""

    def make(amount: int = 10_000_000, mode: str = CaseMode.THEO_DON, **kwargs):
        kwargs.setdefault("obligations", [creditor_obligation(amount)])
        return make_case(mode=mode, **kwargs)

    return make


@pytest.fixture
def access_a(units):
    return Access(user_id=1, role="officer", visible_unit_ids=frozenset({units["A"].pk}))


@pytest.fixture
def access_none():
    return Access(user_id=2)
