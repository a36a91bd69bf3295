"""The documents of the complaint handling on screen (the paper's HTML) and as files (DOCX,
PDF): the notice of acceptance or refusal and the forwarding letter of a letter, the document
resolving a matter, the minutes of a reception session (complaints.papers). Who may read the
record may print it; a denouncer's name only for who may see it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from thads.common.paper import Body
from thads.common.paper.files import paper_file_response, paper_page
from thads.complaints import papers, permissions, selectors
from thads.complaints.models import Handling

Built = tuple[Body, str, str]  # body, back url, back label


def _letter(request, pk: int, *, accepted: bool) -> Built:
    letter = get_object_or_404(selectors.letters_visible(request.access), pk=pk)
    if not letter.handling or (letter.handling == Handling.THU_LY) != accepted:
        raise Http404
    matters = selectors.letter_matters(letter)
    show = permissions.may_see_identity(request.access, letter, matters)
    today = timezone.localdate()
    if accepted:
        body = papers.acceptance_body(letter, matters, show, today)
    else:
        body = papers.refusal_body(letter, show, today)
    return body, reverse("complaints:letter", args=[letter.pk]), letter.code


def _matter(request, pk: int) -> Built:
    matter = get_object_or_404(
        selectors.matters_visible(request.access).select_related(
            "letter", "resolver_unit", "subject_staff"
        ),
        pk=pk,
    )
    show = permissions.may_see_identity(
        request.access, matter.letter, selectors.letter_matters(matter.letter)
    )
    body = papers.resolution_body(matter, show, timezone.localdate())
    return body, reverse("complaints:matter", args=[matter.pk]), matter.code


def _session(request, pk: int) -> Built:
    session = get_object_or_404(selectors.sessions_visible(request.access), pk=pk)
    label = f"{session.held_on:%d/%m/%Y}"
    return papers.minutes_body(session), reverse("complaints:session", args=[session.pk]), label


# slug → (title, builder(request, pk))
PAPERS: dict[str, tuple[str, Callable[..., Built]]] = {
    "thong-bao-thu-ly": (
        _("Thông báo thụ lý"),
        lambda request, pk: _letter(request, pk, accepted=True),
    ),
    "thong-bao-khong-thu-ly": (
        _("Thông báo không thụ lý, văn bản chuyển đơn"),
        lambda request, pk: _letter(request, pk, accepted=False),
    ),
    "giai-quyet": (_("Văn bản giải quyết"), _matter),
    "bien-ban-tiep": (_("Biên bản tiếp công dân"), _session),
}


def _build(request, kind: str, pk: int) -> tuple[str, Body, str, str]:
    if kind not in PAPERS:
        raise Http404
    title, builder = PAPERS[kind]
    body, back, label = builder(request, pk)
    return str(title), body, back, label


@login_required
@require_GET
def show(request, kind: str, pk: int):
    title, body, back, label = _build(request, kind, pk)
    return paper_page(
        request,
        title=title,
        body=body,
        back=back,
        back_label=label,
        file_url=lambda fmt: reverse("complaints:paper_file", args=[kind, pk, fmt]),
        nav_active="complaints_register",
    )


@login_required
@require_GET
def download(request, kind: str, pk: int, fmt: str):
    _title, body, _back, label = _build(request, kind, pk)
    return paper_file_response(body, kind, label, fmt)
