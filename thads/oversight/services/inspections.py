"""Inspections (kiểm tra) under the Quy chế kiểm tra trong THADS (QĐ 196/QĐ-TCTHADS, 03/3/2021):
the annual plan and its trimming, each inspection with the files examined, the findings, the
conclusion and the recommendations followed until closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.cases.prolonged import over_one_year
from thads.common.concurrency import update_with_version
from thads.common.counters import next_serial_code
from thads.common.errors import DomainError
from thads.org.access import scope_unit_ids
from thads.org.models import Unit
from thads.oversight import deadlines
from thads.oversight.models import (
    Finding,
    Inspection,
    InspectionFile,
    InspectionKind,
    InspectionPlan,
    PlanItem,
    Recommendation,
    RecommendationFollowUp,
    RecommendationKind,
    ViolationKind,
)

SURPRISE_SCOPE = "Việc có điều kiện thi hành nhưng còn để kéo dài (quá 1 năm chưa xong)"


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _in_scope(root: Unit, unit: Unit) -> None:
    if unit.pk not in scope_unit_ids(root):
        raise DomainError(_("Đơn vị được kiểm tra không thuộc phạm vi của đơn vị kiểm tra."))


# ---- the annual plan -----------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, unit: Unit, year: int, decision_no: str, approved_on: dt.date, user=None
) -> InspectionPlan:
    """Kế hoạch kiểm tra năm, approved by the head of the inspecting unit."""
    if InspectionPlan.objects.filter(unit=unit, year=year).exists():
        raise DomainError(_("Đơn vị đã có kế hoạch kiểm tra năm này."))
    if not decision_no.strip():
        raise DomainError(_("Cần ghi số quyết định phê duyệt kế hoạch."))
    return InspectionPlan.objects.create(
        unit=unit,
        year=year,
        decision_no=decision_no,
        approved_on=approved_on,
        created_by=_user(user),
        updated_by=_user(user),
    )


@transaction.atomic
def plan_item_add(
    plan: InspectionPlan, *, target: Unit, kind: str, month: int, subject: str = "", user=None
) -> PlanItem:
    _in_scope(plan.unit, target)
    if kind == InspectionKind.DOT_XUAT:
        raise DomainError(_("Kiểm tra đột xuất không lập theo kế hoạch."))
    if not 1 <= month <= 12:
        raise DomainError(_("Tháng dự kiến phải từ 1 đến 12."))
    return PlanItem.objects.create(
        plan=plan,
        target=target,
        kind=kind,
        month=month,
        subject=subject,
        created_by=_user(user),
        updated_by=_user(user),
    )


@transaction.atomic
def plan_item_trim(item: PlanItem, *, on: dt.date, reason: str, version: int, user=None):
    """Điều chỉnh giảm kế hoạch giữa năm: the item stays, with the day, the reason and who
    (its history is kept by pghistory)."""
    if not reason.strip():
        raise DomainError(_("Điều chỉnh kế hoạch phải ghi rõ lý do."))
    if item.trimmed_on is not None:
        raise DomainError(_("Cuộc kiểm tra này đã được điều chỉnh giảm."))
    if Inspection.objects.filter(plan_item=item).exists():
        raise DomainError(_("Cuộc kiểm tra đã tiến hành, không thể điều chỉnh giảm."))
    if on.year != item.plan.year:
        raise DomainError(_("Ngày điều chỉnh phải trong năm kế hoạch."))
    return update_with_version(item, version, user, trimmed_on=on, trim_reason=reason)


# ---- inspections ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionInput:
    kind: str
    decision_no: str
    decision_on: dt.date
    team: str
    scope: str
    period_from: dt.date
    period_to: dt.date
    plan_item: PlanItem | None = None


def next_code(unit: Unit, year: int) -> str:
    """KT/<inspecting unit>/<year>/NNN, after the highest number of the series."""
    return next_serial_code(Inspection.objects.all(), f"KT/{unit.code}/{year}/")


@transaction.atomic
def inspection_open(
    *,
    inspecting_unit: Unit,
    unit: Unit,
    data: InspectionInput,
    cases: Iterable[Case] = (),
    user=None,
) -> Inspection:
    """Quyết định kiểm tra: the team, the scope and the period inspected; a self-inspection is
    of the unit itself; a planned inspection names its plan item."""
    _in_scope(inspecting_unit, unit)
    if data.kind == InspectionKind.TU_KIEM_TRA and inspecting_unit != unit:
        raise DomainError(_("Tự kiểm tra do chính đơn vị tiến hành."))
    if data.period_to < data.period_from:
        raise DomainError(_("Thời kỳ kiểm tra: ngày kết thúc trước ngày bắt đầu."))
    if data.period_from > data.decision_on:
        raise DomainError(_("Thời kỳ kiểm tra phải là thời gian đã qua."))
    if not data.team.strip() or not data.decision_no.strip():
        raise DomainError(_("Cần ghi số quyết định và thành phần đoàn kiểm tra."))
    item = data.plan_item
    if item is not None:
        if item.trimmed_on is not None:
            raise DomainError(_("Cuộc kiểm tra này đã bị điều chỉnh giảm khỏi kế hoạch."))
        if item.target_id != unit.pk or item.plan.unit_id != inspecting_unit.pk:
            raise DomainError(_("Cuộc kiểm tra không khớp với kế hoạch đã chọn."))
    inspection = Inspection.objects.create(
        code=next_code(inspecting_unit, data.decision_on.year),
        inspecting_unit=inspecting_unit,
        unit=unit,
        kind=data.kind,
        plan_item=item,
        decision_no=data.decision_no,
        decision_on=data.decision_on,
        team=data.team,
        scope=data.scope,
        period_from=data.period_from,
        period_to=data.period_to,
        created_by=_user(user),
        updated_by=_user(user),
    )
    for case in cases:
        file_add(inspection, case, user=user)
    return inspection


def surprise_proposal(unit: Unit, as_of: dt.date):
    """The unit's cases with conditions pending over a year — exactly the bottleneck list a
    (`cases.prolonged.over_one_year`), the seed's "kiểm tra đột xuất đối với những vụ việc có
    điều kiện thi hành nhưng còn để kéo dài"."""
    cases = Case.objects.filter(unit_id__in=scope_unit_ids(unit))
    return over_one_year(cases, as_of).order_by("decision_date", "pk").select_related("officer")


@transaction.atomic
def surprise_open(
    *,
    inspecting_unit: Unit,
    unit: Unit,
    decision_no: str,
    decision_on: dt.date,
    team: str,
    user=None,
) -> Inspection:
    """One click: a surprise inspection of the unit's prolonged cases with conditions, the files
    being the proposal as of the decision's day."""
    cases = list(surprise_proposal(unit, decision_on))
    if not cases:
        raise DomainError(_("Đơn vị không có việc có điều kiện quá 1 năm chưa xong."))
    data = InspectionInput(
        kind=InspectionKind.DOT_XUAT,
        decision_no=decision_no,
        decision_on=decision_on,
        team=team,
        scope=SURPRISE_SCOPE,
        period_from=min(c.decision_date for c in cases),
        period_to=decision_on,
    )
    return inspection_open(
        inspecting_unit=inspecting_unit, unit=unit, data=data, cases=cases, user=user
    )


def file_add(inspection: Inspection, case: Case, *, user=None) -> InspectionFile:
    if case.unit_id not in scope_unit_ids(inspection.unit):
        raise DomainError(_("Hồ sơ không thuộc đơn vị được kiểm tra."))
    file, _created = InspectionFile.objects.get_or_create(
        inspection=inspection, case=case, defaults={"added_by": _user(user)}
    )
    return file


@transaction.atomic
def file_add_by_code(inspection: Inspection, *, code: str, user=None) -> InspectionFile:
    """A file examined, by its case code, looked up in the inspected unit's scope: a case of
    another unit is "not found", as a code nobody used (no hint that it exists elsewhere)."""
    scope = scope_unit_ids(inspection.unit)
    case = Case.objects.filter(code=code.strip(), unit_id__in=scope).first()
    if case is None:
        raise DomainError(_("Không tìm thấy việc có mã %(code)s.") % {"code": code})
    _not_closed(inspection)
    return file_add(inspection, case, user=user)


def _not_closed(inspection: Inspection) -> None:
    if inspection.conclusion_on is not None:
        raise DomainError(_("Cuộc kiểm tra đã có kết luận."))


@transaction.atomic
def finding_record(
    inspection: Inspection, *, violation: str, description: str, case: Case | None, user=None
) -> Finding:
    """A violation found (on a file examined, or on the unit's work)."""
    _not_closed(inspection)
    if violation not in ViolationKind.values:
        raise DomainError(_("Loại vi phạm không hợp lệ."))
    if not description.strip():
        raise DomainError(_("Cần ghi nội dung vi phạm."))
    if case is not None and not inspection.files.filter(case=case).exists():
        raise DomainError(_("Việc này không có trong danh sách hồ sơ được kiểm tra."))
    return Finding.objects.create(
        inspection=inspection,
        violation=violation,
        description=description,
        case=case,
        recorded_by=_user(user),
    )


@transaction.atomic
def conclusion_record(
    inspection: Inspection, *, number: str, on: dt.date, text: str, version: int, user=None
) -> Inspection:
    """Kết luận kiểm tra (số, ngày): the team leader answers for it (QĐ 196/QĐ-TCTHADS)."""
    _not_closed(inspection)
    if on < inspection.decision_on:
        raise DomainError(_("Ngày kết luận không thể trước ngày quyết định kiểm tra."))
    if not number.strip() or not text.strip():
        raise DomainError(_("Cần ghi số và nội dung kết luận."))
    return update_with_version(
        inspection, version, user, conclusion_no=number, conclusion_on=on, conclusion=text
    )


@transaction.atomic
def recommendation_add(
    inspection: Inspection,
    *,
    kind: str,
    content: str,
    people: int = 0,
    amount: int = 0,
    due_on: dt.date | None = None,
    user=None,
) -> Recommendation:
    """A recommendation of the conclusion; without a deadline, the rule's (khac_phuc_kien_nghi,
    from the conclusion's day)."""
    if inspection.conclusion_on is None:
        raise DomainError(_("Kiến nghị được ghi sau khi có kết luận kiểm tra."))
    if kind not in RecommendationKind.values:
        raise DomainError(_("Loại kiến nghị không hợp lệ."))
    if kind == RecommendationKind.KY_LUAT and people < 1:
        raise DomainError(_("Kiến nghị xử lý kỷ luật phải ghi số người."))
    if kind == RecommendationKind.THU_HOI and amount < 1:
        raise DomainError(_("Kiến nghị thu hồi phải ghi số tiền."))
    if people < 0 or amount < 0:
        raise DomainError(_("Số người và số tiền không được âm."))
    issued = inspection.conclusion_on
    if due_on is None:
        due_on = deadlines.due("khac_phuc_kien_nghi", issued).on
    if due_on < issued:
        raise DomainError(_("Hạn thực hiện không thể trước ngày kết luận."))
    return Recommendation.objects.create(
        inspection=inspection,
        kind=kind,
        content=content,
        people=people,
        amount=amount,
        issued_on=issued,
        due_on=due_on,
        created_by=_user(user),
        updated_by=_user(user),
    )


@transaction.atomic
def follow_up_record(
    recommendation: Recommendation,
    *,
    on: dt.date,
    note: str,
    close: bool,
    version: int,
    user=None,
) -> Recommendation:
    """What the inspected unit reports; `close` when the recommendation is carried out."""
    if recommendation.closed_on is not None:
        raise DomainError(_("Kiến nghị đã thực hiện xong."))
    if on < recommendation.issued_on:
        raise DomainError(_("Ngày không thể trước ngày kiến nghị."))
    if not note.strip():
        raise DomainError(_("Cần ghi nội dung thực hiện."))
    RecommendationFollowUp.objects.create(
        recommendation=recommendation, on=on, note=note, recorded_by=_user(user)
    )
    if close:
        return update_with_version(recommendation, version, user, closed_on=on, result=note)
    return update_with_version(recommendation, version, user)
