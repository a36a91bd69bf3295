"""View shortcuts over the organisation: a unit the user may read, or 404."""

from __future__ import annotations

from django.http import Http404

from thads.org.access import Access
from thads.org.models import Unit


def unit_for_read_or_404(access: Access, code: str) -> Unit:
    """The unit `code` if the user may read it; 404 otherwise (outside the scope = not there)."""
    unit = Unit.objects.filter(code=code).select_related("parent").first()
    if unit is None or not access.can_read_unit(unit.pk):
        raise Http404
    return unit
