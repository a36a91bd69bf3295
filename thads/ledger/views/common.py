"""What the ledger screens share: the permission answer, the form page or fragment."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from thads.cases.models import Case
from thads.ledger import selectors

HELD_OLD_DAYS = 30


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def render_form(request, template: str, context: dict, status: int):
    """The form as an htmx fragment (loaded into the case page) or as a full page."""
    context.setdefault("fragment_template", template)
    full = "ledger/form_page.html"
    return render(request, template if request.htmx else full, context, status=status)


def balance(case: Case):
    return selectors.case_balance(case)
