"""Per-client rate limiting for public endpoints (the read API, search), kept in the shared cache.

Why a sliding window estimated from two fixed-window counters: one atomic `incr` per request, no list of
timestamps per client, and no burst of twice the limit at a window boundary. The client is REMOTE_ADDR; behind
trusted reverse proxies set RATELIMIT_TRUSTED_PROXY_COUNT to how many of them append to X-Forwarded-For, and the
client address is taken that many entries from the right (entries further left can be forged by the client).

Settings: RATELIMIT_ENABLED (default True), RATELIMIT_CACHE_ALIAS ("default"; must be shared by every server
process to be exact), RATELIMIT_RATES ({scope: "120/m"}), RATELIMIT_TRUSTED_PROXY_COUNT (0).
"""

from __future__ import annotations

import functools
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import JsonResponse
from django.utils.translation import gettext as _

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    window: int  # seconds

    @classmethod
    def parse(cls, text: str) -> Rate:
        """ "120/m", "10/30s", "5000/d"."""
        match = RATE_PATTERN.match(text)
        if not match:
            raise ValueError(f"invalid rate {text!r}: expected e.g. '120/m' or '10/30s'")
        limit, count, unit = match.groups()
        return cls(int(limit), int(count or 1) * UNITS[unit])


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # seconds; 0 when allowed


def client_ip(request) -> str:
    trusted = int(getattr(settings, "RATELIMIT_TRUSTED_PROXY_COUNT", 0))
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


class RateLimiter:
    def __init__(self, scope: str, rate: str = "120/m"):
        self.scope = scope
        self.default_rate = rate

    @property
    def rate(self) -> Rate:
        return Rate.parse(getattr(settings, "RATELIMIT_RATES", {}).get(self.scope, self.default_rate))

    def hit(self, request, now: float | None = None) -> Decision:
        """Count this request for its client and decide."""
        rate = self.rate
        if not getattr(settings, "RATELIMIT_ENABLED", True):
            return Decision(True, rate.limit, rate.limit, 0)
        store = caches[getattr(settings, "RATELIMIT_CACHE_ALIAS", "default")]
        now = time.time() if now is None else now
        window = int(now // rate.window)
        elapsed = now - window * rate.window
        client = re.sub(r"[^0-9A-Za-z.:_-]", "_", client_ip(request))[:64]
        current_key = f"rl:{self.scope}:{client}:{window}"
        store.add(current_key, 0, timeout=rate.window * 2 + 1)
        try:
            count = store.incr(current_key)
        except ValueError:  # evicted between add and incr
            store.set(current_key, 1, timeout=rate.window * 2 + 1)
            count = 1
        previous = store.get(f"rl:{self.scope}:{client}:{window - 1}", 0)
        weight = (rate.window - elapsed) / rate.window
        estimate = previous * weight + count
        if estimate <= rate.limit:
            return Decision(True, rate.limit, max(0, int(rate.limit - estimate)), 0)
        # When would one more request fit, if the client sent nothing until then?
        if count >= rate.limit:
            # Only the next window helps: this window's count, fading, must leave room for one request.
            wait = (rate.window - elapsed) + rate.window * max(0.0, 1 - (rate.limit - 1) / count)
        else:
            wait = (rate.window - elapsed) - (rate.limit - count - 1) * rate.window / previous
        return Decision(False, rate.limit, 0, max(1, math.ceil(wait)))


def too_many_requests(decision: Decision) -> JsonResponse:
    response = JsonResponse(
        {
            "error": "rate_limited",
            "message": _("请求过于频繁，请在 %(seconds)s 秒后重试。") % {"seconds": decision.retry_after},
            "retry_after": decision.retry_after,
        },
        status=429,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = str(decision.retry_after)
    response["Cache-Control"] = "no-store"
    return response


def ratelimit(scope: str, rate: str = "120/m"):
    """View decorator: 429 with Retry-After once a client exceeds `rate` (overridable per scope in settings)."""
    limiter = RateLimiter(scope, rate)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            decision = limiter.hit(request)
            if not decision.allowed:
                return too_many_requests(decision)
            response = view(request, *args, **kwargs)
            response["X-RateLimit-Limit"] = str(decision.limit)
            response["X-RateLimit-Remaining"] = str(decision.remaining)
            return response

        return wrapped

    return decorator
