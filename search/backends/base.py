"""What every engine behind the public search service provides (the contract the shared tests check)."""

from __future__ import annotations

from dataclasses import dataclass, field

from search.query_analysis import AnalysedQuery
from search.suggest import vocabulary

FACETS = ("type", "occupation", "level", "year")
# Static rank: pages that summarise a subject (an occupation, its training packages, a policy document) come
# before the detail pages that repeat its words (modules, results), when their text matches about as well.
TYPE_BOOST = {"occupation": 1.3, "package": 1.2, "policy": 1.2, "competition": 1.1}


@dataclass
class SearchRequest:
    query: AnalysedQuery
    filters: dict = field(default_factory=dict)  # type, occupation, level, year, tag (only those given)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    mode: str = "and"  # "or" when the AND query found nothing
    exclude_ids: tuple[int, ...] = ()  # documents already shown as editors' picks


@dataclass
class SearchResponse:
    ids: list[int]  # SearchDocument primary keys, best first
    total: int
    facets: dict[str, dict]  # facet -> {value: count}, each counted with the other filters applied
    highlights: dict[int, str] = field(default_factory=dict)  # engine-made HTML excerpts, where it makes them
    documents: dict | None = None  # the result rows when the engine already read them (saves a query)
    approximate: bool = False  # total and facet counts estimated (a very common term, see the embedded engine)


def facet_counts(combinations, filters: dict) -> tuple[dict[str, dict], int]:
    """Facets and total from (type, occupation, level, year, count) rows: each facet applies every filter but
    its own, so a visitor sees how many results each other value would give."""
    facets: dict[str, dict] = {name: {} for name in FACETS}
    total = 0
    active = {name: filters[name] for name in FACETS if filters.get(name) not in (None, "")}
    for *values, count in combinations:
        row = dict(zip(FACETS, values, strict=True))
        misses = [name for name, wanted in active.items() if row[name] != wanted]
        if not misses:
            total += count
        for name in FACETS:
            if row[name] in (None, "") or (misses and misses != [name]):
                continue
            facets[name][row[name]] = facets[name].get(row[name], 0) + count
    for name in FACETS:
        facets[name] = dict(sorted(facets[name].items(), key=lambda item: (-item[1], str(item[0]))))
    return facets, total


class BaseEngine:
    name = "base"

    def search(self, request: SearchRequest) -> SearchResponse:
        raise NotImplementedError

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        """Words and titles that start with `prefix` (typed, or in pinyin), from the indexed rows' vocabulary:
        the same for every engine."""
        return vocabulary().complete(prefix, limit)

    def refresh(self) -> None:
        """Make every write so far visible to the next search at once (engines that are near-real-time)."""

    def index(self, documents) -> None:
        """Add or replace these SearchDocument rows."""
        raise NotImplementedError

    def delete(self, ids) -> None:
        raise NotImplementedError

    def rebuild(self, documents, total: int, progress=None) -> None:
        """Replace the whole index with these rows."""
        raise NotImplementedError

    def status(self) -> dict:
        raise NotImplementedError
