"""One runner for every kind of background job (`common.jobs`, `thads runjobs`)."""

from __future__ import annotations

import io

from django.core.management import call_command

from thads.common import jobs


def test_apps_register_their_kinds():
    assert {"stats.export", "interchange.intake"} <= set(jobs.KINDS)


def test_run_pending_runs_every_kind_up_to_the_limit(monkeypatch):
    ran: list[tuple[str, int]] = []
    monkeypatch.setattr(jobs, "KINDS", {})
    jobs.register(
        "a", pending=lambda limit: [1, 2, 3][:limit], run=lambda pk: ran.append(("a", pk))
    )
    jobs.register("b", pending=lambda limit: [7], run=lambda pk: ran.append(("b", pk)))
    assert jobs.run_pending(limit=2) == 3
    assert ran == [("a", 1), ("a", 2), ("b", 7)]


def test_runjobs_command(monkeypatch):
    monkeypatch.setattr(jobs, "KINDS", {})
    jobs.register("a", pending=lambda limit: [5], run=lambda pk: None)
    out = io.StringIO()
    call_command("runjobs", stdout=out)
    assert "Đã chạy 1 tác vụ." in out.getvalue()
