"""Serving from the cache: the request key, the Wagtail hook that answers hits, the middleware that stores."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from cms.display import is_large_text

from .chrome import prime_site_chrome
from .store import (
    ALLOWED_VARY,
    ENTRY_PREFIX,
    conf,
    current_versions,
    enabled,
    entry_cache,
    load_entry,
    page_entry_tags,
    recent_entries,
    versions_for_hit,
)

# --- request handling -------------------------------------------------------------------------------------------


_page_query_params: frozenset[str] | None = None


def lookup_query_params() -> frozenset[str]:
    """Query parameters that may select a cached entry: the whitelist plus every page model's own."""
    global _page_query_params
    if _page_query_params is None:
        from wagtail.models import get_page_models

        _page_query_params = frozenset(page_query_params(None)).union(
            *(page_query_params(model) for model in get_page_models())
        )
    return _page_query_params


def _bypass_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, "messages", *conf("PAGE_CACHE_BYPASS_COOKIES", ()))


def is_page_request(request) -> bool:
    """Is this URL one of Wagtail's page URLs (not the admin, the API, media...)?"""
    try:
        return resolve(request.path_info).url_name == "wagtail_serve"
    except Resolver404:
        return False


def candidate_key(request) -> str | None:
    """The entry key this request would have if it is a page request, or None when it must bypass the cache.

    Leaves out the URL resolution: only page requests ever store an entry, so a key with an entry is a page's.
    """
    if not enabled() or request.method not in ("GET", "HEAD"):
        return None
    if "HTTP_AUTHORIZATION" in request.META or any(name in request.COOKIES for name in _bypass_cookies()):
        return None
    language = translation.get_language_from_request(request)
    # Only parameters some page reads select an entry: `?utm_source=…` or `?nocache=1` share the plain URL's entry
    # (before_serve_page hides them from the page, so what is stored never depends on them).
    declared = lookup_query_params()
    query = "&".join(
        f"{name}={value}" for name in sorted(set(request.GET) & declared) for value in request.GET.getlist(name)
    )
    # 大字版 (cms.display): the same URL renders differently with the display cookie.
    display = "large-text" if is_large_text(request) else ""
    raw = "\n".join([request.scheme, request.get_host(), request.path, query, language, display])
    return ENTRY_PREFIX + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def request_key(request) -> str | None:
    """The entry key for an anonymous page request, or None when this request must bypass the cache."""
    key = candidate_key(request)
    if key is None or not is_page_request(request):
        return None
    return key


def cached_response(request, key: str):
    """The stored response for `key` if every tag still has the version it was built with, else None."""
    entry = load_entry(key)
    if not entry or not versions_for_hit(entry["tags"], entry["versions"]):
        return None
    body = b"" if request.method == "HEAD" else entry["content"]
    response = HttpResponse(body, status=entry["status"], headers=dict(entry["headers"]))
    response["X-Page-Cache"] = "hit"
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )


def page_query_params(page) -> frozenset[str]:
    """The query parameters `page` (a page or its model) reads: the site-wide whitelist (`page`) and the model's
    `cache_query_params`."""
    return frozenset(conf("PAGE_CACHE_QUERY_PARAMS", ("page",))) | frozenset(getattr(page, "cache_query_params", ()))


def hide_undeclared_params(request, page) -> None:
    """Render a cacheable request as if it carried only the parameters the page declares, which are all in the
    key: an undeclared one can neither change the stored page nor reach it through `get_full_path`."""
    declared = page_query_params(page)
    if set(request.GET) <= declared:
        return
    kept = request.GET.copy()
    for name in set(kept) - declared:
        del kept[name]
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def before_serve_page(page, request, serve_args, serve_kwargs):
    """Wagtail hook: remember the page and, for a cacheable request, the tag versions *before* rendering."""
    request._page_cache_page = page
    if getattr(request, "_page_cache_key", None) is None or getattr(request, "is_preview", False):
        return
    if not getattr(page, "page_cache", True):
        return
    hide_undeclared_params(request, page)
    tags = page_entry_tags(page)
    versions = current_versions(tags)
    chrome_version = getattr(request, "_page_cache_global", None)
    if chrome_version is not None and chrome_version != versions[0]:
        return  # the memoised chrome predates a global change that happened during this request: do not store
    request._page_cache_pending = (tags, versions, page.last_published_at)


def _vary(response) -> set[str]:
    return {item.strip().lower() for item in response.get("Vary", "").split(",") if item.strip()}


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return _vary(response) <= ALLOWED_VARY


def store(request, response, key: str, pending) -> HttpResponse:
    tags, versions, published_at = pending
    content = response.content
    newest = max([*versions, 0]) / 1e9
    last_modified = int(max(newest, published_at.timestamp() if published_at else 0))
    etag = '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=conf("PAGE_CACHE_MAX_AGE", 60))
    if request.method == "GET":
        headers = [(name, value) for name, value in response.headers.items() if name.lower() != "x-page-cache"]
        entry = {
            "tags": tags,
            "versions": versions,
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "etag": etag,
            "last_modified": last_modified,
        }
        entry_cache().set(key, entry, timeout=conf("PAGE_CACHE_TIMEOUT", 3600))
        recent_entries.put(key, entry)
    response["X-Page-Cache"] = "miss"
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD of Wagtail pages from the cache; store cacheable renderings. Sits right after
    WhiteNoise so a hit skips sessions, auth and the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = candidate_key(request)
        if key is not None:
            hit = cached_response(request, key)
            if hit is not None:
                return hit
        page_request = is_page_request(request)
        if key is not None and page_request:
            request._page_cache_key = key
        if page_request:
            prime_site_chrome(request)
        response = self.get_response(request)
        page = getattr(request, "_page_cache_page", None)
        if page is None:
            return response
        pending = getattr(request, "_page_cache_pending", None)
        if pending is not None and response_is_cacheable(request, response):
            return store(request, response, key, pending)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        response["X-Page-Cache"] = "bypass"
        return response
