"""Canonical buckets of complaints (form 8) and citizen reception (form 9), counted per unit
with set-based queries (docs/complaint-statistics.md is the contract).

Counting unit (TT 08/2015/TT-BTP, phụ lục 2): letters are counted as letters (đơn), by the unit
that received them; a matter (việc) exists only once accepted, duplicates add none, and it is
counted by the unit that resolves it. Period [start, end] is cumulative from the report year's
start, as for the case forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from thads.common.stat_sources import DrillItem, Source, register_source
from thads.complaints.models import Complaint, Matter, ReceptionSession

# Letters received in the period, by their state at the period's end.
LETTER_KEYS = (
    "don_tiep_nhan",
    "don_trung",
    "don_khong_du_dk",
    "don_khong_thuoc_tq",
    "don_chuyen",
    "don_huong_dan",
    "don_thuoc_tq",
    "don_chua_xu_ly",
)
# Matters, for all kinds and for each group: kn1 (khiếu nại lần đầu), kn2 (lần hai), tc (tố
# cáo), kp (kiến nghị, phản ánh).
MATTER_BASE = (
    "viec_cu",
    "viec_moi",
    "rut",
    "dung",
    "sai",
    "dung_mot_phan",
    "tra_loi",
    "qua_han",
    "dung_han",
)
MATTER_DERIVED = ("phai_giai_quyet", "da_giai_quyet", "dang_giai_quyet")
GROUPS = {
    "kn1": Q(kind="khieu_nai", instance=1),
    "kn2": Q(kind="khieu_nai", instance=2),
    "tc": Q(kind="to_cao"),
    "kp": Q(kind__in=["kien_nghi", "phan_anh"]),
}
MATTER_KEYS = tuple(
    f"{prefix}{k}"
    for prefix in ("", *(f"{g}_" for g in GROUPS))
    for k in MATTER_BASE + MATTER_DERIVED
)
COMPLAINT_KEYS = LETTER_KEYS + MATTER_KEYS

RECEPTION_KEYS = (
    "buoi",
    "luot",
    "nguoi",
    "vu_viec_cu",
    "vu_viec_moi",
    "vu_viec",
    "doan",
    "doan_nguoi",
    "doan_vu_viec",
    "lanh_dao_luot",
    "lanh_dao_nguoi",
    "lanh_dao_vu_viec",
    "thuong_xuyen_luot",
    "dinh_ky_luot",
    "dot_xuat_luot",
    "nd_khieu_nai",
    "nd_to_cao",
    "nd_kien_nghi",
)


def letter_conditions(start: dt.date, end: dt.date) -> dict[str, Q]:
    received = Q(received_on__gte=start, received_on__lte=end)
    handled = Q(handled_on__lte=end) & ~Q(handling="")
    original = Q(duplicate_of__isnull=True)
    not_competent = received & original & handled & Q(competent=False)
    return {
        "don_tiep_nhan": received,
        "don_trung": received & ~original,
        "don_khong_du_dk": received & original & handled & Q(competent=True, eligible=False),
        "don_khong_thuoc_tq": not_competent,
        "don_chuyen": not_competent & Q(handling="chuyen_don"),
        "don_huong_dan": not_competent & Q(handling="huong_dan"),
        "don_thuoc_tq": received & original & handled & Q(competent=True, eligible=True),
        "don_chua_xu_ly": received & original & ~handled,
    }


def matter_conditions(start: dt.date, end: dt.date) -> dict[str, Q]:
    """Base matter buckets (the `due` annotation is the extended or original deadline)."""
    open_at_start = Q(resolved_on__isnull=True) | Q(resolved_on__gte=start)
    resolved = Q(resolved_on__gte=start, resolved_on__lte=end)
    open_at_end = Q(accepted_on__lte=end) & (Q(resolved_on__isnull=True) | Q(resolved_on__gt=end))
    return {
        "viec_cu": Q(accepted_on__lt=start) & open_at_start,
        "viec_moi": Q(accepted_on__gte=start, accepted_on__lte=end),
        **{o: resolved & Q(outcome=o) for o in ("rut", "dung", "sai", "dung_mot_phan", "tra_loi")},
        "qua_han": open_at_end & Q(due__lt=end),
        "dung_han": resolved & Q(resolved_on__lte=F("due")),
    }


def matter_condition(key: str, start: dt.date, end: dt.date) -> Q:
    """The condition of any matter key, derived ones included (for the drill-down)."""
    group, base = "", key
    if key[:3] in {f"{g}_" for g in GROUPS}:
        group, base = key[:2], key[3:]
    base_q = matter_conditions(start, end)
    if base == "phai_giai_quyet":
        q = base_q["viec_cu"] | base_q["viec_moi"]
    elif base == "da_giai_quyet":
        q = Q(resolved_on__gte=start, resolved_on__lte=end)
    elif base == "dang_giai_quyet":
        q = (base_q["viec_cu"] | base_q["viec_moi"]) & (
            Q(resolved_on__isnull=True) | Q(resolved_on__gt=end)
        )
    else:
        q = base_q[base]
    return q & GROUPS[group] if group else q


def _derive(values: dict[str, int]) -> None:
    for prefix in ("", *(f"{g}_" for g in GROUPS)):
        phai = values.get(f"{prefix}viec_cu", 0) + values.get(f"{prefix}viec_moi", 0)
        da = sum(
            values.get(f"{prefix}{k}", 0)
            for k in ("rut", "dung", "sai", "dung_mot_phan", "tra_loi")
        )
        values[f"{prefix}phai_giai_quyet"] = phai
        values[f"{prefix}da_giai_quyet"] = da
        values[f"{prefix}dang_giai_quyet"] = phai - da


def complaint_counts(
    unit_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Every complaint bucket per unit: one GROUP BY over letters, one over matters."""
    ids = list(unit_ids)
    result: dict[int, dict[str, int]] = {}
    letters = (
        Complaint.objects.filter(unit_id__in=ids, received_on__lte=end)
        .values("unit_id")
        .annotate(**{k: Count("id", filter=q) for k, q in letter_conditions(start, end).items()})
    )
    for row in letters:
        result.setdefault(row.pop("unit_id"), {}).update(row)
    base = matter_conditions(start, end)
    aggregates = {k: Count("id", filter=q) for k, q in base.items()}
    for group, gq in GROUPS.items():
        aggregates.update({f"{group}_{k}": Count("id", filter=q & gq) for k, q in base.items()})
    matters = (
        Matter.objects.filter(resolver_unit_id__in=ids, accepted_on__lte=end)
        .annotate(due=Coalesce("extended_until", "deadline_on"))
        .values("resolver_unit_id")
        .annotate(**aggregates)
    )
    for row in matters:
        result.setdefault(row.pop("resolver_unit_id"), {}).update(row)
    for values in result.values():
        _derive(values)
    return result


def complaint_drill(unit_ids, start, end, key: str, limit: int, offset: int):
    """Letters or matters behind a complaint bucket."""
    ids = list(unit_ids)
    if key in LETTER_KEYS:
        rows = Complaint.objects.filter(unit_id__in=ids).filter(letter_conditions(start, end)[key])
        rows = rows.order_by("received_on", "code")
        items = [
            DrillItem(
                c.code,
                f"{c.get_kind_display()} · {c.received_on:%d/%m/%Y}",
                reverse("complaints:letter", args=[c.pk]),
            )
            for c in rows[offset : offset + limit]
        ]
        return rows.count(), items
    rows = (
        Matter.objects.filter(resolver_unit_id__in=ids, accepted_on__lte=end)
        .annotate(due=Coalesce("extended_until", "deadline_on"))
        .filter(matter_condition(key, start, end))
        .order_by("accepted_on", "code")
    )
    items = [
        DrillItem(
            m.code,
            f"{m.get_kind_display()} · {m.accepted_on:%d/%m/%Y}",
            reverse("complaints:matter", args=[m.pk]),
        )
        for m in rows[offset : offset + limit]
    ]
    return rows.count(), items


def reception_counts(
    unit_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Reception buckets per unit: one GROUP BY over the sessions of the period."""
    leader = Q(by_leader=True)
    rows = (
        ReceptionSession.objects.filter(
            unit_id__in=list(unit_ids), held_on__gte=start, held_on__lte=end
        )
        .values("unit_id")
        .annotate(
            buoi=Count("id"),
            luot=Sum("visits"),
            nguoi=Sum("people"),
            vu_viec_cu=Sum("matters_old"),
            vu_viec_moi=Sum("matters_new"),
            vu_viec=Sum(F("matters_old") + F("matters_new")),
            doan=Sum("groups"),
            doan_nguoi=Sum("group_people"),
            doan_vu_viec=Sum("group_matters"),
            lanh_dao_luot=Sum("visits", filter=leader),
            lanh_dao_nguoi=Sum("people", filter=leader),
            lanh_dao_vu_viec=Sum(F("matters_old") + F("matters_new"), filter=leader),
            thuong_xuyen_luot=Sum("visits", filter=Q(form="thuong_xuyen")),
            dinh_ky_luot=Sum("visits", filter=Q(form="dinh_ky")),
            dot_xuat_luot=Sum("visits", filter=Q(form="dot_xuat")),
            nd_khieu_nai=Sum("about_khieu_nai"),
            nd_to_cao=Sum("about_to_cao"),
            nd_kien_nghi=Sum("about_kien_nghi"),
        )
    )
    return {row.pop("unit_id"): {k: v or 0 for k, v in row.items()} for row in rows}


def reception_drill(unit_ids, start, end, key: str, limit: int, offset: int):
    """The sessions behind a reception bucket, each with its contribution."""
    field = {
        "buoi": None, "luot": "visits", "nguoi": "people", "vu_viec_cu": "matters_old",
        "vu_viec_moi": "matters_new", "doan": "groups", "doan_nguoi": "group_people",
        "doan_vu_viec": "group_matters", "lanh_dao_luot": "visits", "lanh_dao_nguoi": "people",
        "thuong_xuyen_luot": "visits", "dinh_ky_luot": "visits", "dot_xuat_luot": "visits",
        "nd_khieu_nai": "about_khieu_nai", "nd_to_cao": "about_to_cao",
        "nd_kien_nghi": "about_kien_nghi",
    }  # fmt: skip
    rows = ReceptionSession.objects.filter(
        unit_id__in=list(unit_ids), held_on__gte=start, held_on__lte=end
    )
    if key.startswith("lanh_dao_"):
        rows = rows.filter(by_leader=True)
    for form in ("thuong_xuyen", "dinh_ky", "dot_xuat"):
        if key == f"{form}_luot":
            rows = rows.filter(form=form)
    rows = rows.order_by("held_on", "id")

    def value(s: ReceptionSession) -> int:
        if key in {"vu_viec", "lanh_dao_vu_viec"}:
            return s.matters
        name = field.get(key)
        return 1 if name is None else getattr(s, name)

    items = [
        DrillItem(
            f"{s.held_on:%d/%m/%Y}",
            s.get_form_display(),
            reverse("complaints:session", args=[s.pk]),
            value(s),
        )
        for s in rows[offset : offset + limit]
    ]
    return rows.count(), items


def register() -> None:
    register_source(Source("complaints", COMPLAINT_KEYS, complaint_counts, complaint_drill))
    register_source(Source("reception", RECEPTION_KEYS, reception_counts, reception_drill))
