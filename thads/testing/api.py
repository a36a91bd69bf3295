"""API test helpers: a token per user and a DRF client that sends it.

`token_for(username)` issues (or returns) the user's token as the administration does;
`api_client(username)` is an APIClient authenticated with it (None: anonymous).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def token_for(username: str) -> str:
    user = get_user_model().objects.get(username=username)
    token, _created = Token.objects.get_or_create(user=user)
    return token.key


def api_client(username: str | None = None) -> APIClient:
    client = APIClient()
    if username:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(username)}")
    return client
