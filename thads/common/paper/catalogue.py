"""Documents drawn from the template catalogue by the apps that do not own it.

The catalogue — templates as versioned data (code, title, legal basis per law, effective dates,
signer and recipients rules, body with placeholders) — and its composer belong to
`thads.documents`. The complaint handling prints its notices, letters, decisions and minutes,
and oversight its THAHC notice and letters, inspection decision and conclusion and answer to the
procuracy, from the same catalogue, but `complaints`, `oversight` and `documents` are apps of one
layer and never import each other (docs/architecture.md). So `documents` registers its composer
here when it starts (`register_catalogue`), and an app supplies what only it knows — the
template code, the document's date, the values of the placeholders, the header and the signer's
name — to `catalogue_body`, which returns the `Body` the renderers of this package print. One
rendering path: the same templates, composer and renderers as the case documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from thads.common.paper.body import Body, Header

# (code, day, context, *, header, signer_name="", draft=False) -> Body: `catalogue_body`'s own.
Composer = Callable[..., Body]
# (code, day) -> bool: whether a version of the template is in force that day.
InForce = Callable[[str, dt.date], bool]

_catalogue: dict[str, Callable] = {}


def register_catalogue(composer: Composer, in_force: InForce) -> None:
    """Install the catalogue's composer and lookup (called once by `thads.documents` at
    start-up)."""
    _catalogue.update(compose=composer, in_force=in_force)


def _get(name: str) -> Callable:
    if name not in _catalogue:
        raise ImproperlyConfigured("thads.documents is not installed: no template catalogue.")
    return _catalogue[name]


def in_catalogue(code: str, day: dt.date) -> bool:
    """Whether the template `code` has a version in force on `day` (a document dated before
    the catalogue's first version of it has none: its link is not shown)."""
    return bool(_get("in_force")(code, day))


def catalogue_body(
    code: str,
    day: dt.date,
    context: dict[str, Any],
    *,
    header: Header,
    signer_name: str = "",
    draft: bool = False,
) -> Body:
    """The body of the template `code` in force on `day`, its placeholders filled from
    `context`. Raises `DomainError` when no version of the template is in force that day."""
    compose = _get("compose")
    return compose(code, day, context, header=header, signer_name=signer_name, draft=draft)
