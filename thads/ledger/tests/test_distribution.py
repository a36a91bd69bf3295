"""Order of payment (Luật THADS 2008, Điều 47 k1) and pro rata shares in integer đồng."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thads.cases.models import Obligation
from thads.ledger.distribution import PRIORITY_ORDER, Due, distribute

A, B, C = Obligation.Priority.CAP_DUONG, Obligation.Priority.AN_PHI, Obligation.Priority.KHAC


def test_classes_in_legal_order():
    dues = [Due("other", C, 500), Due("fee", B, 300), Due("alimony", A, 400)]
    assert distribute(600, dues) == {"alimony": 400, "fee": 200}
    assert distribute(1_000, dues) == {"alimony": 400, "fee": 300, "other": 300}
    assert distribute(5_000, dues) == {"alimony": 400, "fee": 300, "other": 500}


def test_pro_rata_within_a_class():
    dues = [Due("x", C, 6_000_000, 0), Due("y", C, 3_000_000, 1), Due("z", C, 1_000_000, 2)]
    assert distribute(1_000_000, dues) == {"x": 600_000, "y": 300_000, "z": 100_000}


def test_rounding_remainder_goes_to_largest_fractions_then_earlier_position():
    dues = [Due("x", C, 1, 0), Due("y", C, 1, 1), Due("z", C, 1, 2)]
    assert distribute(1, dues) == {"x": 1}
    assert distribute(2, dues) == {"x": 1, "y": 1}
    dues = [Due("x", C, 1, 2), Due("y", C, 2, 1), Due("z", C, 3, 0)]
    # 4 × (1, 2, 3) / 6 = 0,67 / 1,33 / 2 → floors 0, 1, 2; the extra đồng to x (0,67).
    assert distribute(4, dues) == {"x": 1, "y": 1, "z": 2}


def test_nothing_outstanding():
    assert distribute(100, [Due("x", C, 0)]) == {}
    assert distribute(0, [Due("x", C, 10)]) == {}


dues_strategy = st.lists(
    st.builds(
        Due,
        key=st.uuids(),
        priority=st.sampled_from(PRIORITY_ORDER),
        outstanding=st.integers(min_value=0, max_value=10**10),
        position=st.integers(min_value=0, max_value=20),
    ),
    max_size=8,
)


@given(available=st.integers(min_value=0, max_value=5 * 10**10), dues=dues_strategy)
def test_distribution_invariants(available, dues):
    shares = distribute(available, dues)
    total = sum(d.outstanding for d in dues)
    assert sum(shares.values()) == min(available, total)
    by_key = {d.key: d for d in dues}
    for key, share in shares.items():
        assert 0 < share <= by_key[key].outstanding
    # A lower class receives money only when every higher class is paid in full.
    paid_classes = {by_key[k].priority for k in shares}
    for key, due in by_key.items():
        rank = PRIORITY_ORDER.index(due.priority)
        if any(PRIORITY_ORDER.index(p) > rank for p in paid_classes):
            assert shares.get(key, 0) == due.outstanding
    assert distribute(available, list(reversed(dues))) == shares or len(
        {(d.priority, d.position) for d in dues}
    ) < len(dues)
