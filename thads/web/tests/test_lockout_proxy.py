"""Login lockout by the real client address, directly and behind a trusted reverse proxy
(issue 9, item 8): nobody can lock another person out by failing from the proxy's address,
and nobody can choose the locked address by writing X-Forwarded-For."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from thads.org.demo import DEMO_PASSWORD
from thads.web.client_ip import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("canbo", password=DEMO_PASSWORD)


def _login(remote: str, forwarded: str | None, password: str) -> int:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    response = Client(**extra).post(reverse("login"), {"username": "canbo", "password": password})
    return response.status_code


def _fail_five_times(remote: str, forwarded: str | None) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(remote, forwarded, "sai")


def test_axes_uses_the_client_ip_callable():
    assert settings.AXES_CLIENT_IP_CALLABLE == "thads.web.client_ip.client_ip"


def test_directly_the_forwarded_header_is_ignored(user, settings):
    settings.THADS_TRUSTED_PROXIES = []
    _fail_five_times("203.0.113.7", "198.51.100.1")
    # The attacker's own address is locked, whatever it wrote in the header …
    assert _login("203.0.113.7", "198.51.100.99", DEMO_PASSWORD) == 429
    # … and the address it named is not.
    assert _login("198.51.100.1", None, DEMO_PASSWORD) == 302


def test_behind_a_trusted_proxy_only_the_attacker_is_locked(user, settings):
    settings.THADS_TRUSTED_PROXIES = [PROXY]
    _fail_five_times(PROXY, "203.0.113.7")
    assert _login(PROXY, "203.0.113.7", DEMO_PASSWORD) == 429
    # The user at another address behind the same proxy still signs in.
    assert _login(PROXY, "198.51.100.20", DEMO_PASSWORD) == 302


def test_a_client_cannot_forge_its_place_in_the_chain(user, settings):
    settings.THADS_TRUSTED_PROXIES = [PROXY]
    # The attacker writes a victim's address first; the proxy appends the real one.
    _fail_five_times(PROXY, "198.51.100.20, 203.0.113.7")
    assert _login(PROXY, "198.51.100.20", DEMO_PASSWORD) == 302


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("203.0.113.7", "1.2.3.4", [], "203.0.113.7"),
        ("10.0.0.5", "1.2.3.4", ["10.0.0.0/8"], "1.2.3.4"),
        ("10.0.0.5", "1.2.3.4, 10.0.0.9", ["10.0.0.0/8"], "1.2.3.4"),
        ("10.0.0.5", "", ["10.0.0.0/8"], "10.0.0.5"),
        ("10.0.0.5", "not-an-ip", ["10.0.0.0/8"], "10.0.0.5"),
        ("10.0.0.5", "2001:db8::1", ["10.0.0.0/8"], "2001:db8::1"),
        ("192.0.2.1", "1.2.3.4", ["10.0.0.0/8"], "192.0.2.1"),
    ],
)
def test_client_ip(remote, forwarded, proxies, expected, settings):
    settings.THADS_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
