"""View shortcuts over cases: a case the user may read, or 404."""

from __future__ import annotations

from django.http import Http404

from thads.cases import selectors
from thads.cases.models import Case
from thads.org.access import Access


def case_for_read_or_404(access: Access, pk: int) -> Case:
    """The case `pk` if it is in the user's scope; 404 otherwise (`selectors.case_for_read`)."""
    try:
        return selectors.case_for_read(access, pk)
    except Case.DoesNotExist:
        raise Http404 from None
