"""The canonical buckets and identities of the statistics contract (`statistics.md`).

Bucket values are computed by `stats.engine` (SQL in `stats.sql`); this module names them, holds
the identities between them and the column expressions of the form definitions (`TERM`, `RATE`),
derives the totals and expands any expression into base buckets for the drill-down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy

from thads.common import form_sources
from thads.common.money import format_vnd, group_thousands, rate

# States that are buckets of their own (the case's state at the cut-off T).
STATE_BUCKETS = (
    "uy_thac",
    "thu_hoi",
    "xong",
    "dinh_chi",
    "tra_don",
    "dang_thi_hanh",
    "hoan_thoa_thuan",
    "hoan_khac",
    "tam_dinh_chi",
    "chua_co_dieu_kien",
    "so_rieng",
)
BASE_KEYS = ("chuyen_sang", "thu_ly_moi", *STATE_BUCKETS)
# Money has one more flow bucket: amounts reduced or exempted in the period.
MONEY_BASE_KEYS = (*BASE_KEYS, "giam")
DERIVED_KEYS = (
    "tong_thu_ly",
    "phai_thi_hanh",
    "co_dieu_kien",
    "hoan_tam_dinh_chi",
    "chuyen_ky_sau",
    "chuyen_ky_sau_co_dieu_kien",
)
# Money columns of the default forms mixing buckets one case can share: the month-end totals
# also count their cases with a non-zero amount (the drill-down's count, `stats.engine`).
COUNTED_MONEY = {
    "phai_thi_hanh": "phai_thi_hanh",
    "co_dieu_kien": "co_dieu_kien",
    "hoan_thanh": "xong + dinh_chi + giam",
}
CASE_KEYS = (*BASE_KEYS, *DERIVED_KEYS)
MONEY_KEYS = (*MONEY_BASE_KEYS, *DERIVED_KEYS)

# What the screens call each bucket (never its key: "dinh_chi" is "Đình chỉ").
BUCKET_LABELS = {
    "chuyen_sang": gettext_lazy("Năm trước chuyển sang"),
    "thu_ly_moi": gettext_lazy("Thụ lý mới"),
    "tong_thu_ly": gettext_lazy("Tổng số thụ lý"),
    "uy_thac": gettext_lazy("Ủy thác"),
    "thu_hoi": gettext_lazy("Thu hồi, hủy quyết định"),
    "tra_don": gettext_lazy("Trả đơn yêu cầu"),
    "so_rieng": gettext_lazy("Chuyển sổ theo dõi riêng"),
    "phai_thi_hanh": gettext_lazy("Phải thi hành"),
    "co_dieu_kien": gettext_lazy("Có điều kiện thi hành"),
    "xong": gettext_lazy("Thi hành xong"),
    "giam": gettext_lazy("Miễn, giảm"),
    "dinh_chi": gettext_lazy("Đình chỉ"),
    "dang_thi_hanh": gettext_lazy("Đang thi hành"),
    "hoan_thoa_thuan": gettext_lazy("Hoãn theo thỏa thuận"),
    "hoan_tam_dinh_chi": gettext_lazy("Hoãn, tạm đình chỉ"),
    "hoan_khac": gettext_lazy("Hoãn (lý do khác)"),
    "tam_dinh_chi": gettext_lazy("Tạm đình chỉ"),
    "chua_co_dieu_kien": gettext_lazy("Chưa có điều kiện thi hành"),
    "chuyen_ky_sau": gettext_lazy("Chuyển kỳ sau"),
    "chuyen_ky_sau_co_dieu_kien": gettext_lazy("Chuyển kỳ sau: có điều kiện"),
}


def bucket_label(key: str) -> str:
    return str(BUCKET_LABELS.get(key, key))


# The identities of statistics.md ("Identities"), as written there: a derived bucket is a
# signed sum of base buckets and of the derived buckets above it. `derive` evaluates them on
# totals; `EXPANSIONS` (below) is the same table flattened to base buckets for the drill-down.
IDENTITIES: dict[str, dict[str, str]] = {
    "cases": {
        "tong_thu_ly": "chuyen_sang + thu_ly_moi",
        "phai_thi_hanh": "tong_thu_ly - uy_thac - thu_hoi - tra_don - so_rieng",
        "co_dieu_kien": "xong + dinh_chi + dang_thi_hanh + hoan_thoa_thuan",
        "hoan_tam_dinh_chi": "hoan_khac + tam_dinh_chi",
        "chuyen_ky_sau": "phai_thi_hanh - xong - dinh_chi",
        "chuyen_ky_sau_co_dieu_kien": "dang_thi_hanh + hoan_thoa_thuan",
    },
    # Money: `giam` (reduced or exempted) is a completion inside co_dieu_kien.
    "money": {
        "tong_thu_ly": "chuyen_sang + thu_ly_moi",
        "phai_thi_hanh": "tong_thu_ly - uy_thac - thu_hoi - tra_don - so_rieng",
        "co_dieu_kien": "xong + giam + dinh_chi + dang_thi_hanh + hoan_thoa_thuan",
        "hoan_tam_dinh_chi": "hoan_khac + tam_dinh_chi",
        "chuyen_ky_sau": "phai_thi_hanh - xong - giam - dinh_chi",
        "chuyen_ky_sau_co_dieu_kien": "dang_thi_hanh + hoan_thoa_thuan",
    },
}

# Column expressions of the form definitions: signed bucket keys, or rate(numerator; base).
TERM = re.compile(r"\s*([+-])?\s*([a-z_][a-z_0-9.]*)\s*")
RATE = form_sources.RATE  # one definition: the forms counted by other apps read rates too

# Per case, its acceptance bucket equals its state bucket (every case in exactly one of each;
# money: what it had to pay = collected + reduced in the period + its remainder at T).
ACCEPTANCE_KEYS = ("chuyen_sang", "thu_ly_moi")
ACCEPTED_AS = {
    "cases": STATE_BUCKETS,
    "money": ("xong", "giam", *(k for k in STATE_BUCKETS if k != "xong")),
}


def signed_terms(expr: str) -> list[tuple[int, str]]:
    """`a + b - c` as [(1, "a"), (1, "b"), (-1, "c")] (keys are not checked here)."""
    return [(-1 if sign == "-" else 1, key) for sign, key in TERM.findall(expr)]


def _flatten(expr: str, measure: str) -> dict[str, int]:
    """An identity as coefficients of base buckets, in order of appearance."""
    coef: dict[str, int] = {}
    for sign, key in signed_terms(expr):
        if key in IDENTITIES[measure]:
            for inner, c in _flatten(IDENTITIES[measure][key], measure).items():
                coef[inner] = coef.get(inner, 0) + sign * c
        else:
            coef[key] = coef.get(key, 0) + sign
    return {k: c for k, c in coef.items() if c}


def _over_states(coef: dict[str, int], measure: str) -> dict[str, int] | None:
    """The same per-case sum with the acceptance buckets written as the states they end in
    (only when both have one coefficient); None otherwise."""
    alpha = coef.get("chuyen_sang", 0)
    if not alpha or coef.get("thu_ly_moi", 0) != alpha:
        return None
    out = {k: c for k, c in coef.items() if k not in ACCEPTANCE_KEYS}
    for key in ACCEPTED_AS[measure]:
        out[key] = out.get(key, 0) + alpha
    return {k: c for k, c in out.items() if c}


def _drill_terms(expr: str, measure: str) -> list[tuple[int, str]]:
    """The shorter of the two equal forms: a sum over states only lets the drill-down read the
    intervals of those states (e.g. chuyen_ky_sau = the open states)."""
    flat = _flatten(expr, measure)
    states = _over_states(flat, measure)
    chosen = states if states is not None and len(states) < len(flat) else flat
    return [(c, k) for k, c in chosen.items()]


# Derived keys as signed base buckets (generated from IDENTITIES).
EXPANSIONS: dict[str, dict[str, list[tuple[int, str]]]] = {
    measure: {key: _drill_terms(expr, measure) for key, expr in identities.items()}
    for measure, identities in IDENTITIES.items()
}


def expand(expr: str, measure: str) -> list[tuple[int, str]]:
    """A column expression as signed base buckets; a rate drills into its numerator."""
    match = RATE.match(expr.strip())
    if match:
        expr = match.group(1)
    terms: list[tuple[int, str]] = []
    for sign, key in signed_terms(expr):
        if key in EXPANSIONS[measure]:
            terms += [(sign * s, k) for s, k in EXPANSIONS[measure][key]]
        else:
            terms.append((sign, key))
    merged: dict[str, int] = {}
    for sign, key in terms:
        merged[key] = merged.get(key, 0) + sign
    return [(sign, key) for key, sign in merged.items() if sign]


def counted_money_terms() -> dict[str, list[tuple[int, str]]]:
    """`COUNTED_MONEY` as signed base buckets (as the drill-down expands them)."""
    return {name: expand(expr, "money") for name, expr in COUNTED_MONEY.items()}


def derive(v: dict[str, int], measure: str) -> dict[str, int]:
    """The base buckets with the derived ones added (IDENTITIES, in order)."""
    out = dict(v)
    for key, expr in IDENTITIES[measure].items():
        out[key] = sum(sign * out[k] for sign, k in signed_terms(expr))
    return out


def derive_cases(v: dict[str, int]) -> dict[str, int]:
    """Add the case identities to the base buckets (counts)."""
    return derive(v, "cases")


def derive_money(v: dict[str, int]) -> dict[str, int]:
    """Add the money identities (đồng); `giam` is a completion inside co_dieu_kien."""
    return derive(v, "money")


def case_rate(v: dict[str, int]):
    """ty_le_viec = (xong + dinh_chi) / co_dieu_kien × 100; None on a zero base."""
    return rate(v["xong"] + v["dinh_chi"], v["co_dieu_kien"])


def money_rate(v: dict[str, int]):
    """ty_le_tien = (xong + dinh_chi + giam) / co_dieu_kien × 100; None on a zero base."""
    return rate(v["xong"] + v["dinh_chi"] + v["giam"], v["co_dieu_kien"])


@dataclass(frozen=True)
class Check:
    rule: str
    ok: bool
    detail: str = ""


def identity_checks(cases: dict[str, int], money: dict[str, int]) -> list[Check]:
    """The identities every report must satisfy (statistics.md, "Checks")."""
    checks = []
    for label, v, completions in (
        (gettext("việc"), cases, ("xong", "dinh_chi")),
        (gettext("tiền"), money, ("xong", "giam", "dinh_chi")),
    ):
        # Money in đồng, grouped as on the screens (1.234.567 đ); counts grouped too.
        show = group_thousands if v is cases else format_vnd
        remainders = sum(v[k] for k in STATE_BUCKETS if k != "xong") if label == "tiền" else 0
        if v is cases:
            total = sum(v[k] for k in STATE_BUCKETS)
        else:
            total = v["xong"] + v["giam"] + remainders
        checks.append(
            Check(
                f"{label}: "
                + gettext("tổng thụ lý = năm trước chuyển sang + thụ lý mới = tổng các trạng thái"),
                v["tong_thu_ly"] == v["chuyen_sang"] + v["thu_ly_moi"] == total,
                f"{show(v['tong_thu_ly'])} / {show(v['chuyen_sang'])} + "
                f"{show(v['thu_ly_moi'])} / {show(total)}",
            )
        )
        checks.append(
            Check(
                f"{label}: "
                + gettext("phải thi hành = có điều kiện + hoãn, tạm đình chỉ + chưa có điều kiện"),
                v["phai_thi_hanh"]
                == v["co_dieu_kien"] + v["hoan_tam_dinh_chi"] + v["chua_co_dieu_kien"],
            )
        )
        checks.append(
            Check(
                f"{label}: "
                + gettext("chuyển kỳ sau = phải thi hành − ")
                + " − ".join(bucket_label(k).lower() for k in completions),
                v["chuyen_ky_sau"] == v["phai_thi_hanh"] - sum(v[k] for k in completions),
            )
        )
    return checks
