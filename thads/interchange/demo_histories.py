"""The history of one demo case: a lawful, realistic sequence of events (for `demo_cases`)."""

from __future__ import annotations

import datetime as dt

from thads.interchange.demo_data import first_day, local_units_on


class CaseHistories:
    """The history-building half of `demo_cases.Generator` (uses its rng, today and helpers)."""

    # ---- one history --------------------------------------------------------------------

    def history(self, unit, chi_cuc, accepted, mode, flags, amount, officer) -> list[dict]:
        rng = self.rng
        today = self.today
        events: list[dict] = []

        def add(day: dt.date, kind: str, **extra) -> bool:
            if day > today:
                return False
            events.append({"on": day.isoformat(), "type": kind, **extra})
            return True

        if officer:
            add(accepted, "phan_cong", data={"officer": officer})
        day = self.later(accepted, 1, 3)
        if not add(day, "thong_bao"):
            return events
        day = self.later(day, 3, 12)
        if day > today:
            return events
        # Early exits before the verification.
        roll = rng.random()
        if roll < 0.02:
            add(day, "thu_hoi")
            return events
        if roll < 0.04 and mode == "theo_don":
            add(day, "tra_don")
            return events
        add(day, "xac_minh")
        state = {"collected": 0, "reduced": 0}
        has_means = rng.random() < 0.7
        if not has_means:
            ground = "tu" if rng.random() < 0.1 else "khong_tai_san"
            add(day, "chua_co_dieu_kien", data={"ground": ground})
            add(self.later(day, 2, 10), "cong_khai")
            period = 365 if ground == "tu" else 182
            count = 0
            while True:
                day = day + dt.timedelta(days=period + rng.randint(0, 20))
                if day > today:
                    return events
                if rng.random() < 0.12:
                    add(day, "xac_minh_co_dieu_kien")
                    break
                add(day, "xac_minh_lai")
                count += 1
                wait = 730 if (ground == "tu" or day >= dt.date(2026, 7, 1)) else 365
                no_means = first_day(events, "chua_co_dieu_kien")
                due = no_means + dt.timedelta(days=wait)
                if count >= 2 and day >= due and rng.random() < 0.6:
                    add(self.later(day, 1, 20), "so_rieng")
                    return events
                if rng.random() < 0.03:
                    add(self.later(day, 5, 30), "dinh_chi")
                    return events
        else:
            add(day, "xac_minh_co_dieu_kien")
        return self.with_means(unit, chi_cuc, day, mode, flags, amount, events, add, state)

    def with_means(self, unit, chi_cuc, day, mode, flags, amount, events, add, state):
        rng = self.rng
        remainder = amount
        # Side exits.
        roll = rng.random()
        if roll < 0.06:
            reason = "thoa_thuan" if rng.random() < 0.5 else "khac"
            day = self.later(day, 5, 40)
            if not add(day, "hoan", reason=reason):
                return events
            day = self.later(day, 30, 200)
            if not add(day, "tiep_tuc"):
                return events
        elif roll < 0.09:
            day = self.later(day, 5, 40)
            if not add(day, "tam_dinh_chi"):
                return events
            day = self.later(day, 60, 400)
            if rng.random() < 0.3:
                add(day, "dinh_chi")
                return events
            if not add(day, "tiep_tuc"):
                return events
        elif roll < 0.13:
            day = self.later(day, 5, 30)
            to_units = [u for u in local_units_on(day) if u != unit]
            add(day, "uy_thac", to_unit=rng.choice(to_units))
            return events
        elif roll < 0.15:
            add(self.later(day, 10, 90), "dinh_chi")
            return events
        elif roll < 0.16 and mode == "theo_don":
            add(self.later(day, 10, 60), "tra_don")
            return events
        if amount == 0:
            add(self.later(day, 10, 60), "giao_tai_san")
            add(self.later(day, 60, 90), "xong")
            return events
        # Seizure and auctions for the larger debts.
        if amount >= 300_000_000 and rng.random() < 0.35:
            day = self.coercion_day(self.later(day, 20, 60))
            if not add(day, "quyet_dinh_cuong_che", data={"measure": "ke_bien"}):
                return events
            day = self.coercion_day(self.later(day, 10, 30))
            if not add(day, "cuong_che", data={"time": "08:00"}):
                return events
            value = int(amount * rng.uniform(0.6, 1.4)) // 1000 * 1000
            day = self.later(day, 20, 45)
            if not add(day, "tham_dinh_gia", amount=value):
                return events
            for round_no in range(1, 4):
                day = self.later(day, 30, 60)
                sold = rng.random() < 0.35
                if not add(
                    day, "dau_gia", data={"result": "thanh_cong" if sold else "khong_thanh"}
                ):
                    return events
                if sold:
                    price = min(value, remainder)
                    day = self.later(day, 10, 30)
                    if not add(day, "thu_tien", amount=price):
                        return events
                    remainder -= price
                    break
                if round_no < 3:
                    value = value * 9 // 10 // 1000 * 1000
                    day = self.later(day, 10, 30)
                    if not add(day, "giam_gia", amount=value):
                        return events
            else:
                day = self.later(day, 10, 30)
                if rng.random() < 0.5 and add(day, "nhan_tai_san"):
                    price = min(value, remainder)
                    if not add(day, "thu_tien", amount=price):
                        return events
                    remainder -= price
        # Instalments.
        # Most small debts are paid in full within months; large ones far less often, so that
        # the province's rates resemble the seeds' (≈ 80 % of cases, ≈ 40 % of the money).
        large = amount >= 300_000_000
        instalments = rng.choice([1, 1, 2, 2, 3, 4] if large else [1, 1, 1, 1, 1, 2])
        very_large = amount >= 2_000_000_000
        pays_all = rng.random() < (0.06 if very_large else 0.35 if large else 0.9)
        budget = "ngan_sach" in flags
        for i in range(instalments):
            if remainder <= 0:
                break
            if large:
                day = self.later(day, 20, 60)
            else:  # most pay within the voluntary period or soon after (Điều 45)
                day = self.later(day, 3, 20) if i == 0 else self.later(day, 5, 30)
            if not pays_all:  # a debtor who cannot pay it all pays a little, then stops
                part = int(remainder * rng.uniform(0.1, 0.25)) // 1000 * 1000
            elif i == instalments - 1:
                part = remainder
            else:
                part = remainder // (instalments - i) // 1000 * 1000
            if part <= 0:
                continue
            if not add(day, "thu_tien", amount=part):
                return events
            remainder -= part
            if mode == "theo_don" and rng.random() < 0.85:
                add(self.later(day, 2, 15), "chi_tra", amount=part)
        if remainder > 0 and budget and rng.random() < 0.25:
            day = self.later(day, 30, 200)
            if add(day, "mien_giam", amount=remainder, data={"decision": "Quyết định của TAND"}):
                remainder = 0
        if remainder == 0:
            add(self.later(day, 1, 7), "xong")
        elif rng.random() < (0.92 if very_large else 0.99 if large else 0.999):
            # Paid in part, then verified again: no more income or assets (Điều 44a); the rest
            # stay on the books with means — mostly the very large debts (≥ 2 tỉ) the leaders
            # follow, which hold the province's money rate near the seeds' ≈ 40 %.
            day = self.later(day, 30, 90)
            if add(day, "xac_minh"):
                add(day, "chua_co_dieu_kien", data={"ground": "khong_tai_san"})
        return events
