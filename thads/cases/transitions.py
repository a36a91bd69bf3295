"""The law's workflow as a transition table: which event may happen in which state, and why not.

Each rule names the article it implements. `validate_history` replays a whole history and
refuses the first event the law does not allow; services and the importer both use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from thads.cases.law import LONG_GROUNDS, LawRules, law_on
from thads.cases.models import TERMINAL_STATES, CaseMode, CaseState, EventType
from thads.cases.state import SUSPENDED, CaseSnapshot, EventLike, apply_event, effective_events
from thads.common.calendar import holiday_name, is_within_tet_window
from thads.common.errors import DomainError
from thads.common.money import format_vnd

ACTIVE = frozenset({CaseState.DANG_THI_HANH, CaseState.CHUA_CO_DIEU_KIEN})
OPEN = frozenset(CaseState.values) - TERMINAL_STATES
ANY = frozenset(CaseState.values)

COERCION_MEASURES = {
    "khau_tru_tai_khoan": "Khấu trừ tiền trong tài khoản",
    "thu_hoi_giay_to_co_gia": "Thu hồi, xử lý tiền, giấy tờ có giá",
    "tru_thu_nhap": "Trừ vào thu nhập",
    "ke_bien": "Kê biên, xử lý tài sản",
    "khai_thac_tai_san": "Khai thác tài sản",
    "buoc_chuyen_giao": "Buộc chuyển giao vật, quyền tài sản, giấy tờ",
    "buoc_thuc_hien": "Buộc thực hiện hoặc không thực hiện công việc nhất định",
}


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about the case itself."""

    amount: int
    mode: str
    accepted_on: dt.date
    unit_id: int | None = None
    has_state_budget_obligation: bool = False
    # Total of the obligations owed to the state budget (the most miễn, giảm may reach);
    # None when unknown (then only `has_state_budget_obligation` is checked).
    state_budget_amount: int | None = None


@dataclass
class Context:
    facts: CaseFacts
    before: CaseSnapshot
    prior: list[EventLike]
    event: EventLike
    law: LawRules
    today: dt.date | None = None

    def prior_of(self, *types: str) -> list[EventLike]:
        return [e for e in self.prior if e.type in types]


class TransitionError(DomainError):
    """An event the law does not allow; `index` is its position in the history checked."""

    def __init__(self, message: str, *, article: str | None = None, index: int | None = None):
        super().__init__(message, article=article)
        self.index = index


Check = Callable[[Context], None]


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    article: str
    checks: tuple[Check, ...] = field(default=())
    needs_amount: bool = False


def _fail(message: str) -> None:
    raise DomainError(message)


# ---- checks ------------------------------------------------------------------------------


def _amount_within_remainder(ctx: Context) -> None:
    amount = ctx.event.amount or 0
    if amount > ctx.before.remainder:
        _fail(
            f"Số tiền {format_vnd(amount)} vượt quá số tiền còn phải thi hành "
            f"({format_vnd(ctx.before.remainder)})."
        )


def _nothing_left(ctx: Context) -> None:
    if ctx.before.remainder > 0:
        _fail(
            f"Chưa thể xác nhận thi hành xong: còn {format_vnd(ctx.before.remainder)} phải thi "
            "hành. Phải thu, miễn hoặc giảm hết số tiền còn lại trước."
        )


def _state_budget_only(ctx: Context) -> None:
    if not ctx.facts.has_state_budget_obligation:
        _fail(
            "Chỉ được miễn, giảm đối với khoản thu nộp ngân sách nhà nước; việc này không có "
            "khoản nào phải nộp ngân sách."
        )
    cap = ctx.facts.state_budget_amount
    amount = ctx.event.amount or 0
    if cap is not None and ctx.before.reduced + amount > cap:
        _fail(
            f"Số tiền miễn, giảm {format_vnd(amount)} vượt quá phần nghĩa vụ nộp ngân sách nhà "
            f"nước còn có thể miễn, giảm ({format_vnd(max(cap - ctx.before.reduced, 0))})."
        )


def _on_request_only(ctx: Context) -> None:
    if ctx.facts.mode != CaseMode.THEO_DON:
        _fail("Chỉ trả đơn yêu cầu đối với việc thi hành theo đơn; đây là việc chủ động.")


def _hoan_reason(ctx: Context) -> None:
    if (ctx.event.data or {}).get("reason") not in {"thoa_thuan", "khac"}:
        _fail("Phải chọn lý do hoãn: theo thỏa thuận của đương sự hoặc lý do khác.")


def _to_unit(ctx: Context) -> None:
    to_unit = getattr(ctx.event, "to_unit_id", None)
    if not to_unit:
        _fail("Phải chọn cơ quan thi hành án nhận ủy thác.")
    if ctx.facts.unit_id is not None and to_unit == ctx.facts.unit_id:
        _fail("Không thể ủy thác cho chính đơn vị đang thụ lý.")


def _separate_book_conditions(ctx: Context) -> None:
    law = ctx.law
    before = ctx.before
    if before.no_means_since is None:
        _fail("Chưa có quyết định về việc chưa có điều kiện thi hành án.")
    long_wait = (ctx.event.data or {}).get("ground") in LONG_GROUNDS or (
        _no_means_ground(ctx) in LONG_GROUNDS
    )
    months = law.separate_book_wait(long_wait)
    due = law.separate_book_from(before.no_means_since, long_wait)
    if ctx.event.on < due:
        _fail(
            f"Chưa đủ thời gian: chỉ được chuyển từ ngày {due:%d/%m/%Y} "
            f"({months // 12} năm kể từ quyết định về việc chưa có điều kiện thi hành án ngày "
            f"{before.no_means_since:%d/%m/%Y}, theo {law.name})."
        )
    if before.reverifications < law.separate_book_min_reverifications:
        _fail(
            f"Phải xác minh lại ít nhất {law.separate_book_min_reverifications} lần sau quyết "
            f"định về việc chưa có điều kiện thi hành án (mới có {before.reverifications} lần)."
        )


def _no_means_ground(ctx: Context) -> str | None:
    for event in reversed(ctx.prior):
        if event.type == EventType.CHUA_CO_DIEU_KIEN:
            return (event.data or {}).get("ground")
    return None


def _has_conditions(ctx: Context) -> None:
    if not ctx.before.is_classified:
        _fail("Phải xác minh điều kiện thi hành án trước khi ra quyết định cưỡng chế.")


def _coercion_measure(ctx: Context) -> None:
    measure = (ctx.event.data or {}).get("measure")
    if measure not in COERCION_MEASURES:
        _fail("Phải chọn biện pháp cưỡng chế (Điều 71 Luật THADS).")


def _coercion_decided(ctx: Context) -> None:
    if not ctx.prior_of(EventType.QUYET_DINH_CUONG_CHE):
        _fail("Chưa có quyết định cưỡng chế.")


def _coercion_time(ctx: Context) -> None:
    day = ctx.event.on
    name = holiday_name(day)
    if name:
        _fail(f"Không được cưỡng chế vào ngày nghỉ lễ ({name}, {day:%d/%m/%Y}).")
    if day.weekday() >= 5:
        _fail(f"Không được cưỡng chế vào ngày nghỉ cuối tuần ({day:%d/%m/%Y}).")
    if is_within_tet_window(day):
        _fail(
            "Không được cưỡng chế trong thời gian 15 ngày trước và sau Tết Nguyên đán "
            f"({day:%d/%m/%Y})."
        )
    time = (ctx.event.data or {}).get("time")
    if time:
        try:
            at = dt.datetime.strptime(str(time).strip(), "%H:%M").time()
        except ValueError:
            _fail("Giờ cưỡng chế không hợp lệ (định dạng HH:MM).")
        if not dt.time(6, 0) <= at < dt.time(22, 0):
            _fail("Không được cưỡng chế trong khoảng từ 22 giờ đến 06 giờ sáng hôm sau.")


def _seized(ctx: Context) -> None:
    seizures = [
        e
        for e in ctx.prior_of(EventType.QUYET_DINH_CUONG_CHE)
        if (e.data or {}).get("measure") == "ke_bien"
    ]
    if not seizures:
        _fail("Phải kê biên tài sản trước khi thẩm định giá.")


def _valued(ctx: Context) -> None:
    if not ctx.prior_of(EventType.THAM_DINH_GIA):
        _fail("Không thể bán đấu giá khi tài sản chưa được thẩm định giá.")


def _value_positive(ctx: Context) -> None:
    if not ctx.event.amount or ctx.event.amount <= 0:
        _fail("Giá trị tài sản phải lớn hơn 0.")


def _auction_result(ctx: Context) -> None:
    if (ctx.event.data or {}).get("result") not in {"thanh_cong", "khong_thanh"}:
        _fail("Phải ghi kết quả đấu giá: thành hoặc không thành.")


def _failed_auction(ctx: Context) -> None:
    auctions = ctx.prior_of(EventType.DAU_GIA)
    if not auctions or (auctions[-1].data or {}).get("result") != "khong_thanh":
        _fail("Chỉ giảm giá tài sản sau một lần bán đấu giá không thành.")


def _creditor_may_take(ctx: Context) -> None:
    reductions = ctx.prior_of(EventType.GIAM_GIA)
    auctions = ctx.prior_of(EventType.DAU_GIA)
    failed_last = auctions and (auctions[-1].data or {}).get("result") == "khong_thanh"
    if len(reductions) < 2 or not failed_last:
        _fail(
            "Người được thi hành án chỉ được nhận tài sản để trừ vào số tiền được thi hành khi "
            "tài sản đã giảm giá từ lần thứ hai trở lên mà vẫn không có người mua."
        )


def _payout_within_collected(ctx: Context) -> None:
    paid = sum(e.amount or 0 for e in ctx.prior_of(EventType.CHI_TRA))
    amount = ctx.event.amount or 0
    if paid + amount > ctx.before.collected:
        _fail(
            f"Số tiền chi trả vượt quá số tiền đã thu chưa chi "
            f"({format_vnd(ctx.before.collected - paid)})."
        )


def _revaluation(ctx: Context) -> None:
    if not ctx.prior_of(EventType.THAM_DINH_GIA):
        _fail("Chưa có kết quả thẩm định giá để thẩm định lại.")


def _officer_named(ctx: Context) -> None:
    if not (ctx.event.data or {}).get("officer"):
        _fail("Phải chọn Chấp hành viên được phân công.")


# ---- the table -----------------------------------------------------------------------------

L = "Luật THADS 2008"
RULES: dict[str, Rule] = {
    EventType.XAC_MINH_CO_DIEU_KIEN: Rule(ACTIVE, f"{L}, Điều 44"),
    EventType.CHUA_CO_DIEU_KIEN: Rule(frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 44a"),
    EventType.XAC_MINH_LAI: Rule(frozenset({CaseState.CHUA_CO_DIEU_KIEN}), f"{L}, Điều 44 k2"),
    EventType.HOAN: Rule(ACTIVE, f"{L}, Điều 48", (_hoan_reason,)),
    EventType.TAM_DINH_CHI: Rule(
        ACTIVE | {CaseState.HOAN_KHAC, CaseState.HOAN_THOA_THUAN}, f"{L}, Điều 49"
    ),
    EventType.TIEP_TUC: Rule(SUSPENDED, f"{L}, Điều 48 k3, Điều 49 k3"),
    EventType.THU_TIEN: Rule(
        OPEN - {CaseState.TAM_DINH_CHI}, f"{L}, Điều 47", (_amount_within_remainder,), True
    ),
    EventType.MIEN_GIAM: Rule(
        OPEN, f"{L}, Điều 61", (_state_budget_only, _amount_within_remainder), True
    ),
    EventType.XONG: Rule(OPEN - {CaseState.TAM_DINH_CHI}, f"{L}, Điều 52", (_nothing_left,)),
    EventType.DINH_CHI: Rule(OPEN, f"{L}, Điều 50"),
    EventType.UY_THAC: Rule(ACTIVE, f"{L}, Điều 55", (_to_unit,)),
    EventType.THU_HOI: Rule(OPEN, f"{L}, Điều 37"),
    EventType.TRA_DON: Rule(OPEN, f"{L}, Điều 51", (_on_request_only,)),
    EventType.SO_RIENG: Rule(
        frozenset({CaseState.CHUA_CO_DIEU_KIEN}), "", (_separate_book_conditions,)
    ),
    EventType.THONG_BAO: Rule(ANY, f"{L}, Điều 39"),
    EventType.TONG_DAT: Rule(ANY, f"{L}, Điều 40–41"),
    EventType.NIEM_YET: Rule(ANY, f"{L}, Điều 42"),
    EventType.XAC_MINH: Rule(OPEN, f"{L}, Điều 44"),
    EventType.VAN_DONG: Rule(OPEN, f"{L}, Điều 45"),
    EventType.THOA_THUAN: Rule(OPEN, f"{L}, Điều 6"),
    EventType.PHONG_TOA: Rule(frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 67"),
    EventType.TAM_GIU: Rule(frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 68"),
    EventType.TAM_DUNG_DANG_KY: Rule(frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 69"),
    EventType.QUYET_DINH_CUONG_CHE: Rule(
        frozenset({CaseState.DANG_THI_HANH}),
        f"{L}, Điều 70–71",
        (_has_conditions, _coercion_measure),
    ),
    EventType.CUONG_CHE: Rule(
        frozenset({CaseState.DANG_THI_HANH}),
        f"{L}, Điều 46; NĐ 62/2015, Điều 8",
        (_coercion_decided, _coercion_time),
    ),
    EventType.THAM_DINH_GIA: Rule(
        frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 98", (_seized, _value_positive), True
    ),
    EventType.THAM_DINH_GIA_LAI: Rule(
        frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 99", (_revaluation, _value_positive), True
    ),
    EventType.DAU_GIA: Rule(
        frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 101", (_valued, _auction_result)
    ),
    EventType.GIAM_GIA: Rule(
        frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 104", (_failed_auction,)
    ),
    EventType.NHAN_TAI_SAN: Rule(
        frozenset({CaseState.DANG_THI_HANH}), f"{L}, Điều 104 k3", (_creditor_may_take,)
    ),
    EventType.GIAO_TAI_SAN: Rule(OPEN, f"{L}, Điều 115–117"),
    EventType.CONG_KHAI: Rule(
        frozenset({CaseState.CHUA_CO_DIEU_KIEN}), f"{L}, Điều 44a k2; NĐ 62/2015, Điều 11"
    ),
    EventType.PHAN_CONG: Rule(OPEN, f"{L}, Điều 20", (_officer_named,)),
    EventType.CHI_TRA: Rule(ANY, f"{L}, Điều 47", (_payout_within_collected,), True),
    EventType.KHIEU_NAI: Rule(ANY, f"{L}, Điều 140"),
}

# Article numbers that differ under Luật 106/2025/QH15 (from 01/07/2026).
ARTICLES_2025: dict[str, str] = {
    EventType.SO_RIENG: "Luật THADS 2025, Điều 38 k4",
}

STATE_NAMES = dict(CaseState.choices)
EVENT_NAMES = dict(EventType.choices)


def article_for(event_type: str, on: dt.date) -> str:
    law = law_on(on)
    if event_type == EventType.SO_RIENG:
        return law.separate_book_article
    if law.version == "2025" and event_type in ARTICLES_2025:
        return ARTICLES_2025[event_type]
    if law.version == "2025":
        return law.short_name  # article numbers of the new law are not mapped yet
    return RULES[event_type].article


def check_event(ctx: Context) -> None:
    """Refuse `ctx.event` with a Vietnamese message if the law does not allow it now."""
    event = ctx.event
    if event.type == EventType.HUY_SU_KIEN:
        return
    rule = RULES.get(event.type)
    if rule is None:
        raise TransitionError(f"Loại sự kiện không hợp lệ: {event.type}.")
    article = article_for(event.type, event.on)
    name = EVENT_NAMES[event.type]
    if event.on < ctx.facts.accepted_on:
        raise TransitionError(
            f"{name}: ngày {event.on:%d/%m/%Y} trước ngày thụ lý {ctx.facts.accepted_on:%d/%m/%Y}.",
            article=article,
        )
    if ctx.today is not None and event.on > ctx.today:
        raise TransitionError(
            f"{name}: không được ghi nhận sự kiện ở ngày tương lai ({event.on:%d/%m/%Y})."
        )
    if ctx.before.state not in rule.allowed:
        state = STATE_NAMES[ctx.before.state]
        raise TransitionError(
            f"Không thể ghi nhận “{name}” khi việc đang ở trạng thái “{state}”.", article=article
        )
    if event.amount is not None and event.amount < 0:
        raise TransitionError(f"{name}: số tiền không được âm.", article=article)
    if rule.needs_amount and not event.amount:
        raise TransitionError(f"{name}: số tiền phải là số nguyên dương (đồng).", article=article)
    for check in rule.checks:
        try:
            check(ctx)
        except DomainError as exc:
            raise TransitionError(exc.message, article=article) from None


def validate_history(
    facts: CaseFacts, events: Iterable[EventLike], today: dt.date | None = None
) -> CaseSnapshot:
    """Replay all effective events, checking each; the final snapshot or a TransitionError.

    `TransitionError.index` is the position of the offending event in `events` as given.
    """
    given = list(events)
    position = {id(e): i for i, e in enumerate(given)}
    snapshot = CaseSnapshot(amount=facts.amount)
    prior: list[EventLike] = []
    for event in effective_events(given):
        ctx = Context(facts, snapshot, prior, event, law_on(event.on), today)
        try:
            check_event(ctx)
        except TransitionError as exc:
            exc.index = position[id(event)]
            raise
        snapshot = apply_event(snapshot, event)
        prior.append(event)
    return snapshot


def allowed_events(facts: CaseFacts, snapshot: CaseSnapshot) -> list[str]:
    """Event types whose state rule admits the current state (the actions offered on screen)."""
    return [
        kind
        for kind, rule in RULES.items()
        if snapshot.state in rule.allowed
        and kind != EventType.HUY_SU_KIEN
        and not (kind == EventType.TRA_DON and facts.mode != CaseMode.THEO_DON)
    ]


# Checks that depend only on the case and its history, not on what the user will type (the
# event's data, amount or time): they tell, before any form is shown, whether the step is open.
PRECONDITIONS: frozenset[Check] = frozenset(
    {
        _nothing_left,
        _state_budget_only,
        _on_request_only,
        _has_conditions,
        _coercion_decided,
        _seized,
        _valued,
        _failed_auction,
        _creditor_may_take,
        _revaluation,
        _separate_book_conditions,
        _amount_within_remainder,
        _payout_within_collected,
    }
)


@dataclass(frozen=True)
class _Probe:
    """The smallest event of a type, on a day: what the preconditions are asked about."""

    type: str
    on: dt.date
    amount: int | None = 1
    data: dict = field(default_factory=dict)
    pk: int | None = None
    seq: int = 0
    corrects_id: int | None = None
    to_unit_id: int | None = None


def available_events(
    facts: CaseFacts, snapshot: CaseSnapshot, prior: Iterable[EventLike], on: dt.date
) -> list[str]:
    """The steps the law allows now: the state admits them (`allowed_events`) and their
    preconditions on the history hold on `on` (no valuation before a seizure, no "xong" while
    money is left, no coercion before its decision…). What the user still has to type (a
    reason, a measure, an amount) is checked when the step is recorded."""
    history = list(prior)
    kinds = []
    for kind in allowed_events(facts, snapshot):
        rule = RULES[kind]
        ctx = Context(facts, snapshot, history, _Probe(kind, on), law_on(on))
        try:
            for check in rule.checks:
                if check in PRECONDITIONS:
                    check(ctx)
        except DomainError:
            continue
        kinds.append(kind)
    return kinds
