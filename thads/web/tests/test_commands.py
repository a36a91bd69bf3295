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
    def summary(self) -> str:
        return "0 việc"


def test_demo_builds_then_refuses_then_skips_if_empty(monkeypatch):
    # The demo cases (thads.interchange.demo_cases) take long to load and are tested there;
    # here only the organisation and the command's refusals matter.
    from thads.interchange import demo_cases

    monkeypatch.setattr(demo_cases, "load", lambda today: _NoCases())
    assert "Đã tạo tỉnh mẫu" in run("demo")
    units, staff = Unit.objects.count(), Staff.objects.count()
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        run("demo")
    assert "bỏ qua" in run("demo", "--if-empty")
    assert (Unit.objects.count(), Staff.objects.count()) == (units, staff)


def test_demo_content_is_deterministic():
    demo.build_org()
    # TW, the province before and after the reform, 9 Chi cục, 5 Phòng THADS khu vực.
    assert Unit.objects.count() == 17
    assert Staff.objects.count() == 40
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
    assert Membership.objects.filter(valid_from=demo.REFORM).count() == 39


def test_demologins_prints_one_account_per_role():
    demo.build_org()
    out = run("demologins")
    assert demo.DEMO_PASSWORD in out
    for role, username, unit in demo.DEMO_LOGINS:
        assert username in out and role in out and unit in out
    assert "Nguyễn Thị Hoa" in out  # chv
