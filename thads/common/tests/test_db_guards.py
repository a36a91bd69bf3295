"""The database refuses what the application never does (issue 9, item 6): TRUNCATE of an
append-only table (PostgreSQL: row triggers do not fire on TRUNCATE), and moving a report's
status by a plain UPDATE or INSERT (PostgreSQL and SQLite)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from thads.common.db_guards import guarded_tables
from thads.stats.models import ReportSubmission

pytestmark = pytest.mark.django_db

EXPECTED = {
    "cases_caseevent",
    "ledger_receipt",
    "ledger_payout",
    "ledger_heldmoney",
    "stats_submissionevent",
    "stats_reportsnapshot",
    "targets_targetchange",
}


def test_every_append_only_table_is_found():
    assert set(guarded_tables()) >= EXPECTED


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
@pytest.mark.parametrize("table", sorted(EXPECTED))
def test_truncate_is_refused(table):
    with (
        pytest.raises(DatabaseError, match="không được TRUNCATE"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"TRUNCATE {connection.ops.quote_name(table)} CASCADE")


def test_a_report_status_cannot_be_set_by_a_plain_update(shared_demo_org):
    from thads.org.models import Unit

    unit = Unit.objects.get(code="TNG-KV2")
    submission = ReportSubmission.objects.create(unit=unit, year=2026, month=3)
    for status in ("submitted", "approved"):
        with pytest.raises(DatabaseError), transaction.atomic():
            ReportSubmission.objects.filter(pk=submission.pk).update(status=status)
    with pytest.raises(DatabaseError), transaction.atomic():
        ReportSubmission.objects.create(unit=unit, year=2026, month=4, status="approved")
    submission.refresh_from_db()
    assert submission.status == "prepared"
    # Other columns are not the guard's business.
    ReportSubmission.objects.filter(pk=submission.pk).update(version=2)
