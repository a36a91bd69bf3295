"""`/healthz`: what the proxy and monitoring read (no login, 503 when something is wrong)."""

import datetime as dt

import pytest
from django.utils import timezone

from thads.common import health, jobs
from thads.common.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["migrations"] == "ok"
    assert body["worker"] == "inline"  # tests: the immediate backend, no queue


def test_healthz_fails_when_a_migration_is_pending(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", set())

    class Executor:
        def __init__(self, connection):
            self.loader = type("L", (), {"graph": type("G", (), {"leaf_nodes": lambda s: []})()})

        def migration_plan(self, targets):
            return [("cases", "9999_new")]

    monkeypatch.setattr(health, "MigrationExecutor", Executor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "database": "ok",
        "migrations": "1 pending",
        "worker": "inline",
    }


def test_healthz_fails_when_the_database_does_not_answer(client, monkeypatch):
    monkeypatch.setattr(health, "database", lambda alias="default": (False, "OperationalError"))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "OperationalError"


def test_healthz_needs_a_live_worker_with_the_database_queue(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "none alive"
    # A load balancer asks about the web only.
    assert client.get("/healthz?check=web").status_code == 200
    jobs.beat("w1", timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "1 alive"
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - dt.timedelta(minutes=5))
    assert client.get("/healthz").status_code == 503
