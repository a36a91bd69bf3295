"""Form 6 (miễn, giảm nghĩa vụ thi hành án đối với khoản thu, nộp ngân sách nhà nước; Luật THADS
2008, Điều 61–64). Buckets of a period [S, T] (docs/oversight-statistics.md):

* du_dieu_kien — dossiers whose case became eligible in the period; da_lap_ho_so — dossiers
  sent to the court in it; toa_thu_ly — accepted by the court in it;
* mien_viec / mien_tien, giam_viec / giam_tien — the cases' `mien_giam` events in force dated
  in the period (one event = one decision = one việc; money in đồng), exempted or reduced as
  the dossier linked to the event says, else as the event's data says (`kind`: "mien"), else
  reduced;
* khong_chap_nhan — dossiers refused by the court in the period.

Derived: da_xet = mien_viec + giam_viec + khong_chap_nhan.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.cases.models import CaseEvent, EventType
from thads.common.form_sources import FormSource, SourceItem
from thads.oversight.models import ExemptionDossier, ExemptionResult
from thads.oversight.statistics.common import grouped_counts, merge

DOSSIER_KEYS = ("du_dieu_kien", "da_lap_ho_so", "toa_thu_ly", "khong_chap_nhan")
EVENT_KEYS = ("mien_viec", "mien_tien", "giam_viec", "giam_tien")
BASE_KEYS = (*DOSSIER_KEYS[:3], *EVENT_KEYS, "khong_chap_nhan")
IDENTITIES = {"da_xet": "mien_viec + giam_viec + khong_chap_nhan"}
LABELS = {
    "du_dieu_kien": _("Đủ điều kiện xét miễn, giảm"),
    "da_lap_ho_so": _("Đã lập hồ sơ đề nghị"),
    "toa_thu_ly": _("Tòa án đã thụ lý"),
    "da_xet": _("Tòa án đã xét"),
    "mien_viec": _("Được miễn: việc"),
    "mien_tien": _("Được miễn: tiền"),
    "giam_viec": _("Được giảm: việc"),
    "giam_tien": _("Được giảm: tiền"),
    "khong_chap_nhan": _("Không chấp nhận"),
}
MONEY_KEYS = frozenset({"mien_tien", "giam_tien"})


def _in(field: str, start: dt.date, end: dt.date) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def dossier_filters(start: dt.date, end: dt.date) -> dict[str, Q]:
    return {
        "du_dieu_kien": _in("eligible_on", start, end),
        "da_lap_ho_so": _in("sent_on", start, end),
        "toa_thu_ly": _in("court_accepted_on", start, end),
        "khong_chap_nhan": _in("decided_on", start, end) & Q(result=ExemptionResult.KHONG),
    }


def events(unit_ids: list[int], start: dt.date, end: dt.date):
    """The `mien_giam` events in force dated in the period, with the result of their dossier."""
    dossier = ExemptionDossier.objects.filter(event=OuterRef("pk")).values("result")[:1]
    return CaseEvent.objects.filter(
        case__unit_id__in=unit_ids,
        type=EventType.MIEN_GIAM,
        on__gte=start,
        on__lte=end,
        corrected_by__isnull=True,
    ).annotate(dossier_result=Subquery(dossier, output_field=CharField()))


IS_MIEN = Q(dossier_result=ExemptionResult.MIEN) | (
    Q(dossier_result__isnull=True) & Q(data__kind="mien")
)


def counts(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    return merge(
        grouped_counts(
            ExemptionDossier.objects.filter(case__unit_id__in=unit_ids),
            "case__unit_id",
            dossier_filters(start, end),
        ),
        grouped_counts(
            events(unit_ids, start, end),
            "case__unit_id",
            {"mien_viec": IS_MIEN, "giam_viec": ~IS_MIEN},
            {"mien_tien": ("amount", IS_MIEN), "giam_tien": ("amount", ~IS_MIEN)},
        ),
    )


def items(unit_ids: list[int], start: dt.date, end: dt.date, key: str) -> list[SourceItem]:
    if key in DOSSIER_KEYS:
        rows = (
            ExemptionDossier.objects.filter(case__unit_id__in=unit_ids)
            .filter(dossier_filters(start, end)[key])
            .select_related("case")
        )
        return [
            SourceItem(
                key=d.case.code,
                label=d.case.decision_no,
                detail=d.get_result_display() or "",
                url=reverse("cases:detail", args=[d.case_id]),
                value=1,
            )
            for d in rows
        ]
    q = IS_MIEN if key.startswith("mien") else ~IS_MIEN
    money = key.endswith("_tien")
    rows = events(unit_ids, start, end).filter(q).select_related("case").order_by("on", "pk")
    return [
        SourceItem(
            key=e.case.code,
            label=e.case.decision_no,
            detail=f"{e.on:%d/%m/%Y}",
            url=reverse("cases:detail", args=[e.case_id]),
            value=(e.amount or 0) if money else 1,
        )
        for e in rows
    ]


SOURCE = FormSource(
    measure="exemptions",
    base_keys=BASE_KEYS,
    identities=IDENTITIES,
    labels=LABELS,
    counts=counts,
    items=items,
    unit_text=_("Đơn vị tính: việc; tiền: đồng"),
    money_keys=MONEY_KEYS,
)
