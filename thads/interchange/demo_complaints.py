"""Complaints and citizen reception of the demo province (after `demo_cases.load`), written
through the complaints app's services — so the register's numbers, the matters' resolvers and
deadlines, their steps and the audit trail are what real use leaves:

* TNG-KV2 and the province (TNG) each get letters of the previous and the running report year:
  khiếu nại lần đầu decided đúng / sai / đúng một phần, withdrawn → terminated, khiếu nại lần
  hai at the province, tố cáo, kiến nghị, phản ánh; forwarded, guided, archived, a duplicate of
  an earlier letter, matters still being verified, one at dialogue, one overdue, one letter
  waiting to be handled; every month a reception session by the head (định kỳ) and regular
  sessions where letters are handed in, one of them a group (đoàn đông người);
* the other regional offices a few letters each.

Deterministic (its own seed, dates counted back from `today`); a step a rule refuses is left
out, never forced (the letter then stays at its last lawful step).
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from thads.cases.models import Case
from thads.common.calendar import is_working_day
from thads.common.errors import DomainError
from thads.common.periods import report_year_of, year_start
from thads.complaints import services
from thads.complaints.models import Complaint, Matter, StepKind
from thads.complaints.services import HandlingInput, LetterInput, MatterInput, SenderInput
from thads.complaints.services.reception import SessionInput
from thads.interchange.demo_data import GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M, SURNAMES
from thads.interchange.demo_office import postings
from thads.org.access import scope_unit_ids
from thads.org.models import Membership, Role, Staff, Unit

SEED = 20261203
COURT = "Tòa án nhân dân khu vực 2 – Thái Nguyên"
NATIONAL = "Cục Quản lý thi hành án dân sự – Bộ Tư pháp"
WARD = "UBND phường Phổ Yên"

# (story, days after the year's start it is received) — the previous report year (all settled
# but the last, carried over) and the running one (counted back from `today`).
LAST_YEAR = [
    ("kn1_sai", 12), ("forwarded", 25), ("kn1_dung", 40), ("kien_nghi", 55), ("to_cao", 70),
    ("kn1_mot_phan", 95), ("guided", 120), ("kn1_rut", 150), ("archived", 180),
    ("phan_anh", 210), ("kn1_sai", 240), ("group", 270), ("kn1_sai", 300), ("verifying", 352),
]  # fmt: skip
THIS_YEAR_BACK = [  # days before `today`
    ("overdue", 50), ("kn1_sai", 45), ("forwarded", 40), ("kn1_dung", 36), ("duplicate", 33),
    ("kien_nghi", 30), ("kn1_rut", 27), ("archived", 24), ("dialogue", 20), ("to_cao_open", 15),
    ("kn1_mot_phan", 21), ("verifying", 8), ("phan_anh", 6), ("waiting", 1),
]  # fmt: skip
PROVINCE_LAST = [
    ("kn2_forward", 30), ("to_cao_head", 75), ("kn1_mot_phan", 130), ("forwarded", 160),
    ("kn1_sai", 200), ("guided", 250), ("kien_nghi", 290), ("kn1_dung", 320),
]  # fmt: skip
PROVINCE_THIS_BACK = [
    ("kn1_sai", 48), ("overdue", 46), ("forwarded", 35), ("kn1_dung", 30), ("duplicate", 28),
    ("kn2_forward", 18), ("to_cao_open", 12), ("phan_anh", 7), ("waiting", 2),
]  # fmt: skip
# Khiếu nại lần hai about a regional office's officer: since 01/07/2025 the Cục Quản lý THADS
# resolves it (complaints.rule_defaults, "kn2.officer_local").
NATIONAL_LAST = [("kn2_sai", 60), ("kn2_mot_phan", 200)]
NATIONAL_THIS_BACK = [("kn2_sai", 48), ("kn2_open", 16)]
OTHERS_LAST = [("kn1_sai", 60), ("forwarded", 200)]
OTHERS_THIS_BACK = [("kn1_dung", 40)]

SECOND = "Khiếu nại lần hai quyết định giải quyết khiếu nại lần đầu của THADS tỉnh"
VERIFIED = "Làm việc với người khiếu nại, thu thập hồ sơ việc thi hành án."
DIALOGUE = "Đối thoại với người khiếu nại và Chấp hành viên; lập biên bản."
SUMMARY = {
    "khieu_nai": "Khiếu nại quyết định, hành vi của Chấp hành viên trong việc thi hành án",
    "to_cao": "Tố cáo Chấp hành viên vi phạm trong quá trình tổ chức thi hành án",
    "kien_nghi": "Kiến nghị được thi hành án sớm, thông báo kết quả xác minh",
    "phan_anh": "Phản ánh việc chậm tống đạt quyết định thi hành án",
}


@dataclass
class ComplaintsResult:
    letters: int = 0
    matters: int = 0
    sessions: int = 0


def _working_day(day: dt.date, today: dt.date) -> dt.date:
    """`day`, or the closest working day before it (an office receives on working days)."""
    while not is_working_day(day) and day > dt.date(2000, 1, 1):
        day -= dt.timedelta(days=1)
    return min(day, today)


class Desk:
    """One unit's complaints desk: its clerk registers, its head (or the province's leader)
    handles and decides, its officers verify."""

    def __init__(self, unit: Unit, today: dt.date, rng: random.Random, result: ComplaintsResult):
        self.unit, self.today, self.rng, self.result = unit, today, rng, result
        members = postings(unit, today)

        def first(*roles: str) -> Membership | None:
            return next((m for m in members if m.role in roles), None)

        head = first(Role.HEAD, Role.PROVINCIAL_LEADER) or (members[0] if members else None)
        self.head = head.staff if head else None
        clerk = first(Role.CLERK) or head
        self.clerk_user = clerk.staff.user if clerk else None
        self.head_user = self.head.user if self.head else None
        self.officers = [m.staff for m in members if m.role in {Role.OFFICER, Role.INSPECTOR}]
        self.officers = self.officers or ([self.head] if self.head else [])
        # The latest cases of a regional office and its predecessors, or of the province's own
        # (TNG, TN): what the letters complain of.
        own = (
            scope_unit_ids(unit)
            if unit.level == Unit.Level.LOCAL
            else Unit.objects.filter(code__in=[unit.code, "TN"]).values_list("pk", flat=True)
        )
        self.cases = list(
            Case.objects.filter(unit_id__in=own, officer__isnull=False)
            .select_related("officer")
            .order_by("-accepted_on", "code")[:150]
        )
        self.letters: list[Complaint] = []
        self.decisions = 0

    # ---- helpers ---------------------------------------------------------------------

    def person(self) -> SenderInput:
        rng = self.rng
        female = rng.random() < 0.45
        name = (
            f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_F if female else MIDDLE_M)} "
            f"{rng.choice(GIVEN_F if female else GIVEN_M)}"
        )
        born = rng.randint(1955, 1998)
        id_number = f"019{1 if female else 0}{born % 100:02d}{rng.randint(0, 999999):06d}"
        phone = f"09{rng.randint(10_000_000, 99_999_999)}"
        return SenderInput(name=name, id_number=id_number, phone=phone,
                           address=f"Tổ {rng.randint(1, 20)}, tỉnh Thái Nguyên")  # fmt: skip

    def case_before(self, day: dt.date) -> Case | None:
        before = [c for c in self.cases if c.accepted_on < day - dt.timedelta(days=20)]
        return self.rng.choice(before) if before else None

    def verifier(self, case: Case | None) -> Staff | None:
        others = [s for s in self.officers if case is None or s.pk != case.officer_id]
        return self.rng.choice(others) if others else None

    def register(self, kind: str, day: dt.date, **extra: Any) -> Complaint | None:
        case = extra.pop("case", None) or self.case_before(day)
        reception = extra.pop("reception", None)
        senders = extra.pop("senders", None) or [self.person()]
        data = LetterInput(
            kind=kind,
            received_on=day,
            senders=senders,
            channel=extra.pop("channel", self.rng.choice(["truc_tiep", "buu_chinh"])),
            summary=extra.pop("summary", SUMMARY.get(kind, "")),
            subject_detail=case.decision_no if case else "",
            case=case,
            **extra,
        )
        try:
            letter = services.letter_register(
                self.unit, data, by=self.clerk_user, reception=reception,
                today=self.today,
            )  # fmt: skip
        except DomainError:
            return None
        self.letters.append(letter)
        self.result.letters += 1
        return letter

    def accept(self, letter: Complaint, on: dt.date, kind: str, **matter: Any) -> Matter | None:
        subject = letter.case.officer if letter.case and kind != "kien_nghi" else None
        matter.setdefault("subject_staff", subject)
        handling = HandlingInput(on=on, handling="thu_ly", matters=[MatterInput(kind, **matter)])
        try:
            services.letter_handle(
                letter, handling, expected_version=letter.version, by=self.head_user,
                today=self.today,
            )  # fmt: skip
        except DomainError:
            return None
        self.result.matters += 1
        return letter.matters.order_by("-pk").first()

    def refuse(self, letter: Complaint, on: dt.date, handling: str, **fields: Any) -> None:
        with suppress(DomainError):
            services.letter_handle(
                letter, HandlingInput(on=on, handling=handling, **fields),
                expected_version=letter.version, by=self.clerk_user, today=self.today,
            )  # fmt: skip

    def verify(self, matter: Matter, on: dt.date, dialogue: bool = False) -> Matter:
        verifier = self.verifier(matter.case)
        if verifier is None or on > self.today:
            return matter
        try:
            matter = services.matter_assign_verifier(
                matter, verifier, on=on, expected_version=matter.version, by=self.head_user
            )
            steps = [(StepKind.XAC_MINH, 3, VERIFIED, verifier.user)]
            if dialogue:
                steps.append((StepKind.DOI_THOAI, 6, DIALOGUE, self.head_user))
            for kind, days, note, user in steps:
                services.matter_record(
                    matter, kind, on=min(self.today, on + dt.timedelta(days=days)), note=note,
                    by=user,
                )  # fmt: skip
        except DomainError:
            pass
        return matter

    def decide(self, matter: Matter, on: dt.date, outcome: str) -> None:
        if on > self.today:
            return
        measures = {
            "dung": "Hủy quyết định bị khiếu nại; giao Chấp hành viên tổ chức thi hành lại.",
            "dung_mot_phan": "Sửa một phần quyết định; rút kinh nghiệm với Chấp hành viên.",
            "sai": "Giữ nguyên quyết định, hành vi bị khiếu nại.",
            "tra_loi": "Đã có văn bản trả lời người kiến nghị.",
        }[outcome]
        self.decisions += 1
        number = f"{self.decisions}/{'TL' if outcome == 'tra_loi' else 'QĐ-GQKN'}-{self.unit.code}"
        with suppress(DomainError):
            services.matter_decide(
                matter, on=on, outcome=outcome, decision_no=number, measures=measures,
                expected_version=matter.version, by=self.head_user,
            )  # fmt: skip

    # ---- the stories -----------------------------------------------------------------

    def story(self, name: str, day: dt.date) -> None:
        """One letter's life, from its receipt to where it stands on `today`."""
        day = _working_day(day, self.today)

        def after(days: int) -> dt.date:
            return min(self.today, day + dt.timedelta(days=days))

        if name == "waiting":
            self.register("khieu_nai", day)
            return
        if name == "duplicate":
            earlier = next((x for x in self.letters if x.kind == "khieu_nai"
                            and not x.duplicate_of_id and x.received_on < day), None)  # fmt: skip
            if earlier is not None:
                senders = [SenderInput(name=s.name, id_number=s.id_number)
                           for s in earlier.senders.all()]  # fmt: skip
                self.register("khieu_nai", day, duplicate_of=earlier, case=earlier.case,
                              senders=senders, summary=earlier.summary)  # fmt: skip
            return
        if name == "kn2_forward":  # the second instance is not the province's to resolve
            letter = self.register("khieu_nai", day, summary=SECOND)
            if letter:
                self.refuse(letter, after(3), "chuyen_don", competent=False, sent_to=NATIONAL)
            return
        if name in {"forwarded", "guided"}:
            letter = self.register(
                "khieu_nai" if name == "forwarded" else "phan_anh", day,
                summary="Khiếu nại bản án, đề nghị xem xét lại theo thủ tục giám đốc thẩm"
                if name == "forwarded" else "Phản ánh việc cấp giấy chứng nhận quyền sử dụng đất",
            )  # fmt: skip
            if letter:
                forwarded = name == "forwarded"
                self.refuse(letter, after(3), "chuyen_don" if forwarded else "huong_dan",
                            competent=False, sent_to=COURT if forwarded else WARD)  # fmt: skip
            return
        if name == "archived":
            letter = self.register("to_cao", day, senders=[SenderInput(name="")],
                                   channel="buu_chinh")  # fmt: skip
            if letter:
                self.refuse(letter, after(4), "luu_don", eligible=False,
                            ineligible_reason="khong_ky_ten")  # fmt: skip
            return
        if name == "group":
            self.group(day)
            return
        if name in {"kien_nghi", "phan_anh"}:
            letter = self.register(name, day, channel="truc_tuyen")
            matter = letter and self.accept(letter, after(2), name)
            if matter:
                self.decide(matter, after(8), "tra_loi")
            return
        if name.startswith("kn2"):
            self.second_instance(name, day)
            return
        kind = "to_cao" if name.startswith("to_cao") else "khieu_nai"
        letter = self.register(kind, day, reception=self.session_for(day, kind)
                               if self.rng.random() < 0.35 else None)  # fmt: skip
        extra: dict[str, Any] = {}
        if name == "to_cao_head":  # a head denounced: the province resolves it
            extra = {"subject_role": "head", "subject_unit": self.sub_unit, "subject_staff": None}
        matter = letter and self.accept(letter, after(2), kind, **extra)
        if not matter:
            return
        try:
            if name == "kn1_rut":
                services.matter_withdraw(
                    matter, on=after(6), expected_version=matter.version, by=self.head_user,
                    note="Người khiếu nại có đơn rút toàn bộ nội dung khiếu nại.",
                )  # fmt: skip
                return
            if name == "kn1_mot_phan":
                matter = services.matter_suspend(
                    matter, on=after(3), expected_version=matter.version, by=self.head_user,
                    note="Tạm dừng việc xử lý tài sản để giải quyết khiếu nại.",
                )  # fmt: skip
        except DomainError:
            return
        matter = self.verify(matter, after(3), dialogue=name in {"kn1_mot_phan", "dialogue"})
        outcome = {"kn1_sai": "sai", "kn1_dung": "dung", "kn1_mot_phan": "dung_mot_phan",
                   "to_cao": "sai", "to_cao_head": "sai"}.get(name)  # fmt: skip
        if outcome:
            self.decide(matter, after(13 if kind == "khieu_nai" else 25), outcome)

    sub_unit: Unit | None = None  # the regional office a province's story is about

    def second_instance(self, name: str, day: dt.date) -> None:
        """Khiếu nại lần hai at the national office about a regional office's officer (Luật
        THADS 2008, Điều 142; since 01/07/2025 the Cục Quản lý THADS resolves it)."""
        sub = self.sub_unit
        if sub is None:
            return
        case = Case.objects.filter(unit=sub, accepted_on__lt=day - dt.timedelta(days=40),
                                   officer__isnull=False).order_by("code").first()  # fmt: skip
        letter = self.register(
            "khieu_nai", day, case=case, summary="Khiếu nại lần hai quyết định giải quyết "
            f"khiếu nại lần đầu của Trưởng phòng {sub.name}",
        )  # fmt: skip
        matter = letter and self.accept(
            letter, min(self.today, day + dt.timedelta(days=2)), "khieu_nai", instance=2,
            subject_unit=sub,
        )  # fmt: skip
        if not matter:
            return
        matter = self.verify(matter, min(self.today, day + dt.timedelta(days=5)),
                             dialogue=name != "kn2_sai")  # fmt: skip
        outcome = {"kn2_sai": "sai", "kn2_dung": "dung", "kn2_mot_phan": "dung_mot_phan"}
        if name in outcome:
            self.decide(matter, min(self.today, day + dt.timedelta(days=26)), outcome[name])

    # ---- reception -------------------------------------------------------------------

    def session_for(self, day: dt.date, kind: str) -> Any:
        """A regular reception session on `day` where the letter is handed in."""
        visits = self.rng.randint(1, 3)
        about = {"khieu_nai": "about_khieu_nai", "to_cao": "about_to_cao"}.get(
            kind, "about_kien_nghi"
        )
        data = SessionInput(
            held_on=day, form="thuong_xuyen", place="Phòng tiếp công dân", host=self.verifier(None),
            visits=visits, people=visits, matters_new=1, **{about: 1},
            content=SUMMARY.get(kind, ""), outcome="Tiếp nhận đơn, hướng dẫn quyền khiếu nại.",
        )  # fmt: skip
        return self.session(data)

    def session(self, data: SessionInput) -> Any:
        try:
            session = services.session_record(self.unit, data, by=self.clerk_user,
                                              today=self.today)  # fmt: skip
        except DomainError:
            return None
        self.result.sessions += 1
        return session

    def group(self, day: dt.date) -> None:
        """Đoàn đông người: seven households of one residential group, one letter signed by
        all, received by the head at a session."""
        session = self.session(
            SessionInput(
                held_on=day,
                form="dot_xuat",
                place="Hội trường cơ quan",
                host=self.head,
                by_leader=True,
                visits=1,
                people=7,
                matters_new=1,
                groups=1,
                group_people=7,
                group_matters=1,
                about_khieu_nai=1,
                content="Các hộ dân khiếu nại việc cưỡng chế giao tài sản cho người mua trúng "
                "đấu giá.",
                outcome="Thủ trưởng tiếp, giải thích; tiếp nhận đơn để giải quyết.",
            )  # fmt: skip
        )
        letter = self.register("khieu_nai", day, reception=session, is_dong_nguoi=True,
                               senders=[self.person() for _ in range(7)],
                               summary="Khiếu nại việc cưỡng chế giao tài sản")  # fmt: skip
        matter = letter and self.accept(letter, min(self.today, day + dt.timedelta(days=2)),
                                        "khieu_nai", stage="coercion")  # fmt: skip
        if matter:
            matter = self.verify(matter, min(self.today, day + dt.timedelta(days=4)), True)
            self.decide(matter, min(self.today, day + dt.timedelta(days=25)), "sai")

    def head_sessions(self, start: dt.date) -> None:
        """Thủ trưởng tiếp công dân định kỳ (Luật Tiếp công dân 2013, Điều 18): a day a month,
        from `start` to `today`."""
        month = dt.date(start.year, start.month, 1)
        while month <= self.today:
            day = _working_day(month + dt.timedelta(days=self.rng.randint(9, 15)), self.today)
            month = (month + dt.timedelta(days=32)).replace(day=1)
            if not start <= day < self.today:
                continue
            old, new = self.rng.randint(0, 2), self.rng.randint(0, 3)
            kn = self.rng.randint(0, old + new)
            tc = self.rng.randint(0, old + new - kn)
            visits = max(1, old + new + self.rng.randint(0, 2))
            self.session(SessionInput(
                held_on=day, form="dinh_ky", place="Phòng tiếp công dân", host=self.head,
                by_leader=True, visits=visits, people=visits,
                matters_old=old, matters_new=new, about_khieu_nai=kn, about_to_cao=tc,
                about_kien_nghi=old + new - kn - tc, content="Lãnh đạo tiếp công dân định kỳ.",
                outcome="Giải thích, hướng dẫn; tiếp nhận đơn thuộc thẩm quyền.",
            ))  # fmt: skip


def _run(desk: Desk, last: list, this_back: list, today: dt.date) -> None:
    last_start = year_start(report_year_of(today) - 1)
    for name, offset in last:
        desk.story(name, last_start + dt.timedelta(days=offset))
    for name, back in sorted(this_back, key=lambda s: -s[1]):
        desk.story(name, today - dt.timedelta(days=back))


@transaction.atomic
def load(today: dt.date) -> ComplaintsResult:
    """The letters, matters and reception sessions of the demo province."""
    rng = random.Random(SEED)
    result = ComplaintsResult()
    province = Unit.objects.get(code="TNG")
    regions = {u.code: u for u in Unit.objects.filter(parent=province, valid_to__isnull=True)}
    kv2 = regions.get("TNG-KV2")
    last_start = year_start(report_year_of(today) - 1)
    if kv2 is not None:
        desk = Desk(kv2, today, rng, result)
        desk.head_sessions(last_start)
        _run(desk, LAST_YEAR, THIS_YEAR_BACK, today)
    desk = Desk(province, today, rng, result)
    desk.sub_unit = kv2
    desk.head_sessions(last_start)
    _run(desk, PROVINCE_LAST, PROVINCE_THIS_BACK, today)
    if province.parent_id:
        desk = Desk(province.parent, today, rng, result)
        desk.sub_unit = kv2
        _run(desk, NATIONAL_LAST, NATIONAL_THIS_BACK, today)
    for code in sorted(regions):
        if code != "TNG-KV2":
            _run(Desk(regions[code], today, rng, result), OTHERS_LAST, OTHERS_THIS_BACK, today)
    return result
