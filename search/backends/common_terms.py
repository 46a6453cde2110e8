"""The common-term path (a term most documents hold, 培训 or 养老 in 20,000 pages): rank once per index state, then
answer from the stored ranking, on SQLite and PostgreSQL alike.

Ranking such a term costs the same whatever the page asked for: bm25 (SQLite) or ts_rank (PostgreSQL) over every
match, which no index can order (SQLite, 50× bench: 15,094 matches of 养老, about 26 ms of the 39 ms a search took;
PostgreSQL about 200 ms). So the first search ranks every match once and keeps, in search.CommonTermRanking, the
best TOP_CANDIDATES, the facet counts of every match and a FACET_SAMPLE of the matches; every search until the next
index write (or the first expiry among the matches) answers in one statement from that row: the candidates joined
by key to the documents with the live filters (expiry, tag, editors' picks), the page ordered by the same boosted
score as the exact path, the stored facet counts (exact), or under a tag filter or picks the sample's, scaled and
marked approximate. Whether a query is common is one count that stops at COMMON_MATCHES + 1 matches, remembered per
process for SEARCH_COMMON_DECISION_SECONDS (a term's commonness moves with thousands of documents, and a stale
answer only picks the slower path, never a wrong result): a repeated search costs one statement at demo size and at
50× alike. Triggers on the full-text index table (migrations 0005, 0007) empty the stored rankings in the same
transaction as any index write, whoever writes.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from search.common_ranking import MAX_AGE, CommonTermRanking
from search.documents import SearchDocument

from .base import FACETS, SearchRequest, SearchResponse, facet_counts

# Terms matching more documents than this are ranked once per index state (see the module docstring).
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
        "json_extract(r.facets, '$.{}')",
    ),
    "postgresql": (
        "SELECT (j.value->>0)::integer AS doc_id, (j.value->>1)::float8 AS score "  # noqa: S608
        f"FROM r, jsonb_array_elements(r.candidates) j LIMIT {TOP_CANDIDATES}",
        f"SELECT j.value::integer AS doc_id FROM r, jsonb_array_elements_text(r.sample) j LIMIT {FACET_SAMPLE}",  # noqa: S608
        "jsonb_array_length",
        "(r.facets->'{}')",
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
    candidates passing the filters do not fill the page and there are more matches than candidates. Facets are the
    stored exact counts, unless a tag filter or editors' picks change which matches count: then they are counted on
    the sample and scaled (approximate)."""
    candidates_sql, sample_sql, length, member = JSON_ROWS[engine.vendor]
    table = connection.ops.quote_name(CommonTermRanking._meta.db_table)
    sampled = bool(request.filters.get("tag") or request.exclude_ids)
    faceted = any(request.filters.get(name) not in (None, "") for name in FACETS)
    now = timezone.now()
    sources = (
        f"r AS MATERIALIZED (SELECT matches, candidates, sample, facets FROM {table} "  # noqa: S608
        "WHERE key = %s AND created > %s AND (valid_until IS NULL OR valid_until > %s)), "
        f"m AS MATERIALIZED ({candidates_sql})" + (f", s AS MATERIALIZED ({sample_sql})" if sampled else "")
    )
    stats = {"matches": "r.matches", "candidates": f"{length}(r.candidates)", "sample": f"{length}(r.sample)"}
    if not sampled:  # unfiltered: the stored facets as shown; filtered by a facet: the combinations to count
        stats["facets"] = member.format("combinations" if faceted else "all")
    answer = engine.answer(request, sources, [key, now - MAX_AGE, now], counted="s" if sampled else None, stats=stats)
    if "matches" not in answer.stats or (not sampled and answer.stats.get("facets") is None):
        return None  # nothing stored, or stored in an older shape: rank again
    matches, candidates, sample = (int(answer.stats[name]) for name in ("matches", "candidates", "sample"))
    if len(answer.documents) < request.limit and candidates < matches:
        return False
    if sampled:
        scale = matches / max(1, sample)
        combinations = [(*values, round(count * scale)) for *values, count in answer.combinations]
    elif faceted:
        combinations = [tuple(values) for values in json.loads(answer.stats["facets"])]
    else:
        stored = json.loads(answer.stats["facets"])
        facets = {name: dict(map(tuple, stored[name])) for name in FACETS}
        return SearchResponse(
            ids=list(answer.documents), total=stored["total"], facets=facets, documents=answer.documents
        )
    facets, total = facet_counts(combinations, request.filters)
    return SearchResponse(
        ids=list(answer.documents), total=total, facets=facets, documents=answer.documents, approximate=sampled
    )


def store(engine, request: SearchRequest, key: str) -> bool:
    """Rank every match once; store the best candidates, a sample for filtered facets and the facet counts of every
    match. In one transaction, so on SQLite a write committed since the ranking was read makes the insert fail
    instead of storing a stale ranking (PostgreSQL: the trigger and MAX_AGE bound that race). False when nothing was
    stored."""
    scored, params = engine.match_sql(request, scored=True)
    unscored, _ = engine.match_sql(request, scored=False)
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    now = timezone.now()
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
            cursor.execute(
                f"SELECT d.type, d.occupation, d.level, d.year, COUNT(*), MIN(d.expire_at) FROM ({unscored}) m "  # noqa: S608
                f"JOIN {table} d ON d.id = m.doc_id WHERE d.expire_at IS NULL OR d.expire_at > %s "
                "GROUP BY d.type, d.occupation, d.level, d.year",
                [*params, now],
            )
            combinations = cursor.fetchall()
            expiries = [expiry for *_, expiry in combinations if expiry is not None]
            combinations = [values for *values, _ in combinations]
            facets, total = facet_counts(combinations, {})
            shown = {name: list(map(list, facets[name].items())) for name in FACETS}  # pairs: JSON keys are text
            CommonTermRanking.objects.filter(key=key).delete()  # an expired one
            CommonTermRanking.objects.bulk_create(
                [
                    CommonTermRanking(
                        key=key,
                        matches=top[0][2],
                        candidates=[[doc_id, score] for doc_id, score, _ in top],
                        sample=sample,
                        facets={"all": {"total": total, **shown}, "combinations": combinations},
                        valid_until=min(map(_aware, expiries)) if expiries else None,
                    )
                ],
                ignore_conflicts=True,  # a parallel search may store it too
            )
    except DatabaseError:
        return False  # a concurrent write (SQLite: busy snapshot); the exact path answers this time
    return True


def _aware(value) -> datetime.datetime:
    """MIN() over a datetime column comes back as text on SQLite."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)
