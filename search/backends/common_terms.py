"""The common-term path (a term most documents hold, 培训 or 养老 in 20,000 pages): rank once per index state, then
answer from the stored ranking, on SQLite and PostgreSQL alike.

Ranking such a term costs the same whatever the page asked for: bm25 (SQLite) or ts_rank (PostgreSQL) over every
match, which no index can order (SQLite, 50× bench: 15,094 matches of 养老, about 26 ms of the 39 ms a search took;
PostgreSQL about 200 ms). So the first search ranks every match once, keeps the best TOP_CANDIDATES and a
FACET_SAMPLE of the matches in search.CommonTermRanking, and every search until the next index write answers in one
statement from that row: the candidates and the sample joined by key to the documents with the live filters
(expiry, tag, editors' picks), the page ordered by the same boosted score as the exact path, the facets counted on
the sample and scaled (marked approximate). Whether a query is common is one count that stops at COMMON_MATCHES + 1
matches, remembered per process for COMMON_DECISION_SECONDS (a term's commonness moves with thousands of documents,
and a stale answer only picks the slower path, never a wrong result): a repeated search costs one statement at demo
size and at 50× alike. Triggers on the full-text index table
(migrations 0005, 0007) empty the stored rankings in the same transaction as any index write, whoever writes.
"""

from __future__ import annotations

import hashlib
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from search.common_ranking import MAX_AGE, CommonTermRanking

from .base import SearchRequest, SearchResponse, facet_counts

# Terms matching more documents than this are ranked once per index state, and their facets counted on a sample.
COMMON_MATCHES = 2000
TOP_CANDIDATES = 400
FACET_SAMPLE = 2000
RESULT_COLUMNS = ("id", "key", "page_id", "title", "url", "text", "date", "tags")
TITLE_WEIGHT = 4.0

# The stored row's candidates ([[document id, score], ...], best first) and sample ([document id, ...]) as rows. The
# LIMITs are their sizes by construction; they also tell SQLite's planner how few rows there are: without them, once
# ANALYZE has run, it expected more lookups than documents and first built a Bloom filter by reading every document
# (50×: 7.2 ms a search instead of 2.7).
JSON_ROWS = {
    "sqlite": (
        "SELECT CAST(json_extract(j.value, '$[0]') AS INTEGER) AS doc_id, json_extract(j.value, '$[1]') AS score "  # noqa: S608
        f"FROM r, json_each(r.candidates) j LIMIT {TOP_CANDIDATES}",
        f"SELECT CAST(j.value AS INTEGER) AS doc_id FROM r, json_each(r.sample) j LIMIT {FACET_SAMPLE}",  # noqa: S608
        "json_array_length",
    ),
    "postgresql": (
        "SELECT (j.value->>0)::integer AS doc_id, (j.value->>1)::float8 AS score "  # noqa: S608
        f"FROM r, jsonb_array_elements(r.candidates) j LIMIT {TOP_CANDIDATES}",
        f"SELECT j.value::integer AS doc_id FROM r, jsonb_array_elements_text(r.sample) j LIMIT {FACET_SAMPLE}",  # noqa: S608
        "jsonb_array_length",
    ),
}


def search_common_term(engine, request: SearchRequest) -> SearchResponse | None:
    """The answer from the stored ranking (stored first if the query is common and none is). None when the term is
    not that common, the page lies beyond the candidates, or the candidates left by the filters do not fill the
    page: then the exact path answers."""
    if 2 * (request.offset + request.limit) > TOP_CANDIDATES:
        return None
    key = hashlib.sha256(f"{engine.vendor}:{engine.expression(request)}".encode()).hexdigest()
    if not _decisions.common(key, lambda: is_common(engine, request)):
        return None
    answer = from_stored(engine, request, key)
    if answer is None and store(engine, request, key):
        answer = from_stored(engine, request, key)
    return answer or None


class _Decisions:
    """Per process: is the query under this key common? Kept COMMON_DECISION_SECONDS (0: not kept, the tests'
    default), at most DECISIONS entries, the oldest dropped first."""

    DECISIONS = 4096

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: dict[str, tuple[float, bool]] = {}

    def common(self, key: str, count) -> bool:
        seconds = float(getattr(settings, "SEARCH_COMMON_DECISION_SECONDS", 0))
        now = time.monotonic()
        with self.lock:
            kept = self.entries.get(key)
        if kept is not None and now - kept[0] < seconds:
            return kept[1]
        decision = count()
        if seconds > 0:
            with self.lock:
                self.entries.pop(key, None)
                self.entries[key] = (now, decision)
                while len(self.entries) > self.DECISIONS:
                    self.entries.pop(next(iter(self.entries)))
        return decision

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_decisions = _Decisions()


def is_common(engine, request: SearchRequest) -> bool:
    """More than COMMON_MATCHES matches? Stops counting there: no ranking, no full walk of the matches."""
    sql, params = engine.match_sql(request, scored=False)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM ({sql}) m LIMIT %s) c", [*params, COMMON_MATCHES + 1])  # noqa: S608
        return cursor.fetchone()[0] > COMMON_MATCHES


def from_stored(engine, request: SearchRequest, key: str) -> SearchResponse | bool | None:
    """One statement over the stored ranking. None when nothing (fresh) is stored under `key`; False when the
    candidates passing the filters do not fill the page and there are more matches than candidates."""
    candidates_sql, sample_sql, length = JSON_ROWS[engine.vendor]
    table = connection.ops.quote_name(CommonTermRanking._meta.db_table)
    sources = (
        f"r AS MATERIALIZED (SELECT matches, candidates, sample FROM {table} WHERE key = %s AND created > %s), "  # noqa: S608
        f"m AS MATERIALIZED ({candidates_sql}), s AS MATERIALIZED ({sample_sql})"
    )
    stats = {"matches": "r.matches", "candidates": f"{length}(r.candidates)", "sample": f"{length}(r.sample)"}
    answer = engine.answer(request, sources, [key, timezone.now() - MAX_AGE], sampled=True, stats=stats)
    if "matches" not in answer.stats:
        return None
    matches, candidates, sample = (answer.stats[name] for name in ("matches", "candidates", "sample"))
    if len(answer.documents) < request.limit and candidates < matches:
        return False
    scale = matches / max(1, sample)
    combinations = [(*values, round(count * scale)) for *values, count in answer.combinations]
    facets, total = facet_counts(combinations, request.filters)
    return SearchResponse(
        ids=list(answer.documents), total=total, facets=facets, documents=answer.documents, approximate=True
    )


def store(engine, request: SearchRequest, key: str) -> bool:
    """Rank every match once and store the best candidates and the facet sample. In one transaction, so on SQLite a
    write committed since the ranking was read makes the insert fail instead of storing a stale ranking (PostgreSQL:
    the trigger and MAX_AGE bound that race). False when nothing was stored."""
    scored, params = engine.match_sql(request, scored=True)
    unscored, _ = engine.match_sql(request, scored=False)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.doc_id, m.score, COUNT(*) OVER () FROM ({scored}) m ORDER BY m.score, m.doc_id LIMIT %s",  # noqa: S608
                [*params, TOP_CANDIDATES],
            )
            top = cursor.fetchall()
            if not top:
                return False
            cursor.execute(f"SELECT m.doc_id FROM ({unscored}) m LIMIT %s", [*params, FACET_SAMPLE])  # noqa: S608
            sample = [row[0] for row in cursor.fetchall()]
            CommonTermRanking.objects.filter(key=key).delete()  # an expired one
            CommonTermRanking.objects.bulk_create(
                [
                    CommonTermRanking(
                        key=key,
                        matches=top[0][2],
                        candidates=[[doc_id, score] for doc_id, score, _ in top],
                        sample=sample,
                    )
                ],
                ignore_conflicts=True,  # a parallel search may store it too
            )
    except DatabaseError:
        return False  # a concurrent write (SQLite: busy snapshot); the exact path answers this time
    return True
