"""`/healthz`: what the proxy and monitoring read (no login, 503 when something is wrong)."""

import pytest

from thads.common import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["migrations"] == "ok"


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
    assert response.json() == {"status": "fail", "database": "ok", "migrations": "1 pending"}


def test_healthz_fails_when_the_database_does_not_answer(client, monkeypatch):
    monkeypatch.setattr(health, "database", lambda alias="default": (False, "OperationalError"))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "OperationalError"
