"""The client's real address, for the login lockout (django-axes) behind a reverse proxy.

Without a proxy the address is the connection's (`REMOTE_ADDR`), and `X-Forwarded-For` is
ignored: anybody can write that header, so trusting it would let an attacker pick the address
that gets locked. Behind a proxy every connection comes from the proxy, so locking "username +
REMOTE_ADDR" would let anyone lock out any known user for everybody (issue 9, item 8). The
proxies are declared in the setting `THADS_TRUSTED_PROXIES` (environment variable of the same
name: addresses or networks, comma-separated); when the connection comes from one of them, the
client is the right-most address of `X-Forwarded-For` that is not itself a trusted proxy (the
proxy appends what it saw; what is further left was written by the client and is not trusted).

Twenty lines here rather than django-ipware: one header, one rule, no second configuration to
keep in step with axes' own settings.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(declared: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in declared if item)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str | None:
    """`AXES_CLIENT_IP_CALLABLE`: REMOTE_ADDR, or the client behind a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "THADS_TRUSTED_PROXIES", ())))
    if not networks or not _trusted(_address(remote or ""), networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for item in reversed(forwarded.split(",")):
        address = _address(item)
        if address is None:
            return remote  # a malformed chain: fall back to the proxy, never to a guess
        if not _trusted(address, networks):
            return str(address)
    return remote
