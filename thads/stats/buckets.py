"""The canonical buckets and identities of the statistics contract (`statistics.md`).

Bucket values are computed by `stats.engine`; this module names them and derives the totals.
"""

from __future__ import annotations

from dataclasses import dataclass

from thads.common.money import rate

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


def derive_cases(v: dict[str, int]) -> dict[str, int]:
    """Add the case identities to the base buckets (counts)."""
    out = dict(v)
    out["tong_thu_ly"] = v["chuyen_sang"] + v["thu_ly_moi"]
    out["phai_thi_hanh"] = (
        out["tong_thu_ly"] - v["uy_thac"] - v["thu_hoi"] - v["tra_don"] - v["so_rieng"]
    )
    out["co_dieu_kien"] = v["xong"] + v["dinh_chi"] + v["dang_thi_hanh"] + v["hoan_thoa_thuan"]
    out["hoan_tam_dinh_chi"] = v["hoan_khac"] + v["tam_dinh_chi"]
    out["chuyen_ky_sau"] = out["phai_thi_hanh"] - v["xong"] - v["dinh_chi"]
    out["chuyen_ky_sau_co_dieu_kien"] = v["dang_thi_hanh"] + v["hoan_thoa_thuan"]
    return out


def derive_money(v: dict[str, int]) -> dict[str, int]:
    """Add the money identities (đồng); `giam` is a completion inside co_dieu_kien."""
    out = dict(v)
    out["tong_thu_ly"] = v["chuyen_sang"] + v["thu_ly_moi"]
    out["phai_thi_hanh"] = (
        out["tong_thu_ly"] - v["uy_thac"] - v["thu_hoi"] - v["tra_don"] - v["so_rieng"]
    )
    out["co_dieu_kien"] = (
        v["xong"] + v["giam"] + v["dinh_chi"] + v["dang_thi_hanh"] + v["hoan_thoa_thuan"]
    )
    out["hoan_tam_dinh_chi"] = v["hoan_khac"] + v["tam_dinh_chi"]
    out["chuyen_ky_sau"] = out["phai_thi_hanh"] - v["xong"] - v["giam"] - v["dinh_chi"]
    out["chuyen_ky_sau_co_dieu_kien"] = v["dang_thi_hanh"] + v["hoan_thoa_thuan"]
    return out


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
        ("việc", cases, ("xong", "dinh_chi")),
        ("tiền", money, ("xong", "giam", "dinh_chi")),
    ):
        remainders = sum(v[k] for k in STATE_BUCKETS if k != "xong") if label == "tiền" else 0
        if label == "việc":
            total = sum(v[k] for k in STATE_BUCKETS)
        else:
            total = v["xong"] + v["giam"] + remainders
        checks.append(
            Check(
                f"{label}: tổng thụ lý = năm trước chuyển sang + thụ lý mới = tổng các trạng thái",
                v["tong_thu_ly"] == v["chuyen_sang"] + v["thu_ly_moi"] == total,
                f"{v['tong_thu_ly']} / {v['chuyen_sang']} + {v['thu_ly_moi']} / {total}",
            )
        )
        checks.append(
            Check(
                f"{label}: phải thi hành = có điều kiện + hoãn, tạm đình chỉ + chưa có điều kiện",
                v["phai_thi_hanh"]
                == v["co_dieu_kien"] + v["hoan_tam_dinh_chi"] + v["chua_co_dieu_kien"],
            )
        )
        checks.append(
            Check(
                f"{label}: chuyển kỳ sau = phải thi hành − " + " − ".join(completions),
                v["chuyen_ky_sau"] == v["phai_thi_hanh"] - sum(v[k] for k in completions),
            )
        )
    return checks
