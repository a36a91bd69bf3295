"""The documents of the complaint handling on screen (the paper's HTML) and as files (DOCX,
PDF): the document of a letter's handling (notice of acceptance or refusal, forwarding or
guidance letter), the document resolving a matter, the minutes of a dialogue step and of a
reception session (complaints.papers, drawn from the template catalogue). Who may read the
record may print it; a denouncer's name only for who may see it, and never on a document
resolving a denunciation. A document dated when no version of its template is in force is a
404 (the catalogue starts on 01/01/2021)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from thads.common.errors import DomainError
from thads.common.paper import Body
from thads.common.paper.files import paper_file_response, paper_page
from thads.complaints import papers, permissions, selectors
from thads.complaints.models import MatterStep, StepKind

Built = tuple[Body, str, str]  # body, back url, back label


def _letter(request, pk: int, slug: str) -> Built:
    letter = get_object_or_404(selectors.letters_visible(request.access), pk=pk)
    paper = papers.letter_paper_of(letter, timezone.localdate())
    if paper is None or paper.slug != slug:
        raise Http404
    matters = selectors.letter_matters(letter)
    show = permissions.may_see_identity(request.access, letter, matters)
    body = papers.letter_paper(letter, matters, show, timezone.localdate())
    return body, reverse("complaints:letter", args=[letter.pk]), letter.code


def _visible_matter(request, pk: int):
    return get_object_or_404(
        selectors.matters_visible(request.access).select_related(
            "letter", "resolver_unit", "subject_staff", "verifier"
        ),
        pk=pk,
    )


def _identity(request, matter) -> bool:
    return permissions.may_see_identity(
        request.access, matter.letter, selectors.letter_matters(matter.letter)
    )


def _matter(request, pk: int) -> Built:
    matter = _visible_matter(request, pk)
    body = papers.matter_paper(matter, _identity(request, matter), timezone.localdate())
    return body, reverse("complaints:matter", args=[matter.pk]), matter.code


def _dialogue(request, pk: int) -> Built:
    """`pk` is the dialogue step's; the matter must be visible to the user."""
    step = get_object_or_404(MatterStep, pk=pk, kind=StepKind.DOI_THOAI)
    matter = _visible_matter(request, step.matter_id)
    step.matter = matter
    body = papers.dialogue_paper(step, _identity(request, matter))
    label = f"{matter.code} {step.on:%d/%m/%Y}"
    return body, reverse("complaints:matter", args=[matter.pk]), label


def _session(request, pk: int) -> Built:
    session = get_object_or_404(selectors.sessions_visible(request.access), pk=pk)
    label = f"{session.held_on:%d/%m/%Y}"
    return papers.minutes_paper(session), reverse("complaints:session", args=[session.pk]), label


def _letter_builder(slug: str) -> Callable[..., Built]:
    return lambda request, pk: _letter(request, pk, slug)


# slug → (title, builder(request, pk))
PAPERS: dict[str, tuple[str, Callable[..., Built]]] = {
    "thong-bao-thu-ly": (_("Thông báo thụ lý"), _letter_builder("thong-bao-thu-ly")),
    "thong-bao-khong-thu-ly": (
        _("Thông báo không thụ lý"),
        _letter_builder("thong-bao-khong-thu-ly"),
    ),
    "chuyen-don": (_("Văn bản chuyển đơn"), _letter_builder("chuyen-don")),
    "huong-dan": (_("Văn bản hướng dẫn"), _letter_builder("huong-dan")),
    "giai-quyet": (_("Văn bản giải quyết"), _matter),
    "bien-ban-doi-thoai": (_("Biên bản đối thoại"), _dialogue),
    "bien-ban-tiep": (_("Biên bản tiếp công dân"), _session),
}


def _build(request, kind: str, pk: int) -> tuple[str, Body, str, str]:
    if kind not in PAPERS:
        raise Http404
    title, builder = PAPERS[kind]
    try:
        body, back, label = builder(request, pk)
    except DomainError as exc:  # no version of the template in force on the document's date
        raise Http404(str(exc)) from exc
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
