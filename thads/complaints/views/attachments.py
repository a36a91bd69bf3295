"""Scanned attachments of a letter: attach one, download one."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.common.views import run_service
from thads.complaints import permissions, selectors, services
from thads.complaints.forms import AttachmentForm
from thads.complaints.models import Attachment
from thads.complaints.views.common import require
from thads.complaints.views.letters import letter_context


@login_required
@require_POST
def attach(request, pk: int):
    """Đính kèm tệp quét của đơn."""
    letter = get_object_or_404(selectors.letters_visible(request.access), pk=pk)
    require(permissions.may_attach(request.access, letter))
    form = AttachmentForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        upload = form.cleaned_data["file"]
        attachment, status = run_service(
            form, lambda: services.letter_attach(letter, upload, by=request.user)
        )
        if attachment is not None:
            messages.success(request, _("Đã đính kèm tệp %(name)s.") % {"name": attachment.name})
            return redirect("complaints:letter", pk=letter.pk)
    context = letter_context(request, letter)
    context["attachment_form"] = form
    return render(request, "complaints/letter.html", context, status=status)


@login_required
def download(request, pk: int):
    """Tải tệp đính kèm: only who sees the letter, and its senders' identity."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("letter"),
        pk=pk,
        letter__in=selectors.letters_visible(request.access),
    )
    letter = attachment.letter
    if not permissions.may_see_attachments(
        request.access, letter, selectors.letter_matters(letter)
    ):
        raise Http404
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quoted(attachment.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quoted(name: str) -> str:
    return quote(name, safe="")
