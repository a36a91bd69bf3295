"""Who calls the API: a token issued in the administration, or a signed-in user's session.

Either way the caller gets exactly the screens' scope: `request.access` is computed from the
authenticated user (org.access), so what a token sees is what its user sees in the UI.
"""

from __future__ import annotations

from rest_framework.authentication import SessionAuthentication, TokenAuthentication

from thads.org.access import access_for


def _scoped(result):
    """Attach the user's Access to the Django request (the selectors read request.access)."""
    if result is not None:
        user, _auth = result
        return result, access_for(user)
    return None, None


class ScopedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` (tokens: Quản trị → Token API)."""

    def authenticate(self, request):
        result, access = _scoped(super().authenticate(request))
        if access is not None:
            request._request.access = access
        return result


class ScopedSessionAuthentication(SessionAuthentication):
    """The browser's session (Swagger UI for a signed-in user); CSRF checked on writes."""

    def authenticate(self, request):
        result, access = _scoped(super().authenticate(request))
        if access is not None:
            request._request.access = access
        return result
