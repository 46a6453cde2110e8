"""Settings, tags and their versions: what an entry depends on and how invalidation bumps it."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

ENTRY_PREFIX = "pce:"
TAG_PREFIX = "pct:"
# Bumped after every tag bump: a process that sees the same generation as last time knows no tag changed.
GENERATION_KEY = TAG_PREFIX + "__generation__"
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
    store = tag_cache()
    store.set_many({TAG_PREFIX + tag: version for tag in tags}, timeout=None)
    # After the tags: a reader that sees this generation also sees the new tag versions.
    store.set(GENERATION_KEY, version, timeout=None)


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


def current_generation() -> int | None:
    """The shared generation now (it changes with every tag bump); started when never bumped or evicted. None only
    when the store keeps nothing."""
    store = tag_cache()
    generation = store.get(GENERATION_KEY)
    if generation is None:
        store.add(GENERATION_KEY, _new_version(), timeout=None)
        generation = store.get(GENERATION_KEY)
    return generation


# --- the read side of a cache hit -------------------------------------------------------------------------------
# A hit used to read every tag of its entry from the shared store (a file each, without Redis) and unpickle the
# entry: about as much work as the middleware in front of it. Each process now remembers the tag versions it has
# read, valid while the shared generation stays the same (one read per hit), and keeps recent entries unpickled.


class _VersionMemo:
    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.versions: dict[str, int] = {}

    def read(self, tags: list[str]) -> dict[str, int | None]:
        generation = current_generation()
        if generation is None:
            return self.refresh(tags, None)
        with self.lock:
            if generation != self.generation:
                self.generation, self.versions = generation, {}
            known = {tag: self.versions[tag] for tag in tags if tag in self.versions}
        if len(known) == len(tags):
            return known
        return {**known, **self.refresh([tag for tag in tags if tag not in known], generation)}

    def refresh(self, tags: list[str], generation) -> dict[str, int | None]:
        """Read `tags` from the shared store and remember them under `generation` (if it is still current)."""
        found = tag_cache().get_many([TAG_PREFIX + tag for tag in tags])
        versions = {tag: found.get(TAG_PREFIX + tag) for tag in tags}
        with self.lock:
            if generation is not None and generation == self.generation:
                self.versions.update({tag: version for tag, version in versions.items() if version is not None})
        return versions


_version_memo = _VersionMemo()


def versions_for_hit(tags: list[str], expected: list[int]) -> bool:
    """Do these tags still have the versions an entry was built with? Re-reads the store before saying no, so a
    tag re-created after eviction (not an invalidation) does not turn every later request into a miss."""
    versions = _version_memo.read(tags)
    stale = [tag for tag, version in zip(tags, expected, strict=True) if versions.get(tag) != version]
    if not stale:
        return True
    fresh = _version_memo.refresh(stale, _version_memo.generation)
    return all(fresh.get(tag) == version for tag, version in zip(tags, expected, strict=True) if tag in fresh)


class _RecentEntries:
    """The most recently served entries of this process, unpickled (bounded; PAGE_CACHE_LOCAL_ENTRIES)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, dict] = OrderedDict()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        size = int(conf("PAGE_CACHE_LOCAL_ENTRIES", 256))
        if size <= 0:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


recent_entries = _RecentEntries()


def load_entry(key: str):
    """The entry stored under `key`: from this process's recent entries, else from the entry cache."""
    entry = recent_entries.get(key)
    if entry is None:
        entry = entry_cache().get(key)
        if entry:
            recent_entries.put(key, entry)
    return entry


def reset_versions_and_entries() -> None:
    """Forget what this process remembers (tests, and after restoring a backup into a running process)."""
    recent_entries.clear()
    with _version_memo.lock:
        _version_memo.generation, _version_memo.versions = None, {}
