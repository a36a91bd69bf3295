"""`thads demo` and `thads demologins`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from thads.org import demo
from thads.org.models import Membership, Staff, Unit

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class _NoCases:
    cases = events = judgments = targets = complaints = 0

    def summary(self) -> str:
        return "Đã nhập: 0 đơn vị"


def test_demo_builds_then_refuses_then_skips_if_empty(monkeypatch):
    # The demo cases (thads.interchange.demo_cases) take long to load and are tested there;
    # here only the organisation and the command's refusals matter.
    from thads.interchange import demo_cases

    monkeypatch.setattr(demo_cases, "load", lambda today: _NoCases())
    out = run("demo")
    assert "Đã tạo tỉnh mẫu: 17 đơn vị, 41 cán bộ (7 đơn vị có địa chỉ" in out
    # The cases' import creates no unit: its "0 đơn vị" must not contradict the 17 above.
    assert "0 đơn vị" not in out
    units, staff = Unit.objects.count(), Staff.objects.count()
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        run("demo")
    assert "bỏ qua" in run("demo", "--if-empty")
    assert (Unit.objects.count(), Staff.objects.count()) == (units, staff)


def test_demo_content_is_deterministic():
    demo.build_org()
    # TW, the province before and after the reform, 9 Chi cục, 5 Phòng THADS khu vực.
    assert Unit.objects.count() == 17
    assert Staff.objects.count() == 41
    assert Staff.objects.filter(title__startswith="chap_hanh_vien").count() == 28
    assert list(Staff.objects.order_by("code").values_list("code", flat=True)[:3]) == [
        "TN-CHV01",
        "TN-CHV02",
        "TN-DH-01",
    ]
    assert Staff.objects.get(code="TN-PY-03").full_name == "Lục Thị Diệu"
    # Every Chi cục names its successor, the day after it ends.
    for unit in Unit.objects.filter(valid_to=demo.BEFORE_REFORM):
        assert unit.successor.valid_from == demo.REFORM
    # Every staff member is posted somewhere after the reform.
    assert Membership.objects.filter(valid_from=demo.REFORM).count() == 40


def test_demologins_prints_one_account_per_role():
    demo.build_org()
    out = run("demologins")
    assert demo.DEMO_PASSWORD in out
    for role, username, unit in demo.DEMO_LOGINS:
        assert username in out and role in out and unit in out
    assert "Nguyễn Thị Hoa" in out  # chv


def test_demo_cases_summary_names_what_was_loaded():
    from thads.interchange.importer import ImportResult
    from thads.web.management.commands.demo import cases_summary

    text = cases_summary(
        ImportResult(targets=82, judgments=3787, cases=5000, events=41391, complaints=77)
    )
    assert text == (
        "Đã nạp dữ liệu mẫu: 5.000 việc thi hành án (41.391 sự kiện) từ 3.787 bản án, "
        "82 chỉ tiêu, 77 đơn thư."
    )
    assert "đơn vị" not in text


def test_make_run_honours_port():
    """`PORT=8103 make run` serves on 8103; 8000 when PORT is not set."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    for env, port in (({"PORT": "8103"}, "8103"), ({}, "8000")):
        dry = subprocess.run(
            ["make", "-n", "run"],
            cwd=root,
            env={"PATH": "/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"runserver 127.0.0.1:{port}" in dry, dry
        assert f"http://127.0.0.1:{port}" in dry


def test_packaging_metadata_raises_no_setuptools_deprecation():
    """`project.license` as a table is deprecated (setuptools ≥ 77 wants an SPDX string); the
    flat layout is declared, so the editable install adds a path instead of an import finder
    (which warns about shadowing folders)."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["license"] == "AGPL-3.0-or-later"
    assert "setuptools>=77" in config["build-system"]["requires"]
    assert config["tool"]["setuptools"]["package-dir"] == {"": "."}


def test_the_access_log_has_each_request_duration():
    """docs/operations.md (Monitoring): the access log says how long every request took."""
    import datetime as dt
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    from thads.web.management.commands.serve import ACCESS_LOG_FORMAT

    cfg = Config()
    cfg.set("access_log_format", ACCESS_LOG_FORMAT)
    request = SimpleNamespace(method="GET", path="/viec/", query="", version=(1, 1), headers=[])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    environ = {
        "REMOTE_ADDR": "127.0.0.1",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/viec/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms = Logger(cfg).atoms(response, request, environ, dt.timedelta(milliseconds=87))
    line = ACCESS_LOG_FORMAT % atoms
    assert line.startswith("127.0.0.1 - - [")
    assert '"GET /viec/ HTTP/1.1" 200 1234' in line
    assert line.endswith(" 87ms")
