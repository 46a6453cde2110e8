"""Fast, deterministic settings for the test suite."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
# Tests of the page cache and the rate limiter switch these on themselves; everywhere else each test stands alone.
PAGE_CACHE_ENABLED = False
CHROME_MEMO_ENABLED = False
SEARCH_COMMON_DECISION_SECONDS = 0
RATELIMIT_ENABLED = False
# Uploads made by tests (demo posters, sample images) go to a throwaway folder, never the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kangyang-test-media-"))
