"""The client address of a request, the one definition shared by the login lockout (django-axes), the rate
limiter and anything else that counts per client.

Why from the right of X-Forwarded-For: each trusted reverse proxy appends the address it saw, so with
TRUSTED_PROXY_COUNT=N the client is the N-th entry from the right; entries further left were written by the
client and can be forged. With no trusted proxy (the default) the header is ignored and the socket address is used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return ""


# Stands for "no address" (a request-less call, a test request without REMOTE_ADDR): still a valid IP address,
# because django-axes stores it in a PostgreSQL inet column, which refuses any other text.
NO_ADDRESS = "0.0.0.0"  # noqa: S104  (a value compared and stored, never bound to)


def client_ip(request) -> str:
    """The client's IP address as text (NO_ADDRESS when there is none)."""
    if request is None:
        return NO_ADDRESS
    remote = _valid(str(request.META.get("REMOTE_ADDR", ""))) or NO_ADDRESS
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < trusted:
        return remote  # the proxies we trust did not all pass by: the header cannot be believed
    return _valid(forwarded[-trusted]) or remote
