"""A matter (vụ việc) and its steps; the matters a unit resolves; the case page's panel."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thads.common.views import run_service
from thads.complaints import papers, permissions, rules, selectors, services
from thads.complaints.forms_matters import (
    DecideForm,
    ExtendForm,
    StepForm,
    VerifierForm,
    WithdrawForm,
)
from thads.complaints.models import StepKind
from thads.complaints.views.common import require, scope_ids
from thads.org.models import Staff
from thads.org.shortcuts import unit_for_read_or_404

# URL slug → (step, label, form class). Verification and dialogue are open to the verifier.
ACTIONS = {
    "giao-xac-minh": (StepKind.GIAO_XAC_MINH, VerifierForm),
    "xac-minh": (StepKind.XAC_MINH, StepForm),
    "doi-thoai": (StepKind.DOI_THOAI, StepForm),
    "tam-dung": (StepKind.TAM_DUNG, StepForm),
    "huy-tam-dung": (StepKind.HUY_TAM_DUNG, StepForm),
    "gia-han": (StepKind.GIA_HAN, ExtendForm),
    "rut-don": (StepKind.RUT_DON, WithdrawForm),
    "giai-quyet": (StepKind.GIAI_QUYET, DecideForm),
}
VERIFIER_ACTIONS = frozenset({"xac-minh", "doi-thoai"})


def available_actions(matter) -> list[tuple[str, str]]:
    """The steps open now, in the order an officer takes them."""
    if matter.resolved_on is not None:
        return []
    slugs = ["giao-xac-minh", "xac-minh", "doi-thoai"]
    if rules.may_suspend(matter.kind):
        slugs.append("huy-tam-dung" if matter.is_suspended else "tam-dung")
    if rules.may_extend(matter.kind):
        slugs.append("gia-han")
    slugs += ["rut-don", "giai-quyet"]
    return [(s, ACTIONS[s][0].label) for s in slugs]


def _matter_or_404(request, pk: int):
    return get_object_or_404(selectors.matters_visible(request.access), pk=pk)


@login_required
def matter_detail(request, pk: int):
    matter = _matter_or_404(request, pk)
    access = request.access
    letter = matter.letter
    matters = selectors.letter_matters(letter)
    today = timezone.localdate()
    may_work = permissions.may_work_matter(access, matter)
    steps = list(matter.steps.select_related("recorded_by"))
    actions = [
        (slug, label)
        for slug, label in available_actions(matter)
        if permissions.may_handle(access, matter.resolver_unit) or slug in VERIFIER_ACTIONS
    ]
    return render(
        request,
        "complaints/matter.html",
        {
            "matter": matter,
            "letter": letter,
            "unit": matter.resolver_unit,
            "senders": list(letter.senders.all()),
            "may_see_identity": permissions.may_see_identity(access, letter, matters),
            "steps": steps,
            "resolution_printable": papers.matter_paper_available(matter, today),
            "dialogue_minutes": papers.dialogue_steps_printable(steps),
            "actions": actions if may_work else [],
            "overdue": rules.is_overdue(matter.due_on, matter.resolved_on, today),
            "back": _back_link(access, matter),
            "nav_active": "complaints_matters",
        },
    )


def _back_link(access, matter) -> tuple[str, str] | None:
    """(address, label) of the list the matter page goes back to: the resolving unit's matters
    when the reader sees that unit, else the register of the unit that received the letter (a
    district head reads a matter the province resolves), else none — never a page that
    answers 404."""
    if access.can_read_unit(matter.resolver_unit_id):
        url = reverse("complaints:matters", args=[matter.resolver_unit.code])
        return url, _("Vụ việc khiếu nại, tố cáo")
    if access.can_read_unit(matter.letter.unit_id):
        return reverse("complaints:register", args=[matter.letter.unit.code]), _("Sổ tiếp nhận đơn")
    return None


def _staff_choices(access, unit):
    in_scope = Staff.objects.filter(memberships__unit_id__in=scope_ids(access, unit)).distinct()
    return [(s.code, f"{s.full_name} — {s.get_title_display()}") for s in in_scope]


def _run(request, matter, slug: str, data: dict):
    by, version, on = request.user, data["version"], data["on"]
    note = data.get("note", "")
    if slug == "giao-xac-minh":
        verifier = Staff.objects.get(code=data["verifier"])
        return lambda: services.matter_assign_verifier(
            matter, verifier, on=on, expected_version=version, by=by
        )
    if slug in VERIFIER_ACTIONS:
        kind = ACTIONS[slug][0]
        return lambda: services.matter_record(matter, kind, on=on, note=note, by=by)
    if slug == "tam-dung":
        return lambda: services.matter_suspend(
            matter, on=on, note=note, expected_version=version, by=by
        )
    if slug == "huy-tam-dung":
        return lambda: services.matter_resume(
            matter, on=on, note=note, expected_version=version, by=by
        )
    if slug == "gia-han":
        return lambda: services.matter_extend(
            matter, on=on, until=data["until"], reason=note, expected_version=version, by=by
        )
    if slug == "rut-don":
        return lambda: services.matter_withdraw(
            matter,
            on=on,
            note=note,
            expected_version=version,
            by=by,
            decision_no=data.get("decision_no", ""),
        )
    return lambda: services.matter_decide(
        matter,
        on=on,
        outcome=data["outcome"],
        decision_no=data["decision_no"],
        measures=data["measures"],
        expected_version=version,
        by=by,
    )


@login_required
@require_http_methods(["GET", "POST"])
def matter_action(request, pk: int, action: str):
    """One step of the matter (the form, then the service)."""
    matter = _matter_or_404(request, pk)
    if action not in ACTIONS:
        raise Http404
    access = request.access
    allowed = permissions.may_handle(access, matter.resolver_unit) or (
        action in VERIFIER_ACTIONS and permissions.may_work_matter(access, matter)
    )
    require(allowed)
    kind, form_class = ACTIONS[action]
    extra: dict = {}
    if form_class is VerifierForm:
        extra["staff_choices"] = _staff_choices(access, matter.resolver_unit)
    if form_class is DecideForm:
        extra["outcomes"] = rules.decision_outcomes(matter.kind)
    form = form_class(request.POST or None, matter=matter, **extra)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            result, status = run_service(form, _run(request, matter, action, form.cleaned_data))
            if result is not None:
                messages.success(request, _("Đã ghi nhận: %(step)s.") % {"step": kind.label})
                return redirect("complaints:matter", pk=matter.pk)
    return render(
        request,
        "complaints/matter_action.html",
        {"matter": matter, "form": form, "title": kind.label, "unit": matter.resolver_unit},
        status=status,
    )


FILTERS = [
    ("", gettext_lazy("Tất cả")),
    ("dang_giai_quyet", gettext_lazy("Đang giải quyết")),
    ("qua_han", gettext_lazy("Quá hạn")),
    ("xong", gettext_lazy("Đã giải quyết xong")),
]


@login_required
def matter_list(request, unit_code: str):
    """Vụ việc the unit (and its subtree) resolves: open, overdue, resolved. `ngay` (ISO date)
    counts open and overdue as of that day and `rieng=1` keeps the unit's own matters: the
    leaders' count by resolver links here with both, and the list shows exactly its rows."""
    unit = unit_for_read_or_404(request.access, unit_code)
    today = timezone.localdate()
    state = request.GET.get("tinh_trang", "")
    state = state if state in dict(FILTERS) else ""
    as_of = _iso_day(request.GET.get("ngay", "")) or today
    own = request.GET.get("rieng") == "1"
    unit_ids = {unit.pk} if own else scope_ids(request.access, unit)
    rows = selectors.matters_of_units(request.access, unit_ids, state=state, as_of=as_of)
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    for m in page.object_list:
        m.overdue = rules.is_overdue(m.due_on, m.resolved_on, as_of)
    query = {"tinh_trang": state} if state else {}
    if as_of != today:
        query["ngay"] = as_of.isoformat()
    if own:
        query["rieng"] = "1"
    return render(
        request,
        "complaints/matters.html",
        {
            "unit": unit,
            "page": page,
            "state": state,
            "states": FILTERS,
            "as_of": as_of if as_of != today else None,
            "own": own,
            "query": urlencode(query),
            "nav_active": "complaints_matters",
        },
    )


def _iso_day(text: str) -> dt.date | None:
    """A day from the URL (yyyy-mm-dd, never localised); anything else is ignored."""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def case_panel(request, case) -> dict | None:
    """The case page shows the matters about it, and whether an act is suspended."""
    # Only the matters' own fields are shown: no joins (their SQL cost more than running it).
    matters = list(selectors.matters_visible(request.access).filter(case=case).select_related(None))
    if not matters:
        return None
    return {
        "matters": matters,
        "suspended": [m for m in matters if m.is_suspended],
        "open": [m for m in matters if m.resolved_on is None],
    }
