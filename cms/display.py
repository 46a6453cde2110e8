"""大字版 (适老化): a larger-text, higher-contrast display mode, switched by a plain link and remembered in a cookie.

No JavaScript is needed. The cookie `large_text=1` puts the class `large-text` on <html> and <body> of every page
(context processor `display_mode`); any app's template or CSS can rely on that class. The page cache keys its
entries by this cookie (cms.cache.request_key) and page responses vary on Cookie, so a browser never shows the
other mode's copy.
"""

from django.http import Http404, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

LARGE_TEXT_COOKIE = "large_text"
LARGE_TEXT_CLASS = "large-text"
COOKIE_AGE = 365 * 24 * 3600


def is_large_text(request) -> bool:
    return request.COOKIES.get(LARGE_TEXT_COOKIE) == "1"


def display_mode(request):
    """Template context: `large_text` (bool) and `display_class` ("large-text" or "")."""
    large = is_large_text(request)
    return {"large_text": large, "display_class": LARGE_TEXT_CLASS if large else ""}


@never_cache
def switch_display(request, mode):
    """/display/large/ or /display/standard/?next=<path>: set or clear the cookie, then go back."""
    if mode not in ("large", "standard"):
        raise Http404("unknown display mode")
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if mode == "large":
        response.set_cookie(LARGE_TEXT_COOKIE, "1", max_age=COOKIE_AGE, samesite="Lax")
    else:
        response.delete_cookie(LARGE_TEXT_COOKIE, samesite="Lax")
    return response


class DisplayModeMiddleware:
    """HTML responses differ by the display cookie: say so (Vary: Cookie), so browsers keep one copy per mode."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response
