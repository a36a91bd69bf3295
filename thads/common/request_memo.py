"""Values read once per page: what a reading request asks for again and again (the unit tree
behind every scope) is computed the first time and kept until the response is returned.

Only GET and HEAD requests keep values (a reading request changes nothing, so a value cannot go
stale inside it); a POST, a management command, a job or a test calling a function directly
computes every time, exactly as without this module. The memo lives in a context variable: each
thread of the server has its own, and nothing crosses from one request to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("thads_request_memo", default=None)


def in_reading_request() -> bool:
    """Whether values are kept (a GET or HEAD request is being answered in this thread)."""
    return _memo.get() is not None


def memoised(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per reading request for `key` (every call outside one)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]


def first_in_request(key: Hashable) -> bool:
    """True the first time `key` is asked for in a reading request (and always outside one):
    for work a page needs done once, e.g. bringing the statistics' facts up to date."""
    memo = _memo.get()
    if memo is None:
        return True
    if key in memo:
        return False
    memo[key] = True
    return True


class RequestMemoMiddleware:
    """Opens the memo of a GET or HEAD request for the view and its template, then drops it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
