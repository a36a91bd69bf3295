"""Document screens: draft from a case, preview, edit, issue, download, replace, discard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thads.cases.selectors import entrust_targets
from thads.cases.shortcuts import case_for_read_or_404
from thads.common.errors import DomainError
from thads.common.paper import render_html
from thads.common.views import run_service
from thads.documents import permissions, selectors, services
from thads.documents.compose import fill
from thads.documents.forms import DraftForm, IssueForm, SentForm, TemplateChoiceForm
from thads.documents.models import Document, name_with_subject
from thads.documents.rendering import (
    FORMATS,
    blank_body,
    document_body,
    template_in_force,
    templates_in_force,
)
from thads.documents.rendering import render as render_bytes


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _document_or_404(request, pk: int) -> Document:
    document = selectors.document_for_read(request.access, pk)
    if document is None:
        raise Http404
    return document


def _signer(request):
    staff = request.access.staff
    if staff is None:
        raise PermissionDenied
    return staff


@login_required
@require_http_methods(["GET", "POST"])
def draft_new(request, case_pk: int):
    """Soạn văn bản: choose a template in force, then fill the act's fields (a draft)."""
    case = case_for_read_or_404(request.access, case_pk)
    _require(permissions.may_draft(request.access, case))
    today = timezone.localdate()
    templates = selectors.templates_for_case(case, today)
    code = request.GET.get("mau") or request.POST.get("mau")
    if not code:
        chooser = TemplateChoiceForm(templates=templates)
        return render(request, "documents/choose.html", {"case": case, "form": chooser})
    template = next((t for t in templates if t.code == code), None)
    if template is None:
        raise Http404
    _require(permissions.may_draft(request.access, case, template))
    replaces = None
    if request.GET.get("thay_the"):
        replaces = _document_or_404(request, int(request.GET["thay_the"]))
    initial = DraftForm.initial_from(replaces) if replaces else None
    form = DraftForm(
        request.POST or None, initial=initial, template=template, to_units=entrust_targets(case)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            document, status = run_service(
                form,
                lambda: services.document_draft(
                    case,
                    # The version of the template in force on the document's date.
                    template=template_in_force(template.code, data["doc_date"]),
                    doc_date=data["doc_date"],
                    act=form.act(),
                    amount=data.get("amount"),
                    to_unit=data.get("to_unit"),
                    replaces=replaces,
                    by=request.user,
                ),
            )
            if document is not None:
                messages.success(request, _("Đã lưu dự thảo."))
                return redirect("documents:detail", pk=document.pk)
    context = {"case": case, "form": form, "template": template, "replaces": replaces}
    return render(request, "documents/draft_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def draft_edit(request, pk: int):
    document = _document_or_404(request, pk)
    _require(permissions.may_edit_draft(request.access, document))
    case = document.case
    form = DraftForm(
        request.POST or None,
        initial=DraftForm.initial_from(document),
        template=document.template,
        to_units=entrust_targets(case),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            done, status = run_service(
                form,
                lambda: services.document_update_draft(
                    document,
                    doc_date=data["doc_date"],
                    act=form.act(),
                    amount=data.get("amount"),
                    to_unit=data.get("to_unit"),
                    expected_version=data.get("version") or 0,
                    by=request.user,
                ),
            )
            if done is not None:
                messages.success(request, _("Đã lưu dự thảo."))
                return redirect("documents:detail", pk=document.pk)
    context = {"case": case, "form": form, "template": document.template, "document": document}
    return render(request, "documents/draft_form.html", context, status=status)


@login_required
def detail(request, pk: int):
    """The document as it will print, with what the user may do with it."""
    document = _document_or_404(request, pk)
    access = request.access
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "case": document.case,
            "paper": render_html(document_body(document)),
            "may_issue": permissions.may_issue(access, document),
            "may_edit": permissions.may_edit_draft(access, document),
            "may_replace": not document.is_draft
            and not hasattr(document, "replaced_by")
            and permissions.may_draft(access, document.case, document.template),
            "may_mark_sent": permissions.may_mark_sent(access, document)
            and "procuracy" in (document.template.recipients_rule or []),
            "issue_form": IssueForm(initial={"version": document.version}),
            "sent_form": SentForm(
                initial={"version": document.version, "sent_on": timezone.localdate()}
            ),
        },
    )


@login_required
@require_POST
def issue(request, pk: int):
    """Ban hành: the signer issues; the number and the act's event come with it."""
    document = _document_or_404(request, pk)
    _require(permissions.may_issue(request.access, document))
    form = IssueForm(request.POST)
    if form.is_valid():
        issued, status = run_service(
            form,
            lambda: services.document_issue(
                document,
                signer=_signer(request),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if issued is not None:
            messages.success(
                request, _("Đã ban hành văn bản số %(number)s.") % {"number": issued.number_display}
            )
            return redirect("documents:detail", pk=document.pk)
        return _refused(request, document, form, status)
    return _refused(request, document, form, 400)


def _refused(request, document: Document, form, status: int):
    return render(
        request,
        "documents/refused.html",
        {"document": document, "case": document.case, "form": form},
        status=status,
    )


@login_required
@require_POST
def discard(request, pk: int):
    document = _document_or_404(request, pk)
    _require(permissions.may_edit_draft(request.access, document))
    form = IssueForm(request.POST)
    case_pk = document.case_id
    if form.is_valid():
        _done, status = run_service(
            form,
            lambda: services.document_discard(
                document, expected_version=form.cleaned_data["version"], by=request.user
            ),
        )
        if status == 302:
            messages.success(request, _("Đã hủy dự thảo."))
            return redirect("cases:detail", pk=case_pk)
        return _refused(request, document, form, status)
    return _refused(request, document, form, 400)


@login_required
@require_POST
def mark_sent(request, pk: int):
    """Sổ gửi Viện kiểm sát: the day the document was sent."""
    document = _document_or_404(request, pk)
    _require(permissions.may_mark_sent(request.access, document))
    form = SentForm(request.POST)
    if form.is_valid():
        _done, status = run_service(
            form,
            lambda: services.document_mark_sent(
                document,
                sent_on=form.cleaned_data["sent_on"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if status == 302:
            messages.success(request, _("Đã ghi ngày gửi Viện kiểm sát."))
            return redirect("documents:detail", pk=document.pk)
        return _refused(request, document, form, status)
    return _refused(request, document, form, 400)


@login_required
def download(request, pk: int, fmt: str):
    """The document as DOCX or PDF (a draft carries "DỰ THẢO")."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    document = _document_or_404(request, pk)
    data = render_bytes(document_body(document), fmt)
    response = HttpResponse(data, content_type=FORMATS[fmt][0])
    name = (document.number_display or f"du-thao-{document.pk}").replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def template_list(request):
    """Danh mục mẫu văn bản in force today — the case documents, the complaint handling's and
    oversight's, one table per family — and the blank forms to print."""
    today = timezone.localdate()
    templates = list(templates_in_force(today, family=None))
    for t in templates:  # a field to fill shows as "…", as in an unfilled document
        t.catalogue_name = name_with_subject(t, fill(t.subject, {}))
    return render(request, "documents/templates.html", {"templates": templates, "today": today})


@login_required
def blank(request, code: str):
    """A blank form (the creditor's request) as PDF."""
    try:
        template = template_in_force(code, timezone.localdate())
    except DomainError:
        raise Http404 from None
    if not template.is_blank_form:
        raise Http404
    data = render_bytes(blank_body(template), "pdf")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{template.code}.pdf"'
    return response
