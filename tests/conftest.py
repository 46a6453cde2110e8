"""Fixtures shared by the tests in this folder: the demo tree with the page cache on (locmem and Redis)."""

import os
import uuid

import pytest
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Site

from cms import cache as page_cache
from cms.models import SiteSettings
from cms.tests.factories import redis_answers

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(params=["locmem", "redis"])
def cached_site(request, settings, site_tree):
    """The demo tree with the page cache switched on, on the backend named by the parameter."""
    settings.PAGE_CACHE_ENABLED = True
    settings.CHROME_MEMO_ENABLED = True
    page_cache._memo.clear()
    page_cache.reset_local_state()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # created on first use: a settings change
    if request.param == "redis":
        if not redis_answers(REDIS_TEST_URL):
            pytest.skip(f"no Redis server answers at {REDIS_TEST_URL} (set REDIS_TEST_URL to run the Redis variant)")
        prefix = f"test-{uuid.uuid4().hex[:12]}"
        settings.CACHES = {
            **settings.CACHES,
            "pages": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_TEST_URL,
                "KEY_PREFIX": prefix,
            },
        }
        settings.PAGE_CACHE_ALIAS = settings.PAGE_CACHE_TAG_ALIAS = "pages"
    caches["default"].clear()
    yield site_tree
    if request.param == "redis":
        client = caches["pages"]._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    caches["default"].clear()
    page_cache._memo.clear()
    page_cache.reset_local_state()
    translation.activate("zh-hans")


def state(response) -> str:
    return response.headers.get("X-Page-Cache", "")


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response
