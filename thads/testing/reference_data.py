"""The rows data migrations seed, put back after a transactional test's flush empties them."""

from __future__ import annotations

import importlib

# Every migration that seeds reference data through a `seed(apps, schema_editor)` function;
# test_reference_data checks that none is missing. Each `seed` must be idempotent.
REFERENCE_DATA_MIGRATIONS = [
    ("thads.stats.migrations.0003_default_forms", "seed"),
    ("thads.ledger.migrations.0003_fee_schedule_tt216", "seed"),
    ("thads.oversight.migrations.0002_reference_data", "seed"),
    ("thads.complaints.migrations.0003_seed_rules", "seed"),
    ("thads.documents.migrations.0002_seed_templates", "seed"),
    ("thads.documents.migrations.0003_templates_2025_wording", "seed"),
    ("thads.documents.migrations.0005_seed_complaint_templates", "seed"),
    ("thads.documents.migrations.0007_seed_oversight_templates", "seed"),
    ("thads.complaints.migrations.0004_forms_8_9", "seed"),
]


def reseed_reference_data() -> None:
    """Put back the rows data migrations install (idempotent: get_or_create / update_or_create)."""
    from django.apps import apps as django_apps

    for module, function in REFERENCE_DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)
