"""Domain errors carry a Vietnamese message for the user (and a citation when it is the law)."""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused an action; `message` is shown to the user as is."""

    def __init__(self, message: str, *, article: str | None = None):
        self.message = message
        self.article = article
        super().__init__(f"{message} ({article})" if article else message)

    def __str__(self) -> str:
        return f"{self.message} ({self.article})" if self.article else self.message
