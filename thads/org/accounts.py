"""Administration of accounts, roles and postings by the `quantri` role, within its subtree.

Every change is one transaction that writes its `AdminLogEntry` (who, when, what, where) and
refuses what the administrator may not do: a unit outside its subtree, its own account
(another administrator deactivates or resets it, so nobody locks himself out unseen), an
account with no staff record. A temporary password must be changed at the next sign-in
(`Staff.must_change_password`, enforced by web.middleware); a lockout after failed sign-ins
(django-axes: AXES_FAILURE_LIMIT failures of a username) is lifted by `account_unlock`.

Legal basis: Quy chế quản lý, sử dụng hệ thống thông tin của Tổng cục THADS (each account
belongs to one named officer, changes to accounts are logged) — as a rule of the system:
the exact text is not in the shared domain documents.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.common.errors import DomainError
from thads.org import services
from thads.org.access import Access
from thads.org.models import AdminAction, AdminLogEntry, Membership, Staff, Unit

TEMPORARY_PASSWORD_BYTES = 9  # 12 URL-safe characters


def temporary_password() -> str:
    return secrets.token_urlsafe(TEMPORARY_PASSWORD_BYTES)


def may_administer(access: Access, unit: Unit) -> bool:
    """The administrator (or a superuser) of a unit in its subtree."""
    return access.can_manage_org(unit.pk)


def _require(access: Access, unit: Unit) -> None:
    if not may_administer(access, unit):
        raise DomainError(
            _("Đơn vị %(unit)s không thuộc phạm vi quản trị của bạn.") % {"unit": unit}
        )


def _not_self(staff: Staff, by: Any) -> None:
    if staff.user_id is not None and staff.user_id == getattr(by, "pk", None):
        raise DomainError(
            _("Không tự thay đổi tài khoản của chính mình: một quản trị viên khác làm việc này.")
        )


def _log(by: Any, action: str, staff: Staff, unit: Unit, detail: str = "") -> AdminLogEntry:
    return AdminLogEntry.objects.create(
        by=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        staff=staff,
        unit=unit,
        detail=detail[:500],
    )


def current_unit(staff: Staff, on: dt.date | None = None) -> Unit | None:
    membership = current_posting(staff, on)
    return membership.unit if membership else None


def current_posting(staff: Staff, on: dt.date | None = None) -> Membership | None:
    on = on or timezone.localdate()
    for membership in staff.memberships.select_related("unit").order_by("-valid_from"):
        if membership.is_valid_on(on):
            return membership
    return None


def _staff_unit(staff: Staff) -> Unit:
    unit = current_unit(staff) or (
        staff.memberships.select_related("unit").order_by("-valid_from").first().unit
    )
    return unit


@transaction.atomic
def account_create(
    access: Access,
    *,
    code: str,
    full_name: str,
    title: str,
    unit: Unit,
    role: str,
    is_head: bool,
    valid_from: dt.date,
    username: str,
    by: Any,
) -> tuple[Staff, str]:
    """A new staff member with its posting and account; returns the temporary password, to be
    changed at the first sign-in."""
    _require(access, unit)
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise DomainError(_("Tên đăng nhập %(u)s đã có người dùng.") % {"u": username})
    if Staff.objects.filter(code=code).exists():
        raise DomainError(_("Mã cán bộ %(c)s đã có.") % {"c": code})
    password = temporary_password()
    try:
        staff = services.staff_create(
            code=code,
            full_name=full_name,
            title=title,
            unit=unit,
            valid_from=valid_from,
            is_head=is_head,
            role=role,
            username=username,
            password=password,
            by=by,
        )
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    Staff.objects.filter(pk=staff.pk).update(must_change_password=True)
    _log(
        by,
        AdminAction.ACCOUNT_CREATE,
        staff,
        unit,
        _("Tài khoản %(u)s, vai trò %(r)s từ ngày %(d)s")
        % {
            "u": username,
            "r": Membership(role=role).get_role_display(),
            "d": f"{valid_from:%d/%m/%Y}",
        },
    )
    staff.refresh_from_db()
    return staff, password


def _account(staff: Staff):
    if staff.user_id is None:
        raise DomainError(_("Cán bộ %(name)s chưa có tài khoản.") % {"name": staff.full_name})
    return staff.user


@transaction.atomic
def account_set_active(access: Access, staff: Staff, *, active: bool, reason: str, by: Any):
    """Ngừng (deactivate) or mở lại (reactivate) an account; a reason is required. A stopped
    account cannot sign in; its history stays."""
    unit = _staff_unit(staff)
    _require(access, unit)
    _not_self(staff, by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Phải ghi lý do."))
    user = _account(staff)
    if user.is_active == active:
        raise DomainError(
            _("Tài khoản đang hoạt động.") if active else _("Tài khoản đã ngừng từ trước.")
        )
    user.is_active = active
    user.save(update_fields=["is_active"])
    action = AdminAction.ACCOUNT_REACTIVATE if active else AdminAction.ACCOUNT_DEACTIVATE
    _log(by, action, staff, unit, reason)
    return user


@transaction.atomic
def password_reset(access: Access, staff: Staff, *, by: Any) -> str:
    """A new temporary password, to be changed at the next sign-in; returns it (shown once)."""
    unit = _staff_unit(staff)
    _require(access, unit)
    _not_self(staff, by)
    user = _account(staff)
    password = temporary_password()
    try:
        validate_password(password, user)
    except ValidationError:  # pragma: no cover - 12 random characters pass the validators
        password = temporary_password() + "9a"
    user.set_password(password)
    user.save(update_fields=["password"])
    Staff.objects.filter(pk=staff.pk).update(must_change_password=True)
    _log(
        by, AdminAction.PASSWORD_RESET, staff, unit, _("Mật khẩu tạm thời, phải đổi khi đăng nhập")
    )
    return password


def is_locked(username: str) -> bool:
    """Locked out by django-axes (failures of this username at or over the limit)."""
    from axes.helpers import get_failure_limit
    from axes.models import AccessAttempt
    from django.db.models import Max

    worst = AccessAttempt.objects.filter(username=username).aggregate(m=Max("failures_since_start"))
    return (worst["m"] or 0) >= get_failure_limit(None, None)


def locked_usernames(usernames) -> set[str]:
    from axes.helpers import get_failure_limit
    from axes.models import AccessAttempt

    limit = get_failure_limit(None, None)
    return set(
        AccessAttempt.objects.filter(username__in=list(usernames), failures_since_start__gte=limit)
        .values_list("username", flat=True)
        .distinct()
    )


@transaction.atomic
def account_unlock(access: Access, staff: Staff, *, by: Any) -> int:
    """Lift the lockout after failed sign-ins (django-axes) of the account; returns the number of
    lockout records cleared."""
    from axes.utils import reset

    unit = _staff_unit(staff)
    _require(access, unit)
    user = _account(staff)
    if not is_locked(user.username):
        raise DomainError(_("Tài khoản không bị khóa đăng nhập."))
    cleared = reset(username=user.username)
    _log(by, AdminAction.UNLOCK, staff, unit, _("Xóa %(n)s lần khóa") % {"n": cleared})
    return cleared


@transaction.atomic
def posting_change(
    access: Access,
    staff: Staff,
    *,
    unit: Unit,
    role: str,
    is_head: bool,
    valid_from: dt.date,
    by: Any,
) -> Membership:
    """Vai trò và công tác: from `valid_from` the staff member works at `unit` in `role`. The
    current posting (if any) ends the day before; history is never rewritten."""
    _require(access, unit)
    current = current_posting(staff, valid_from)
    if current is not None:
        _require(access, current.unit)
        _not_self(staff, by)
        if current.valid_from >= valid_from:
            raise DomainError(
                _("Ngày bắt đầu phải sau ngày bắt đầu của công tác hiện tại (%(d)s).")
                % {"d": f"{current.valid_from:%d/%m/%Y}"}
            )
        services.membership_end(current, on=valid_from - dt.timedelta(days=1), by=by)
        _log(
            by,
            AdminAction.POSTING_END,
            staff,
            current.unit,
            _("%(role)s tại %(unit)s đến ngày %(d)s")
            % {
                "role": current.get_role_display(),
                "unit": current.unit.name,
                "d": f"{valid_from - dt.timedelta(days=1):%d/%m/%Y}",
            },
        )
    try:
        membership = services.membership_add(
            staff=staff, unit=unit, valid_from=valid_from, role=role, is_head=is_head, by=by
        )
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    _log(
        by,
        AdminAction.POSTING_ADD,
        staff,
        unit,
        _("%(role)s tại %(unit)s từ ngày %(d)s")
        % {"role": membership.get_role_display(), "unit": unit.name, "d": f"{valid_from:%d/%m/%Y}"},
    )
    return membership


@transaction.atomic
def password_changed(user) -> None:
    """The user chose its own password: the temporary one no longer needs changing."""
    Staff.objects.filter(user=user, must_change_password=True).update(must_change_password=False)
