"""Every cell of every form links to its drill-down: each column of each form answers it (a
rate drills into its numerator, and says so). Form 8's rate column answered 500, unseen by the
crawler, which asks one link per kind of page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thads.stats.forms import FORM_CHOICES
from thads.stats.layout import definition_for, is_rate
from thads.testing.cases import login

pytestmark = pytest.mark.django_db
QUERY = "don_vi=TNG&nam=2026&thang=12"


def test_every_column_of_every_form_drills_down(client, shared_demo_org):
    import datetime as dt

    login(client, "lanhdao")
    asked = rates = 0
    for code, _label in FORM_CHOICES:
        definition = definition_for(code, dt.date(2026, 9, 30))
        for index, column in enumerate(definition.columns):
            url = f"{reverse('stats:drill')}?{QUERY}&bieu={code}&cot={index}"
            response = client.get(url)
            assert response.status_code == 200, (code, column["no"], column["expr"])
            # A rate says that its list is its numerator's; a count or an amount does not.
            noted = 'data-testid="drill-rate-note"' in response.content.decode()
            assert noted == is_rate(column["expr"]), (code, column["no"])
            asked += 1
            rates += is_rate(column["expr"])
    assert asked > 150  # the forms' columns, not a few
    assert rates >= 3
