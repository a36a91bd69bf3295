"""What the documents app adds to the shell and the case page: the menu entries (registers,
templates), the head's "chờ ký" home panel, the documents panel on the case page, and the
catalogue's composer for the apps of its layer (`common.paper.catalogue`: the complaint
handling's and oversight's documents)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.org.models import Role, Unit


def _register_url(name: str):
    def url(request, unit):
        if unit is None or unit.level != Unit.Level.LOCAL:
            return None
        return reverse(name, args=[unit.code])

    return url


def _reads(request, unit) -> bool:
    return unit is not None and request.access.can_read_unit(unit.pk)


def _works(request, unit) -> bool:
    return request.access.staff is not None or request.access.is_superuser


def to_sign(request, unit) -> dict | None:
    """Home panel: drafts waiting for the user's signature (the head; officers for their own)."""
    from thads.documents.selectors import waiting_for_signature

    access = request.access
    if unit is None or access.role not in {Role.HEAD, Role.DEPUTY, Role.OFFICER}:
        return None
    drafts = waiting_for_signature(access, unit)
    count = drafts.count()
    if access.role == Role.OFFICER and not count:
        return None
    shown = list(drafts.select_related("template", "case")[:10]) if count else []
    return {"drafts": shown, "count": count}


def case_panel(request, case) -> dict:
    from thads.documents.permissions import may_draft
    from thads.documents.selectors import case_documents

    return {
        "case": case,
        "documents": case_documents(case),
        "may_draft": may_draft(request.access, case),
    }


def number_issued(unit_code: str, series: str, year: int, number: int) -> bool:
    """Whether the unit issued a document with this number in the register and year (one
    without an event, e.g. a QĐ THA or a letter, is not seen in the acts)."""
    from thads.documents.models import Document

    return Document.objects.filter(
        unit__code=unit_code, series=series, year=year, number=number
    ).exists()


def register() -> None:
    """Called by `DocumentsConfig.ready()`."""
    from thads.cases.act_numbers import number_users
    from thads.cases.actions import register_case_panel

    if number_issued not in number_users:
        number_users.append(number_issued)
    from thads.common.paper.catalogue import register_catalogue
    from thads.documents.rendering import catalogue_body, template_exists

    register_catalogue(catalogue_body, template_exists)
    from thads.common.ui import HomePanel, MenuItem, register_home_panel, register_menu_item

    register_menu_item(
        MenuItem(
            key="documents_register",
            section="books",
            label=_("Sổ văn bản"),
            url=_register_url("documents:register"),
            visible=_reads,
            order=50,
        )
    )
    register_menu_item(
        MenuItem(
            key="documents_procuracy",
            section="books",
            label=_("Sổ gửi Viện kiểm sát"),
            url=_register_url("documents:procuracy_register"),
            visible=_reads,
            order=55,
        )
    )
    register_menu_item(
        MenuItem(
            key="documents_templates",
            section="books",
            label=_("Mẫu văn bản"),
            url_name="documents:templates",
            visible=_works,
            order=60,
        )
    )
    register_home_panel(
        HomePanel(
            key="documents_to_sign",
            template_name="documents/_home_to_sign.html",
            context=to_sign,
            order=15,
        )
    )
    register_case_panel("documents/_case_panel.html", case_panel)
