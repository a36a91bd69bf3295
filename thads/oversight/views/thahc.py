"""The THAHC register: the list, a new judgment, a judgment's page and its steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thads.common.views import run_service
from thads.org.shortcuts import unit_for_read_or_404
from thads.oversight import deadlines, permissions, selectors
from thads.oversight.forms import thahc as forms
from thads.oversight.services import thahc as services

PAGE_SIZE = 50


@login_required
@require_GET
def register_list(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    form = forms.RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.filtered_judgments(
        selectors.judgments_of(request.access, unit),
        data.get("trang_thai", ""),
        data.get("q", ""),
        data.get("co_quan", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "oversight/thahc_list.html",
        {
            "unit": unit,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_record": permissions.may_record_thahc(request.access, unit),
            "open_by_body": selectors.open_judgments_by_body(request.access, unit),
            "nav_active": "thahc",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_new(request, unit_code: str):
    unit = unit_for_read_or_404(request.access, unit_code)
    if not permissions.may_record_thahc(request.access, unit):
        raise PermissionDenied
    form = forms.JudgmentForm(request.POST or None, officers=selectors.officers_for(unit))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            judgment, status = run_service(
                form,
                lambda: services.judgment_register(
                    unit=unit, data=form.to_input(), user=request.user
                ),
            )
            if status == 302:
                messages.success(request, _("Đã ghi sổ %(code)s.") % {"code": judgment.code})
                return redirect("oversight:thahc_detail", pk=judgment.pk)
    return render(
        request,
        "oversight/thahc_new.html",
        {"unit": unit, "form": form, "nav_active": "thahc"},
        status=status,
    )


# step slug → (form class, title, service call)
STEPS = {
    "thong-bao": (forms.NoticeForm, gettext_lazy("Thông báo tự nguyện thi hành")),
    "nhan-ban-an": (forms.ReceiptForm, gettext_lazy("Ngày người phải thi hành nhận bản án")),
    "buoc-thi-hanh": (forms.CourtOrderForm, gettext_lazy("Quyết định buộc thi hành")),
    "van-ban": (forms.LetterForm, gettext_lazy("Đôn đốc, kiến nghị, làm việc")),
    "cong-khai": (forms.PublicationForm, gettext_lazy("Công khai thông tin không chấp hành")),
    "ket-qua": (forms.OutcomeForm, gettext_lazy("Kết quả thi hành")),
    "tiep-tuc": (forms.ResumeForm, gettext_lazy("Tiếp tục theo dõi")),
    "ly-do": (forms.ReasonForm, gettext_lazy("Lý do chưa thi hành xong")),
}


def _run(step: str, judgment, data: dict, user):
    if step == "thong-bao":
        return services.notice_record(judgment, user=user, **data)
    if step == "nhan-ban-an":
        return services.obliged_receipt_record(judgment, user=user, **data)
    if step == "buoc-thi-hanh":
        return services.court_order_record(judgment, user=user, **data)
    if step == "van-ban":
        return services.letter_record(judgment, user=user, **data)
    if step == "cong-khai":
        return services.publication_record(judgment, user=user, **data)
    if step == "ket-qua":
        return services.outcome_record(judgment, user=user, **data)
    if step == "tiep-tuc":
        return services.monitoring_resume(judgment, user=user, **data)
    return services.reason_record(judgment, user=user, **data)


@login_required
@require_GET
def detail(request, pk: int):
    judgment = selectors.judgment_for_read_or_404(request.access, pk)
    today = timezone.localdate()
    may_record = permissions.may_record_thahc(request.access, judgment.unit)
    return render(
        request,
        "oversight/thahc_detail.html",
        {
            "judgment": judgment,
            "deadlines": deadlines.judgment_deadlines(judgment),
            "steps": judgment.steps.select_related("recorded_by"),
            "today": today,
            "may_record": may_record,
            "actions": [(slug, title) for slug, (_f, title) in STEPS.items()] if may_record else [],
            "nav_active": "thahc",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action(request, pk: int, step: str):
    judgment = selectors.judgment_for_read_or_404(request.access, pk)
    if step not in STEPS:
        raise Http404
    if not permissions.may_record_thahc(request.access, judgment.unit):
        raise PermissionDenied
    form_class, title = STEPS[step]
    initial = {"version": judgment.version, "reason": judgment.not_done_reason}
    form = form_class(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            _done, status = run_service(
                form, lambda: _run(step, judgment, dict(form.cleaned_data), request.user)
            )
            if status == 302:
                messages.success(request, _("Đã ghi nhận: %(step)s.") % {"step": title})
                return redirect("oversight:thahc_detail", pk=judgment.pk)
    return render(
        request,
        "oversight/thahc_action.html",
        {"judgment": judgment, "form": form, "title": title, "step": step, "nav_active": "thahc"},
        status=status,
    )
