"""Production: DEBUG off, a real secret, hardened transport. Refuses to start otherwise."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .envfile import load_env_file

load_env_file(Path(__file__).resolve().parents[2] / ".env")

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
# HTTPS-only settings switch on when the site is served over TLS (behind a proxy that sets the header).
HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
