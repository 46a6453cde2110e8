"""Production: DEBUG off, a real secret, hardened transport. Refuses to start otherwise."""

import hashlib
import os
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .envfile import load_env_file

# DJANGO_ENV_FILE points at another env file (tests point it at nothing so a developer's .env cannot leak in).
load_env_file(Path(os.environ.get("DJANGO_ENV_FILE") or Path(__file__).resolve().parents[2] / ".env"))

from .base import *  # noqa: E402, F403
from .base import DEV_SECRET_KEY, SECRET_KEY, env_bool  # noqa: E402

DEBUG = env_bool("DEBUG", False)

if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "Production settings refuse the development SECRET_KEY: set SECRET_KEY to a random value "
        "of at least 32 characters (make serve writes one to .env)."
    )
if DEBUG:
    raise ImproperlyConfigured("Production settings refuse DEBUG=on.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Production is served over HTTPS (behind a TLS-terminating proxy that sets X-Forwarded-Proto), so secure cookies,
# HSTS and the HTTPS redirect are on unless HTTPS=0 says otherwise: `make serve` on plain http://127.0.0.1 writes
# HTTPS=0 to its .env, because browsers drop secure cookies over http and the admin login would fail.
HTTPS = env_bool("HTTPS", True)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain http
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Without Redis every gunicorn worker has its own local-memory cache: page-cache entries may stay per process,
# but tag versions (invalidation) and rate-limit counters must be shared, so they go to a file cache on this host.
if not REDIS_URL:  # noqa: F405
    _checkout_id = hashlib.sha1(str(BASE_DIR).encode(), usedforsecurity=False).hexdigest()[:10]  # noqa: F405
    CACHES["shared"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("SHARED_CACHE_DIR")
        or os.path.join(tempfile.gettempdir(), f"kangyang-shared-cache-{os.getuid()}-{_checkout_id}"),
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
    PAGE_CACHE_TAG_ALIAS = "shared"
    RATELIMIT_CACHE_ALIAS = "shared"
