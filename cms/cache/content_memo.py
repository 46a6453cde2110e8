"""Per-process memo of what routing loads (pages along a URL), kept until any content changes anywhere.

Why: resolving a URL costs two or three queries whose building (Django compiling the SQL) was the largest single
cost of an uncached page (issue 19: about 40 % of a detail page's CPU). The pages along a URL change only when a
page is published, unpublished, saved live, moved or deleted, and each of those bumps a tag, hence the shared
generation (cms.cache.store). So each process keeps what its routers found, checked against the generation read
once per request, and every request gets its own copy: entries are kept pickled, so a page object changed while
serving one request (parents attached, properties cached) never leaks into another. A copy costs tens of
microseconds against about a millisecond per query.

The page's own content is still rendered on every request: this is not the page cache, which stores the HTML.
CHROME_MEMO_ENABLED=False (the tests' default, CHROME_MEMO=0 elsewhere) switches this off with the chrome memo.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict

from .store import conf, current_generation


class _ContentMemo:
    """Pickled values under one generation, the least recently used dropped beyond CONTENT_MEMO_ENTRIES."""

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.entries: OrderedDict[tuple, bytes] = OrderedDict()

    def get(self, generation, key):
        with self.lock:
            if generation != self.generation:
                return None
            blob = self.entries.get(key)
            if blob is not None:
                self.entries.move_to_end(key)
            return blob

    def put(self, generation, key, blob: bytes) -> None:
        size = int(conf("CONTENT_MEMO_ENTRIES", 2048))
        with self.lock:
            if generation != self.generation:
                self.generation, self.entries = generation, OrderedDict()
            self.entries[key] = blob
            while len(self.entries) > size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.generation, self.entries = None, OrderedDict()


_content_memo = _ContentMemo()


def prime_content_generation(request) -> None:
    """Read the generation once for this request (before anything is loaded, so a change that commits while the
    request runs is never stored under the new generation)."""
    request._content_generation = current_generation()


def content_memo(request, key: tuple, factory):
    """A private copy of `factory()`, computed once per process and generation; `factory()` itself when this
    request has no generation (memo off)."""
    generation = getattr(request, "_content_generation", None)
    if generation is None:
        return factory()
    blob = _content_memo.get(generation, key)
    if blob is None:
        value = factory()
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        _content_memo.put(generation, key, blob)
        return value
    return pickle.loads(blob)  # noqa: S301 (bytes this process pickled itself)


def reset_content_memo() -> None:
    _content_memo.clear()
