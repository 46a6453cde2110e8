"""Full-page cache for anonymous visitors, invalidated precisely through versioned tags.

Why tags with versions: an entry records the version of every tag it was built with (its page, its subtree, the
pages it shows, `global`); invalidating bumps versions, and a read compares them in one `get_many`. Nothing scans
keys, entries may live in per-process memory while the versions live in a store every process shares, and a
stale entry simply stops matching.

Tags of an entry for page P:
- ``global``: site settings, sites, view restrictions, navigation (pages in menus), moves;
- ``page:<P.id>``: P itself and snippets/images/documents it references (Wagtail's reference index);
- ``tree:<P.path>``: P or any page below it changed (listings show children and grandchildren);
- ``node:<A.path>`` for ancestors A below the sections: their titles appear in the breadcrumbs;
- whatever ``P.cache_dependencies()`` and the registered providers return: page ids (``page:<id>``) or tags.

A page model may define ``cache_dependencies(self)`` (iterable of page ids, pages or tag strings),
``cache_query_params`` (extra query parameters whose values get their own entry) and ``page_cache = False`` (never
cache it). Code that changes content without a model signal (bulk imports) calls `invalidate_tags` or
`invalidate_pages`. A model whose rows are shown on pages may define ``cache_invalidates(self)`` returning page ids
or tags: saving or deleting a row invalidates them.
"""

from __future__ import annotations

import copy
import hashlib
import secrets
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

ENTRY_PREFIX = "pce:"
TAG_PREFIX = "pct:"
GLOBAL_TAG = "global"
# Depth of the home page's children (the sections): pages this shallow are the navigation.
NAV_DEPTH = 3
# Page.save(update_fields=...) with only these fields does not change what visitors see (a new draft, a lock).
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
ALLOWED_VARY = frozenset({"cookie", "accept-language"})

DependencyProvider = Callable[[object], Iterable]
_providers: list[DependencyProvider] = []


def conf(name: str, default):
    return getattr(settings, name, default)


def enabled() -> bool:
    return bool(conf("PAGE_CACHE_ENABLED", True))


def entry_cache():
    return caches[conf("PAGE_CACHE_ALIAS", "default")]


def tag_cache():
    """Where tag versions live: must be shared by every server process (Redis, or a file cache)."""
    return caches[conf("PAGE_CACHE_TAG_ALIAS", "default")]


# --- dependencies -----------------------------------------------------------------------------------------------


def register_dependencies(provider: DependencyProvider) -> DependencyProvider:
    """Register `provider(page) -> iterable of page ids / pages / tags`, consulted for every cached page."""
    _providers.append(provider)
    return provider


def unregister_dependencies(provider: DependencyProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def normalise_tag(item) -> str:
    if isinstance(item, str):
        return item
    pk = getattr(item, "pk", item)
    return f"page:{int(pk)}"


def _path_prefixes(path: str, steplen: int) -> list[str]:
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


def page_entry_tags(page) -> list[str]:
    """The tags a cached rendering of `page` depends on (see the module docstring)."""
    steplen = type(page).steplen
    tags = [GLOBAL_TAG, f"page:{page.pk}", f"tree:{page.path}"]
    tags += [f"node:{prefix}" for prefix in _path_prefixes(page.path, steplen)[NAV_DEPTH:-1]]
    extra = []
    declared = getattr(page, "cache_dependencies", None)
    if callable(declared):
        extra += list(declared() or ())
    for provider in _providers:
        extra += list(provider(page) or ())
    for item in extra:
        tag = normalise_tag(item)
        if tag not in tags:
            tags.append(tag)
    return tags


def page_change_tags(page, *, nav: bool | None = None) -> list[str]:
    """The tags to bump when `page` is published, unpublished, saved live or deleted."""
    steplen = type(page).steplen
    tags = [f"page:{page.pk}", f"node:{page.path}"]
    tags += [f"tree:{prefix}" for prefix in _path_prefixes(page.path, steplen)]
    if nav is None:
        nav = page.depth <= NAV_DEPTH or bool(getattr(page, "show_in_menus", False))
    if nav:
        tags.append(GLOBAL_TAG)
    return tags


# --- versions ---------------------------------------------------------------------------------------------------


def _new_version() -> int:
    """Nanoseconds since the epoch, so a version also says when the content changed (Last-Modified)."""
    return time.time_ns() + secrets.randbelow(1000)


def _bump(tags: list[str]) -> None:
    version = _new_version()
    tag_cache().set_many({TAG_PREFIX + tag: version for tag in tags}, timeout=None)


def invalidate_tags(*tags: str) -> None:
    """Drop every cached page built with any of these tags, now and again when the transaction commits.

    The second bump closes a race: a request that read the old rows before the commit must not store them under
    the new versions.
    """
    unique = list(dict.fromkeys(normalise_tag(tag) for tag in tags if tag is not None))
    if not unique:
        return
    _bump(unique)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _bump(unique))


def invalidate_pages(pages: Iterable) -> None:
    """Drop the cached renderings of these pages (ids or Page objects) and of pages depending on them."""
    tags = []
    for item in pages:
        if hasattr(item, "path") and hasattr(item, "depth"):
            tags += page_change_tags(item)
        else:
            tags.append(normalise_tag(item))
    invalidate_tags(*tags)


def invalidate_all() -> None:
    invalidate_tags(GLOBAL_TAG)


def current_versions(tags: list[str]) -> list[int]:
    """Versions of these tags now, creating the ones the store has never seen (or has evicted)."""
    store = tag_cache()
    keys = [TAG_PREFIX + tag for tag in tags]
    found = store.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        version = _new_version()
        for key in missing:
            store.add(key, version, timeout=None)
        found.update(store.get_many(missing))
    return [found.get(key, 0) for key in keys]


# --- request handling -------------------------------------------------------------------------------------------


_page_query_params: frozenset[str] | None = None


def lookup_query_params() -> frozenset[str]:
    """Query parameters that may select a cached entry: the whitelist plus every page model's own."""
    global _page_query_params
    if _page_query_params is None:
        from wagtail.models import get_page_models

        names = set(conf("PAGE_CACHE_QUERY_PARAMS", ("page",)))
        for model in get_page_models():
            names.update(getattr(model, "cache_query_params", ()))
        _page_query_params = frozenset(names)
    return _page_query_params


def _bypass_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, "messages", *conf("PAGE_CACHE_BYPASS_COOKIES", ()))


def is_page_request(request) -> bool:
    """Is this URL one of Wagtail's page URLs (not the admin, the API, media...)?"""
    try:
        return resolve(request.path_info).url_name == "wagtail_serve"
    except Resolver404:
        return False


def request_key(request) -> str | None:
    """The entry key for an anonymous page request, or None when this request must bypass the cache."""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return None
    if "HTTP_AUTHORIZATION" in request.META or any(name in request.COOKIES for name in _bypass_cookies()):
        return None
    if not set(request.GET) <= lookup_query_params() or not is_page_request(request):
        return None
    language = translation.get_language_from_request(request)
    query = "&".join(f"{name}={value}" for name, value in sorted(request.GET.items()))
    raw = "\n".join([request.scheme, request.get_host(), request.path, query, language])
    return ENTRY_PREFIX + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def cached_response(request, key: str):
    """The stored response for `key` if every tag still has the version it was built with, else None."""
    entry = entry_cache().get(key)
    if not entry:
        return None
    tags, versions = entry["tags"], entry["versions"]
    now = tag_cache().get_many([TAG_PREFIX + tag for tag in tags])
    if any(now.get(TAG_PREFIX + tag) != version for tag, version in zip(tags, versions, strict=True)):
        return None
    body = b"" if request.method == "HEAD" else entry["content"]
    response = HttpResponse(body, status=entry["status"], headers=dict(entry["headers"]))
    response["X-Page-Cache"] = "hit"
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )


def before_serve_page(page, request, serve_args, serve_kwargs):
    """Wagtail hook: remember the page and, for a cacheable request, the tag versions *before* rendering."""
    request._page_cache_page = page
    if getattr(request, "_page_cache_key", None) is None or getattr(request, "is_preview", False):
        return
    if not getattr(page, "page_cache", True):
        return
    allowed = set(conf("PAGE_CACHE_QUERY_PARAMS", ("page",))) | set(getattr(page, "cache_query_params", ()))
    if not set(request.GET) <= allowed:
        return
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
    response["X-Page-Cache"] = "miss"
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD of Wagtail pages from the cache; store cacheable renderings. Sits right after
    WhiteNoise so a hit skips sessions, auth and the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request_key(request)
        if key is not None:
            request._page_cache_key = key
            hit = cached_response(request, key)
            if hit is not None:
                return hit
        if key is not None or is_page_request(request):
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


# --- per-process memo of the site chrome -------------------------------------------------------------------------
# Every page needs the Site (and through it the root page), the site settings and the menu. They change only with a
# `global` bump, so each process keeps them, checked against the `global` version read once per request: a page
# rendering saves five queries. CHROME_MEMO_ENABLED=False (or CHROME_MEMO=0) switches this off.

_memo: dict[str, tuple[int, object]] = {}


def memo_enabled() -> bool:
    return bool(conf("CHROME_MEMO_ENABLED", True))


def request_memo(request, name: str, factory):
    """`factory()` once per process and `global` version; computed afresh when the request has no version."""
    version = getattr(request, "_page_cache_global", None)
    if version is None:
        return factory()
    item = _memo.get(name)
    if item is not None and item[0] == version:
        return item[1]
    value = factory()
    _memo[name] = (version, value)
    return value


def prime_site_chrome(request) -> None:
    """Put the memoised Site and site settings where Wagtail looks for them on the request."""
    from wagtail.models import Site

    if not memo_enabled():
        return
    request._page_cache_global = current_versions([GLOBAL_TAG])[0]
    host = f"{request.get_host()}|{request.get_port()}"
    site = request_memo(request, f"site:{host}", lambda: Site.find_for_request(request))
    request._wagtail_site = site
    if site is None:
        return
    for model in _site_setting_models():
        instance = request_memo(request, f"setting:{model._meta.label}:{site.pk}", lambda m=model: m.for_site(site))
        instance = copy.copy(instance)  # for_request keeps the request on the instance: one per request
        instance._request = request
        setattr(request, model.get_cache_attr_name(), instance)


_setting_models: list | None = None


def _site_setting_models() -> list:
    global _setting_models
    if _setting_models is None:
        from django.apps import apps
        from wagtail.contrib.settings.models import BaseSiteSetting

        _setting_models = [model for model in apps.get_models() if issubclass(model, BaseSiteSetting)]
    return _setting_models


# --- signals ----------------------------------------------------------------------------------------------------


def _classify(model) -> str | None:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    if issubclass(model, Page):
        return "page"
    # A view restriction covers a whole subtree: rare enough to start afresh.
    if issubclass(model, (BaseSiteSetting, BaseGenericSetting, Site, PageViewRestriction)):
        return "global"
    if callable(getattr(model, "cache_invalidates", None)):
        return "declared"
    if model in (get_image_model(), get_document_model()) or model in get_snippet_models():
        return "referenced"
    return None


def _referencing_pages(instance) -> list[str]:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.get_references_to(instance).filter(base_content_type=page_type)
    return [f"page:{object_id}" for object_id in rows.values_list("object_id", flat=True).distinct()]


def object_changed(sender, instance, **kwargs) -> None:
    """post_save / pre_delete receiver for the models `connect_signals` chose."""
    if kwargs.get("raw"):
        # Fixture loading or a site restore: related rows may not exist yet, and everything changes anyway.
        invalidate_all()
        return
    kind = _classify(type(instance))
    if kind == "page":
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
            return
        if instance.pk and instance.path:
            invalidate_pages([instance])
    elif kind == "global":
        invalidate_all()
    elif kind == "declared":
        invalidate_tags(*(normalise_tag(item) for item in instance.cache_invalidates() or ()))
    elif kind == "referenced" and instance.pk is not None:
        invalidate_tags(f"model:{instance._meta.label_lower}", *_referencing_pages(instance))


def page_published_or_unpublished(sender, instance, **kwargs) -> None:
    invalidate_pages([instance])


def page_moved(sender, instance, **kwargs) -> None:
    """A move changes the URLs of a whole subtree and two listings: start afresh."""
    invalidate_all()


def connect_signals() -> None:
    """Connect per model (not sender=None for deletes, which would switch off Django's fast deletes everywhere):
    every model of the project's own apps, plus Wagtail's sites, settings, images and documents."""
    from django.apps import apps
    from django.db.models.signals import post_save, pre_delete
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    models = {get_image_model(), get_document_model(), Site, Page, PageViewRestriction}
    for config in apps.get_app_configs():
        in_project = config.name in settings.PROJECT_APPS
        for model in config.get_models():
            if in_project or _is_setting(model):
                models.add(model)
    for model in models:
        if model._meta.abstract or model._meta.proxy:
            continue
        post_save.connect(object_changed, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        pre_delete.connect(object_changed, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    page_published.connect(page_published_or_unpublished, dispatch_uid="page-cache-published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="page-cache-moved")


def _is_setting(model) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return issubclass(model, (BaseSiteSetting, BaseGenericSetting))
