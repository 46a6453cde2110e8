"""A Redis cache that fails open: when Redis is unreachable the site keeps serving, uncached, and says so in the log.

Why: Django's RedisCache raises on every call when Redis is down, so each page that touches the cache (the page
cache, the chrome memo, Wagtail) answered 500. A cache is an optimisation; losing it must cost speed, not the site.
Reads answer "missing", writes are dropped; one warning per minute per process keeps the log readable.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("cms.cache")
WARN_EVERY = 60.0  # seconds


class FailOpenRedisCache(RedisCache):
    _last_warning = 0.0

    def _fail(self, operation: str, exc: Exception):
        now = time.monotonic()
        if now - FailOpenRedisCache._last_warning >= WARN_EVERY:
            FailOpenRedisCache._last_warning = now
            logger.warning("Redis cache unavailable (%s: %s); serving without cache", operation, exc)


def _fail_open(name: str, fallback):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as exc:
            self._fail(name, exc)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    return wrapped


def _default(key, default=None, *args, **kwargs):
    return default


for _name, _fallback in {
    "get": _default,
    "get_many": {},
    "has_key": False,
    "add": False,
    "set": None,
    "set_many": [],
    "touch": False,
    "delete": False,
    "delete_many": None,
    "clear": None,
}.items():
    setattr(FailOpenRedisCache, _name, _fail_open(_name, _fallback))
# incr/decr keep raising: callers that count (the rate limiter) decide themselves how to fail.
