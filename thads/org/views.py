"""Organisation pages: thin views over selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thads.common.concurrency import ConcurrentEditError
from thads.org import selectors, services
from thads.org.forms import StaffForm
from thads.org.middleware import active_unit


@login_required
def unit_list(request):
    root = active_unit(request)
    units = selectors.units_in_subtree(request.access, root) if root else []
    return render(request, "org/unit_list.html", {"units": units, "root": root})


@login_required
def unit_detail(request, code: str):
    unit = get_object_or_404(selectors.units_visible(request.access), code=code)
    memberships = selectors.memberships_of_unit(unit)
    children = selectors.units_visible(request.access).filter(parent=unit)
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "memberships": memberships,
            "children": children,
            "predecessors": selectors.units_visible(request.access).filter(successor=unit),
            "can_manage": request.access.can_manage_org(unit.pk),
        },
    )


@login_required
def staff_detail(request, code: str):
    staff = get_object_or_404(selectors.staff_visible(request.access), code=code)
    can_manage = any(request.access.can_manage_org(m.unit_id) for m in staff.memberships.all())
    return render(request, "org/staff_detail.html", {"staff": staff, "can_manage": can_manage})


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, code: str):
    staff = get_object_or_404(selectors.staff_visible(request.access), code=code)
    if not any(request.access.can_manage_org(m.unit_id) for m in staff.memberships.all()):
        # Visible but not theirs to change: 403 (objects out of scope are 404 above).
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = StaffForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.staff_update(
                    staff,
                    expected_version=data["version"],
                    by=request.user,
                    full_name=data["full_name"],
                    title=data["title"],
                )
            except ConcurrentEditError as exc:
                form.add_error(None, str(exc))
                status = 409
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã lưu thông tin cán bộ."))
                return redirect("org:staff_detail", code=staff.code)
        status = status if status != 200 else 400
    else:
        form = StaffForm(
            initial={"full_name": staff.full_name, "title": staff.title, "version": staff.version}
        )
    return render(request, "org/staff_edit.html", {"staff": staff, "form": form}, status=status)
