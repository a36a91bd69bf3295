"""The register of letters: the list, entering a letter, a letter, its handling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thads.common.parameters import int_param
from thads.common.periods import report_year_bounds, report_year_of
from thads.common.views import run_service
from thads.complaints import papers, permissions, rules, selectors, services
from thads.complaints.forms import AttachmentForm, HandlingForm, LetterForm, SenderFormSet
from thads.complaints.models import ComplaintKind, ComplaintRule, Handling, MatterKind
from thads.complaints.views.common import require, scope_ids
from thads.org.access import active_membership
from thads.org.models import Staff
from thads.org.shortcuts import unit_for_read_or_404

STATES = [
    ("", gettext_lazy("Tất cả")),
    ("cho_xu_ly", gettext_lazy("Chưa xử lý")),
    ("dang_giai_quyet", gettext_lazy("Đang giải quyết")),
    ("xong", gettext_lazy("Đã giải quyết xong")),
]


@login_required
def register(request, unit_code: str):
    """Sổ tiếp nhận đơn of the unit and its subtree, by report year, kind and state."""
    unit = unit_for_read_or_404(request.access, unit_code)
    today = timezone.localdate()
    year = int_param(request.GET.get("nam"), report_year_of(today), minimum=2000, maximum=2100)
    kind = request.GET.get("loai", "")
    kind = kind if kind in ComplaintKind.values else ""
    state = request.GET.get("tinh_trang", "")
    state = state if state in dict(STATES) else ""
    start, end = report_year_bounds(year)
    rows = selectors.register_page(
        request.access,
        scope_ids(request.access, unit),
        year_start=start,
        year_end=end,
        kind=kind,
        state=state,
    )
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    book = rules.rule_book()  # the rules read once, not once per letter
    for letter in page.object_list:
        letter.handling_due = rules.handling_deadline(letter.received_on, book)
    return render(
        request,
        "complaints/register.html",
        {
            "unit": unit,
            "page": page,
            "year": year,
            "kind": kind,
            "state": state,
            "kinds": ComplaintKind.choices,
            "states": STATES,
            "may_register": permissions.may_register(request.access, unit),
            "today": today,
            "nav_active": "complaints_register",
        },
    )


def _senders(formset) -> list[services.SenderInput]:
    return [
        services.SenderInput(**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"})
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]


@login_required
@require_http_methods(["GET", "POST"])
def letter_new(request, unit_code: str):
    """Vào sổ một đơn (TT 13/2021/TT-BTP)."""
    unit = unit_for_read_or_404(request.access, unit_code)
    require(permissions.may_register(request.access, unit))
    session = None
    session_pk = int_param(request.GET.get("buoi_tiep"), minimum=1)
    if session_pk is not None:
        session = (
            selectors.sessions_visible(request.access).filter(unit=unit, pk=session_pk).first()
        )
    initial = {"received_on": session.held_on, "channel": "tiep_cong_dan"} if session else None
    form = LetterForm(request.POST or None, initial=initial)
    senders = SenderFormSet(request.POST or None, prefix="s")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and senders.is_valid():
            data = form.cleaned_data
            case, duplicate, errors = selectors.letter_links(
                request.access, data["case_code"], data["duplicate_code"]
            )
            fields = {"case": "case_code", "duplicate_of": "duplicate_code"}
            for field, message in errors.items():
                form.add_error(fields[field], message)
            if form.is_valid():
                letter, status = run_service(
                    form,
                    lambda: services.letter_register(
                        unit,
                        services.LetterInput(
                            kind=data["kind"],
                            received_on=data["received_on"],
                            senders=_senders(senders),
                            channel=data["channel"],
                            summary=data["summary"],
                            subject=data["subject"],
                            subject_detail=data["subject_detail"],
                            case=case,
                            forwarded_by=data["forwarded_by"],
                            duplicate_of=duplicate,
                            is_vuot_cap=data["is_vuot_cap"],
                            is_dong_nguoi=data["is_dong_nguoi"],
                            stage=data["stage"],
                            decision_known_on=data["decision_known_on"],
                            obstacle_days=data["obstacle_days"] or 0,
                            obstacle_reason=data["obstacle_reason"],
                        ),
                        by=request.user,
                        reception=session,
                    ),
                )
                if letter is not None:
                    messages.success(
                        request, _("Đã vào sổ đơn số %(code)s.") % {"code": letter.code}
                    )
                    return redirect("complaints:letter", pk=letter.pk)
    return render(
        request,
        "complaints/letter_form.html",
        {
            "unit": unit,
            "form": form,
            "senders": senders,
            "session": session,
            "nav_active": "complaints_register",
        },
        status=status,
    )


def letter_context(request, letter) -> dict:
    access = request.access
    matters = selectors.letter_matters(letter)
    limit = services.letter_limitation(letter)
    return {
        "letter": letter,
        "unit": letter.unit,
        "matters": matters,
        "senders": list(letter.senders.all()),
        "may_see_identity": permissions.may_see_identity(access, letter, matters),
        "may_handle": not letter.handling and permissions.may_handle(access, letter.unit),
        "limitation": limit,
        "barred": limit is not None and limit.is_barred(letter.received_on),
        "handling_due": rules.handling_deadline(letter.received_on),
        "duplicates": list(letter.duplicates.all()),
        "letter_paper": papers.letter_paper_of(letter, timezone.localdate()),
        "attachments": list(letter.attachments.select_related("uploaded_by").defer("content")),
        "may_see_attachments": permissions.may_see_attachments(access, letter, matters),
        "may_attach": permissions.may_attach(access, letter),
        "attachment_form": AttachmentForm(),
        "nav_active": "complaints_register",
    }


@login_required
def letter_detail(request, pk: int):
    letter = get_object_or_404(selectors.letters_visible(request.access), pk=pk)
    return render(request, "complaints/letter.html", letter_context(request, letter))


def _matter_inputs(data, letter) -> list[services.MatterInput]:
    if data["handling"] != Handling.THU_LY:
        return []
    staff = (
        Staff.objects.filter(code=data["subject_staff"]).first() if data["subject_staff"] else None
    )
    return [
        services.MatterInput(
            kind=kind,
            instance=data["instance"] if kind == MatterKind.KHIEU_NAI else None,
            subject_role=data["subject_role"],
            subject_unit=staff_unit(staff, letter.received_on) or letter.unit,
            subject_staff=staff,
        )
        for kind in data["matter_kinds"]
    ]


def staff_unit(staff: Staff | None, on):
    """The unit of the officer complained of on the letter's day (the competent resolver is
    that unit's head — Luật THADS 2008, Điều 142), not of his latest posting: an officer
    moved since is still answered for by the unit he acted in. Falls back to the latest
    posting when none covers the day."""
    if staff is None:
        return None
    membership = active_membership(staff, on) or staff.memberships.order_by("-valid_from").first()
    return membership.unit if membership else None


@login_required
@require_http_methods(["GET", "POST"])
def letter_handle(request, pk: int):
    """Xử lý đơn: thụ lý, chuyển đơn, hướng dẫn hoặc lưu đơn."""
    letter = get_object_or_404(selectors.letters_visible(request.access), pk=pk)
    require(permissions.may_handle(request.access, letter.unit))
    staff_choices = [
        (s.code, f"{s.full_name} — {s.get_title_display()}")
        for s in Staff.objects.filter(
            memberships__unit_id__in=scope_ids(request.access, letter.unit)
        ).distinct()
    ]
    form = HandlingForm(request.POST or None, letter=letter, staff_choices=staff_choices)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            result, status = run_service(
                form,
                lambda: services.letter_handle(
                    letter,
                    services.HandlingInput(
                        on=data["on"],
                        handling=data["handling"],
                        competent=data["competent"],
                        eligible=data["eligible"],
                        ineligible_reason=data["ineligible_reason"],
                        sent_to=data["sent_to"],
                        matters=_matter_inputs(data, letter),
                    ),
                    expected_version=data["version"],
                    by=request.user,
                ),
            )
            if result is not None:
                messages.success(request, _("Đã xử lý đơn số %(code)s.") % {"code": letter.code})
                return redirect("complaints:letter", pk=letter.pk)
    context = letter_context(request, letter)
    context["form"] = form
    return render(request, "complaints/letter_handle.html", context, status=status)


@login_required
def rule_list(request):
    """The rule table in force, with its sources and what is not verified yet."""
    return render(
        request,
        "complaints/rules.html",
        {
            "rules": ComplaintRule.objects.order_by("kind", "key", "-effective_from"),
            "nav_active": "complaints_rules",
        },
    )
