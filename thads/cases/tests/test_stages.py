"""The case page offers the steps the law allows now, grouped by stage; the rest is tucked away.

Before this, the page listed every event type the state admitted (30 links), so an officer
could pick "Thẩm định giá" on a case with nothing seized and be refused after filling the form.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thads.cases import services
from thads.cases.models import CaseState, EventType
from thads.cases.services import case_facts
from thads.cases.stages import STAGE_OF, usual_next_steps
from thads.cases.state import CaseSnapshot, effective_events, replay
from thads.cases.transitions import RULES, available_events
from thads.testing.cases import login, new_case

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 9, 1)  # a Monday, under the 2008 law, after the test cases' acceptance


def offered(case, on=ON) -> set[str]:
    events = list(case.events.all())
    return set(
        available_events(
            case_facts(case), replay(case.amount, events), effective_events(events), on
        )
    )


def record(case, kind, **kwargs):
    case.refresh_from_db()
    return services.event_record(case, type=kind, on=kwargs.pop("on", ON), **kwargs)


def test_every_event_type_has_a_stage():
    # Assignment has its own screen (the head's "Phân công"), never an action button.
    assert set(RULES) - {EventType.PHAN_CONG} <= set(STAGE_OF)


def test_preconditions_on_the_history_decide_what_is_offered(shared_demo_org):
    case = new_case(amount=5_000_000)
    now = offered(case)
    # The state admits them, the history does not (yet).
    for kind in (
        EventType.THAM_DINH_GIA,  # nothing seized
        EventType.DAU_GIA,  # nothing valued
        EventType.CUONG_CHE,  # no coercion decision
        EventType.QUYET_DINH_CUONG_CHE,  # not verified
        EventType.XONG,  # 5.000.000 đ still owed
        EventType.CHI_TRA,  # nothing collected
        EventType.MIEN_GIAM,  # no state-budget obligation
        EventType.TRA_DON,  # not a case on request
    ):
        assert kind in RULES and kind not in now, kind
    assert {EventType.THONG_BAO, EventType.XAC_MINH_CO_DIEU_KIEN, EventType.THU_TIEN} <= now

    record(case, EventType.XAC_MINH_CO_DIEU_KIEN)
    record(case, EventType.QUYET_DINH_CUONG_CHE, data={"measure": "ke_bien"})
    now = offered(case)
    assert {EventType.THAM_DINH_GIA, EventType.CUONG_CHE} <= now
    assert EventType.DAU_GIA not in now
    record(case, EventType.THAM_DINH_GIA, amount=80_000_000)
    assert EventType.DAU_GIA in offered(case)

    record(case, EventType.THU_TIEN, amount=5_000_000)
    now = offered(case)
    assert {EventType.XONG, EventType.CHI_TRA} <= now
    assert EventType.THU_TIEN not in now  # nothing left to collect


def test_usual_next_steps_follow_where_the_case_stands():
    fresh = CaseSnapshot(amount=1, state=CaseState.DANG_THI_HANH)
    assert EventType.XAC_MINH_CO_DIEU_KIEN in usual_next_steps(fresh)
    assert EventType.QUYET_DINH_CUONG_CHE not in usual_next_steps(fresh)
    classified = CaseSnapshot(amount=1, state=CaseState.DANG_THI_HANH, is_classified=True)
    assert EventType.QUYET_DINH_CUONG_CHE in usual_next_steps(classified)
    no_means = CaseSnapshot(amount=1, state=CaseState.CHUA_CO_DIEU_KIEN)
    assert EventType.XAC_MINH_LAI in usual_next_steps(no_means)
    postponed = CaseSnapshot(amount=1, state=CaseState.HOAN_KHAC)
    assert usual_next_steps(postponed) == {EventType.TIEP_TUC}


def test_case_page_groups_the_allowed_steps_by_stage(client, shared_demo_org):
    case = new_case(amount=5_000_000)
    login(client, "truongphong")
    response = client.get(reverse("cases:detail", args=[case.pk]))
    main = {a.kind: stage.key for stage in response.context["action_stages"] for a in stage.actions}
    other = {a.kind for stage in response.context["other_stages"] for a in stage.actions}
    # The usual next steps of a fresh case, by stage; the rarer ones under "Thao tác khác".
    assert main[EventType.XAC_MINH_CO_DIEU_KIEN] == "verification"
    assert main[EventType.THU_TIEN] == "money"
    assert {EventType.DINH_CHI, EventType.HOAN, EventType.KHIEU_NAI} <= other
    assert len(main) <= 10 and not set(main) & other
    # Never offered: what the law refuses now.
    assert EventType.THAM_DINH_GIA not in set(main) | other
    html = response.content.decode()
    assert "Thao tác khác" in html and 'data-testid="other-actions"' in html
    assert f'data-action="{EventType.THAM_DINH_GIA}"' not in html
