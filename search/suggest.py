"""Completions and spelling suggestions from the words and titles that are actually in the index.

The vocabulary is built in memory from SearchDocument titles and tags (fast: word pinyin is cached) and rebuilt
when the index changes, which every process notices through one cheap query (row count + last indexed time).
"""

from __future__ import annotations

import bisect
import threading
from collections import Counter

from django.db.models import Count, Max

from search.analysis import get_segmenter, index_tokens, normalise, pinyin_keys
from search.documents import SearchDocument
from search.query_analysis import AnalysedQuery

_HAN_MIN, _HAN_MAX = "\u3400", "\u9fff"
WORD, TITLE = 0, 1


def _has_han(text: str) -> bool:
    return any(_HAN_MIN <= ch <= _HAN_MAX for ch in text)


def _is_word(token: str) -> bool:
    return len(token) >= 2 and _has_han(token)


def _edit_distance_one(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class Vocabulary:
    def __init__(self, rows):
        """`rows`: (title, tags as stored) of every indexed document."""
        segmenter = get_segmenter()
        self.frequency: Counter[str] = Counter()
        titles: dict[str, str] = {}
        for title, tags in rows:
            words = {token for token in index_tokens(title) if _is_word(token)}
            words |= {normalise(tag) for tag in tags.split("|") if tag}
            self.frequency.update(words)
            titles.setdefault(normalise(title), title)
        entries: list[tuple[str, int, str]] = []
        self.by_pinyin: dict[str, list[str]] = {}
        for word in self.frequency:
            entries.append((word, WORD, word))
            if _has_han(word):
                full, initials = pinyin_keys(word)
                keys = [full] + ([initials] if len(word) >= 3 else [])
                for key in keys:
                    if key:
                        entries.append((key, WORD, word))
                        self.by_pinyin.setdefault(key, []).append(word)
        for key, title in titles.items():
            entries.append((key, TITLE, title))
            spelled = "".join(pinyin_keys(word)[0] for word in segmenter.cut(key) if _has_han(word))
            if spelled:
                entries.append((spelled, TITLE, title))
        entries.sort()
        self.entries = entries
        self.keys = [entry[0] for entry in entries]

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        key = normalise(prefix).replace(" ", "")
        if not key:
            return []
        start = bisect.bisect_left(self.keys, key)
        end = bisect.bisect_left(self.keys, key + "\U0010ffff")
        candidates: dict[str, tuple] = {}
        for _, kind, display in self.entries[start:end]:
            rank = (kind, -self.frequency.get(display, 0), len(display), display)
            if display not in candidates or rank < candidates[display]:
                candidates[display] = rank
        return [display for display, _ in sorted(candidates.items(), key=lambda item: item[1])[:limit]]

    def _best(self, words) -> str | None:
        words = [word for word in words if self.frequency.get(word)]
        return max(words, key=lambda word: (self.frequency[word], -len(word)), default=None)

    def correct(self, query: AnalysedQuery, found: int) -> str | None:
        """A better query, or None: Chinese for a pinyin query, a homophone or a one-character slip for a Chinese
        query that found nothing."""
        compact = query.normalised.replace(" ", "")
        if not compact:
            return None
        if query.is_pinyin:
            return self._best(self.by_pinyin.get(compact, []))
        if found or not _has_han(compact):
            return None
        homophone = self._best(w for w in self.by_pinyin.get(pinyin_keys(compact)[0], []) if w != compact)
        if homophone:
            return homophone
        return self._best(word for word in self.frequency if _edit_distance_one(word, compact))


_lock = threading.Lock()
_cached: tuple[tuple, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    global _cached
    state = SearchDocument.objects.aggregate(count=Count("id"), last=Max("indexed_at"))
    version = (state["count"], state["last"])
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        built = Vocabulary(SearchDocument.objects.values_list("title", "tags").iterator(chunk_size=2000))
        _cached = (version, built)
        return built
