"""Listing and delisting of debtors without conditions: each event that causes it."""

import datetime as dt

import pytest

from thads.cases.models import EventType
from thads.portal.listing import DELISTED, LISTED, UPDATED, listing_history
from thads.testing.cases import ev

D = dt.date
NO_MEANS = ev(
    EventType.CHUA_CO_DIEU_KIEN, D(2025, 9, 1), data={"ground": "khong_tai_san"}, seq=1, pk=1
)


def kinds(entries):
    return [(e.kind, e.on, e.event_type) for e in entries]


def test_listed_on_the_decision_and_kept_by_re_verification():
    history = listing_history(
        1_000_000, [NO_MEANS, ev(EventType.XAC_MINH_LAI, D(2026, 3, 1), seq=2, pk=2)]
    )
    assert kinds(history) == [
        (LISTED, D(2025, 9, 1), EventType.CHUA_CO_DIEU_KIEN),
        (UPDATED, D(2026, 3, 1), EventType.XAC_MINH_LAI),
    ]


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (ev(EventType.XAC_MINH_CO_DIEU_KIEN, D(2026, 1, 5), seq=2, pk=2), "đã có điều kiện"),
        (ev(EventType.XONG, D(2026, 1, 5), seq=2, pk=2), "Thi hành xong"),
        (ev(EventType.DINH_CHI, D(2026, 1, 5), seq=2, pk=2), "Đình chỉ"),
        (ev(EventType.MIEN_GIAM, D(2026, 1, 5), amount=1_000_000, seq=2, pk=2), "miễn"),
        (ev(EventType.UY_THAC, D(2026, 1, 5), seq=2, pk=2, to_unit_id=9), "Ủy thác"),
        (ev(EventType.THU_HOI, D(2026, 1, 5), seq=2, pk=2), "Thu hồi"),
        (ev(EventType.TRA_DON, D(2026, 1, 5), seq=2, pk=2), "Trả đơn"),
        (ev(EventType.SO_RIENG, D(2028, 1, 5), seq=2, pk=2), "Gửi lại yêu cầu"),
    ],
    ids=lambda v: getattr(v, "type", v),
)
def test_delisted_on_each_event_that_ends_the_listing(event, reason):
    history = listing_history(1_000_000, [NO_MEANS, event])
    assert kinds(history) == [
        (LISTED, D(2025, 9, 1), EventType.CHUA_CO_DIEU_KIEN),
        (DELISTED, event.on, event.type),
    ]
    assert reason.lower() in history[-1].reason.lower()


def test_a_partial_exemption_keeps_the_listing_and_a_void_undoes_the_decision():
    partial = ev(EventType.MIEN_GIAM, D(2026, 1, 5), amount=400_000, seq=2, pk=2)
    assert [e.kind for e in listing_history(1_000_000, [NO_MEANS, partial])] == [LISTED]
    void = ev(EventType.HUY_SU_KIEN, D(2025, 9, 2), seq=2, pk=2, corrects_id=1)
    assert listing_history(1_000_000, [NO_MEANS, void]) == []


def test_relisted_when_found_again_without_conditions():
    events = [
        NO_MEANS,
        ev(EventType.XAC_MINH_CO_DIEU_KIEN, D(2026, 1, 5), seq=2, pk=2),
        ev(EventType.CHUA_CO_DIEU_KIEN, D(2026, 6, 1), seq=3, pk=3),
    ]
    assert [e.kind for e in listing_history(1_000_000, events)] == [LISTED, DELISTED, LISTED]
