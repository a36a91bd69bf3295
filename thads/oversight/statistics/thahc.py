"""Form 12 (theo dõi thi hành án hành chính): one "việc" = one judgment or decision received
(TT 08/2015/TT-BTP, phụ lục 2). Buckets of a period [S, T] (docs/oversight-statistics.md):

* khong_theo_doi — received in the period, without content to monitor;
* nam_truoc_chuyen_sang — with content, received before S, with no result before S;
* moi — with content, received in the period;
* co_qd_buoc — of those to monitor, with the court's order compelling enforcement by T;
* xong_ban_an / xong_bpkctt — done by T (judgments and decisions / interim measures);
* huy_hoan_tdc — annulled, postponed or suspended by T;
* chua_xong_co_qd_buoc — not done at T and with a court order;
* cong_khai — of those to monitor, non-compliance published by T;
* chua_xong_<body> — not done at T, by kind of obliged body.

Derived: phai_theo_doi = nam_truoc_chuyen_sang + moi; nhan_duoc = khong_theo_doi +
phai_theo_doi (the published figures count the judgments carried over as received: 132 = 77 +
55); xong = xong_ban_an + xong_bpkctt; chua_xong = phai_theo_doi − xong − huy_hoan_tdc.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.common.form_sources import FormSource, SourceItem
from thads.oversight.models import AdminJudgment, ObligedBody, Outcome
from thads.oversight.models.thahc import DocType
from thads.oversight.statistics.common import grouped_counts

BODY_KEYS = {f"chua_xong_{body}": body for body in ObligedBody.values}
BASE_KEYS = (
    "khong_theo_doi",
    "nam_truoc_chuyen_sang",
    "moi",
    "co_qd_buoc",
    "xong_ban_an",
    "xong_bpkctt",
    "huy_hoan_tdc",
    "chua_xong_co_qd_buoc",
    "cong_khai",
    *BODY_KEYS,
)
IDENTITIES = {
    "phai_theo_doi": "nam_truoc_chuyen_sang + moi",
    "nhan_duoc": "khong_theo_doi + phai_theo_doi",
    "xong": "xong_ban_an + xong_bpkctt",
    "chua_xong": "phai_theo_doi - xong - huy_hoan_tdc",
}
LABELS = {
    "nhan_duoc": _("Bản án, quyết định nhận được"),
    "khong_theo_doi": _("Không có nội dung phải theo dõi"),
    "phai_theo_doi": _("Phải theo dõi"),
    "nam_truoc_chuyen_sang": _("Năm trước chuyển sang"),
    "moi": _("Mới"),
    "co_qd_buoc": _("Có quyết định buộc thi hành"),
    "xong": _("Đã thi hành xong"),
    "xong_ban_an": _("Xong: bản án, quyết định"),
    "xong_bpkctt": _("Xong: quyết định áp dụng biện pháp khẩn cấp tạm thời"),
    "huy_hoan_tdc": _("Bị hủy, hoãn, tạm đình chỉ"),
    "chua_xong": _("Chưa thi hành xong"),
    "chua_xong_co_qd_buoc": _("Chưa xong: có quyết định buộc thi hành"),
    "cong_khai": _("Đã công khai không chấp hành"),
    **{key: ObligedBody(body).label for key, body in BODY_KEYS.items()},
}
STOPPED = (Outcome.HUY, Outcome.HOAN, Outcome.TAM_DINH_CHI)


def bucket_filters(start: dt.date, end: dt.date) -> dict[str, Q]:
    received = Q(received_on__gte=start, received_on__lte=end)
    carried = Q(has_content=True, received_on__lt=start) & (
        Q(outcome_on__isnull=True) | Q(outcome_on__gte=start)
    )
    new = Q(has_content=True) & received
    scope = carried | new
    done = scope & Q(outcome=Outcome.XONG, outcome_on__lte=end)
    open_at_end = scope & (Q(outcome_on__isnull=True) | Q(outcome_on__gt=end))
    filters = {
        "khong_theo_doi": Q(has_content=False) & received,
        "nam_truoc_chuyen_sang": carried,
        "moi": new,
        "co_qd_buoc": scope & Q(court_order_on__lte=end),
        "xong_ban_an": done & ~Q(doc_type=DocType.BPKCTT),
        "xong_bpkctt": done & Q(doc_type=DocType.BPKCTT),
        "huy_hoan_tdc": scope & Q(outcome__in=STOPPED, outcome_on__lte=end),
        "chua_xong_co_qd_buoc": open_at_end & Q(court_order_on__lte=end),
        "cong_khai": scope & Q(published_on__lte=end),
    }
    for key, body in BODY_KEYS.items():
        filters[key] = open_at_end & Q(obliged_body=body)
    return filters


def counts(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    queryset = AdminJudgment.objects.filter(unit_id__in=unit_ids)
    return grouped_counts(queryset, "unit_id", bucket_filters(start, end))


def items(unit_ids: list[int], start: dt.date, end: dt.date, key: str) -> list[SourceItem]:
    q = bucket_filters(start, end)[key]
    rows = AdminJudgment.objects.filter(unit_id__in=unit_ids).filter(q).order_by("received_on")
    return [
        SourceItem(
            key=j.code,
            label=f"{j.number} — {j.court}",
            detail=j.obliged_name,
            url=reverse("oversight:thahc_detail", args=[j.pk]),
            value=1,
        )
        for j in rows
    ]


SOURCE = FormSource(
    measure="thahc",
    base_keys=BASE_KEYS,
    identities=IDENTITIES,
    labels=LABELS,
    counts=counts,
    items=items,
    unit_text=_("Đơn vị tính: việc"),
)
