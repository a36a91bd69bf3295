"""The documents of oversight on screen (the paper's HTML) and as files (DOCX, PDF): the
notice and the letters of a monitored judgment, an inspection's decision and conclusion, the
answer to the procuracy — templates of the documents catalogue filled by `oversight.papers`.
Reading the record is enough to print it (a draft says "DỰ THẢO"); a document dated before the
catalogue's first version of its template is a 404."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from thads.common.paper import Body
from thads.common.paper.files import FILE_TYPES, paper_file_response, paper_page
from thads.oversight import papers, selectors
from thads.oversight.models import AdminJudgmentStep, StepKind


def _step(request, pk: int) -> AdminJudgmentStep:
    step = (
        AdminJudgmentStep.objects.select_related("judgment", "judgment__unit")
        .filter(pk=pk, kind__in=papers.LETTER_TEMPLATES)
        .first()
    )
    if step is None or not request.access.can_read_unit(step.judgment.unit_id):
        raise Http404
    return step


def _judgment_paper(builder: Callable) -> Callable:
    def build(request, pk: int) -> tuple[Body, str, str]:
        judgment = selectors.judgment_for_read_or_404(request.access, pk)
        back = reverse("oversight:thahc_detail", args=[judgment.pk])
        return builder(judgment, timezone.localdate()), back, judgment.code

    return build


def _letter(request, pk: int) -> tuple[Body, str, str]:
    step = _step(request, pk)
    judgment = step.judgment
    body = papers.letter_body(judgment, step.kind, timezone.localdate(), step)
    return body, reverse("oversight:thahc_detail", args=[judgment.pk]), judgment.code


def _inspection_paper(builder: Callable) -> Callable:
    def build(request, pk: int) -> tuple[Body, str, str]:
        inspection = selectors.inspection_for_read_or_404(request.access, pk)
        back = reverse("oversight:inspection_detail", args=[inspection.pk])
        return builder(inspection), back, inspection.code

    return build


def _answer(request, pk: int) -> tuple[Body, str, str]:
    act = selectors.procuracy_act_for_read_or_404(request.access, pk)
    back = reverse("oversight:procuracy_detail", args=[act.pk])
    return papers.procuracy_answer_body(act, timezone.localdate()), back, act.number


# slug → (title, builder(request, pk) → (body, back url, back label))
PAPERS: dict[str, tuple] = {
    "thong-bao": (
        _("Thông báo tự nguyện thi hành án hành chính"),
        _judgment_paper(papers.notice_body),
    ),
    "don-doc": (
        _("Dự thảo văn bản đôn đốc"),
        _judgment_paper(lambda j, today: papers.letter_body(j, StepKind.DON_DOC, today)),
    ),
    "kien-nghi": (
        _("Dự thảo văn bản kiến nghị"),
        _judgment_paper(lambda j, today: papers.letter_body(j, StepKind.KIEN_NGHI, today)),
    ),
    "van-ban": (_("Văn bản đôn đốc, kiến nghị"), _letter),
    "quyet-dinh-kiem-tra": (
        _("Quyết định kiểm tra"),
        _inspection_paper(papers.inspection_decision_body),
    ),
    "ket-luan-kiem-tra": (
        _("Kết luận kiểm tra"),
        _inspection_paper(lambda i: papers.conclusion_body(i, timezone.localdate())),
    ),
    "tra-loi-vks": (_("Văn bản trả lời Viện kiểm sát"), _answer),
}


def _build(request, kind: str, pk: int):
    if kind not in PAPERS:
        raise Http404
    title, builder = PAPERS[kind]
    try:
        body, back, label = builder(request, pk)
    except papers.NoTemplate as missing:
        # Dated before the catalogue's first version of its template (documents.seed_oversight).
        raise Http404 from missing
    return title, body, back, label


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
        file_url=lambda fmt: reverse("oversight:paper_file", args=[kind, pk, fmt]),
        nav_active="thahc",
    )


@login_required
@require_GET
def download(request, kind: str, pk: int, fmt: str):
    if fmt not in FILE_TYPES:
        raise Http404
    _title, body, _back, label = _build(request, kind, pk)
    return paper_file_response(body, kind, label, fmt)
