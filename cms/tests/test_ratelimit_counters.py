"""Finding 5 (issue 15): rate-limit counters are atomic across concurrent clients and expire.

Without Redis, production kept the counters on a file cache whose `incr` is read-then-write: 20 concurrent clients
got 190 of 200 requests through a 60-per-minute limit, and the counters never expired. Each test runs on the store
production would use: the database (rate-limit alias on a file cache), and Redis when one answers at REDIS_TEST_URL.
"""

import os
import tempfile
import threading
import uuid
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from cms.counters import DatabaseCounters, RedisCounters, counters
from cms.models import RateCounter
from cms.ratelimit import RateLimiter
from cms.tests.factories import redis_answers

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(params=["no-redis", "redis"])
def store(request, settings):
    settings.RATELIMIT_ENABLED = True
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    if request.param == "redis":
        if not redis_answers(REDIS_TEST_URL):
            pytest.skip(f"no Redis server answers at {REDIS_TEST_URL}")
        backend = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        }
    else:  # what production configures without Redis
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tempfile.mkdtemp(prefix="kangyang-rl-"),
        }
    settings.CACHES = {**settings.CACHES, "shared": backend}
    settings.RATELIMIT_CACHE_ALIAS = "shared"
    yield request.param
    if request.param == "redis":
        # Only this test's keys: RedisCache.clear() is FLUSHDB, which also empties the database under the tests
        # running at the same time on the other pytest-xdist worker (the page cache's tag versions).
        client = caches["shared"]._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        caches["shared"].clear()


def hammer(limiter, clients=20, each=10):
    """`clients` threads, each sending `each` requests from one address; returns how many were let through."""
    allowed = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client():
        try:
            start.wait()
            request = RequestFactory().get("/api/v2/pages/", REMOTE_ADDR="203.0.113.77")
            mine = sum(limiter.hit(request, now=1_000_020.0).allowed for _ in range(each))
            with lock:
                allowed.append(mine)
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == clients
    return sum(allowed)


def test_concurrent_clients_get_exactly_the_limit_through(store):
    if store == "no-redis" and connection.vendor == "sqlite":
        pytest.skip("in-memory SQLite refuses concurrent writers: run with DATABASE_URL on PostgreSQL")
    assert hammer(RateLimiter(f"conc-{uuid.uuid4().hex[:6]}", "60/m")) == 60


def test_the_store_is_atomic_across_processes_not_per_worker(store):
    expected = RedisCounters if store == "redis" else DatabaseCounters
    assert isinstance(counters(), expected)


def test_counters_expire(store):
    key = f"expiry-{uuid.uuid4().hex[:8]}"
    store_ = counters()
    assert store_.incr(key, 60) == 1
    assert store_.incr(key, 60) == 2
    if store == "redis":
        client = caches["shared"]._cache.get_client(write=True)
        ttl = client.ttl(caches["shared"].make_and_validate_key(key))
        assert 0 < ttl <= 60
        client.expire(caches["shared"].make_and_validate_key(key), 0)
    else:
        row = RateCounter.objects.get(key=key)
        assert timezone.now() < row.expires_at <= timezone.now() + timedelta(seconds=61)
        RateCounter.objects.filter(key=key).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert store_.get(key) == 0
    assert store_.incr(key, 60) == 1, "an expired counter starts again"
