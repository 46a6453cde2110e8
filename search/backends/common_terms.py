"""Shared pieces of the common-term paths (a term most documents hold, 培训 in 20,000 pages): SQLite's in
search.backends.embedded, PostgreSQL's in search.backends.postgres_common."""

from __future__ import annotations

import datetime

from search.documents import SearchDocument

from .base import FACETS, TYPE_BOOST, SearchRequest, SearchResponse, facet_counts

# Terms matching more documents than this are ranked before any join, and their facets counted on a sample.
COMMON_MATCHES = 2000
TOP_CANDIDATES = 400
FACET_SAMPLE = 2000
RESULT_COLUMNS = ("id", "key", "page_id", "title", "url", "text", "date", "tags")
TITLE_WEIGHT = 4.0


def wanted_rows(request: SearchRequest, rows: list[dict]) -> list[dict]:
    """The candidate rows passing the facet filters (type, occupation, level, year)."""
    wanted = {name: request.filters[name] for name in FACETS if request.filters.get(name) not in (None, "")}
    return [row for row in rows if all(row[name] == value for name, value in wanted.items())]


def common_response(request: SearchRequest, rows: list[dict], combinations) -> SearchResponse:
    """The common-term answer from ranked candidate rows (score ascending is best, as bm25) and the sampled, scaled
    facet combinations: boosted by type, paged, total and facets marked approximate."""
    rows.sort(key=lambda row: (row["score"] * TYPE_BOOST.get(row["type"], 1.0), row["id"]))
    facets, total = facet_counts(combinations, request.filters)
    documents = {}
    for row in rows[request.offset : request.offset + request.limit]:
        values = {name: value for name, value in row.items() if name != "score"}
        if isinstance(values["date"], str):
            values["date"] = datetime.date.fromisoformat(values["date"])
        documents[values["id"]] = SearchDocument(**values)
    return SearchResponse(ids=list(documents), total=total, facets=facets, documents=documents, approximate=True)
