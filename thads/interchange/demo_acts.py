"""The legal content of the demo's acts: number, date, signer, grounds and each act's own fields.

Added to a lawful history after it is generated (`demo_cases.Generator.make_case`), so that a
document drafted or printed from a demo case (`thads document CASE SEQ`, the draft screen) is
complete: every mandatory field of `cases.acts` present, no blank left for want of data. Each
notice of the QĐ THA is delivered (`tong_dat`, its `received_on` starting the voluntary period,
Luật THADS 2008 Điều 45 k1); some cases get the acts the main histories do not make — an
agreement between the parties, an account frozen then debited, papers held — inserted only
where the law allows them (the history is validated again).

Its own random generator (`act_rng`): the main histories, and so the statistics calibrated on
them, do not change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from thads.cases import acts
from thads.interchange.demo_data import BANKS, PLACES, SUCCESSOR, chi_cuc_of
from thads.org.demo import REFORM
from thads.org.models import Membership, Staff

# The series of the register each act is numbered in (documents.Series).
MINUTES = frozenset({"xac_minh", "xac_minh_co_dieu_kien", "xac_minh_lai", "cuong_che",
                     "tong_dat", "thoa_thuan"})  # fmt: skip
NOTICES = frozenset({"thong_bao", "tham_dinh_gia", "dau_gia", "niem_yet"})
VALUERS = [
    "Công ty Cổ phần Thẩm định giá Thái Nguyên",
    "Công ty TNHH Thẩm định giá và Dịch vụ tài chính Việt Bắc",
]
AUCTIONEERS = [
    "Trung tâm Dịch vụ đấu giá tài sản tỉnh Thái Nguyên",
    "Công ty Đấu giá hợp danh Việt Bắc",
]
HOAN_OTHER = ["om_nang", "chua_ro_dia_chi", "tranh_chap_tai_san", "giai_thich_ban_an"]


@dataclass(frozen=True)
class Head:
    unit: str
    name: str
    valid_from: dt.date
    valid_to: dt.date | None


def issuing_unit(unit: str, day: dt.date) -> str:
    """The unit that signs on `day` for a case of `unit` (the successor after the reform)."""
    if day >= REFORM:
        return SUCCESSOR.get(unit, "TNG" if unit == "TN" else unit)
    return unit


def suffix(unit: str) -> str:
    if unit == "TN":
        return "CTHADS"
    if unit == "TNG":
        return "THADS"
    return "PTHADS" if unit.startswith("TNG-") else "CCTHADS"


class CaseActs:
    """The act-writing half of `demo_cases.Generator` (uses `act_rng`, `today`)."""

    def init_acts(self, seed: int) -> None:
        import random

        self.act_rng = random.Random(seed + 1)
        self.doc_serial: dict[tuple[str, str, int], int] = defaultdict(int)
        self.staff_names = dict(Staff.objects.values_list("code", "full_name"))
        self.heads: dict[str, list[Head]] = defaultdict(list)
        rows = Membership.objects.filter(is_head=True).values_list(
            "unit__code", "staff__full_name", "valid_from", "valid_to"
        )
        for unit, name, valid_from, valid_to in rows.order_by("valid_from"):
            self.heads[unit].append(Head(unit, name, valid_from, valid_to))

    # ---- numbers and signers ----------------------------------------------------------------

    def doc_no(self, unit: str, kind: str, day: dt.date) -> str:
        series = "BB" if kind in MINUTES else "TB" if kind in NOTICES else "QĐ"
        issuer = issuing_unit(unit, day)
        self.doc_serial[(issuer, series, day.year)] += 1
        return f"{self.doc_serial[(issuer, series, day.year)]}/{series}-{suffix(issuer)}"

    def head_name(self, unit: str, day: dt.date) -> str:
        issuer = issuing_unit(unit, day)
        for head in reversed(self.heads.get(issuer, [])):
            if head.valid_from <= day and (head.valid_to is None or day <= head.valid_to):
                return head.name
        return ""

    def signer(self, unit: str, kind: str, day: dt.date, officer: str | None) -> str:
        officer_name = self.staff_names.get(officer or "", "")
        head = self.head_name(unit, day)
        if acts.signer_role(kind) == acts.OFFICER:
            return officer_name or head
        return head or officer_name

    # ---- one history ------------------------------------------------------------------------

    def with_acts(self, unit, chi_cuc, accepted, mode, flags, amount, officer, events):
        """`events` with their acts' content, and the extra acts the law allows."""
        events = self.extra_acts(unit, accepted, mode, flags, amount, events)
        place = PLACES[chi_cuc_of(unit, chi_cuc)]
        for index in range(len(events)):
            self.fill_act(unit, place, mode, amount, officer, events, index)
        return events

    def extra_acts(self, unit, accepted, mode, flags, amount, events):
        rng = self.act_rng
        added = [dict(e) for e in events]
        notice = next((i for i, e in enumerate(added) if e["type"] == "thong_bao"), None)
        if notice is not None:
            added.insert(notice + 1, {"on": added[notice]["on"], "type": "tong_dat"})
        classified = next(
            (i for i, e in enumerate(added) if e["type"] == "xac_minh_co_dieu_kien"), None
        )
        if classified is not None and amount:
            day = added[classified]["on"]
            extra = []
            roll = rng.random()
            if "tin_dung" in flags or roll < 0.15:
                extra = [{"on": day, "type": "phong_toa"}]
                if rng.random() < 0.5:
                    extra.append(
                        {
                            "on": day,
                            "type": "quyet_dinh_cuong_che",
                            "data": {"measure": "khau_tru_tai_khoan"},
                        }  # fmt: skip
                    )
            elif roll < 0.25:
                extra = [{"on": day, "type": "tam_giu"}]
            elif mode == "theo_don" and roll < 0.4:
                extra = [{"on": day, "type": "thoa_thuan"}]
            added[classified + 1 : classified + 1] = extra
        if len(added) == len(events) or not self.allows(unit, accepted, mode, flags, amount, added):
            return events
        return added

    def fill_act(self, unit, place, mode, amount, officer, events, index) -> None:
        rng = self.act_rng
        event = events[index]
        kind = event["type"]
        if acts.schema_for(kind) is None:
            return
        day = dt.date.fromisoformat(event["on"])
        district, wards = place
        ward = rng.choice(wards)
        data = dict(event.get("data", {}))
        data.update(
            doc_no=self.doc_no(unit, kind, day),
            doc_date=event["on"],
            signer=self.signer(unit, kind, day, officer),
        )
        where = (unit, ward, district)
        data.update(self.own_fields(kind, day, where, mode, amount, events, index, data))
        event["data"] = {k: v for k, v in data.items() if v not in (None, "")}

    def own_fields(self, kind, day, where, mode, amount, events, index, data) -> dict:
        rng = self.act_rng
        unit, ward, district = where
        year = day.year
        later = events[index + 1 :]
        if kind in {"thong_bao", "tong_dat", "niem_yet"}:
            # Handed over in person the same day; sent or posted, received a few days later.
            late = 0 if kind == "tong_dat" else rng.randint(0, 3)
            received = min(day + dt.timedelta(days=late), self.today)
            return {"received_on": received.isoformat()}
        if kind == "hoan":
            ground = "dong_y_hoan" if events[index].get("reason") == "thoa_thuan" else None
            resumed = next((e for e in later if e["type"] == "tiep_tuc"), None)
            end = dt.date.fromisoformat(resumed["on"]) if resumed else day + dt.timedelta(90)
            until = max(end - dt.timedelta(days=rng.randint(1, 5)), day + dt.timedelta(1))
            return {"ground": ground or rng.choice(HOAN_OTHER), "until": until.isoformat()}
        if kind == "tam_dinh_chi":
            if rng.random() < 0.7:
                return {
                    "ground": "khang_nghi",
                    "authority_doc": f"Quyết định kháng nghị giám đốc thẩm số "
                    f"{rng.randint(10, 300)}/{year}/KN-DS của Chánh án Tòa án nhân dân "
                    "cấp cao tại Hà Nội",
                }
            return {
                "ground": "pha_san",
                "authority_doc": f"Thông báo thụ lý đơn yêu cầu mở thủ tục phá sản số "
                f"{rng.randint(1, 40)}/{year}/TB-TA của Tòa án nhân dân tỉnh Thái Nguyên",
            }
        if kind == "dinh_chi":
            choices = ["thoa_thuan_khong_thi_hanh"] if mode == "theo_don" else []
            return {"ground": rng.choice([*choices, "phai_thi_hanh_chet", "to_chuc_giai_the"])}
        if kind == "chua_co_dieu_kien":
            prior = [e for e in events[:index] if e["type"].startswith("xac_minh")]
            return {"verification_date": prior[-1]["on"] if prior else day.isoformat()}
        if kind in {"xac_minh", "xac_minh_co_dieu_kien", "xac_minh_lai"}:
            return self.findings(kind, day, ward, district, events, index)
        if kind == "quyet_dinh_cuong_che":
            if data.get("measure") != "ke_bien":
                return {}
            valued = next((e for e in later if e["type"] == "tham_dinh_gia"), None)
            return {
                "asset_description": f"Quyền sử dụng đất và nhà ở gắn liền với đất, thửa đất số "
                f"{rng.randint(10, 900)}, tờ bản đồ số {rng.randint(1, 60)}, diện tích "
                f"{rng.randint(60, 400)} m²",
                "asset_location": f"Tổ {rng.randint(1, 25)}, {ward}, {district}, tỉnh Thái Nguyên",
                "asset_papers": "Giấy chứng nhận quyền sử dụng đất số CS "
                f"{rng.randint(1000, 99999)}",
                "asset_value": valued["amount"] if valued else amount,
            }
        if kind == "cuong_che":
            return {
                "plan": f"{rng.randint(1, 80)}/KH-{suffix(issuing_unit(unit, day))}",
                "forces": f"Công an và Ủy ban nhân dân cấp xã ({ward}, {district}); Viện kiểm sát "
                "nhân dân cùng cấp; tổ chức thẩm định giá",
                "time": data.get("time") or "08:00",
            }
        if kind in {"tham_dinh_gia", "tham_dinh_gia_lai"}:
            return {
                "valuer": rng.choice(VALUERS),
                "certificate": f"{rng.randint(100, 999)}/{year}/CT-TĐG",
            }
        if kind == "dau_gia":
            price = next(
                (e["amount"] for e in reversed(events[:index])
                 if e["type"] in {"tham_dinh_gia", "giam_gia"} and e.get("amount")),
                amount,
            )  # fmt: skip
            values = {"organisation": rng.choice(AUCTIONEERS), "starting_price": price}
            if data.get("result") == "thanh_cong":
                values["sale_price"] = price
            return values
        if kind == "giam_gia":
            return {"new_price": events[index].get("amount") or amount}
        if kind == "thu_hoi":
            return {"ground": "Quyết định thi hành án ra không đúng nội dung bản án (sai số tiền "
                    "phải thi hành)"}  # fmt: skip
        if kind == "tra_don":
            return {"ground": "Người yêu cầu thi hành án rút đơn yêu cầu thi hành án"}
        if kind == "thoa_thuan":
            return {"terms": "Người phải thi hành án trả dần mỗi tháng một phần khoản phải thi "
                    "hành, trả hết trong 12 tháng; người được thi hành án đồng ý"}  # fmt: skip
        if kind == "phong_toa":
            return {
                "bank": rng.choice(BANKS),
                "account": f"Tài khoản số {rng.randint(10**11, 10**12 - 1)} của người phải thi "
                "hành án",
            }
        if kind == "tam_giu":
            return {"asset_description": f"Xe ô tô biển kiểm soát 20A-{rng.randint(10000, 99999)} "
                    "và giấy chứng nhận đăng ký xe"}  # fmt: skip
        return {}

    def findings(self, kind, day, ward, district, events, index) -> dict:
        rng = self.act_rng
        has_means = kind == "xac_minh_co_dieu_kien" or (
            kind == "xac_minh"
            and any(e["type"] == "xac_minh_co_dieu_kien" for e in events[index + 1 : index + 2])
        )
        if has_means:
            result = "Người phải thi hành án có thu nhập và tài sản để thi hành án"
            income = f"Lương, thu nhập khoảng {rng.randint(6, 25)} triệu đồng mỗi tháng"
            assets = f"Quyền sử dụng đất tại {ward}, {district}"
            accounts = f"Tài khoản tại {rng.choice(BANKS)}"
        else:
            result = "Người phải thi hành án không có thu nhập, không có tài sản để thi hành án"
            income = "Không có thu nhập ổn định"
            assets = "Không có tài sản đăng ký quyền sở hữu, quyền sử dụng"
            accounts = "Không có tài khoản tại các ngân hàng được yêu cầu cung cấp thông tin"
        return {
            "minutes_date": day.isoformat(),
            "result": result,
            "assets": assets,
            "income": income,
            "accounts": accounts,
            "informants": f"Ủy ban nhân dân và Công an cấp xã ({ward}, {district}); Văn phòng "
            "đăng ký đất đai tỉnh Thái Nguyên",
        }
