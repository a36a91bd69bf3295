"""docs/api.md: every curl example runs against a test server and succeeds.

Needs a live server and curl; it does not depend on the database engine, so it runs once, on
SQLite (like the schema test).
"""

import os
import re
import shutil
import subprocess

import pytest
from django.conf import settings

from thads.complaints.models import Complaint
from thads.targets.models import OfficerTarget
from thads.testing.api import token_for
from thads.testing.cases import new_case
from thads.testing.org import build_all

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(settings.IS_POSTGRES, reason="database-independent: runs on SQLite"),
]
DOC = settings.BASE_DIR / "docs" / "api.md"


def examples() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", DOC.read_text(), flags=re.DOTALL)


def test_the_document_has_examples_of_each_kind():
    text = "\n".join(examples())
    for needle in (
        "/api/v1/units/",
        "/events/",
        "/payments/",
        "If-Match",
        "/cong-khai/xuat.json",
        "/api/v1/reports/",
        "/api/v1/officer-targets/",
        "/api/v1/complaints/",
    ):
        assert needle in text, needle


def test_every_curl_example_of_the_document_runs(live_server, tmp_path):
    if shutil.which("curl") is None:
        if os.environ.get("CI"):
            pytest.fail("curl is missing under CI")
        pytest.skip("curl is missing")
    build_all()
    case = new_case("TNG-KV2", accepted_on=__import__("datetime").date(2025, 8, 4))
    env = {
        **os.environ,
        "THADS": live_server.url,
        "TOKEN": token_for("truongphong"),
        "CASE": str(case.pk),
    }
    for number, script in enumerate(examples(), start=1):
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, (
            number,
            script,
            result.stdout[-2000:],
            result.stderr[-2000:],
        )
    case.refresh_from_db()
    assert case.collected == 500_000
    assert case.events.filter(type="xac_minh").exists()
    assert OfficerTarget.objects.get(staff__code="TN-SC-02", year=2026).case_rate == 85
    assert Complaint.objects.filter(unit__code="TNG-KV2", summary__contains="kê biên").exists()
