"""Giving targets: who may, validation, the change log, officer targets, Excel all-or-nothing,
and the screens that do it."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from thads.common.errors import DomainError
from thads.org.access import access_for
from thads.org.models import Staff, Unit
from thads.targets import permissions, services
from thads.targets.models import OfficerTarget, Target, TargetChange

pytestmark = pytest.mark.django_db


def who(username):
    user = get_user_model().objects.get(username=username)
    return access_for(user), user


def unit(code):
    return Unit.objects.get(code=code)


# (username, unit whose target is set, allowed)
SETTERS = [
    ("lanhdao", "TNG-KV2", True),  # the province gives its regional offices' targets
    ("lanhdao", "TNG", False),  # …not its own
    ("trunguong", "TNG", True),  # the national department sets the provinces'
    ("trunguong", "TNG-KV2", False),  # …not the level below them
    ("truongphong", "TNG-KV2", False),  # a head does not set its own unit's target
    ("chv", "TNG-KV2", False),
    ("kiemtra", "TNG-KV2", False),  # the inspector reads only
    ("quantri", "TNG-KV2", False),  # the administrator manages accounts, not targets
]


@pytest.mark.parametrize(("username", "code", "allowed"), SETTERS)
def test_only_the_parents_leaders_set_a_units_targets(shared_demo_org, username, code, allowed):
    access, user = who(username)
    assert permissions.may_set_unit_target(access, unit(code)) is allowed
    if allowed:
        target = services.target_set(
            access, unit(code), 2026, case_rate="82,50", money_rate="40.1", by=user
        )
        assert (target.case_rate, target.money_rate) == (D("82.50"), D("40.10"))
    else:
        with pytest.raises(DomainError):
            services.target_set(access, unit(code), 2026, case_rate="82", money_rate="40", by=user)
        assert not Target.objects.filter(unit__code=code, year=2026).exists()


def test_bad_values_change_nothing(shared_demo_org):
    access, user = who("lanhdao")
    services.target_set(access, unit("TNG-KV2"), 2026, case_rate="80", money_rate="40", by=user)
    for case_rate, money_rate in (("100,01", "40"), ("80", "40.125"), ("", "40"), ("80", "x")):
        with pytest.raises(DomainError):
            services.target_set(
                access, unit("TNG-KV2"), 2026, case_rate=case_rate, money_rate=money_rate, by=user
            )
    target = Target.objects.get(unit__code="TNG-KV2", year=2026)
    assert (target.case_rate, target.money_rate) == (D("80.00"), D("40.00"))
    assert TargetChange.objects.count() == 2  # only the first setting


def test_every_change_is_logged_old_to_new_with_who_and_why(shared_demo_org):
    access, user = who("lanhdao")
    kv2 = unit("TNG-KV2")
    services.target_set(access, kv2, 2026, case_rate="80", money_rate="40", by=user)
    services.target_set(
        access,
        kv2,
        2026,
        case_rate="82.50",
        money_rate="40",
        by=user,
        reason="Điều chỉnh theo Công văn của Cục",
        decisions_on_time_rate="100",
    )
    changes = list(TargetChange.objects.filter(unit=kv2).order_by("id"))
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("case_rate", None, D("80.00")),
        ("money_rate", None, D("40.00")),
        ("case_rate", D("80.00"), D("82.50")),
        ("decisions_on_time_rate", None, D("100.00")),
    ]
    assert changes[-1].changed_by == user
    assert changes[-1].reason == "Điều chỉnh theo Công văn của Cục"
    assert Target.objects.get(unit=kv2, year=2026).version == 2


def test_the_change_log_is_append_only(shared_demo_org):
    access, user = who("lanhdao")
    services.target_set(access, unit("TNG-KV2"), 2026, case_rate="80", money_rate="40", by=user)
    change = TargetChange.objects.first()
    change.reason = "sửa"
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()
    assert TargetChange.objects.count() == 2


def test_a_head_splits_targets_down_to_its_officers(shared_demo_org):
    access, user = who("truongphong")  # head of TNG-KV2
    officer = Staff.objects.get(code="TN-SC-02")
    target = services.officer_target_set(
        access, unit("TNG-KV2"), officer, 2026, case_rate="85", money_rate="45", by=user
    )
    assert target.case_rate == D("85.00")
    assert TargetChange.objects.filter(staff=officer).count() == 2
    with pytest.raises(DomainError):  # not an officer of the unit
        services.officer_target_set(
            access,
            unit("TNG-KV2"),
            Staff.objects.get(code="TN-DT-02"),
            2026,
            case_rate="85",
            money_rate="45",
        )
    with pytest.raises(DomainError):  # another unit
        services.officer_target_set(
            access, unit("TNG-KV3"), officer, 2026, case_rate="85", money_rate="45"
        )
    leader, _ = who("lanhdao")
    with pytest.raises(DomainError):  # the province sets units, the head its officers
        services.officer_target_set(
            leader, unit("TNG-KV2"), officer, 2026, case_rate="85", money_rate="45"
        )
    assert OfficerTarget.objects.count() == 1


def sheet(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(services.XLSX_HEADER)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_excel_rows_are_checked_with_row_numbers_and_nothing_is_written_on_error(shared_demo_org):
    access, user = who("lanhdao")
    rows = services.read_xlsx(
        sheet(
            [
                ["TNG-KV1", "KV1", 2026, 82.5, 40.1],
                ["TNG-KV9", "?", 2026, 80, 40],
                ["TNG-KV2", "KV2", 2026, 101, "40,10"],
                ["TNG-KV1", "KV1", 2026, 80, 40],
                ["TNG", "Tỉnh", "năm", 80, 40],
            ]
        )
    )
    check = services.check_upload(access, rows)
    assert check.errors == [
        "Dòng 3: không có đơn vị mã “TNG-KV9”.",
        "Dòng 4: chỉ tiêu về việc: 101 vượt quá 100%.",
        "Dòng 5: trùng với dòng 2 (cùng đơn vị, cùng năm).",
        "Dòng 6: bạn không được giao chỉ tiêu cho Thi hành án dân sự tỉnh Thái Nguyên (chỉ đơn "
        "vị cấp trên trực tiếp); năm báo cáo không hợp lệ (“năm”).",
    ]
    with pytest.raises(DomainError):
        services.targets_import(access, rows, by=user)
    assert not Target.objects.exists() and not TargetChange.objects.exists()
    good = services.read_xlsx(
        sheet([["TNG-KV1", "KV1", 2026, 82.5, 40.1], ["TNG-KV2", "KV2", 2026, "80", "38,5"]])
    )
    assert services.targets_import(access, good, by=user) == 2
    assert Target.objects.get(unit__code="TNG-KV2").money_rate == D("38.50")
    assert set(TargetChange.objects.values_list("source", flat=True)) == {"excel"}


def test_an_unreadable_file_is_a_clear_error(shared_demo_org):
    with pytest.raises(DomainError, match="không phải là bảng tính Excel"):
        services.read_xlsx(b"not a spreadsheet")


def test_assign_page_saves_all_or_nothing(client, shared_demo_org):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    url = reverse("targets:assign", args=["TNG"])
    kv1, kv2 = unit("TNG-KV1"), unit("TNG-KV2")
    page = client.get(url, {"nam": 2026})
    assert page.status_code == 200 and kv1.name in page.content.decode()
    bad = client.post(
        url,
        {
            "nam": 2026,
            f"u{kv1.pk}-case": "82,5",
            f"u{kv1.pk}-money": "40",
            f"u{kv2.pk}-case": "abc",
            f"u{kv2.pk}-money": "40",
        },
    )
    assert bad.status_code == 200
    assert "Chưa lưu gì vì có lỗi" in bad.content.decode()
    assert not Target.objects.exists()
    good = client.post(
        url,
        {
            "nam": 2026,
            f"u{kv1.pk}-case": "82,5",
            f"u{kv1.pk}-money": "40",
            "reason": "Giao đầu năm",
        },
    )
    assert good.status_code == 302
    assert Target.objects.get(unit=kv1, year=2026).case_rate == D("82.50")
    assert "Giao đầu năm" in client.get(url, {"nam": 2026}).content.decode()


# Who may open the page giving the targets of the level below a unit (GET): 200 or 403.
ASSIGN = [
    ("lanhdao", "TNG", 200),
    ("lanhdao", "TNG-KV2", 403),
    ("trunguong", "TW", 200),
    ("trunguong", "TNG", 403),
    ("truongphong", "TNG-KV2", 200),
    ("phophong", "TNG-KV2", 200),
    ("chv", "TNG-KV2", 403),
    ("kiemtra", "TNG", 403),
    ("quantri", "TNG", 403),
    ("lanhdao", "CBG", 404),
]


@pytest.mark.parametrize(("username", "code", "status"), ASSIGN)
def test_assign_page_access(client, shared_demo_org, username, code, status):
    client.force_login(get_user_model().objects.get(username=username))
    assert client.get(reverse("targets:assign", args=[code])).status_code == status


def test_officer_targets_from_the_heads_page(client, shared_demo_org):
    client.force_login(get_user_model().objects.get(username="truongphong"))
    officer = Staff.objects.get(code="TN-SC-02")
    url = reverse("targets:assign", args=["TNG-KV2"])
    assert officer.full_name in client.get(url).content.decode()
    response = client.post(
        url, {"nam": 2026, f"s{officer.pk}-case": "85", f"s{officer.pk}-money": "45"}
    )
    assert response.status_code == 302
    assert OfficerTarget.objects.get(staff=officer, year=2026).money_rate == D("45.00")


def test_upload_preview_then_confirm(client, shared_demo_org):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    url = reverse("targets:upload", args=["TNG"])
    assert client.get(url).status_code == 200
    template = client.get(reverse("targets:upload_template", args=["TNG"]), {"nam": 2026})
    assert template.status_code == 200
    rows = services.read_xlsx(template.content)
    assert rows[0] == services.XLSX_HEADER and len(rows) == 6  # header + 5 regional offices
    bad = io.BytesIO(sheet([["TNG-KV1", "", 2026, 82.5, 140]]))
    bad.name = "chi-tieu.xlsx"
    page = client.post(url, {"tep": bad})
    assert "Dòng 2: chỉ tiêu về tiền: 140 vượt quá 100%." in page.content.decode()
    assert "confirm" not in page.context or not page.context.get("confirm")
    good = io.BytesIO(sheet([["TNG-KV1", "", 2026, 82.5, 40]]))
    good.name = "chi-tieu.xlsx"
    preview = client.post(url, {"tep": good, "reason": "Kế hoạch năm"})
    assert preview.status_code == 200 and preview.context["confirm"]
    assert not Target.objects.exists()  # the preview writes nothing
    done = client.post(url, {"confirm": preview.context["confirm"]})
    assert done.status_code == 302
    assert Target.objects.get(unit__code="TNG-KV1", year=2026).case_rate == D("82.50")
    assert TargetChange.objects.filter(reason="Kế hoạch năm").count() == 2
    # A confirmation token cannot be forged.
    assert client.post(url, {"confirm": "x" + preview.context["confirm"]}).status_code == 403


def test_the_database_refuses_changes_to_the_log_on_postgresql(shared_demo_org):
    from django.db import IntegrityError, InternalError, ProgrammingError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's (pgtrigger)")
    access, user = who("lanhdao")
    services.target_set(access, unit("TNG-KV2"), 2026, case_rate="80", money_rate="40", by=user)
    refused = (InternalError, IntegrityError, ProgrammingError)
    with pytest.raises(refused), transaction.atomic():
        TargetChange.objects.all().update(reason="x")
    with pytest.raises(refused), transaction.atomic():
        TargetChange.objects.all().delete()
    assert TargetChange.objects.count() == 2
