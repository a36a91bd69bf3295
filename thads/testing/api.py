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


def act_json(event_type: str, on, **values) -> dict:
    """The act's mandatory fields (cases.acts) as the API takes them: ISO dates, whole đồng."""
    import datetime as dt

    from thads.cases import acts

    day = on if isinstance(on, dt.date) else dt.date.fromisoformat(on)
    data: dict = {}
    for f in acts.act_fields(event_type):
        if not f.required:
            continue
        if f.kind == acts.DATE:
            data[f.key] = (day + dt.timedelta(days=90 if f.key == "until" else 0)).isoformat()
        elif f.kind == acts.MONEY:
            data[f.key] = 1_000_000
        elif f.kind == acts.CHOICE:
            choices = acts.ground_choices(event_type, "2008") if f.key == "ground" else f.choices
            data[f.key] = choices[0][0]
        else:
            data[f.key] = "Nội dung thử nghiệm"
    data.update(values)
    return data
