"""Quản trị (/quan-tri/): accounts, roles and postings of the administrator's subtree, and the
log of every change (org.accounts). Thin views: a form, a service through run_service.

Who: the `quantri` role (and superusers). Anyone else signed in gets 403 on these pages; a
staff member outside the administrator's subtree answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thads.common.views import run_service
from thads.org import accounts, selectors
from thads.org.forms import AccountCreateForm, PostingForm, ReasonForm
from thads.org.middleware import active_unit
from thads.org.models import AdminLogEntry, Membership, Role, Staff, Unit

PAGE_SIZE = 50


def _scope(request) -> Unit:
    """The administered unit (the active one); 403 for anyone but an administrator of it."""
    access = request.access
    unit = active_unit(request)
    if unit is None or not (access.is_superuser or access.role == Role.ADMIN):
        raise PermissionDenied
    if not accounts.may_administer(access, unit):
        raise PermissionDenied
    return unit


def _units(request, root: Unit):
    return (
        selectors.units_in_subtree(request.access, root)
        .filter(valid_to__isnull=True)
        .order_by("tree_order")
    )


def _staff_in_scope(request, root: Unit):
    ids = set(_units(request, root).values_list("pk", flat=True)) | {root.pk}
    return Staff.objects.filter(memberships__unit_id__in=ids).distinct()


def _staff_or_404(request, code: str) -> tuple[Unit, Staff]:
    """(the administered unit, the staff member): 404 for a staff member the user may not see at
    all, then 403 for anyone but an administrator, then 404 outside the administered units."""
    get_object_or_404(selectors.staff_visible(request.access), code=code)
    root = _scope(request)
    staff = get_object_or_404(_staff_in_scope(request, root).select_related("user"), code=code)
    return root, staff


@login_required
def index(request):
    """Tài khoản: the staff of the subtree with their account, role, posting and lock state."""
    root = _scope(request)
    today = timezone.localdate()
    staff = list(_staff_in_scope(request, root).select_related("user").order_by("full_name"))
    postings = {
        m.staff_id: m
        for m in Membership.objects.filter(staff__in=staff, valid_from__lte=today)
        .exclude(valid_to__lt=today)
        .select_related("unit")
    }
    locked = accounts.locked_usernames(s.user.username for s in staff if s.user_id)
    rows = [
        {
            "staff": s,
            "posting": postings.get(s.pk),
            "locked": bool(s.user_id and s.user.username in locked),
        }
        for s in staff
    ]
    return render(
        request,
        "org/admin/index.html",
        {"root": root, "rows": rows, "locked_count": len(locked), "nav_active": "administration"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request):
    root = _scope(request)
    form = AccountCreateForm(
        request.POST or None,
        units=_units(request, root),
        initial={"valid_from": timezone.localdate(), "unit": root},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            result, status = run_service(
                form, lambda: accounts.account_create(request.access, by=request.user, **data)
            )
            if result is not None:
                staff, password = result
                messages.success(
                    request,
                    _(
                        "Đã tạo tài khoản %(u)s cho %(name)s. Mật khẩu tạm thời: %(p)s — "
                        "người dùng phải đổi mật khẩu khi đăng nhập lần đầu."
                    )
                    % {"u": data["username"], "name": staff.full_name, "p": password},
                )
                return redirect("administration:staff", code=staff.code)
    return render(
        request,
        "org/admin/account_form.html",
        {"root": root, "form": form, "nav_active": "administration"},
        status=status,
    )


@login_required
def staff_page(request, code: str, forms: dict | None = None, status: int = 200):
    """One staff member: account, postings, the actions, the log of changes."""
    root, staff = _staff_or_404(request, code)
    forms = forms or {}
    context = {
        "root": root,
        "staff": staff,
        "postings": staff.memberships.select_related("unit").order_by("-valid_from"),
        "locked": bool(staff.user_id and accounts.is_locked(staff.user.username)),
        "log": AdminLogEntry.objects.filter(staff=staff).select_related("by__staff", "unit")[:50],
        "reason_form": forms.get("reason") or ReasonForm(),
        "posting_form": forms.get("posting")
        or PostingForm(units=_units(request, root), initial={"valid_from": timezone.localdate()}),
        "is_self": staff.user_id == request.user.pk,
        "nav_active": "administration",
    }
    return render(request, "org/admin/staff.html", context, status=status)


def _done(request, staff: Staff, text: str):
    messages.success(request, text)
    return redirect("administration:staff", code=staff.code)


@login_required
@require_POST
def set_active(request, code: str, active: int):
    root, staff = _staff_or_404(request, code)
    form = ReasonForm(request.POST)
    status = 400
    if form.is_valid():
        _user, status = run_service(
            form,
            lambda: accounts.account_set_active(
                request.access,
                staff,
                active=bool(active),
                reason=form.cleaned_data["reason"],
                by=request.user,
            ),
        )
        if status == 302:
            text = _("Đã mở lại tài khoản.") if active else _("Đã ngừng tài khoản.")
            return _done(request, staff, text)
    return staff_page(request, code, {"reason": form}, status)


@login_required
@require_POST
def reset_password(request, code: str):
    root, staff = _staff_or_404(request, code)
    form = ReasonForm()
    password, status = run_service(
        form, lambda: accounts.password_reset(request.access, staff, by=request.user)
    )
    if status == 302:
        return _done(
            request,
            staff,
            _("Mật khẩu tạm thời của %(name)s: %(p)s — phải đổi khi đăng nhập lần sau.")
            % {"name": staff.full_name, "p": password},
        )
    return staff_page(request, code, {"reason": form}, status)


@login_required
@require_POST
def unlock(request, code: str):
    root, staff = _staff_or_404(request, code)
    form = ReasonForm()
    _cleared, status = run_service(
        form, lambda: accounts.account_unlock(request.access, staff, by=request.user)
    )
    if status == 302:
        return _done(request, staff, _("Đã mở khóa đăng nhập."))
    return staff_page(request, code, {"reason": form}, status)


@login_required
@require_POST
def posting(request, code: str):
    root, staff = _staff_or_404(request, code)
    form = PostingForm(request.POST, units=_units(request, root))
    status = 400
    if form.is_valid():
        _membership, status = run_service(
            form,
            lambda: accounts.posting_change(
                request.access, staff, by=request.user, **form.cleaned_data
            ),
        )
        if status == 302:
            return _done(request, staff, _("Đã ghi công tác và vai trò mới."))
    return staff_page(request, code, {"posting": form}, status)


@login_required
def log(request):
    """Nhật ký quản trị: every change in the subtree, newest first (append-only)."""
    root = _scope(request)
    ids = set(_units(request, root).values_list("pk", flat=True)) | {root.pk}
    entries = AdminLogEntry.objects.filter(unit_id__in=ids).select_related(
        "by__staff", "staff", "unit"
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "org/admin/log.html",
        {"root": root, "page": page, "nav_active": "administration_log"},
    )
