"""One way for a view to run a service and show its refusal to the user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError

T = TypeVar("T")


def error_text(exc: DomainError) -> str:
    """The refusal as shown: the message, and the article of law when there is one."""
    return str(exc)


def run_service(form: Any, action: Callable[[], T]) -> tuple[T | None, int]:
    """Run a service; its refusal becomes a non-field error of `form`.

    Returns (result, HTTP status): 302 done (the view redirects), 400 refused by a rule
    (`DomainError`, with its article), 409 changed by someone else meanwhile.
    """
    try:
        return action(), 302
    except ConcurrentEditError as exc:
        form.add_error(None, str(exc))
        return None, 409
    except DomainError as exc:
        form.add_error(None, error_text(exc))
        return None, 400
