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


def _row_guards(table: str) -> set[str]:
    """The statements a row trigger of `table` refuses before they happen (UPDATE, DELETE)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        else:
            cursor.execute(
                "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE c.relname = %s AND NOT t.tgisinternal",
                [table],
            )
        definitions = [" ".join(row[0].upper().split()) for row in cursor.fetchall()]
    refused: set[str] = set()
    for definition in definitions:
        # "CREATE TRIGGER <name> BEFORE DELETE OR UPDATE ON <table> …": the events between
        # BEFORE and ON (the trigger's name, which may say "update", is left out).
        head = definition.split(" ON ")[0]
        if " BEFORE " in head:
            events = head.split(" BEFORE ", 1)[1].split(" OR ")
            refused |= {e.strip() for e in events} & {"UPDATE", "DELETE"}
    return refused


def test_every_append_only_table_refuses_update_and_delete_in_the_database():
    """The database side of `common.models.AppendOnly` (pgtrigger on PostgreSQL, the triggers of
    a migration on SQLite) exists for every append-only model, not only for the first ones: a
    new append-only table without its guards fails here."""
    from django.apps import apps

    from thads.common.models import AppendOnly

    tables = [
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AppendOnly) and model._meta.managed and not model._meta.proxy
    ]
    assert "complaints_matterstep" in tables and "oversight_adminjudgmentstep" in tables
    unguarded = {t: _row_guards(t) for t in tables if _row_guards(t) != {"UPDATE", "DELETE"}}
    assert unguarded == {}
