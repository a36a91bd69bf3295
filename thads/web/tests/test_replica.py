"""Report reads on a replica (issue 15, item 7; thads.common.replica): off by default; with
`THADS_REPORT_DATABASE` set to the second alias `replica` (in tests a mirror of the test
database: `TEST: {"MIRROR": "default"}`), the report screens' reads and the statistics engine's
SQL go to it, every write and every other screen stay on the primary."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from thads.cases.models import Case
from thads.common import replica
from thads.org.models import Unit
from thads.stats import engine
from thads.stats.models import ExportJob
from thads.stats.tasks import run as run_export

REPORT = reverse("stats:report") + "?don_vi=TNG&bieu=1&nam=2026&thang=4"
ENGINE_SQL = re.compile(r"\bg_unit\b")  # the alias only the engine's grouped query selects
# (a word: "org_unit" contains the letters)


def _sql(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def on_replica(settings):
    settings.THADS_REPORT_DATABASE = "replica"
    assert replica.enabled()


def test_off_by_default():
    assert django_settings.THADS_REPORT_DATABASE == "default"
    assert not replica.enabled()
    with replica.report_reads():
        assert not replica.reading_replica()
        assert replica.ReportReadRouter().db_for_read(Case) is None
        assert replica.report_connection() is connections["default"]


def test_the_router(on_replica):
    router = replica.ReportReadRouter()
    assert router.db_for_read(Case) is None  # outside a report
    with replica.report_reads():
        assert router.db_for_read(Case) == "replica"
        assert replica.report_connection() is connections["replica"]
        assert router.db_for_write(Case) is None  # writes: the primary
        with replica.on_primary():
            assert router.db_for_read(Case) is None
        assert router.db_for_read(Case) == "replica"
    assert router.allow_migrate("replica", "cases") is False
    assert router.allow_migrate("default", "cases") is None


@pytest.mark.django_db(databases=["default", "replica"])
def test_reads_in_a_transaction_of_the_primary_stay_there(on_replica):
    with replica.report_reads(), transaction.atomic():
        assert replica.ReportReadRouter().db_for_read(Case) is None
        assert replica.report_connection() is connections["default"]


def test_the_environment_variable_adds_the_replica():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.THADS_REPORT_DATABASE, s.DATABASES['replica']['HOST'], "
        "s.DATABASES['replica']['NAME'], s.DATABASES['replica']['TEST'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": "postgres://thads@primary.internal:5432/thads",
        "DATABASE_REPLICA_URL": "postgres://thads@replica.internal:5432/thads",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[:3] == ["replica", "replica.internal", "thads"]
    env.pop("DATABASE_REPLICA_URL")
    code = "import django; django.setup(); from django.conf import settings as s; " + (
        "print(s.THADS_REPORT_DATABASE, 'replica' in s.DATABASES)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["default", "False"]


# ---- through the screens, on committed data (a replica sees only what the primary committed) --

pytestmark_db = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def _login(client, username: str) -> None:
    client.force_login(get_user_model().objects.get(username=username))


@pytestmark_db
def test_a_report_reads_the_replica_and_writes_the_primary(client, cases, on_replica):
    _login(client, "lanhdao")
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as secondary,
    ):
        response = client.get(REPORT)
    assert response.status_code == 200
    on_secondary, on_primary = _sql(secondary), _sql(primary)
    assert any(ENGINE_SQL.search(sql) for sql in on_secondary)
    assert not any(ENGINE_SQL.search(sql) for sql in on_primary)
    assert not any(
        sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for sql in on_secondary
    )
    # The facts refresh and the month-end totals a first report fills ran on the primary.
    assert any("stats_bucketaggregate" in sql and "INSERT" in sql for sql in on_primary)
    # The same figures as without a replica.
    html = response.content.decode()
    with override_settings(THADS_REPORT_DATABASE="default"):
        assert not replica.enabled()
        assert _figures(client.get(REPORT).content.decode()) == _figures(html)
    assert _figures(html)


def _figures(html: str) -> list[str]:
    """The cells of the form's table (numbers), without tokens that change per response."""
    body = html[html.index("<table") : html.rindex("</table>")]
    return re.findall(r"<td[^>]*>([^<]*)</td>", body)


@pytestmark_db
def test_other_screens_never_touch_the_replica(client, cases, on_replica):
    _login(client, "lanhdao")
    with CaptureQueriesContext(connections["replica"]) as secondary:
        assert client.get(reverse("web:home")).status_code == 200
        assert client.get(reverse("cases:list")).status_code == 200
        assert client.get(reverse("cases:my_cases")).status_code == 200
    assert _sql(secondary) == []


@pytestmark_db
def test_the_worker_exports_from_the_replica(cases, on_replica):
    user = get_user_model().objects.get(username="lanhdao")
    job = ExportJob.objects.create(
        user=user, form="1", unit=Unit.objects.get(code="TNG"), year=2026, month=4, fmt="csv"
    )
    with CaptureQueriesContext(connections["replica"]) as secondary:
        run_export(job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE, job.error
    assert any(ENGINE_SQL.search(sql) for sql in _sql(secondary))


@pytestmark_db
def test_engine_figures_are_the_same_on_either_side(cases, on_replica):
    units = list(Unit.objects.values_list("pk", flat=True))
    start, end = dt.date(2025, 10, 1), dt.date(2026, 1, 31)
    primary = engine.compute_groups(units, start, end)
    with replica.report_reads(), CaptureQueriesContext(connections["replica"]) as secondary:
        mirrored = engine.compute_groups(units, start, end)
    assert mirrored == primary and primary
    assert any(ENGINE_SQL.search(sql) for sql in _sql(secondary))


def test_every_report_view_name_exists():
    """A renamed report URL would silently read the primary again."""
    from django.urls import get_resolver

    from thads.web.middleware import REPORT_VIEWS

    def names(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                space = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                yield from names(pattern, space)
            elif pattern.name:
                yield prefix + pattern.name

    assert set(names(get_resolver())) >= REPORT_VIEWS


@pytest.mark.django_db(databases=["default", "replica"])
def test_healthz_checks_the_replica_when_there_is_one(client, on_replica, monkeypatch):
    from thads.common import health

    assert client.get("/healthz?check=web").json()["replica"] == "ok"
    real = health.database
    monkeypatch.setattr(
        health,
        "database",
        lambda alias="default": (False, "OperationalError") if alias == "replica" else real(alias),
    )
    response = client.get("/healthz?check=web")
    assert response.status_code == 503
    assert response.json()["replica"] == "OperationalError"


@pytest.mark.django_db
def test_healthz_has_no_replica_check_without_one(client):
    assert "replica" not in client.get("/healthz").json()
