"""The identities and their drill-down expansions (`stats.buckets`): one table, two uses."""

from __future__ import annotations

import random

import pytest

from thads.stats.buckets import (
    ACCEPTED_AS,
    BASE_KEYS,
    DERIVED_KEYS,
    EXPANSIONS,
    IDENTITIES,
    MONEY_BASE_KEYS,
    STATE_BUCKETS,
    derive,
    expand,
)


def test_every_derived_key_has_one_identity_per_measure():
    assert tuple(IDENTITIES["cases"]) == DERIVED_KEYS
    assert tuple(IDENTITIES["money"]) == DERIVED_KEYS


def test_identities_as_in_the_contract():
    """statistics.md: chuyển kỳ sau = phải thi hành − xong − đình chỉ (money: − giảm too)."""
    base = dict.fromkeys(BASE_KEYS, 0) | {"chuyen_sang": 5, "thu_ly_moi": 7, "uy_thac": 1}
    base |= {"xong": 3, "dinh_chi": 1, "dang_thi_hanh": 4, "chua_co_dieu_kien": 3}
    out = derive(base, "cases")
    assert out["tong_thu_ly"] == 12
    assert out["phai_thi_hanh"] == 11
    assert out["co_dieu_kien"] == 8
    assert out["chuyen_ky_sau"] == 7
    assert out["chuyen_ky_sau_co_dieu_kien"] == 4


def test_carried_over_expands_to_the_open_states():
    """Drill-down reads chuyen_ky_sau from the states it is made of (a state-only query)."""
    open_states = {"dang_thi_hanh", "hoan_thoa_thuan", "hoan_khac", "tam_dinh_chi"}
    open_states.add("chua_co_dieu_kien")
    for measure in ("cases", "money"):
        assert dict((k, s) for s, k in expand("chuyen_ky_sau", measure)) == dict.fromkeys(
            open_states, 1
        )
        # phai_thi_hanh keeps its acceptance form (6 terms, fewer than the 7 states).
        assert {k for _s, k in EXPANSIONS[measure]["phai_thi_hanh"]} >= {"chuyen_sang"}


def _one_case(rng: random.Random, measure: str) -> dict[str, int]:
    """The base buckets of one case: one acceptance bucket and where that amount ended."""
    keys = BASE_KEYS if measure == "cases" else MONEY_BASE_KEYS
    v = dict.fromkeys(keys, 0)
    accepted = rng.choice(["chuyen_sang", "thu_ly_moi"])
    if measure == "cases":
        v[accepted] = 1
        v[rng.choice(STATE_BUCKETS)] = 1
        return v
    amount = rng.randint(0, 10**9)
    v[accepted] = amount
    collected = rng.randint(0, amount)
    reduced = rng.randint(0, amount - collected)
    v["xong"], v["giam"] = collected, reduced
    state = rng.choice([k for k in ACCEPTED_AS["money"] if k not in {"xong", "giam"}])
    v[state] = amount - collected - reduced
    return v


@pytest.mark.parametrize("measure", ["cases", "money"])
def test_expansions_equal_the_identities_case_by_case(measure):
    """Each case's contribution by the drill-down's expansion equals the derived bucket."""
    rng = random.Random(8)
    for _ in range(500):
        v = _one_case(rng, measure)
        derived = derive(v, measure)
        for key in DERIVED_KEYS:
            assert sum(s * v[k] for s, k in expand(key, measure)) == derived[key], key
