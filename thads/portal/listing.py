"""When a debtor is on the public list of those without conditions to pay (Luật THADS 2008,
Điều 44a k2; NĐ 62/2015, Điều 11 — publication on the website of the THADS agency and the
national portal) — a pure function of the case's append-only history.

Listed from the decision on no conditions (QĐ về việc chưa có điều kiện thi hành) while the case
stays in that state with something left to pay; re-verification keeps it listed (an "updated"
entry); delisted when enforcement resumes (the debtor has conditions, or after a suspension the
case goes elsewhere), or the case is done, terminated, exempted, entrusted, withdrawn (QĐ THA
revoked, request returned) or sent back to the creditor (sổ theo dõi riêng / gửi lại yêu cầu,
Luật 106/2025 k4 Điều 38). Each listing and delisting is an entry with its date and the event
that caused it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from thads.cases.models import CaseState, EventType
from thads.cases.state import CaseSnapshot, EventLike, apply_event, effective_events

LISTED, UPDATED, DELISTED = "listed", "updated", "delisted"

# Why a debtor leaves the list, by the event that moved the case.
DELIST_REASONS: dict[str, object] = {
    EventType.XAC_MINH_CO_DIEU_KIEN: _("Tiếp tục thi hành: người phải thi hành án đã có điều kiện"),
    EventType.TIEP_TUC: _("Tiếp tục thi hành án"),
    EventType.HOAN: _("Hoãn thi hành án"),
    EventType.TAM_DINH_CHI: _("Tạm đình chỉ thi hành án"),
    EventType.THU_TIEN: _("Đã thi hành xong nghĩa vụ"),
    EventType.XONG: _("Thi hành xong"),
    EventType.DINH_CHI: _("Đình chỉ thi hành án"),
    EventType.MIEN_GIAM: _("Được miễn nghĩa vụ thi hành án"),
    EventType.UY_THAC: _("Ủy thác thi hành án"),
    EventType.THU_HOI: _("Thu hồi quyết định thi hành án"),
    EventType.TRA_DON: _("Trả đơn yêu cầu thi hành án"),
    EventType.SO_RIENG: _("Gửi lại yêu cầu / chuyển sổ theo dõi riêng"),
}
LISTED_REASON = _("Quyết định về việc chưa có điều kiện thi hành án")
UPDATED_REASON = _("Xác minh lại: vẫn chưa có điều kiện thi hành")


@dataclass(frozen=True)
class ListingEntry:
    kind: str  # listed | updated | delisted
    on: dt.date
    event_type: str
    reason: str


def is_listed(snapshot: CaseSnapshot) -> bool:
    """In the state "chưa có điều kiện" with money (or a non-money obligation) left."""
    if snapshot.state != CaseState.CHUA_CO_DIEU_KIEN:
        return False
    return snapshot.amount == 0 or snapshot.remainder > 0


def listing_history(amount: int, events: Iterable[EventLike]) -> list[ListingEntry]:
    """The listing and delisting entries of one case, in date order."""
    snapshot = CaseSnapshot(amount=amount)
    entries: list[ListingEntry] = []
    for event in effective_events(events):
        before = is_listed(snapshot)
        snapshot = apply_event(snapshot, event)
        after = is_listed(snapshot)
        if not before and after:
            entries.append(ListingEntry(LISTED, event.on, event.type, str(LISTED_REASON)))
        elif before and not after:
            reason = DELIST_REASONS.get(event.type, EventType(event.type).label)
            entries.append(ListingEntry(DELISTED, event.on, event.type, str(reason)))
        elif after and event.type == EventType.XAC_MINH_LAI:
            entries.append(ListingEntry(UPDATED, event.on, event.type, str(UPDATED_REASON)))
    return entries
