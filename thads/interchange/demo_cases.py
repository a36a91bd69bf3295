"""Demo cases for the demo province (Thái Nguyên), built as interchange records. Deterministic.

Several thousand cases accepted from 01/10/2018 to `today` (report years 2019 onwards) with
lawful, realistic histories, loaded through the importer (so the demo also proves it):
verification (~70% có điều kiện), instalments and payouts, reductions of state-budget
obligations, postponements and resumptions, suspensions, no-means decisions re-verified every
6 months then the separate book, entrusting between units (the new case at the receiving unit),
terminations, withdrawals, returned requests, seizure → valuation → failed auctions → price
reductions, bank-credit cases over 500 million đồng, corruption cases, targets and complaints.

Cases accepted by a Chi cục before 01/07/2025 stay on the Chi cục's code after the reform; the
successor mapping (Chi cục → Phòng THADS khu vực) makes the regional office see them. New cases
from 01/07/2025 are accepted by the regional offices.

Every history is checked with `cases.transitions.validate_history` while generating; a history
the law would refuse is cut before the refused event (a bug here can never break the import).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict

from thads.cases.transitions import CaseFacts, TransitionError, validate_history
from thads.common.calendar import holiday_name, is_within_tet_window
from thads.common.periods import report_year_of, year_start
from thads.interchange.demo_acts import CaseActs
from thads.interchange.demo_data import (
    BANKS,
    CHI_CUC_CODES,
    COMPANIES,
    GIVEN_F,
    GIVEN_M,
    KIND_CODE,
    MIDDLE_F,
    MIDDLE_M,
    PLACES,
    PROVINCE_COURT,
    REGION_CODES,
    SUCCESSOR,
    SURNAMES,
    WEIGHTS,
    chi_cuc_of,
    local_court,
    officer_postings,
    valid_on,
)
from thads.interchange.demo_histories import CaseHistories
from thads.interchange.importer import EventRec, ImportResult, import_lines
from thads.org.demo import REFORM

START = dt.date(2018, 10, 1)
SEED = 20181001
DEFAULT_COUNT = 5000

# Relative caseload of each Chi cục (the city the busiest).


class Generator(CaseHistories, CaseActs):
    def __init__(self, today: dt.date, count: int, seed: int):
        self.init_acts(seed)
        self.today = today
        self.count = count
        self.rng = random.Random(seed)
        self.payout_rng = random.Random(seed + 2)
        self.postings = officer_postings()
        self.serial: dict[tuple[str, int], int] = defaultdict(int)
        self.total = 0  # cases made: never more than `count` (a judgment's extra cases stop)
        self.judgment_serial: dict[tuple[str, int], int] = defaultdict(int)
        self.records: list[dict] = []
        self.case_dates: list[tuple[str, str, dt.date]] = []

    # ---- helpers ------------------------------------------------------------------------

    def later(self, day: dt.date, low: int, high: int) -> dt.date:
        return day + dt.timedelta(days=self.rng.randint(low, high))

    def coercion_day(self, day: dt.date) -> dt.date:
        while day.weekday() >= 5 or holiday_name(day) or is_within_tet_window(day):
            day += dt.timedelta(days=1)
        return day

    def money(self, low: int, high: int) -> int:
        return self.rng.randint(low // 1000, high // 1000) * 1000

    def person(self) -> tuple[str, str, str]:
        rng = self.rng
        female = rng.random() < 0.4
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        name = f"{rng.choice(SURNAMES)} {middle} {given}"
        born = rng.randint(1955, 2002)
        century = (3 if female else 2) if born >= 2000 else (1 if female else 0)
        id_number = f"019{century}{born % 100:02d}{rng.randint(0, 999999):06d}"
        return name, id_number, female

    def address(self, chi_cuc: str) -> str:
        district, wards = PLACES[chi_cuc]
        ward = self.rng.choice(wards)
        return f"Tổ {self.rng.randint(1, 25)}, {ward}, {district}, tỉnh Thái Nguyên"

    def officer(self, unit: str, day: dt.date) -> str | None:
        """A CHV of the unit on `day`; a head with 3+ CHV takes no cases, with 2 shares them."""
        present = [p for p in self.postings.get(unit, []) if valid_on(p, day)]
        if len(present) >= 3:
            present = [p for p in present if not p.is_head]
        return self.rng.choice(present).code if present else None

    def code(self, unit: str, day: dt.date) -> str:
        year = report_year_of(day)
        self.serial[(unit, year)] += 1
        return f"{unit}/{year}/{self.serial[(unit, year)]:04d}"

    def decision_number(self, unit: str, day: dt.date) -> int:
        """The QĐ THA's number: per unit and calendar year (`cases.duplicates`), in the one
        series of the unit's decisions that its acts' decisions share (`cases.act_numbers`)."""
        self.doc_serial[(unit, "QĐ", day.year)] += 1
        return self.doc_serial[(unit, "QĐ", day.year)]

    def local_unit_on(self, chi_cuc: str, day: dt.date) -> str:
        return chi_cuc if day < REFORM else SUCCESSOR[chi_cuc]

    # ---- the cases ----------------------------------------------------------------------

    def build(self) -> list[dict]:
        rng = self.rng
        span = (self.today - START).days
        chi_cuc_weights = [WEIGHTS[c] for c in CHI_CUC_CODES]
        made = 0
        while made < self.count:
            # Caseloads grow a little each year: bias the day towards recent years.
            accepted = START + dt.timedelta(days=int(span * (rng.random() ** 0.85)))
            if accepted > self.today - dt.timedelta(days=2):
                continue
            chi_cuc = rng.choices(CHI_CUC_CODES, chi_cuc_weights)[0]
            profile = rng.random()
            if profile < 0.03:
                made += self.make_judgment(chi_cuc, accepted, "tham_nhung")
            elif profile < 0.12:
                made += self.make_judgment(chi_cuc, accepted, "tin_dung")
            elif profile < 0.15:
                made += self.make_judgment(chi_cuc, accepted, "phi_tien")
            else:
                made += self.make_judgment(chi_cuc, accepted, "thuong")
        self.add_targets()
        self.add_complaints()
        return self.records

    def make_judgment(self, chi_cuc: str, accepted: dt.date, profile: str) -> int:
        rng = self.rng
        judgment_day = accepted - dt.timedelta(days=rng.randint(25, 120))
        province = profile == "tham_nhung" or (profile == "tin_dung" and rng.random() < 0.3)
        if profile == "tham_nhung":
            kind = "hinh_su"
        elif profile == "tin_dung":
            kind = "kinh_doanh_thuong_mai"
        else:
            kind = rng.choices(
                ["dan_su", "hinh_su", "hon_nhan_gia_dinh", "kinh_doanh_thuong_mai", "lao_dong",
                 "hanh_chinh"],
                [45, 25, 15, 8, 4, 3],
            )[0]  # fmt: skip
        court = PROVINCE_COURT if province else local_court(chi_cuc, judgment_day)
        self.judgment_serial[(court, judgment_day.year)] += 1
        number = (
            f"{self.judgment_serial[(court, judgment_day.year)]}/{judgment_day.year}/"
            f"{KIND_CODE[kind]}-{'PT' if province and rng.random() < 0.5 else 'ST'}"
        )
        judgment = {"court": court, "number": number, "date": judgment_day.isoformat(),
                    "kind": kind}  # fmt: skip
        unit = self.local_unit_on(chi_cuc, accepted)
        if province:
            unit = "TN" if accepted < REFORM else "TNG"
        debtor_name, debtor_id, _female = self.person()
        debtor = {"role": "phai_thi_hanh", "kind": "ca_nhan", "name": debtor_name,
                  "id_number": debtor_id, "address": self.address(chi_cuc)}  # fmt: skip
        if profile == "tin_dung" and rng.random() < 0.3:
            debtor = {"role": "phai_thi_hanh", "kind": "to_chuc", "name": rng.choice(COMPANIES),
                      "address": self.address(chi_cuc)}  # fmt: skip
        made = 0
        # The creditor's case (theo đơn), or the state's (chủ động) for criminal judgments.
        if profile == "tham_nhung":
            amount = self.money(500_000_000, 8_000_000_000)
            parties = [debtor]
            made += self.make_case(
                unit,
                chi_cuc,
                accepted,
                "chu_dong",
                judgment,
                ["ngan_sach", "tham_nhung_kinh_te"],
                amount,
                parties,
            )
        elif profile == "tin_dung":
            amount = self.money(120_000_000, 5_000_000_000)
            bank = {"role": "duoc_thi_hanh", "kind": "to_chuc", "name": rng.choice(BANKS)}
            made += self.make_case(
                unit, chi_cuc, accepted, "theo_don", judgment, ["tin_dung"], amount, [debtor, bank]
            )
        elif profile == "phi_tien":
            creditor_name, creditor_id, _ = self.person()
            creditor = {"role": "duoc_thi_hanh", "kind": "ca_nhan", "name": creditor_name,
                        "id_number": creditor_id}  # fmt: skip
            made += self.make_case(
                unit, chi_cuc, accepted, "theo_don", judgment, [], 0, [debtor, creditor]
            )
        elif kind == "hinh_su" or rng.random() < 0.45:
            amount = self.money(200_000, 60_000_000)
            made += self.make_case(
                unit, chi_cuc, accepted, "chu_dong", judgment, ["ngan_sach"], amount, [debtor]
            )
        else:
            creditor_name, creditor_id, _ = self.person()
            creditor = {"role": "duoc_thi_hanh", "kind": "ca_nhan", "name": creditor_name,
                        "id_number": creditor_id, "address": self.address(chi_cuc)}  # fmt: skip
            # Most civil debts are small: log-uniform, skewed towards the low end.
            amount = int(5_000_000 * 180 ** (rng.random() ** 1.6)) // 1000 * 1000
            made += self.make_case(
                unit, chi_cuc, accepted, "theo_don", judgment, [], amount, [debtor, creditor]
            )
        # One judgment, two decisions: the court fee (án phí) is enforced on the state's
        # initiative beside the creditor's case.
        if profile in {"thuong", "tin_dung"} and made and rng.random() < 0.3:
            fee_day = accepted + dt.timedelta(days=rng.randint(0, 3))
            if fee_day <= self.today and self.total < self.count:
                fee = self.money(300_000, 40_000_000)
                if fee == amount:  # same judgment, debtor and amount: a duplicate intake
                    fee += 1000
                made += self.make_case(
                    unit, chi_cuc, fee_day, "chu_dong", judgment, ["ngan_sach"], fee, [debtor]
                )
        return made

    def make_case(self, unit, chi_cuc, accepted, mode, judgment, flags, amount, parties,
                  from_case=None) -> int:  # fmt: skip
        if accepted >= REFORM and unit in SUCCESSOR:  # a Chi cục no longer accepts cases
            unit = SUCCESSOR[unit]
        if accepted >= REFORM and unit == "TN":
            unit = "TNG"
        code = self.code(unit, accepted)
        officer = self.officer(unit, accepted)
        events = self.history(unit, chi_cuc, accepted, mode, flags, amount, officer)
        events, receiver = self.lawful(unit, accepted, mode, flags, amount, events)
        events = self.with_payouts(unit, accepted, mode, flags, amount, events)
        events = self.with_acts(unit, chi_cuc, accepted, mode, flags, amount, officer, events)
        prefix = "CTHADS" if unit in {"TN", "TNG"} else "CCTHADS"
        if accepted >= REFORM:
            prefix = "THADS" if unit == "TNG" else "PTHADS"
        record = {
            "type": "case",
            "code": code,
            "unit": unit,
            "accepted_on": accepted.isoformat(),
            "decision_no": f"{self.decision_number(unit, accepted)}/QĐ-{prefix}",
            "decision_date": accepted.isoformat(),
            "mode": mode,
            "judgment": judgment,
            "flags": flags,
            "officer": officer,
            "amount": amount,
            "parties": parties,
            "events": events,
        }
        if from_case:
            record["from_case"] = from_case
        self.records.append(record)
        self.total += 1
        self.case_dates.append((code, unit, accepted))
        made = 1
        if receiver:
            to_unit, on, remainder = receiver
            new_day = self.later(on, 3, 12)
            crosses = new_day >= REFORM and (to_unit in SUCCESSOR or to_unit == "TN")
            if new_day <= self.today and not crosses and self.total < self.count:
                made += self.make_case(
                    to_unit,
                    chi_cuc_of(to_unit, chi_cuc),
                    new_day,
                    mode,
                    judgment,
                    flags,
                    remainder,
                    parties,
                    from_case=code,
                )
        return made

    def allows(self, unit, accepted, mode, flags, amount, events) -> bool:
        """Whether the law allows the whole history (`validate_history`)."""
        recs = [_event_rec(i, e) for i, e in enumerate(events, start=1)]
        try:
            validate_history(_facts(unit, accepted, mode, flags, amount), recs, today=self.today)
        except TransitionError:
            return False
        return True

    def with_payouts(self, unit, accepted, mode, flags, amount, events):
        """Money collected is paid out within days (Luật THADS 2008, Điều 47: to the creditor,
        or into the state budget for ex officio cases), so the clerk's "payouts due" holds the
        few recent or unclaimed sums a real office has, not every collection since 2018. Each
        collection not yet paid out gets its payout 2–15 days later, 97 % of them (the rest:
        a creditor who cannot be reached); a payout never follows an entrusting, and a history
        the law would refuse keeps its old form. Its own random stream: the histories, their
        acts and the rates stay as they were."""
        rng = self.payout_rng
        unpaid: list[tuple[dt.date, int]] = []
        for before, e in zip([None, *events], events, strict=False):
            in_kind = before is not None and before["type"] == "nhan_tai_san"
            if e["type"] == "thu_tien" and e.get("amount") and not in_kind:
                unpaid.append((dt.date.fromisoformat(e["on"]), e["amount"]))
            elif e["type"] == "chi_tra" and unpaid:
                unpaid.pop()  # the history's own payouts follow their collection
        if not unpaid:
            return events
        limit = self.today
        if events[-1]["type"] == "uy_thac":
            limit = min(limit, dt.date.fromisoformat(events[-1]["on"]) - dt.timedelta(days=1))
        paid = list(events)
        for day, sum_ in unpaid:
            on = day + dt.timedelta(days=rng.randint(2, 15))
            if rng.random() >= 0.97 or on > limit:
                continue
            at = next((i for i, e in enumerate(paid) if e["on"] > on.isoformat()), len(paid))
            paid.insert(at, {"on": on.isoformat(), "type": "chi_tra", "amount": sum_})
        if paid == events or not self.allows(unit, accepted, mode, flags, amount, paid):
            return events
        return paid

    def lawful(self, unit, accepted, mode, flags, amount, events):
        """Cut the history before the first event the law refuses; the entrusting, if any."""
        facts = _facts(unit, accepted, mode, flags, amount)
        while True:
            recs = [_event_rec(i, e) for i, e in enumerate(events, start=1)]  # fmt: skip
            try:
                snapshot = validate_history(facts, recs, today=self.today)
                break
            except TransitionError as exc:
                events = events[: exc.index]
        receiver = None
        last = events[-1] if events else None
        if last and last["type"] == "uy_thac":
            receiver = (last["to_unit"], dt.date.fromisoformat(last["on"]), snapshot.remainder)
        return events, receiver

    # ---- targets and complaints -----------------------------------------------------------

    def add_targets(self) -> None:
        rng = self.rng
        last_year = report_year_of(self.today)
        for year in range(2019, last_year + 1):
            start = year_start(year)
            units = ["TN", *CHI_CUC_CODES] if start < REFORM else ["TNG", *REGION_CODES]
            for unit in units:
                # The province's own target near the seeds' (≈ 82 % / ≈ 40 %), its units'
                # spread around it, so that some are over and some under.
                province = unit in {"TN", "TNG"}
                case_rate = rng.uniform(81, 83) if province else rng.uniform(78, 86)
                money_rate = rng.uniform(39, 41) if province else rng.uniform(35, 46)
                self.records.append(
                    {
                        "type": "target",
                        "unit": unit,
                        "year": year,
                        "case_rate": f"{case_rate:.2f}",
                        "money_rate": f"{money_rate:.2f}",
                    }
                )

    def add_complaints(self) -> None:
        rng = self.rng
        serial: dict[tuple[str, int], int] = defaultdict(int)
        count = max(10, len(self.case_dates) // 60)
        for code, unit, accepted in rng.sample(self.case_dates, min(count, len(self.case_dates))):
            received = self.later(accepted, 30, 400)
            if received > self.today:
                continue
            office = ("TN" if received < REFORM else "TNG") if rng.random() < 0.4 else unit
            serial[(office, received.year)] += 1
            record = {
                "type": "complaint",
                "code": f"{office}/KN/{received.year}/{serial[(office, received.year)]:03d}",
                "unit": office,
                "kind": rng.choices(
                    ["khieu_nai", "to_cao", "kien_nghi", "phan_anh"], [70, 10, 10, 10]
                )[0],  # fmt: skip
                "received_on": received.isoformat(),
                "case": code,
                "resolved_on": None,
            }
            resolved = self.later(received, 10, 60)
            if resolved <= self.today and rng.random() < 0.93:
                record["resolved_on"] = resolved.isoformat()
                record["result"] = rng.choices(
                    ["sai", "dung", "dung_mot_phan", "rut", "chuyen"], [55, 12, 13, 10, 10]
                )[0]
            self.records.append(record)


def _facts(unit: str, accepted: dt.date, mode: str, flags: list, amount: int) -> CaseFacts:
    return CaseFacts(
        amount=amount,
        mode=mode,
        accepted_on=accepted,
        unit_id=unit,
        has_state_budget_obligation="ngan_sach" in flags,
    )


def _event_rec(seq: int, e: dict) -> EventRec:
    data = dict(e.get("data", {}))
    if "reason" in e:
        data["reason"] = e["reason"]
    on = dt.date.fromisoformat(e["on"])
    return EventRec(seq, e["type"], on, e.get("amount"), data, None, e.get("to_unit"))


def build_records(today: dt.date, *, count: int = DEFAULT_COUNT, seed: int = SEED) -> list[dict]:
    """The demo cases, targets and complaints as interchange records (needs the demo org)."""
    return Generator(today, count, seed).build()


def load(today: dt.date, *, count: int = DEFAULT_COUNT, seed: int = SEED) -> ImportResult:
    """Generate the demo cases and load them through the importer."""
    records = build_records(today, count=count, seed=seed)
    return import_lines((json.dumps(r, ensure_ascii=False) for r in records), today=today)
