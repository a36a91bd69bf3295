"""The report's status moves only through the submission service (issue 9, item 6).

`stats.submission` appends a `SubmissionEvent` (append-only: who, when, why) and then moves
`ReportSubmission.status` to that event's `to_status`. The database holds the service to it:
a new report starts "prepared", and an UPDATE may change the status only to the latest event's
`to_status` — a plain ``UPDATE … SET status = 'approved'`` is refused on PostgreSQL and SQLite.
Installed after every ``migrate`` (idempotent), like `common.db_guards`.
"""

from __future__ import annotations

from django.db import connections

MESSAGE = "Trạng thái báo cáo chỉ thay đổi qua thao tác gửi, duyệt hoặc trả lại."


def _tables() -> tuple[str, str]:
    from thads.stats.models import ReportSubmission, SubmissionEvent

    return ReportSubmission._meta.db_table, SubmissionEvent._meta.db_table


def install_submission_guard(using: str = "default") -> None:
    connection = connections[using]
    submissions, events = _tables()
    # Table names from the models' metadata, never from input.
    latest = (
        f"(SELECT e.to_status FROM {events} e WHERE e.submission_id = NEW.id "  # noqa: S608
        "ORDER BY e.id DESC LIMIT 1)"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""
                CREATE OR REPLACE FUNCTION thads_submission_status_guard() RETURNS trigger AS $$
                BEGIN
                    IF TG_OP = 'INSERT' AND NEW.status <> 'prepared'
                       OR TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status
                          AND NEW.status IS DISTINCT FROM {latest} THEN
                        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """
            )
            cursor.execute(f"DROP TRIGGER IF EXISTS submission_status_guard ON {submissions}")
            cursor.execute(
                f"CREATE TRIGGER submission_status_guard BEFORE INSERT OR UPDATE ON {submissions} "
                "FOR EACH ROW EXECUTE FUNCTION thads_submission_status_guard()"
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS submission_status_guard_update BEFORE UPDATE OF "
                f"status ON {submissions} WHEN NEW.status IS NOT OLD.status AND NEW.status IS NOT "
                f"{latest} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS submission_status_guard_insert BEFORE INSERT ON "
                f"{submissions} WHEN NEW.status <> 'prepared' "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    install_submission_guard(using)
