"""A small rate limit for the case lookup: a few tries per address and quarter of an hour, so
that nobody can try identity numbers one after the other."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def _key(request) -> str:
    return f"portal:lookup:{request.META.get('REMOTE_ADDR', '')}"


def allow(request) -> bool:
    """Count one try of this address; False once it has used up its tries for the window."""
    limit = getattr(settings, "THADS_LOOKUP_LIMIT", 10)
    window = getattr(settings, "THADS_LOOKUP_WINDOW", 15 * 60)
    key = _key(request)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
