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
``cache_query_params`` (every query parameter it reads besides ``page``: their values get their own entry; any other
parameter is left out of the key and hidden from the page, so ``?utm_source=…`` shares the plain URL's entry;
tests/test_page_cache_query.py checks every page type reads only what it declares) and ``page_cache = False`` (never
cache it). Code that changes content without a model signal (bulk imports) calls `invalidate_tags` or
`invalidate_pages`. A model whose rows are shown on pages may define ``cache_invalidates(self)`` returning page ids
or tags: saving or deleting a row invalidates them.

The package: store.py (tags, versions), middleware.py (serving), chrome.py (per-process memo), signals.py.
"""

from .chrome import (  # noqa: F401
    _memo,
    _setting_models,
    _site_setting_models,
    memo_enabled,
    prime_site_chrome,
    request_memo,
)
from .content_memo import content_memo, reset_content_memo  # noqa: F401
from .middleware import (  # noqa: F401
    PageCacheMiddleware,
    _bypass_cookies,
    _page_query_params,
    _vary,
    before_serve_page,
    cached_response,
    is_page_request,
    lookup_query_params,
    request_key,
    response_is_cacheable,
    store,
)
from .signals import (  # noqa: F401
    _classify,
    _is_setting,
    _referencing_pages,
    connect_signals,
    object_changed,
    page_moved,
    page_published_or_unpublished,
)
from .store import (  # noqa: F401
    ALLOWED_VARY,
    DRAFT_ONLY_FIELDS,
    ENTRY_PREFIX,
    GENERATION_KEY,
    GLOBAL_TAG,
    NAV_DEPTH,
    TAG_PREFIX,
    DependencyProvider,
    _bump,
    _new_version,
    _path_prefixes,
    _providers,
    conf,
    current_versions,
    enabled,
    entry_cache,
    invalidate_all,
    invalidate_pages,
    invalidate_tags,
    normalise_tag,
    page_change_tags,
    page_entry_tags,
    register_dependencies,
    reset_versions_and_entries,
    tag_cache,
    unregister_dependencies,
)


def reset_local_state() -> None:
    """Forget what this process remembers (tests, and after restoring a backup into a running process)."""
    reset_versions_and_entries()
    reset_content_memo()
