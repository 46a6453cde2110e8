"""Words that depend only on the language and a few values ("25 个培训包", the pager's labels), worked out once per
process.

Why: `ngettext` goes through Django's translation objects and the catalogue's plural rule on every call, about
25 µs; a page that words a count or two on each request spent more on that than on a card (issue 19). The
catalogues do not change while a process runs, so a phrase for a language and its values is made once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.utils.translation import get_language

Words = TypeVar("Words")

MAX_WORDS = 4096  # phrases kept per process: counts come from content, so the keys are bounded but many

_words: dict[tuple, object] = {}
_lock = threading.Lock()


def once(make: Callable[..., Words], *values) -> Words:
    """`make(*values)` in the active language, made once per process. `make` holds the gettext/ngettext call, so
    makemessages still finds its msgids where they are used; it must read nothing but `values` and the language."""
    full = (get_language(), make, values)
    words = _words.get(full)
    if words is None:
        words = make(*values)
        with _lock:
            if len(_words) >= MAX_WORDS:
                _words.clear()
            _words[full] = words
    return words
