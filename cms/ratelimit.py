"""Per-client rate limiting for public endpoints (the read API, search), kept in the shared cache.

Why a sliding window estimated from two fixed-window counters: one atomic `incr` per request, no list of
timestamps per client, and no burst of twice the limit at a window boundary. The client is `cms.network.client_ip`
(TRUSTED_PROXY_COUNT); the counters are atomic and expire (`cms.counters`: Redis, else the database).

Settings: RATELIMIT_ENABLED (default True), RATELIMIT_CACHE_ALIAS ("default"; counters go to Redis when that
alias is Redis, else to the database), RATELIMIT_RATES ({scope: "120/m"}).
"""

from __future__ import annotations

import functools
import logging
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from cms.counters import counters
from cms.network import client_ip

logger = logging.getLogger(__name__)

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
        now = time.time() if now is None else now
        window = int(now // rate.window)
        elapsed = now - window * rate.window
        client = re.sub(r"[^0-9A-Za-z.:_-]", "_", client_ip(request))[:64]
        current_key = f"rl:{self.scope}:{client}:{window}"
        store = counters()
        try:
            count = store.incr(current_key, rate.window * 2 + 1)
            previous = store.get(f"rl:{self.scope}:{client}:{window - 1}")
        except RedisError:
            logger.warning("Rate limiter: Redis unreachable, request allowed (fail open)", exc_info=True)
            return Decision(True, rate.limit, rate.limit, 0)
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
