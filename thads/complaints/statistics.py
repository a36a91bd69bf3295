"""Canonical buckets of complaints (form 8) and citizen reception (form 9), counted per unit
with set-based queries (docs/complaint-statistics.md is the contract).

Counting unit (TT 08/2015/TT-BTP, phụ lục 2): letters are counted as letters (đơn), by the unit
that received them; a matter (việc) exists only once accepted, duplicates add none, and it is
counted by the unit that resolves it. Period [start, end] is cumulative from the report year's
start, as for the case forms.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from thads.common.compiled_sql import compiled_values
from thads.common.form_sources import FormSource, SourceItem
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
OUTCOMES = ("rut", "dung", "sai", "dung_mot_phan", "tra_loi")
GROUPS = {
    "kn1": Q(kind="khieu_nai", instance=1),
    "kn2": Q(kind="khieu_nai", instance=2),
    "tc": Q(kind="to_cao"),
    "kp": Q(kind__in=["kien_nghi", "phan_anh"]),
}
PREFIXES = ("", *(f"{g}_" for g in GROUPS))
MATTER_KEYS = tuple(f"{prefix}{k}" for prefix in PREFIXES for k in MATTER_BASE)
# Derived buckets (common.form_sources identities), for all kinds and for each group.
MATTER_IDENTITIES = {
    f"{p}{key}": expr
    for p in PREFIXES
    for key, expr in (
        ("phai_giai_quyet", f"{p}viec_cu + {p}viec_moi"),
        ("da_giai_quyet", " + ".join(f"{p}{o}" for o in OUTCOMES)),
        ("dang_giai_quyet", f"{p}phai_giai_quyet - {p}da_giai_quyet"),
    )
}
COMPLAINT_KEYS = LETTER_KEYS + MATTER_KEYS + tuple(MATTER_IDENTITIES)

RECEPTION_BASE = (
    "buoi",
    "luot",
    "nguoi",
    "vu_viec_cu",
    "vu_viec_moi",
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
RECEPTION_IDENTITIES = {"vu_viec": "vu_viec_cu + vu_viec_moi"}
RECEPTION_KEYS = RECEPTION_BASE + tuple(RECEPTION_IDENTITIES)

GROUP_LABELS = {
    "kn1": _("Khiếu nại lần đầu"),
    "kn2": _("Khiếu nại lần hai"),
    "tc": _("Tố cáo"),
    "kp": _("Kiến nghị, phản ánh"),
}
MATTER_LABELS = {
    "viec_cu": _("Kỳ trước chuyển sang"),
    "viec_moi": _("Thụ lý mới"),
    "rut": _("Rút đơn, đình chỉ"),
    "dung": _("Đúng"),
    "sai": _("Sai"),
    "dung_mot_phan": _("Đúng một phần"),
    "tra_loi": _("Trả lời kiến nghị, phản ánh"),
    "qua_han": _("Quá hạn"),
    "dung_han": _("Giải quyết đúng hạn"),
    "phai_giai_quyet": _("Tổng số phải giải quyết"),
    "da_giai_quyet": _("Đã giải quyết"),
    "dang_giai_quyet": _("Đang giải quyết"),
}
COMPLAINT_LABELS = {
    "don_tiep_nhan": _("Tổng số đơn"),
    "don_trung": _("Đơn trùng nội dung"),
    "don_khong_du_dk": _("Không đủ điều kiện"),
    "don_khong_thuoc_tq": _("Không thuộc thẩm quyền"),
    "don_chuyen": _("Chuyển đơn"),
    "don_huong_dan": _("Hướng dẫn"),
    "don_thuoc_tq": _("Thuộc thẩm quyền"),
    "don_chua_xu_ly": _("Chưa xử lý"),
    **MATTER_LABELS,
    **{
        f"{g}_{key}": format_lazy("{} — {}", group_label, label)
        for g, group_label in GROUP_LABELS.items()
        for key, label in MATTER_LABELS.items()
    },
}
RECEPTION_LABELS = {
    "buoi": _("Số buổi tiếp"),
    "luot": _("Số lượt"),
    "nguoi": _("Số người"),
    "vu_viec": _("Tổng số vụ việc"),
    "vu_viec_cu": _("Vụ việc cũ"),
    "vu_viec_moi": _("Vụ việc mới phát sinh"),
    "doan": _("Số đoàn"),
    "doan_nguoi": _("Số người trong đoàn"),
    "doan_vu_viec": _("Số vụ việc của đoàn"),
    "lanh_dao_luot": _("Lãnh đạo tiếp: số lượt"),
    "lanh_dao_nguoi": _("Lãnh đạo tiếp: số người"),
    "lanh_dao_vu_viec": _("Lãnh đạo tiếp: số vụ việc"),
    "thuong_xuyen_luot": _("Tiếp thường xuyên (lượt)"),
    "dinh_ky_luot": _("Tiếp định kỳ (lượt)"),
    "dot_xuat_luot": _("Tiếp đột xuất (lượt)"),
    "nd_khieu_nai": _("Khiếu nại"),
    "nd_to_cao": _("Tố cáo"),
    "nd_kien_nghi": _("Kiến nghị, phản ánh"),
}


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
    """The condition of a base matter key (`kn1_viec_cu`: the group's Q and the bucket's)."""
    group, base = "", key
    for g in GROUPS:
        if key.startswith(f"{g}_"):
            group, base = g, key[len(g) + 1 :]
    q = matter_conditions(start, end)[base]
    return q & GROUPS[group] if group else q


def _matters(unit_ids: list[int], end: dt.date):
    return Matter.objects.filter(resolver_unit_id__in=unit_ids, accepted_on__lte=end).annotate(
        due=Coalesce("extended_until", "deadline_on")
    )


@compiled_values(Complaint)
def letter_counts(unit_ids: tuple[int, ...], start: dt.date, end: dt.date):
    """Letter buckets per receiving unit (one GROUP BY; its SQL compiled once per arguments)."""
    return (
        Complaint.objects.filter(unit_id__in=unit_ids, received_on__lte=end)
        .order_by()
        .values("unit_id")
        .annotate(**{k: Count("id", filter=q) for k, q in letter_conditions(start, end).items()})
    )


@compiled_values(Matter)
def matter_counts(unit_ids: tuple[int, ...], start: dt.date, end: dt.date):
    """Matter buckets per resolving unit (one GROUP BY of 45 counts: its SQL, ≈ 10 ms of
    Django's compiler, compiled once per arguments — `common.compiled_sql`)."""
    aggregates = {key: Count("id", filter=matter_condition(key, start, end)) for key in MATTER_KEYS}
    return (
        _matters(list(unit_ids), end).order_by().values("resolver_unit_id").annotate(**aggregates)
    )


def complaint_counts(
    unit_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Every base complaint bucket per unit: one GROUP BY over letters, one over matters."""
    result: dict[int, dict[str, int]] = {}
    units = tuple(unit_ids)
    for row in letter_counts(units, start, end):
        result.setdefault(row.pop("unit_id"), {}).update(row)
    for row in matter_counts(units, start, end):
        result.setdefault(row.pop("resolver_unit_id"), {}).update(row)
    return result


def _item(row: Complaint | Matter, on: dt.date, url_name: str) -> SourceItem:
    return SourceItem(
        key=row.code,
        label=row.get_kind_display(),
        detail=f"{on:%d/%m/%Y}",
        url=reverse(url_name, args=[row.pk]),
        value=1,
    )


def complaint_items(
    unit_ids: list[int], start: dt.date, end: dt.date, key: str
) -> list[SourceItem]:
    """Letters or matters behind a base complaint bucket."""
    if key in LETTER_KEYS:
        letters = Complaint.objects.filter(unit_id__in=unit_ids).filter(
            letter_conditions(start, end)[key]
        )
        return [
            _item(c, c.received_on, "complaints:letter")
            for c in letters.order_by("received_on", "code")
        ]
    matters = _matters(unit_ids, end).filter(matter_condition(key, start, end))
    return [
        _item(m, m.accepted_on, "complaints:matter")
        for m in matters.order_by("accepted_on", "code")
    ]


MATTERS_SUM = F("matters_old") + F("matters_new")
# Reception bucket → (the session field it sums, or None to count sessions; the sessions' Q).
RECEPTION_FIELDS: dict[str, tuple[object, Q]] = {
    "buoi": (None, Q()),
    "luot": ("visits", Q()),
    "nguoi": ("people", Q()),
    "vu_viec_cu": ("matters_old", Q()),
    "vu_viec_moi": ("matters_new", Q()),
    "doan": ("groups", Q()),
    "doan_nguoi": ("group_people", Q()),
    "doan_vu_viec": ("group_matters", Q()),
    "lanh_dao_luot": ("visits", Q(by_leader=True)),
    "lanh_dao_nguoi": ("people", Q(by_leader=True)),
    "lanh_dao_vu_viec": (MATTERS_SUM, Q(by_leader=True)),
    "thuong_xuyen_luot": ("visits", Q(form="thuong_xuyen")),
    "dinh_ky_luot": ("visits", Q(form="dinh_ky")),
    "dot_xuat_luot": ("visits", Q(form="dot_xuat")),
    "nd_khieu_nai": ("about_khieu_nai", Q()),
    "nd_to_cao": ("about_to_cao", Q()),
    "nd_kien_nghi": ("about_kien_nghi", Q()),
}


def _sessions(unit_ids: list[int], start: dt.date, end: dt.date):
    return ReceptionSession.objects.filter(
        unit_id__in=unit_ids, held_on__gte=start, held_on__lte=end
    )


def reception_counts(
    unit_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Reception buckets per unit: one GROUP BY over the sessions of the period."""
    aggregates = {
        key: Count("id", filter=q) if field is None else Coalesce(Sum(field, filter=q), 0)
        for key, (field, q) in RECEPTION_FIELDS.items()
    }
    rows = _sessions(unit_ids, start, end).order_by().values("unit_id").annotate(**aggregates)
    return {row.pop("unit_id"): {k: int(v) for k, v in row.items()} for row in rows}


def reception_items(
    unit_ids: list[int], start: dt.date, end: dt.date, key: str
) -> list[SourceItem]:
    """The sessions behind a reception bucket, each with its contribution."""
    field, q = RECEPTION_FIELDS[key]

    def value(s: ReceptionSession) -> int:
        if field is None:
            return 1
        if field is MATTERS_SUM:
            return s.matters
        return getattr(s, str(field))

    return [
        SourceItem(
            key=f"{s.held_on:%d/%m/%Y}",
            label=s.get_form_display(),
            detail=s.content[:120],
            url=reverse("complaints:session", args=[s.pk]),
            value=value(s),
        )
        for s in _sessions(unit_ids, start, end).filter(q).order_by("held_on", "id")
    ]


COMPLAINTS = FormSource(
    measure="complaints",
    base_keys=LETTER_KEYS + MATTER_KEYS,
    identities=MATTER_IDENTITIES,
    labels=COMPLAINT_LABELS,
    counts=complaint_counts,
    items=complaint_items,
    unit_text=_("Đơn vị tính: đơn, việc"),
    rates=(("ty_le", "da_giai_quyet", "phai_giai_quyet"),),
)
RECEPTION = FormSource(
    measure="reception",
    base_keys=RECEPTION_BASE,
    identities=RECEPTION_IDENTITIES,
    labels=RECEPTION_LABELS,
    counts=reception_counts,
    items=reception_items,
    unit_text=_("Đơn vị tính: buổi, lượt, người, vụ việc"),
)
