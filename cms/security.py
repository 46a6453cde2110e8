"""Security headers, a per-client rate limit for public APIs, and the documented list of CSRF-exempt views.

Django's SecurityMiddleware already sends X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy and
(on HTTPS, when SECURE_HSTS_SECONDS is set) Strict-Transport-Security. This middleware adds a Content-Security-Policy
and a Permissions-Policy. Public pages get a strict policy: scripts only from our own origin, never inline (put
JavaScript in static files). The Wagtail admin, whose editor and userbar need inline scripts and styles, gets a
looser policy scoped to its URL prefix. A response that already carries a CSP (e.g. Wagtail's document serving
sends `default-src 'none'`) keeps its own.
"""

import contextlib
import fnmatch
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

PUBLIC_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Inline style attributes come from rich text and responsive embeds; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    # Video embeds chosen by editors (oEmbed iframes) are HTTPS pages of the video sites.
    "frame-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

ADMIN_CSP = {
    **PUBLIC_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "worker-src": ["'self'", "blob:"],
    # The admin previews pages in a same-origin iframe.
    "frame-ancestors": ["'self'"],
}

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# Views allowed to be csrf_exempt, matched on "module.qualname":
# * read-only endpoints (GET/HEAD/OPTIONS only); Wagtail's public API v2 is read-only by design;
# * Django REST framework views (DRF marks every view csrf_exempt) whose authentication either enforces CSRF
#   itself (SessionAuthentication, e.g. Wagtail's admin API) or does not use cookies (Basic/Token), see
#   `drf_view_enforces_csrf`.
# The test in cms/tests/test_security.py fails for any other csrf_exempt view in the URL configuration.
CSRF_EXEMPT_READ_ONLY = ("wagtail.api.v2.*", "cms.api.Checked*APIViewSet")


def drf_view_enforces_csrf(view_class) -> bool:
    """A DRF view is safe without Django's CSRF middleware when every authentication class is DRF's
    SessionAuthentication (which enforces CSRF for cookie sessions) or a header-based scheme."""
    try:
        from rest_framework.authentication import BasicAuthentication, SessionAuthentication, TokenAuthentication
        from rest_framework.views import APIView
    except ImportError:
        return False
    if not (isinstance(view_class, type) and issubclass(view_class, APIView)):
        return False
    safe = (SessionAuthentication, BasicAuthentication, TokenAuthentication)
    return all(issubclass(auth, safe) for auth in view_class.authentication_classes)


def csp_header(policy: dict) -> str:
    extra = getattr(settings, "CONTENT_SECURITY_POLICY_EXTRA", {}) or {}
    directives = []
    for directive, sources in policy.items():
        combined = list(dict.fromkeys([*sources, *extra.get(directive, [])]))
        directives.append(f"{directive} {' '.join(combined)}".strip())
    return "; ".join(directives)


def admin_policy() -> dict:
    """The admin policy, plus the third parties Wagtail's admin is configured to call from editors' browsers:
    avatars (WAGTAIL_GRAVATAR_PROVIDER_URL) and the new-release check (WAGTAIL_ENABLE_UPDATE_CHECK). Turning those
    settings off (advisable where gravatar.com is unreachable) removes them from the policy too."""
    policy = {directive: list(sources) for directive, sources in ADMIN_CSP.items()}
    gravatar = getattr(settings, "WAGTAIL_GRAVATAR_PROVIDER_URL", "//www.gravatar.com/avatar")
    if gravatar:
        host = urlsplit(gravatar if "//" in gravatar else f"//{gravatar}").netloc
        if host:
            policy["img-src"].append(host)
    if getattr(settings, "WAGTAIL_ENABLE_UPDATE_CHECK", True):
        policy["connect-src"].append("https://releases.wagtail.org")
    return policy


def admin_prefix() -> str:
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return "/admin/"


def has_nul(request) -> bool:
    """NUL can be stored by no database we use (PostgreSQL refuses it, SQLite's full-text search chokes on it)
    and is never legitimate in a URL or a form field; refusing it here protects every view at once."""
    if "\x00" in request.path:
        return True
    sources = [request.GET]
    if request.method == "POST":
        # An unreadable body is for Django and the view to refuse, not for this check.
        with contextlib.suppress(Exception):
            sources.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values) for data in sources for key, values in data.lists()
    )


class SecurityHeadersMiddleware:
    """Content-Security-Policy (strict for the public site, scoped looser for the admin) and Permissions-Policy;
    requests carrying NUL characters are answered 400 before any view sees them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_csp = csp_header(PUBLIC_CSP)
        self.admin_csp = csp_header(admin_policy())

    def __call__(self, request):
        if has_nul(request):
            response = HttpResponseBadRequest(
                _("请求中含有不允许的空字符（NUL），已拒绝。"), content_type="text/plain; charset=utf-8"
            )
        else:
            response = self.get_response(request)
        is_admin = request.path.startswith(admin_prefix())
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.admin_csp if is_admin else self.public_csp
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY or "same-origin")
        return response


def is_allowed_csrf_exempt(dotted_name: str, view_class=None) -> bool:
    if any(fnmatch.fnmatch(dotted_name, pattern) for pattern in CSRF_EXEMPT_READ_ONLY):
        return True
    return view_class is not None and drf_view_enforces_csrf(view_class)
