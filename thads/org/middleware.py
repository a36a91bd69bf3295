"""Attach the user's Access to the request; the active unit is resolved on demand."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from thads.org.access import access_for
from thads.org.models import Unit

ACTIVE_UNIT_SESSION_KEY = "thads_active_unit"


def active_unit(request) -> Unit | None:
    """The unit the user is looking at: its own, or one a leader switched to in its subtree."""
    if hasattr(request, "_thads_active_unit"):
        return request._thads_active_unit
    access = request.access
    unit = None
    unit_id = request.session.get(ACTIVE_UNIT_SESSION_KEY)
    if unit_id and access.is_leader and access.can_read_unit(unit_id):
        unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None and access.home_unit is not None:
        unit = access.home_unit
    if unit is None and access.is_superuser:
        unit = Unit.objects.filter(parent__isnull=True).order_by("tree_order").first()
    request._thads_active_unit = unit
    return unit


class ActiveUnitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = SimpleLazyObject(lambda: access_for(request.user))
        return self.get_response(request)
