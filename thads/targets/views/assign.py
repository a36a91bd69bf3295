"""Giving targets (giao chỉ tiêu): to the units below, to a local unit's officers, or from an
Excel file (preview with row-numbered errors, then confirmation).

Thin views: the lines and history from `targets.selectors`, the checks and writes in
`targets.services` (all or nothing); a unit the user may not read answers 404, a write the user
may not make 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from thads.common.errors import DomainError
from thads.common.periods import report_year_of
from thads.org.models import Unit
from thads.org.shortcuts import unit_for_read_or_404
from thads.targets import selectors, services
from thads.targets.forms import AssignForm, UploadForm
from thads.targets.permissions import may_set_children_targets

UPLOAD_SALT = "thads.targets.upload"


def _year(request) -> int:
    try:
        year = int(request.GET.get("nam") or request.POST.get("nam") or 0)
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2200 else report_year_of(timezone.localdate())


@login_required
@require_http_methods(["GET", "POST"])
def assign(request, code: str):
    """Give the targets of the level below `code` (units, or officers of a local unit)."""
    parent = unit_for_read_or_404(request.access, code)
    if not may_set_children_targets(request.access, parent):
        raise PermissionDenied
    year = _year(request)
    lines = selectors.assign_lines(parent, year)
    form = AssignForm(request.POST if request.method == "POST" else None, lines=lines)
    errors: list[str] = []
    if form.is_bound and not form.is_valid():
        errors = list(form.non_field_errors())
    elif form.is_valid():
        try:
            services.targets_assign(
                request.access,
                parent,
                year,
                form.entries(),
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.TargetsRefused as exc:
            errors = exc.errors
        else:
            return redirect(f"{reverse('targets:assign', args=[parent.code])}?nam={year}&luu=1")
    return render(
        request,
        "targets/assign.html",
        {
            "parent": parent,
            "year": year,
            "lines": lines,
            "errors": errors,
            "saved": request.GET.get("luu") == "1",
            "reason": form.data.get("reason", "") if form.is_bound else "",
            "officers": parent.level == Unit.Level.LOCAL,
            "history": selectors.assign_history(parent, year)[:50],
            "field_labels": services.FIELD_LABELS,
            "upload_url": reverse("targets:upload", args=[parent.code]),
            "cockpit_url": f"{reverse('targets:cockpit')}?don_vi={parent.code}&nam={year}",
            "nav_active": "targets",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, code: str):
    """Excel upload of the children's targets: preview with row-numbered errors, then confirm
    (all or nothing). The checked rows travel signed between preview and confirmation."""
    parent = unit_for_read_or_404(request.access, code)
    if parent.level == Unit.Level.LOCAL or not may_set_children_targets(request.access, parent):
        raise PermissionDenied
    context = {
        "parent": parent,
        "form": UploadForm(),
        "template_url": reverse("targets:upload_template", args=[parent.code]),
        "nav_active": "targets",
    }
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            payload = signing.loads(request.POST["confirm"], salt=UPLOAD_SALT, max_age=3600)
        except signing.BadSignature:
            raise PermissionDenied from None
        if payload.get("user") != request.user.pk:
            raise PermissionDenied
        try:
            count = services.targets_import(
                request.access, payload["rows"], by=request.user, reason=payload.get("reason", "")
            )
        except DomainError as exc:
            context["errors"] = [exc.message]
            return render(request, "targets/upload.html", context)
        return redirect(
            f"{reverse('targets:assign', args=[parent.code])}?nam={payload['year']}&luu={count}"
        )
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            try:
                rows = services.read_xlsx(form.content)
            except DomainError as exc:
                context["errors"] = [exc.message]
                return render(request, "targets/upload.html", context)
            check = services.check_upload(request.access, rows)
            context["check"] = check
            context["errors"] = check.errors
            if check.ok:
                clean = [services.XLSX_HEADER] + [
                    [r.unit.code, r.unit.name, r.year, str(r.case_rate), str(r.money_rate)]
                    for r in check.rows
                ]
                context["confirm"] = signing.dumps(
                    {
                        "user": request.user.pk,
                        "rows": clean,
                        "year": check.rows[0].year,
                        "reason": form.cleaned_data["reason"],
                    },
                    salt=UPLOAD_SALT,
                )
    return render(request, "targets/upload.html", context)


@login_required
@require_GET
def upload_template(request, code: str):
    parent = unit_for_read_or_404(request.access, code)
    year = _year(request)
    response = HttpResponse(
        services.template_xlsx(parent, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{parent.code}-{year}.xlsx"'
    return response
