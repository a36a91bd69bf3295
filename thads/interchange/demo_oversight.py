"""Oversight of the demo province (after `demo_cases.load`), written through the oversight app's
services — codes, steps, answer and follow-up deadlines and the audit trail are what real use
leaves:

* administrative judgments monitored (theo dõi THAHC) by TNG-KV2 and the province: without
  content to monitor, done, not done (with reminders, a recommendation to the obliged body's
  superior, the reason), one with the court's order to enforce and its publication;
* the province's approved inspection plan of the calendar year, one item trimmed, a
  comprehensive inspection of TNG-KV2 (files, findings, conclusion, recommendations — one
  carried out, one past its deadline) and a surprise inspection of a regional office's cases
  with conditions pending over a year (this report year);
* acts of the procuracy: recommendations answered, a request carried out, a protest pending;
* exemption dossiers: those behind the reductions already decided on the cases (linked to the
  case's `mien_giam` event, nothing recorded twice), one at the court, one refused.

Nothing here changes a case (no event): the rates of the demo stay what `demo_cases` made them.
Deterministic (dates counted back from `today`); a step a rule refuses is left out.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import dataclass

from django.db import transaction

from thads.cases.models import Case, CaseEvent, CaseState, EventType
from thads.common.errors import DomainError
from thads.common.periods import report_year_of, year_start
from thads.interchange.demo_office import posted
from thads.org.models import Role, Staff, Unit
from thads.oversight.models import ExemptionDossier
from thads.oversight.services import exemptions, inspections, procuracy, thahc

PROVINCE_COURT = "Tòa án nhân dân tỉnh Thái Nguyên"
PROCURACY = {
    "TNG": "Viện kiểm sát nhân dân tỉnh Thái Nguyên",
    "TNG-KV2": "Viện kiểm sát nhân dân khu vực 2 – Thái Nguyên",
}


@dataclass
class OversightResult:
    judgments: int = 0
    inspections: int = 0
    procuracy_acts: int = 0
    dossiers: int = 0


def _back(today: dt.date, days: int) -> dt.date:
    day = today - dt.timedelta(days=days)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


# ---- administrative judgments -----------------------------------------------------------------

# (days before today it was received, obliged body, what happens: done / not_done / ordered /
# no_content / waiting)
JUDGMENTS = [
    (400, "ubnd_huyen", "done"),
    (330, "ubnd_tinh", "ordered"),
    (250, "ubnd_xa", "not_done"),
    (180, "khac", "done"),
    (55, "ubnd_xa", "done"),
    (40, "ubnd_tinh", "not_done"),
    (25, "khac", "no_content"),
    (9, "ubnd_xa", "waiting"),
]
OBLIGED = {
    "ubnd_tinh": "Chủ tịch UBND tỉnh Thái Nguyên",
    "ubnd_huyen": "UBND thành phố Sông Công",
    "ubnd_xa": "UBND phường Bách Quang",
    "khac": "Sở Tài nguyên và Môi trường tỉnh Thái Nguyên",
}


def _judgments(unit: Unit, officer: Staff, user, today: dt.date, result: OversightResult) -> None:
    for n, (back, body, story) in enumerate(JUDGMENTS, start=1):
        received = _back(today, back)
        judged = received - dt.timedelta(days=20 + n)
        data = thahc.JudgmentInput(
            court=PROVINCE_COURT,
            number=f"{10 + n * 3}/{judged.year}/HC-ST",
            judgment_date=judged,
            instance="so_tham",
            doc_type="ban_an",
            kind="diem_a",
            received_on=received,
            plaintiff=f"Hộ ông {['Nguyễn Văn Tâm', 'Lê Thị Hồng', 'Trần Văn Bình'][n % 3]}",
            obliged_name=OBLIGED[body],
            obliged_body=body,
            content="Hủy quyết định hành chính về thu hồi đất, bồi thường, hỗ trợ; buộc ban "
            "hành quyết định mới.",
            has_content=story != "no_content",
            officer=officer if story != "no_content" else None,
        )
        try:
            judgment = thahc.judgment_register(unit=unit, data=data, user=user)
        except DomainError:
            continue
        result.judgments += 1
        if story in {"no_content", "waiting"}:
            continue
        with suppress(DomainError):
            notice_on = received + dt.timedelta(days=3)
            judgment = thahc.notice_record(
                judgment, number=f"{n}/TB-THADS", on=notice_on,
                delivered_on=notice_on + dt.timedelta(days=2), version=judgment.version, user=user,
            )  # fmt: skip
            judgment = thahc.obliged_receipt_record(
                judgment, on=received + dt.timedelta(days=1), version=judgment.version, user=user
            )
            if story == "done":
                thahc.outcome_record(
                    judgment, outcome="xong", on=min(today, received + dt.timedelta(days=28)),
                    note="Người phải thi hành đã ban hành quyết định mới.",
                    version=judgment.version, user=user,
                )  # fmt: skip
                continue
            thahc.letter_record(
                judgment, kind="don_doc", on=received + dt.timedelta(days=35),
                recipient=OBLIGED[body], number=f"{n}/CV-THADS",
                note="Đôn đốc thi hành bản án hành chính.", user=user,
            )  # fmt: skip
            judgment = thahc.reason_record(
                judgment, reason="Đang xác định lại nguồn gốc đất, chưa ban hành quyết định mới.",
                version=judgment.version, user=user,
            )  # fmt: skip
            if story == "ordered":
                judgment = thahc.court_order_record(
                    judgment, number=f"{n}/2026/QĐ-BTHA", on=received + dt.timedelta(days=60),
                    version=judgment.version, user=user,
                )  # fmt: skip
                thahc.letter_record(
                    judgment, kind="kien_nghi", on=received + dt.timedelta(days=70),
                    recipient="Chủ tịch UBND tỉnh Thái Nguyên", number=f"{n + 1}/CV-THADS",
                    note="Kiến nghị chỉ đạo người phải thi hành chấp hành bản án.", user=user,
                )  # fmt: skip
                thahc.publication_record(
                    judgment, on=received + dt.timedelta(days=90),
                    where="Cổng thông tin điện tử Bộ Tư pháp", version=judgment.version, user=user,
                )  # fmt: skip


# ---- inspections ------------------------------------------------------------------------------


def _inspections(
    province: Unit, regions: dict[str, Unit], today: dt.date, result: OversightResult
) -> None:
    leader = posted(province, today, {Role.PROVINCIAL_LEADER})
    team_lead = posted(province, today, {Role.INSPECTION_OFFICE, Role.INSPECTOR})
    user = leader.user if leader else None
    team = f"Trưởng đoàn: {team_lead.full_name if team_lead else 'Phòng Kiểm tra'}; 3 thành viên"
    year = today.year
    kv2 = regions.get("TNG-KV2")
    if kv2 is None:
        return
    try:
        plan = inspections.plan_create(
            unit=province, year=year, decision_no="12/QĐ-THADS",
            approved_on=dt.date(year, 1, 8), user=user,
        )  # fmt: skip
    except DomainError:
        return
    items = {}
    for code, kind, month, subject in (
        ("TNG-KV2", "toan_dien", 4, "Kiểm tra toàn diện công tác thi hành án dân sự"),
        ("TNG-KV3", "chuyen_de", 7, "Chuyên đề xác minh, phân loại việc có điều kiện"),
        ("TNG-KV4", "toan_dien", 11, "Kiểm tra toàn diện công tác thi hành án dân sự"),
        ("TNG-KV5", "chuyen_de", 9, "Chuyên đề thu, chi tiền thi hành án"),
    ):
        if code in regions:
            items[code] = inspections.plan_item_add(
                plan, target=regions[code], kind=kind, month=month, subject=subject, user=user
            )
    if "TNG-KV5" in items:
        item = items["TNG-KV5"]
        with suppress(DomainError):
            inspections.plan_item_trim(
                item, on=min(today, dt.date(year, 8, 20)), version=item.version, user=user,
                reason="Giảm theo chỉ đạo của Cục Quản lý THADS (tập trung kiểm tra chuyên đề).",
            )  # fmt: skip
    # The comprehensive inspection of TNG-KV2 (April), concluded in May.
    decision_on = dt.date(year, 4, 6)
    if decision_on < today:
        files = list(
            Case.objects.filter(unit=kv2, accepted_on__lt=decision_on).order_by(
                "decision_date", "code"
            )[:8]
        )
        inspection = inspections.inspection_open(
            inspecting_unit=province, unit=kv2, cases=files, user=user,
            data=inspections.InspectionInput(
                kind="toan_dien", decision_no="28/QĐ-THADS", decision_on=decision_on, team=team,
                scope="Toàn diện công tác thi hành án dân sự",
                period_from=dt.date(year - 1, 10, 1), period_to=dt.date(year, 3, 31),
                plan_item=items.get("TNG-KV2"),
            ),
        )  # fmt: skip
        result.inspections += 1
        _findings_and_conclusion(inspection, files, dt.date(year, 5, 12), "45/KL-THADS", today,
                                 user, overdue=True)  # fmt: skip
    # A surprise inspection of prolonged cases with conditions, in this report year.
    decision_on = max(year_start(report_year_of(today)) + dt.timedelta(days=19), _back(today, 40))
    for code in ("TNG-KV1", "TNG-KV3", "TNG-KV2"):
        if code not in regions or decision_on >= today:
            continue
        try:
            inspection = inspections.surprise_open(
                inspecting_unit=province, unit=regions[code], decision_no="97/QĐ-THADS",
                decision_on=decision_on, team=team, user=user,
            )  # fmt: skip
        except DomainError:
            continue
        result.inspections += 1
        files = [f.case for f in inspection.files.select_related("case")[:5]]
        _findings_and_conclusion(
            inspection, files, min(today, decision_on + dt.timedelta(days=15)), "102/KL-THADS",
            today, user,
        )  # fmt: skip
        break


def _findings_and_conclusion(inspection, files, on, number, today, user, overdue=False) -> None:
    """Three violations found, the conclusion, a recommendation carried out and one on
    discipline — past its deadline and only reported on when `overdue`."""
    findings = [
        ("xac_minh", "Chậm xác minh điều kiện thi hành án lần đầu (quá 10 ngày)."),
        ("thoi_han", "Ra quyết định thi hành án chủ động quá thời hạn 5 ngày làm việc."),
        ("ho_so", "Hồ sơ thiếu biên bản tống đạt, sắp xếp không theo trình tự."),
    ]
    for i, (violation, text) in enumerate(findings):
        inspections.finding_record(
            inspection, violation=violation, description=text,
            case=files[i] if i < len(files) else None, user=user,
        )  # fmt: skip
    if on > today:
        return
    inspection = inspections.conclusion_record(
        inspection, number=number, on=on, version=inspection.version, user=user,
        text="Đơn vị cơ bản thực hiện đúng quy định; còn một số tồn tại về thời hạn xác minh và "
        "lập hồ sơ. Yêu cầu khắc phục, rút kinh nghiệm.",
    )  # fmt: skip
    done = inspections.recommendation_add(
        inspection, kind="chan_chinh", user=user,
        content="Chấn chỉnh việc xác minh điều kiện thi hành án, hoàn thiện hồ sơ.",
    )  # fmt: skip
    inspections.follow_up_record(
        done, on=min(today, on + dt.timedelta(days=12)), close=True, version=done.version,
        note="Đơn vị đã tổ chức rút kinh nghiệm, bổ sung hồ sơ.", user=user,
    )  # fmt: skip
    late = inspections.recommendation_add(
        inspection, kind="ky_luat", people=1, user=user,
        content="Kiểm điểm trách nhiệm Chấp hành viên để việc quá hạn xác minh.",
        due_on=on + dt.timedelta(days=30) if overdue and on + dt.timedelta(days=31) < today
        else None,
    )  # fmt: skip
    if late.due_on < today:
        inspections.follow_up_record(
            late, on=min(today, late.issued_on + dt.timedelta(days=5)), close=False,
            version=late.version, note="Đơn vị báo cáo đang tổ chức kiểm điểm.", user=user,
        )  # fmt: skip


# ---- the procuracy ----------------------------------------------------------------------------


def _procuracy(unit: Unit, user, today: dt.date, result: OversightResult) -> None:
    cases = list(
        Case.objects.filter(unit=unit, accepted_on__lt=_back(today, 60)).order_by("code")[:3]
    )
    office = PROCURACY.get(unit.code, PROCURACY["TNG"])
    acts = [
        ("kien_nghi", 300, "chap_nhan"),
        ("yeu_cau", 120, "chap_nhan"),
        ("kien_nghi", 45, "mot_phan"),
        ("khang_nghi", 6, ""),
    ]
    for n, (kind, back, answer) in enumerate(acts, start=1):
        act_on = _back(today, back + 2)
        decision_received = act_on - dt.timedelta(days=7) if kind == "khang_nghi" else None
        data = procuracy.ActInput(
            kind=kind, level="cung_cap", procuracy=office, number=f"{n * 7}/KN-VKS",
            act_on=act_on, received_on=_back(today, back),
            content={
                "kien_nghi": "Kiến nghị khắc phục vi phạm về thời hạn xác minh, tống đạt.",
                "yeu_cau": "Yêu cầu cung cấp hồ sơ việc thi hành án để kiểm sát.",
                "khang_nghi": "Kháng nghị quyết định hoãn thi hành án không đúng căn cứ.",
            }[kind],
            decisions=cases[0].decision_no if cases and kind == "khang_nghi" else "",
            decision_received_on=decision_received,
        )  # fmt: skip
        try:
            act = procuracy.act_receive(unit=unit, data=data, cases=cases[:1], user=user)
        except DomainError:
            continue
        result.procuracy_acts += 1
        if answer:
            with suppress(DomainError):
                procuracy.act_answer(
                    act, number=f"{n * 11}/CV-THADS", on=act.received_on + dt.timedelta(days=12),
                    result=answer, version=act.version, user=user,
                    reasons="" if answer == "chap_nhan" else "Việc xác minh chậm do đương sự "
                    "vắng mặt tại địa phương; đã khắc phục phần còn lại.",
                    measures="Tổ chức rút kinh nghiệm trong toàn đơn vị.",
                )  # fmt: skip


# ---- exemptions -------------------------------------------------------------------------------


def _exemptions(unit_ids, user, today: dt.date, result: OversightResult) -> None:
    """A dossier behind each reduction decided on the cases since the previous report year,
    then one at the court and one refused, on state-budget cases whose debtor has no means."""
    since = year_start(report_year_of(today) - 1)
    events = (
        CaseEvent.objects.filter(
            case__unit_id__in=unit_ids,
            type=EventType.MIEN_GIAM,
            on__gte=since,
            corrected_by__isnull=True,
            exemption_dossier__isnull=True,
        )
        .select_related("case")
        .order_by("on", "pk")
    )
    for event in events:
        case = event.case
        eligible = max(case.accepted_on, event.on - dt.timedelta(days=75))
        steps = [eligible + dt.timedelta(days=d) for d in (15, 30)]
        if steps[1] > event.on:
            continue
        _dossier(case, eligible, steps[0], steps[1], event.on, "giam", event.amount or 0, user,
                 result)  # fmt: skip
    pending = list(
        Case.objects.filter(
            unit_id__in=unit_ids, is_state_budget=True,
            state__in=[CaseState.CHUA_CO_DIEU_KIEN, CaseState.SO_RIENG],
            accepted_on__lt=_back(today, 200),
        ).exclude(pk__in=ExemptionDossier.objects.values("case_id")).order_by("code")[:2]
    )  # fmt: skip
    if len(pending) == 2:
        _dossier(pending[0], _back(today, 50), _back(today, 35), _back(today, 20), None, "",
                 pending[0].amount // 2, user, result)  # fmt: skip
        _dossier(pending[1], _back(today, 90), _back(today, 70), _back(today, 60),
                 _back(today, 12), "khong_chap_nhan", pending[1].amount, user, result)  # fmt: skip


def _dossier(case, eligible, sent, accepted, decided, outcome, amount, user, result) -> None:
    try:
        dossier = exemptions.dossier_open(
            case=case, eligible_on=eligible, amount_requested=amount, user=user
        )
        exemptions.dossier_update(
            dossier, sent_on=sent, court_accepted_on=accepted, decided_on=decided,
            decision_no=f"{dossier.pk}/2026/QĐ-MGTHA" if decided else "", result=outcome,
            version=dossier.version, user=user,
        )  # fmt: skip
    except DomainError:
        return
    result.dossiers += 1


@transaction.atomic
def load(today: dt.date) -> OversightResult:
    """The oversight records of the demo province (needs the demo org and cases)."""
    result = OversightResult()
    province = Unit.objects.get(code="TNG")
    regions = {u.code: u for u in Unit.objects.filter(parent=province, valid_to__isnull=True)}
    kv2 = regions.get("TNG-KV2")
    for unit in (kv2, province):
        if unit is None:
            continue
        head = posted(unit, today, {Role.HEAD, Role.PROVINCIAL_LEADER})
        officer = posted(unit, today, {Role.OFFICER})
        user = head.user if head else None
        if officer is not None:
            _judgments(unit, officer, user, today, result)
        _procuracy(unit, user, today, result)
        own = Unit.objects.filter(pk=unit.pk) | Unit.objects.filter(successor=unit)
        if unit == province:
            own = Unit.objects.filter(code__in=["TNG", "TN"])
        _exemptions(list(own.values_list("pk", flat=True)), user, today, result)
    _inspections(province, regions, today, result)
    return result
