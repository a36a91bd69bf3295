"""Optimistic concurrency over HTTP: a case's ETag is its version; a write names it in If-Match.

A write without If-Match answers 428; one with a version that is no longer the case's answers
412 (the service re-checks under the row lock, so a race between two writers also ends in 412).
"""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.response import Response

from thads.api.problems import PreconditionFailed, PreconditionRequired
from thads.common.models import Tracked


def etag(row: Tracked) -> str:
    return f'"{row.version}"'


def with_etag(response: Response, row: Tracked) -> Response:
    response["ETag"] = etag(row)
    return response


def expected_version(request: Request, row: Tracked) -> int:
    """The version named by If-Match; 428 without it, 412 when it is not the current one."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    if header == "*":
        return row.version
    tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
    if not tag.isdigit() or int(tag) != row.version:
        raise PreconditionFailed()
    return int(tag)
