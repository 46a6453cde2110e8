"""Fault (issue 15): Redis unreachable while REDIS_URL is set. Pages are still served (the cache fails open and
logs it), logins work, the rate limiter lets requests through. A real Redis client against a closed port."""

import logging
import socket

import pytest
from django.core.cache import caches

from cms import cache as page_cache

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nothing listens there


@pytest.fixture
def redis_down(settings):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache_backends.FailOpenRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    settings.CHROME_MEMO_ENABLED = True
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_CACHE_ALIAS = "default"
    page_cache._memo.clear()
    yield url
    for alias in list(caches):
        caches[alias].close()


def test_pages_login_and_api_work_with_redis_down(client, site_tree, django_user_model, redis_down, caplog):
    django_user_model.objects.create_user("editor", "e@example.com", "right-password-123", is_superuser=True)
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            assert client.get("/").status_code == 200
        assert client.get("/curricula/").status_code == 200
        assert client.get("/api/v2/pages/").status_code == 200
        response = client.post("/admin/login/", {"username": "editor", "password": "right-password-123"})
        assert response.status_code == 302 and "_auth_user_id" in client.session
        assert client.get("/admin/").status_code == 200
    assert any("Redis" in record.getMessage() for record in caplog.records), "the outage is logged"
