"""The reference rows data migrations seed come back after a transactional test's flush."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps

from thads.testing.reference_data import REFERENCE_DATA_MIGRATIONS, reseed_reference_data

THADS = Path(__file__).resolve().parents[2]


def test_every_seeding_migration_is_put_back_after_a_flush():
    seeding = {
        ".".join(path.relative_to(THADS.parent).with_suffix("").parts)
        for path in THADS.glob("*/migrations/*.py")
        if re.search(r"^def seed\(apps, schema_editor\)", path.read_text(), re.MULTILINE)
    }
    assert seeding, "no seeding migration found: the scan is broken"
    assert seeding == {module for module, _function in REFERENCE_DATA_MIGRATIONS}


@pytest.mark.django_db
def test_reseeding_is_idempotent():
    models = [
        apps.get_model("complaints", "ComplaintRule"),
        apps.get_model("documents", "DocumentTemplate"),
    ]
    before = {model: model.objects.count() for model in models}
    assert all(before.values())
    reseed_reference_data()
    assert {model: model.objects.count() for model in models} == before
