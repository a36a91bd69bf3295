"""What the complaint screens share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from thads.org.access import scope_unit_ids
from thads.org.models import Unit


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def scope_ids(access, unit: Unit) -> frozenset[int]:
    """The unit's subtree (and predecessors) the user may read."""
    return scope_unit_ids(unit) & access.visible_unit_ids
