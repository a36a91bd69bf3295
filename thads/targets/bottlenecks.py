"""Bottlenecks ("điểm nghẽn") the leaders hunt: which cases hold a unit back, and where.

Every list is a set-based query over the cases in scope (annotations, `Exists`, `Subquery`;
never a query per case); the cockpit panel counts each list with one aggregate query.

Definitions (as of a day `as_of`; "có điều kiện chưa xong" = verified to have the means
(`is_classified`) and in state đang thi hành or hoãn theo thỏa thuận — the "chuyển kỳ sau có
điều kiện" of statistics.md; remainder = amount − collected − reduced):

a. `qua_mot_nam` — có điều kiện chưa xong, and the QĐ THA is dated more than one year before
   `as_of`: decision_date < the same day one year earlier (exactly one year is not listed;
   29/02 → 28/02 the year before).
b. `viec_cu` — có điều kiện chưa xong, accepted (thụ lý) in year `nam` or earlier (setting
   THADS_OLD_CASE_YEAR, default 2016; the "án có điều kiện từ năm 2016 trở về trước").
c. `tin_dung` — bank-credit cases (`is_bank_credit`) not ended, remainder strictly over the
   threshold (THADS_BANK_CREDIT_THRESHOLD, default 500 000 000 đ: "trên 500 triệu").
d. `tham_nhung` — corruption / economic cases (`is_corruption`) not ended.
e. `lon_nhat` — the N có điều kiện chưa xong cases with the largest remainder (> 0)
   (THADS_LARGEST_CASES, default 20).
f. seizure, valuation, auction — cases in state đang thi hành with conditions (a case postponed
   by agreement waits for the agreement, not for coercion), counting only events still in force
   (not corrected, not voided):
   * `cho_ke_bien`: remainder ≥ THADS_SEIZURE_THRESHOLD (default 100 000 000 đ) and no
     quyết định cưỡng chế with measure "ke_bien" yet;
   * `cho_tham_dinh_gia`: a kê biên decision and no thẩm định giá yet;
   * `cho_dau_gia`: a thẩm định giá, no successful auction (result "thanh_cong") and the
     creditor has not taken the property (nhận tài sản).
g. `dau_gia_khong_thanh` — cases not ended with at least K failed auctions (result
   "khong_thanh"; THADS_FAILED_AUCTIONS, default 2).
h. `khieu_nai` — cases not ended with at least M complaints linked to them (default 1);
   "repeated" = 2 or more (THADS_REPEATED_COMPLAINTS).
i. `ban_chi_dao` — cases not ended with a note of the Ban chỉ đạo THADS (`steering_note`).
j. `qua_han` — overdue statutory deadlines of the open cases, by officer (`cases.deadlines`,
   read from the stored open deadlines: `stats.deadlines`).
k. `tien_tam_giu` — money held (tạm thu, tạm giữ) for more than N days and not yet released
   (`ledger.selectors.held_money_older_than`; THADS_HELD_MONEY_DAYS, default 30).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.cases import prolonged
from thads.cases.models import TERMINAL_STATES, Case, CaseEvent, CaseState, EventType
from thads.cases.prolonged import with_conditions_open
from thads.common.errors import DomainError
from thads.common.money import format_vnd, group_thousands
from thads.complaints.models import Complaint
from thads.ledger.models import HeldMoney
from thads.ledger.selectors import held_money_older_than
from thads.org.access import Access
from thads.org.models import Staff
from thads.stats import deadlines as stored_deadlines

DEFAULTS = {
    "THADS_OLD_CASE_YEAR": 2016,
    "THADS_BANK_CREDIT_THRESHOLD": 500_000_000,
    "THADS_LARGEST_CASES": 20,
    "THADS_SEIZURE_THRESHOLD": 100_000_000,
    "THADS_FAILED_AUCTIONS": 2,
    "THADS_REPEATED_COMPLAINTS": 2,
    "THADS_HELD_MONEY_DAYS": 30,
}


def setting(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


@dataclass(frozen=True)
class Params:
    """The tunable numbers of the lists; settings give the defaults, the query may override."""

    old_year: int
    bank_threshold: int
    top_n: int
    seizure_threshold: int
    failed_auctions: int
    min_complaints: int
    repeated_complaints: int
    held_days: int

    @classmethod
    def defaults(cls) -> Params:
        return cls(
            old_year=setting("THADS_OLD_CASE_YEAR"),
            bank_threshold=setting("THADS_BANK_CREDIT_THRESHOLD"),
            top_n=setting("THADS_LARGEST_CASES"),
            seizure_threshold=setting("THADS_SEIZURE_THRESHOLD"),
            failed_auctions=setting("THADS_FAILED_AUCTIONS"),
            min_complaints=1,
            repeated_complaints=setting("THADS_REPEATED_COMPLAINTS"),
            held_days=setting("THADS_HELD_MONEY_DAYS"),
        )


# query parameter → (field, label, minimum, maximum, is money)
QUERY_PARAMS = {
    "nam": ("old_year", gettext_lazy("Năm thụ lý"), 1990, 2200, False),
    "nguong": ("bank_threshold", gettext_lazy("Ngưỡng số tiền"), 0, 10**15, True),
    "so_luong": ("top_n", gettext_lazy("Số việc"), 1, 1000, False),
    "nguong_ke_bien": ("seizure_threshold", gettext_lazy("Ngưỡng kê biên"), 0, 10**15, True),
    "so_lan": ("failed_auctions", gettext_lazy("Số lần đấu giá không thành"), 1, 50, False),
    "so_don": ("min_complaints", gettext_lazy("Số đơn tối thiểu"), 1, 1000, False),
    "so_ngay": ("held_days", gettext_lazy("Số ngày"), 0, 36500, False),
}


def _parse_int(raw: str, money: bool) -> int:
    text = raw.strip().replace(" ", "")
    if money:
        text = text.removesuffix("đồng").removesuffix("đ").replace(".", "").replace(",", "")
    return int(text)


def params_from(query: Mapping[str, str]) -> Params:
    """Params from the settings, overridden by the query (raises DomainError in Vietnamese)."""
    params = Params.defaults()
    changes = {}
    for name, (field, label, low, high, money) in QUERY_PARAMS.items():
        raw = query.get(name)
        if raw is None or str(raw).strip() == "":
            continue
        try:
            value = _parse_int(str(raw), money)
        except ValueError:
            raise DomainError(
                _("%(label)s không hợp lệ: “%(raw)s” (phải là một số nguyên).")
                % {"label": label, "raw": raw}
            ) from None
        if not low <= value <= high:
            raise DomainError(
                _("%(label)s phải từ %(low)s đến %(high)s.")
                % {"label": label, "low": group_thousands(low), "high": group_thousands(high)}
            )
        changes[field] = value
    return replace(params, **changes)


# ---- building blocks ---------------------------------------------------------------------


def remainder():
    return F("amount") - F("collected") - F("reduced")


def with_remainder(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.annotate(remainder_value=remainder())


def effective_events(event_type: str, **data) -> QuerySet[CaseEvent]:
    """Events of the outer case of one type still in force (not corrected by a later event)."""
    filters = {f"data__{key}": value for key, value in data.items()}
    return CaseEvent.objects.filter(
        case=OuterRef("pk"), type=event_type, corrected_by__isnull=True, **filters
    )


def count_of(queryset: QuerySet) -> Coalesce:
    """The number of rows of a per-case subquery (correlated on `case`)."""
    counted = queryset.order_by().values("case").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def not_ended(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.exclude(state__in=TERMINAL_STATES)


# ---- the lists of cases ---------------------------------------------------------------------


def over_one_year(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    """List a: shared with the surprise inspection (`cases.prolonged`)."""
    return prolonged.over_one_year(cases, as_of)


def old_cases(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    return with_conditions_open(cases).filter(accepted_on__lt=dt.date(params.old_year + 1, 1, 1))


def bank_credit(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    return (
        with_remainder(not_ended(cases))
        .filter(is_bank_credit=True)
        .filter(remainder_value__gt=params.bank_threshold)
    )


def corruption(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    return not_ended(cases).filter(is_corruption=True)


def largest(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    top = (
        with_remainder(with_conditions_open(cases))
        .filter(remainder_value__gt=0)
        .order_by("-remainder_value", "pk")
        .values("pk")[: params.top_n]
    )
    # Materialised: a LIMIT inside IN (…) is refused by some back ends and cannot be re-sorted.
    return cases.filter(pk__in=[row["pk"] for row in top])


def _enforcing(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(is_classified=True, state=CaseState.DANG_THI_HANH)


def awaiting_seizure(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    seized = effective_events(EventType.QUYET_DINH_CUONG_CHE, measure="ke_bien")
    return (
        with_remainder(_enforcing(cases))
        .filter(remainder_value__gte=params.seizure_threshold)
        .filter(~Exists(seized))
    )


def awaiting_valuation(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    seized = effective_events(EventType.QUYET_DINH_CUONG_CHE, measure="ke_bien")
    valued = effective_events(EventType.THAM_DINH_GIA)
    return _enforcing(cases).filter(Exists(seized)).filter(~Exists(valued))


def awaiting_auction(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    valued = effective_events(EventType.THAM_DINH_GIA)
    sold = effective_events(EventType.DAU_GIA, result="thanh_cong")
    taken = effective_events(EventType.NHAN_TAI_SAN)
    return _enforcing(cases).filter(Exists(valued)).filter(~Exists(sold)).filter(~Exists(taken))


def failed_auctions(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    failed = effective_events(EventType.DAU_GIA, result="khong_thanh")
    return (
        not_ended(cases)
        .annotate(failed_auctions=count_of(failed))
        .filter(failed_auctions__gte=params.failed_auctions)
    )


def complained(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    complaints = Complaint.objects.filter(case=OuterRef("pk"), received_on__lte=as_of)
    unresolved = complaints.filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=as_of))
    return (
        not_ended(cases)
        .annotate(complaint_count=count_of(complaints))
        .annotate(unresolved_complaints=count_of(unresolved))
        .filter(complaint_count__gte=params.min_complaints)
    )


def steering(cases: QuerySet[Case], params: Params, as_of: dt.date) -> QuerySet[Case]:
    return not_ended(cases).filter(steering_note__regex=r"\S")


@dataclass(frozen=True)
class Bottleneck:
    key: str
    letter: str
    title: str
    kind: str  # "cases", "deadlines" or "held"
    query: Callable[[QuerySet[Case], Params, dt.date], QuerySet[Case]] | None = None
    params: tuple[str, ...] = ()  # query parameters that tune it
    column: str | None = None  # extra column: "steering_note", "complaints", "failed_auctions"

    def definition(self, params: Params) -> str:
        return definition(self.key, params)


BOTTLENECKS: list[Bottleneck] = [
    Bottleneck(
        "qua-mot-nam", "a", gettext_lazy("Có điều kiện, quá 1 năm chưa xong"), "cases",
        over_one_year,
    ),
    Bottleneck(
        "viec-cu", "b", gettext_lazy("Có điều kiện, thụ lý từ năm cũ"), "cases", old_cases,
        ("nam",),
    ),
    Bottleneck(
        "tin-dung", "c", gettext_lazy("Tín dụng ngân hàng giá trị lớn"), "cases", bank_credit,
        ("nguong",),
    ),
    Bottleneck("tham-nhung", "d", gettext_lazy("Tham nhũng, kinh tế"), "cases", corruption),
    Bottleneck(
        "lon-nhat", "e", gettext_lazy("Việc có điều kiện giá trị lớn nhất"), "cases", largest,
        ("so_luong",),
    ),
    Bottleneck(
        "cho-ke-bien", "f", gettext_lazy("Chờ kê biên"), "cases", awaiting_seizure,
        ("nguong_ke_bien",),
    ),
    Bottleneck(
        "cho-tham-dinh-gia", "f", gettext_lazy("Đã kê biên, chờ thẩm định giá"), "cases",
        awaiting_valuation,
    ),
    Bottleneck(
        "cho-dau-gia", "f", gettext_lazy("Đã thẩm định giá, chưa bán được"), "cases",
        awaiting_auction,
    ),
    Bottleneck(
        "dau-gia-khong-thanh", "g", gettext_lazy("Đấu giá không thành nhiều lần"), "cases",
        failed_auctions, ("so_lan",), "failed_auctions",
    ),
    Bottleneck(
        "khieu-nai", "h", gettext_lazy("Việc có đơn khiếu nại, tố cáo"), "cases", complained,
        ("so_don",), "complaints",
    ),
    Bottleneck(
        "ban-chi-dao", "i", gettext_lazy("Có ý kiến chỉ đạo của Ban chỉ đạo THADS"), "cases",
        steering, (), "steering_note",
    ),
    Bottleneck("qua-han", "j", gettext_lazy("Quá hạn theo luật, theo Chấp hành viên"), "deadlines"),
    Bottleneck(
        "tien-tam-giu", "k", gettext_lazy("Tiền tạm thu, tạm giữ tồn lâu"), "held", None,
        ("so_ngay",),
    ),
]  # fmt: skip
BY_KEY = {b.key: b for b in BOTTLENECKS}


def definition(key: str, params: Params) -> str:
    """The precise rule of a list, in Vietnamese, with the numbers in force."""
    texts = {
        "qua-mot-nam": _(
            "Việc có điều kiện thi hành (đang thi hành hoặc hoãn theo thỏa thuận) chưa thi hành "
            "xong, quyết định thi hành án ra quá 1 năm (tròn 1 năm chưa tính)."
        ),
        "viec-cu": _(
            "Việc có điều kiện thi hành chưa thi hành xong, thụ lý từ năm %(year)d trở về trước."
        )
        % {"year": params.old_year},
        "tin-dung": _(
            "Việc tín dụng ngân hàng chưa kết thúc, số tiền còn phải thi hành trên %(amount)s."
        )
        % {"amount": format_vnd(params.bank_threshold)},
        "tham-nhung": _("Việc tham nhũng, kinh tế chưa kết thúc."),
        "lon-nhat": _(
            "%(n)d việc có điều kiện chưa thi hành xong có số tiền còn phải thi hành lớn nhất."
        )
        % {"n": params.top_n},
        "cho-ke-bien": _(
            "Việc đang thi hành có điều kiện, còn phải thi hành từ %(amount)s trở lên, chưa có "
            "quyết định cưỡng chế kê biên tài sản."
        )
        % {"amount": format_vnd(params.seizure_threshold)},
        "cho-tham-dinh-gia": _(
            "Việc đang thi hành đã có quyết định kê biên tài sản nhưng chưa thẩm định giá."
        ),
        "cho-dau-gia": _(
            "Việc đang thi hành đã thẩm định giá tài sản nhưng chưa bán đấu giá thành và người "
            "được thi hành án chưa nhận tài sản."
        ),
        "dau-gia-khong-thanh": _(
            "Việc chưa kết thúc có từ %(n)d lần bán đấu giá không thành trở lên."
        )
        % {"n": params.failed_auctions},
        "khieu-nai": _(
            "Việc chưa kết thúc có từ %(n)d đơn khiếu nại, tố cáo, kiến nghị, phản ánh trở lên; "
            "từ %(r)d đơn là khiếu nại nhiều lần."
        )
        % {"n": params.min_complaints, "r": params.repeated_complaints},
        "ban-chi-dao": _("Việc chưa kết thúc đã có ý kiến chỉ đạo của Ban chỉ đạo THADS."),
        "qua-han": _(
            "Thời hạn theo luật (ra quyết định, thông báo, xác minh, xác minh lại, ủy thác, "
            "chuyển sổ theo dõi riêng) của việc chưa kết thúc đã qua mà chưa thực hiện."
        ),
        "tien-tam-giu": _("Tiền tạm thu, tạm giữ chưa xử lý, đã giữ quá %(n)d ngày.")
        % {"n": params.held_days},
    }
    return texts[key]


# ---- results --------------------------------------------------------------------------------


def cases_of(
    bottleneck: Bottleneck, cases: QuerySet[Case], params: Params, as_of: dt.date
) -> QuerySet[Case]:
    """The cases of one list, annotated with `remainder_value`, ready to sort and show."""
    if bottleneck.query is None:
        raise ValueError(bottleneck.key)
    result = bottleneck.query(cases, params, as_of)
    if "remainder_value" not in result.query.annotations:
        result = with_remainder(result)
    return result


SORTS = {
    "tien": ("-remainder_value", "decision_date", "pk"),
    "tuoi": ("decision_date", "-remainder_value", "pk"),
}


def sorted_cases(queryset: QuerySet[Case], sort: str) -> QuerySet[Case]:
    return queryset.order_by(*SORTS.get(sort, SORTS["tien"])).select_related("unit", "officer")


def held_of(
    access: Access, unit_ids: frozenset[int], params: Params, as_of: dt.date
) -> list[HeldMoney]:
    """Money held longer than `params.held_days`, in the scope (one query)."""
    return [
        h for h in held_money_older_than(access, params.held_days, as_of) if h.unit_id in unit_ids
    ]


@dataclass
class OfficerDeadlines:
    officer_id: int | None
    name: str
    overdue: int
    today: int
    this_week: int


def deadlines_of(cases: QuerySet[Case], as_of: dt.date) -> tuple[list[OfficerDeadlines], list]:
    """Per officer counts (most overdue first) and the overdue deadlines (most overdue first)."""
    counts = stored_deadlines.counts_by_officer(cases, as_of)
    names = dict(
        Staff.objects.filter(pk__in=[k for k in counts if k is not None]).values_list(
            "pk", "full_name"
        )
    )
    rows = [
        OfficerDeadlines(
            officer_id=officer,
            name=names.get(officer, "") if officer is not None else _("Chưa phân công"),
            **value,
        )
        for officer, value in counts.items()
        if any(value.values())
    ]
    rows.sort(key=lambda r: (-r.overdue, -r.today, -r.this_week, r.name))
    return rows, stored_deadlines.overdue(cases, as_of)


@dataclass
class PanelItem:
    bottleneck: Bottleneck
    count: int
    money: int | None  # remainder of the cases, held amount; None when not money


def panel(
    access: Access,
    cases: QuerySet[Case],
    unit_ids: frozenset[int],
    params: Params,
    as_of: dt.date,
) -> list[PanelItem]:
    """One count (and money) per bottleneck: one query per list, one for the deadlines."""
    items = []
    for b in BOTTLENECKS:
        if b.kind == "cases":
            totals = cases_of(b, cases, params, as_of).aggregate(
                n=Count("pk"), money=Sum("remainder_value")
            )
            items.append(PanelItem(b, totals["n"], totals["money"] or 0))
        elif b.kind == "held":
            held = held_of(access, unit_ids, params, as_of)
            items.append(PanelItem(b, len(held), sum(h.amount for h in held)))
        else:
            counts = stored_deadlines.counts_by_officer(cases, as_of)
            items.append(PanelItem(b, sum(c["overdue"] for c in counts.values()), None))
    return items
