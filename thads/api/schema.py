"""The OpenAPI schema: every operation documents its problem-details errors."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from thads.api.problems import ERROR_STATUSES, PROBLEM_TYPE, ProblemSerializer


class ThadsSchema(AutoSchema):
    """AutoSchema plus the error responses (application/problem+json) of each method."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in ERROR_STATUSES.get(self.method, ERROR_STATUSES["POST"]):
            responses.setdefault(
                str(code),
                self._get_response_for_code(ProblemSerializer, str(code), [PROBLEM_TYPE]),
            )
        return responses


class TokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <key>`: the token of a user, issued in the administration."""

    target_class = "thads.api.authentication.ScopedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token do quản trị viên cấp: `Token <mã>`.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    """The session cookie of a user signed in to the screens (Swagger UI in the browser)."""

    target_class = "thads.api.authentication.ScopedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
