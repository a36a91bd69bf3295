"""Form 10 (giám sát, kiểm tra, kiểm sát): one "cuộc" = one inspection (TT 08/2015/TT-BTP,
phụ lục 2). Buckets of a period [S, T], on the row of the inspected / receiving unit
(docs/oversight-statistics.md):

* kt_<kind> — inspections decided in the period, by kind; ket_luan — conclusions issued in it;
* vi_pham — violations found by the inspections concluded in the period;
* kien_nghi — recommendations issued in the period; kien_nghi_xong — closed in it;
  kien_nghi_qua_han — open at T past their deadline; ky_luat_nguoi — people named for
  discipline; thu_hoi_tien — money to recover (đồng), both of the recommendations issued;
* vks_<kind> — procuracy acts received in the period, by kind; vks_da_tra_loi — answered in it;
  vks_chap_nhan — of those, accepted fully or partly.

Derived: kiem_tra = Σ kt_<kind>; vks_nhan = Σ vks_<kind>.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.common.form_sources import FormSource, SourceItem
from thads.common.money import format_vnd
from thads.oversight.models import (
    AnswerResult,
    Finding,
    Inspection,
    InspectionKind,
    ProcuracyAct,
    ProcuracyActKind,
    Recommendation,
    RecommendationKind,
)
from thads.oversight.statistics.common import grouped_counts, merge

KIND_KEYS = {f"kt_{kind}": kind for kind in InspectionKind.values}
VKS_KEYS = {f"vks_{kind}": kind for kind in ProcuracyActKind.values}
INSPECTION_KEYS = (*KIND_KEYS, "ket_luan")
RECOMMENDATION_KEYS = ("kien_nghi", "kien_nghi_xong", "kien_nghi_qua_han")
MONEY_KEYS = frozenset({"thu_hoi_tien"})
BASE_KEYS = (
    *INSPECTION_KEYS,
    "vi_pham",
    *RECOMMENDATION_KEYS,
    "ky_luat_nguoi",
    "thu_hoi_tien",
    *VKS_KEYS,
    "vks_da_tra_loi",
    "vks_chap_nhan",
)
IDENTITIES = {
    "kiem_tra": " + ".join(KIND_KEYS),
    "vks_nhan": " + ".join(VKS_KEYS),
}
LABELS = {
    "kiem_tra": _("Cuộc kiểm tra"),
    **{key: InspectionKind(kind).label for key, kind in KIND_KEYS.items()},
    "ket_luan": _("Kết luận kiểm tra đã ban hành"),
    "vi_pham": _("Vi phạm phát hiện"),
    "kien_nghi": _("Kiến nghị sau kiểm tra"),
    "kien_nghi_xong": _("Kiến nghị đã thực hiện xong"),
    "kien_nghi_qua_han": _("Kiến nghị quá hạn chưa thực hiện"),
    "ky_luat_nguoi": _("Số người bị kiến nghị xử lý kỷ luật"),
    "thu_hoi_tien": _("Số tiền kiến nghị thu hồi"),
    "vks_nhan": _("Văn bản của Viện kiểm sát"),
    **{key: ProcuracyActKind(kind).label for key, kind in VKS_KEYS.items()},
    "vks_da_tra_loi": _("Đã trả lời Viện kiểm sát"),
    "vks_chap_nhan": _("Chấp nhận toàn bộ hoặc một phần"),
}
ACCEPTED = (AnswerResult.CHAP_NHAN, AnswerResult.MOT_PHAN)


def _in(field: str, start: dt.date, end: dt.date) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def inspection_filters(start: dt.date, end: dt.date) -> dict[str, Q]:
    decided = _in("decision_on", start, end)
    out = {key: decided & Q(kind=kind) for key, kind in KIND_KEYS.items()}
    out["ket_luan"] = _in("conclusion_on", start, end)
    return out


def recommendation_filters(start: dt.date, end: dt.date) -> dict[str, Q]:
    return {
        "kien_nghi": _in("issued_on", start, end),
        "kien_nghi_xong": _in("closed_on", start, end),
        "kien_nghi_qua_han": Q(issued_on__lte=end, due_on__lt=end)
        & (Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
    }


def recommendation_sums(start: dt.date, end: dt.date) -> dict[str, tuple[str, Q]]:
    issued = _in("issued_on", start, end)
    return {
        "ky_luat_nguoi": ("people", issued & Q(kind=RecommendationKind.KY_LUAT)),
        "thu_hoi_tien": ("amount", issued),
    }


def procuracy_filters(start: dt.date, end: dt.date) -> dict[str, Q]:
    received = _in("received_on", start, end)
    out = {key: received & Q(kind=kind) for key, kind in VKS_KEYS.items()}
    answered = _in("answered_on", start, end)
    out["vks_da_tra_loi"] = answered
    out["vks_chap_nhan"] = answered & Q(answer_result__in=ACCEPTED)
    return out


def counts(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    return merge(
        grouped_counts(
            Inspection.objects.filter(unit_id__in=unit_ids),
            "unit_id",
            inspection_filters(start, end),
        ),
        grouped_counts(
            Finding.objects.filter(inspection__unit_id__in=unit_ids),
            "inspection__unit_id",
            {"vi_pham": _in("inspection__conclusion_on", start, end)},
        ),
        grouped_counts(
            Recommendation.objects.filter(inspection__unit_id__in=unit_ids),
            "inspection__unit_id",
            recommendation_filters(start, end),
            recommendation_sums(start, end),
        ),
        grouped_counts(
            ProcuracyAct.objects.filter(unit_id__in=unit_ids),
            "unit_id",
            procuracy_filters(start, end),
        ),
    )


def _inspection_item(inspection: Inspection, value: int = 1, detail: str = "") -> SourceItem:
    return SourceItem(
        key=inspection.code,
        label=f"{inspection.get_kind_display()} — {inspection.decision_no}",
        detail=detail or inspection.scope[:120],
        url=reverse("oversight:inspection_detail", args=[inspection.pk]),
        value=value,
    )


def items(unit_ids: list[int], start: dt.date, end: dt.date, key: str) -> list[SourceItem]:
    if key in INSPECTION_KEYS:
        q = inspection_filters(start, end)[key]
        rows = Inspection.objects.filter(unit_id__in=unit_ids).filter(q)
        return [_inspection_item(i) for i in rows.order_by("decision_on", "pk")]
    if key == "vi_pham":
        findings = Finding.objects.filter(
            _in("inspection__conclusion_on", start, end), inspection__unit_id__in=unit_ids
        ).select_related("inspection", "case")
        return [
            _inspection_item(
                f.inspection,
                detail=f"{f.get_violation_display()}: {f.case.code if f.case else ''}",
            )
            for f in findings
        ]
    if key in RECOMMENDATION_KEYS or key in ("ky_luat_nguoi", "thu_hoi_tien"):
        base = Recommendation.objects.filter(inspection__unit_id__in=unit_ids)
        if key in RECOMMENDATION_KEYS:
            rows = base.filter(recommendation_filters(start, end)[key])
            field = None
        else:
            field, q = recommendation_sums(start, end)[key]
            rows = base.filter(q).exclude(**{field: 0})
        out = []
        for r in rows.select_related("inspection").order_by("due_on", "pk"):
            value = getattr(r, field) if field else 1
            detail = format_vnd(r.amount) if key == "thu_hoi_tien" else r.content[:120]
            out.append(_inspection_item(r.inspection, value=value, detail=detail))
        return out
    q = procuracy_filters(start, end)[key]
    acts = ProcuracyAct.objects.filter(unit_id__in=unit_ids).filter(q).order_by("received_on")
    return [
        SourceItem(
            key=a.number,
            label=f"{a.get_kind_display()} — {a.procuracy}",
            detail=a.content[:120],
            url=reverse("oversight:procuracy_detail", args=[a.pk]),
            value=1,
        )
        for a in acts
    ]


SOURCE = FormSource(
    measure="oversight",
    base_keys=BASE_KEYS,
    identities=IDENTITIES,
    labels=LABELS,
    counts=counts,
    items=items,
    unit_text=_("Đơn vị tính: cuộc, văn bản, người; tiền: đồng"),
    money_keys=MONEY_KEYS,
)
