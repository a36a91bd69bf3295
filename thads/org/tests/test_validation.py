"""The organisation's invariants, each refused with a Vietnamese message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from thads.common.concurrency import ConcurrentEditError
from thads.org import services
from thads.org.models import Role, Staff, Unit

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def tree():
    national = services.unit_create(
        code="TW", name="Trung ương", level=Unit.Level.NATIONAL, valid_from=D(2009, 10, 1)
    )
    province = services.unit_create(
        code="P",
        name="Cục THADS tỉnh P",
        level=Unit.Level.PROVINCE,
        parent=national,
        valid_from=D(2010, 1, 1),
    )
    local = services.unit_create(
        code="L",
        name="Chi cục THADS huyện L",
        level=Unit.Level.LOCAL,
        parent=province,
        valid_from=D(2010, 1, 1),
    )
    return national, province, local


def messages_of(excinfo) -> list[str]:
    return excinfo.value.messages


def test_paths_are_materialised(tree):
    national, province, local = tree
    assert national.path == f"/{national.pk}/"
    assert province.path == f"/{national.pk}/{province.pk}/"
    assert local.path == f"/{national.pk}/{province.pk}/{local.pk}/"


def test_cycle_refused(tree):
    national, province, local = tree
    with pytest.raises(ValidationError) as excinfo:
        services.unit_update(province, expected_version=province.version, parent=local)
    assert (
        "Không thể chọn đơn vị cấp trên này: sẽ tạo thành vòng lặp trong cây đơn vị."
        in messages_of(excinfo)
    )
    province.refresh_from_db()
    assert province.parent == national


def test_parent_must_be_a_higher_level(tree):
    _national, province, _local = tree
    with pytest.raises(ValidationError) as excinfo:
        services.unit_create(
            code="P2",
            name="Tỉnh 2",
            level=Unit.Level.PROVINCE,
            parent=province,
            valid_from=D(2011, 1, 1),
        )
    assert "Đơn vị cấp trên phải ở cấp cao hơn đơn vị này." in messages_of(excinfo)


def test_national_unit_has_no_parent_and_local_offices_need_one(tree):
    national, _province, _local = tree
    # A province may be the top of its own installation (a province migrating alone).
    root = services.unit_create(
        code="P9", name="Tỉnh 9", level=Unit.Level.PROVINCE, valid_from=D(2011, 1, 1)
    )
    assert root.parent is None
    with pytest.raises(ValidationError) as excinfo:
        services.unit_create(code="X", name="X", level=Unit.Level.LOCAL, valid_from=D(2011, 1, 1))
    assert "Đơn vị này phải có đơn vị cấp trên." in messages_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        services.unit_create(
            code="Y", name="Y", level=Unit.Level.NATIONAL, parent=national, valid_from=D(2011, 1, 1)
        )
    assert "Đơn vị trung ương không có đơn vị cấp trên." in messages_of(excinfo)


def test_child_validity_must_lie_inside_the_parents(tree):
    _national, province, _local = tree
    expected = (
        "Thời gian hiệu lực của đơn vị phải nằm trong thời gian hiệu lực "
        "của đơn vị cấp trên (Cục THADS tỉnh P)."
    )
    with pytest.raises(ValidationError) as excinfo:
        services.unit_create(
            code="EARLY",
            name="Sớm hơn tỉnh",
            level=Unit.Level.LOCAL,
            parent=province,
            valid_from=D(2009, 12, 31),
        )
    assert expected in messages_of(excinfo)


def test_shortening_a_parent_refused_while_children_outlive_it(tree):
    _national, province, _local = tree
    with pytest.raises(ValidationError) as excinfo:
        services.unit_update(province, expected_version=province.version, valid_to=D(2020, 1, 1))
    assert any("phải nằm trong thời gian hiệu lực" in m for m in messages_of(excinfo))
    province.refresh_from_db()
    assert province.valid_to is None


def test_valid_to_not_before_valid_from(tree):
    _national, province, _local = tree
    with pytest.raises(ValidationError) as excinfo:
        services.unit_create(
            code="BAD",
            name="Sai ngày",
            level=Unit.Level.LOCAL,
            parent=province,
            valid_from=D(2015, 1, 1),
            valid_to=D(2014, 1, 1),
        )
    assert "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực." in messages_of(excinfo)


def _old_and_new(province):
    old = services.unit_create(
        code="OLD",
        name="Chi cục cũ",
        level=Unit.Level.LOCAL,
        parent=province,
        valid_from=D(2010, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    return old


def test_successor_must_be_valid_the_day_after(tree):
    _national, province, _local = tree
    old = _old_and_new(province)
    late = services.unit_create(
        code="LATE",
        name="Phòng khu vực mở muộn",
        level=Unit.Level.LOCAL,
        parent=province,
        valid_from=D(2025, 7, 2),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.unit_set_successor(old, late)
    assert (
        "Đơn vị kế thừa phải có hiệu lực từ ngày 01/07/2025, ngay sau khi đơn vị này hết hiệu lực."
        in messages_of(excinfo)
    )
    on_time = services.unit_create(
        code="KV",
        name="Phòng khu vực",
        level=Unit.Level.LOCAL,
        parent=province,
        valid_from=D(2025, 7, 1),
    )
    services.unit_set_successor(old, on_time)
    old.refresh_from_db()
    assert old.successor == on_time


def test_only_an_ended_unit_has_a_successor(tree):
    _national, province, local = tree
    other = services.unit_create(
        code="L2", name="L2", level=Unit.Level.LOCAL, parent=province, valid_from=D(2010, 1, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.unit_set_successor(local, other)
    assert (
        "Chỉ đơn vị đã hết hiệu lực mới có đơn vị kế thừa: hãy nhập ngày hết hiệu lực."
        in messages_of(excinfo)
    )


def test_overlapping_memberships_refused(tree):
    _national, province, local = tree
    staff = services.staff_create(
        code="S1",
        full_name="Nguyễn Văn A",
        title=Staff.Title.CHV_SO_CAP,
        unit=local,
        valid_from=D(2015, 1, 1),
        valid_to=D(2020, 12, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.membership_add(
            staff=staff, unit=province, valid_from=D(2020, 6, 1), role=Role.OFFICER
        )
    assert "Cán bộ đã có quá trình công tác khác trùng thời gian này." in messages_of(excinfo)
    # The day after the first posting ends is fine.
    services.membership_add(staff=staff, unit=province, valid_from=D(2021, 1, 1), role=Role.OFFICER)
    assert staff.memberships.count() == 2


def test_membership_inside_unit_validity(tree):
    _national, province, _local = tree
    old = _old_and_new(province)
    with pytest.raises(ValidationError) as excinfo:
        services.staff_create(
            code="S2",
            full_name="Trần Thị B",
            title=Staff.Title.THU_KY,
            unit=old,
            valid_from=D(2024, 1, 1),
        )
    assert (
        "Thời gian công tác phải nằm trong thời gian hiệu lực của đơn vị Chi cục cũ."
        in messages_of(excinfo)
    )
    assert not Staff.objects.filter(code="S2").exists()


def test_reparenting_rewrites_the_subtree_paths(tree):
    national, province, local = tree
    province2 = services.unit_create(
        code="P2",
        name="Tỉnh 2",
        level=Unit.Level.PROVINCE,
        parent=national,
        valid_from=D(2010, 1, 1),
    )
    services.unit_update(local, expected_version=local.version, parent=province2)
    local.refresh_from_db()
    assert local.path == f"{province2.path}{local.pk}/"


def test_stale_edit_refused(tree):
    _national, province, _local = tree
    services.unit_update(province, expected_version=province.version, name="Tên mới")
    with pytest.raises(ConcurrentEditError):
        services.unit_update(province, expected_version=1, name="Tên cũ")
    province.refresh_from_db()
    assert province.name == "Tên mới"


def test_default_roles():
    assert services.default_role(Staff.Title.CHV_SO_CAP, False, Unit.Level.LOCAL) == Role.OFFICER
    assert services.default_role(Staff.Title.THU_KY, False, Unit.Level.LOCAL) == Role.CLERK
    assert services.default_role(Staff.Title.CHV_TRUNG_CAP, True, Unit.Level.LOCAL) == Role.HEAD
    assert (
        services.default_role(Staff.Title.LANH_DAO, True, Unit.Level.PROVINCE)
        == Role.PROVINCIAL_LEADER
    )
    assert services.default_role(Staff.Title.THAM_TRA_VIEN, False, Unit.Level.PROVINCE) == (
        Role.INSPECTOR
    )
    assert services.default_role(Staff.Title.LANH_DAO, True, Unit.Level.NATIONAL) == Role.NATIONAL
