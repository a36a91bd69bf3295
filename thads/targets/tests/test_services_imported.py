"""Targets read by `thads import`: created in bulk with their change log (source "import")."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.utils import timezone

from thads.org.models import Unit
from thads.targets import services
from thads.targets.models import Target, TargetChange

pytestmark = pytest.mark.django_db


def test_imported_targets_are_logged_like_any_change(demo_org):
    kv2, tng = Unit.objects.get(code="TNG-KV2"), Unit.objects.get(code="TNG")
    before = timezone.now()
    rows = services.targets_create_imported(
        [(kv2, 2026, D("82.50"), D("40.10")), (tng, 2026, D("80.00"), D("35.00"))], batch_size=1
    )
    assert [t.pk is not None for t in rows] == [True, True]
    saved = Target.objects.get(unit=kv2, year=2026)
    assert (saved.case_rate, saved.money_rate, saved.set_by) == (D("82.50"), D("40.10"), None)
    log = list(TargetChange.objects.order_by("id"))
    assert [(c.unit.code, c.year, c.field, c.old_value, c.new_value) for c in log] == [
        ("TNG-KV2", 2026, "case_rate", None, D("82.50")),
        ("TNG-KV2", 2026, "money_rate", None, D("40.10")),
        ("TNG", 2026, "case_rate", None, D("80.00")),
        ("TNG", 2026, "money_rate", None, D("35.00")),
    ]
    # Nobody is logged in during an import: who stays empty, the source says where it came from.
    assert {(c.source, c.changed_by_id, c.reason) for c in log} == {("import", None, "")}
    assert all(c.changed_at >= before for c in log)


def test_nothing_imported_nothing_logged(demo_org):
    assert services.targets_create_imported([]) == []
    assert not Target.objects.exists() and not TargetChange.objects.exists()
