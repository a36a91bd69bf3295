"""Excel intake screens: template, upload, preview with row errors, confirm, progress.

Thin views: reading and checking are in ``excel_intake``; permissions are ``may_intake`` of the
unit (clerks, officers, heads and deputies; read-only roles 403, units out of scope 404); an
upload is seen and confirmed by its owner only (others 404).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thads.cases.permissions import may_intake
from thads.common.uploads import UploadRefused, upload_bytes
from thads.interchange import excel_intake
from thads.interchange.models import UploadedIntake
from thads.org.models import Unit
from thads.org.shortcuts import unit_for_read_or_404


class UploadForm(forms.Form):
    tep = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))

    def clean_tep(self):
        upload = self.cleaned_data["tep"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx (theo mẫu)."))
        try:
            self.content = upload_bytes(upload, excel_intake.MAX_BYTES)
        except UploadRefused as exc:
            raise forms.ValidationError(exc.message) from exc
        return upload


def _unit_for_intake(request, code: str) -> Unit:
    unit = unit_for_read_or_404(request.access, code)
    if not may_intake(request.access, unit):
        raise PermissionDenied
    return unit


def _own_upload(request, pk: int) -> UploadedIntake:
    upload = get_object_or_404(
        UploadedIntake.objects.select_related("unit").defer("content"),
        pk=pk,
        owner=request.user,
    )
    if not request.access.can_read_unit(upload.unit_id):
        raise Http404
    if not may_intake(request.access, upload.unit):
        raise PermissionDenied
    return upload


@login_required
@require_GET
def template(request, unit_code: str):
    unit = _unit_for_intake(request, unit_code)
    response = HttpResponse(
        excel_intake.template_bytes(unit), content_type=excel_intake.CONTENT_TYPE
    )
    name = f"mau-thu-ly-{unit.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, unit_code: str):
    unit = _unit_for_intake(request, unit_code)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["tep"]
        intake = excel_intake.create_upload(request.user, unit, file.name, form.content)
        excel_intake.start(intake)
        return redirect("interchange:detail", pk=intake.pk)
    recent = (
        UploadedIntake.objects.filter(owner=request.user, unit=unit)
        .defer("content", "rows", "errors")
        .order_by("-created_at")[:10]
    )
    return render(
        request,
        "interchange/upload.html",
        {"unit": unit, "form": form, "recent": recent, "nav_active": "intake"},
        status=400 if request.method == "POST" else 200,
    )


def _context(upload: UploadedIntake) -> dict:
    by_row: dict[int, list[str]] = {}
    for row, message in upload.errors:
        by_row.setdefault(row, []).append(message)
    rows = [dict(r, errors=by_row.get(r["row"], [])) for r in upload.rows]
    return {
        "upload": upload,
        "file_errors": by_row.get(0, []),
        "row_errors": [
            excel_intake.row_message(row, message) for row, message in upload.errors if row > 0
        ],
        "error_rows": len([row for row in by_row if row > 0]),
        "rows": rows,
        "hidden_rows": max(upload.row_count - len(rows), 0),
    }


@login_required
@require_GET
def detail(request, pk: int):
    upload = _own_upload(request, pk)
    template_name = "interchange/_status.html" if request.htmx else "interchange/detail.html"
    return render(request, template_name, {**_context(upload), "nav_active": "intake"})


@login_required
@require_GET
def status(request, pk: int):
    """The progress fragment the preview page polls (htmx)."""
    upload = _own_upload(request, pk)
    return render(request, "interchange/_status.html", _context(upload))


@login_required
@require_POST
def confirm(request, pk: int):
    upload = _own_upload(request, pk)
    if excel_intake.confirm(upload, request.user):
        excel_intake.start(upload)
    return redirect("interchange:detail", pk=upload.pk)
