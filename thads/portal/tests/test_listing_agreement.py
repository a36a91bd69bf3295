"""The public list as a query (`selectors.listed_cases`) and the rule it stands for
(`listing.is_listed` on the case's replayed history) name the same cases: on the demo
generator's histories, where every state and partial payment occurs."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases.models import Case, CaseState
from thads.cases.state import replay
from thads.interchange import demo_cases
from thads.portal.listing import is_listed
from thads.portal.selectors import listed_cases

pytestmark = pytest.mark.django_db


def test_the_listed_query_agrees_with_the_listing_rule(demo_org):
    demo_cases.load(dt.date(2026, 12, 2), count=400)
    cases = Case.objects.prefetch_related("events")
    by_rule = {c.pk for c in cases if is_listed(replay(c.amount, list(c.events.all())))}
    by_query = set(listed_cases().values_list("pk", flat=True))
    assert by_rule == by_query
    no_means = Case.objects.filter(state=CaseState.CHUA_CO_DIEU_KIEN).count()
    assert len(by_query) >= 10 and no_means >= len(by_query)  # the comparison means something
