"""The common-term path on PostgreSQL: rank once per index state, then answer from the stored ranking.

A term most documents hold (培训 in 20,000 pages) cannot be ranked quickly by PostgreSQL: the GIN index finds the
matches but cannot order them, and ts_rank must read every match's vectors (about 200 ms of server time at 20,000
documents, whatever the plan). So the first search ranks every match once (the exact path's score, ts_rank of title
times TITLE_WEIGHT plus body), keeps the best TOP_CANDIDATES and a FACET_SAMPLE of the matches in
search.CommonTermRanking, and every search until the next index write reads them back and joins only those
documents (by primary key, with the live filters). Facets are counted on the sample and scaled (approximate), as on
SQLite. A trigger empties the stored rankings on any index write (migration 0005).
"""

from __future__ import annotations

import hashlib

from django.db import connection
from django.utils import timezone
from wagtail.search.models import IndexEntry

from search.common_ranking import MAX_AGE, CommonTermRanking
from search.documents import SearchDocument

from . import common_terms
from .base import SearchRequest, SearchResponse
from .common_terms import FACET_SAMPLE, RESULT_COLUMNS, TITLE_WEIGHT, TOP_CANDIDATES, common_response, wanted_rows
from .query_syntax import tsquery


def search_common_term(engine, request: SearchRequest) -> SearchResponse | None:
    """None when the term is not that common, the page lies beyond the stored candidates, or the candidates left
    by the filters do not fill the page: then the exact path answers."""
    if 2 * (request.offset + request.limit) > TOP_CANDIDATES:
        return None
    expression = tsquery(request.query, mode=request.mode)
    ranking = stored_ranking(engine, expression)
    if ranking is None:
        return None
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    clauses, params = engine._filters(request)
    where = " AND ".join(clauses)
    names = ("score", *RESULT_COLUMNS, "type", "occupation", "level", "year")
    scores = dict(ranking.candidates)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(f'd.{name}' for name in names[1:])} FROM {table} d "  # noqa: S608
            f"WHERE d.id = ANY(%s) AND {where}",
            [list(scores), *params],
        )
        rows = [dict(zip(names, (-scores[row[0]], *row), strict=True)) for row in cursor.fetchall()]
        rows = wanted_rows(request, rows)
        if len(rows) < request.offset + request.limit and len(scores) < ranking.matches:
            return None
        cursor.execute(
            f"SELECT d.type, d.occupation, d.level, d.year, COUNT(*) FROM {table} d "  # noqa: S608
            f"WHERE d.id = ANY(%s) AND {where} GROUP BY d.type, d.occupation, d.level, d.year",
            [ranking.sample, *params],
        )
        scale = ranking.matches / max(1, len(ranking.sample))
        combinations = [(*values, round(count * scale)) for *values, count in cursor.fetchall()]
    return common_response(request, rows, combinations)  # score negated: ascending is best, as bm25


def stored_ranking(engine, expression: str) -> CommonTermRanking | None:
    """The stored ranking of a tsquery, made now if the query is common and none is stored (None if not common)."""
    key = hashlib.sha256(expression.encode()).hexdigest()
    ranking = CommonTermRanking.objects.filter(key=key, created__gt=timezone.now() - MAX_AGE).first()
    if ranking is not None:
        return ranking
    entries = connection.ops.quote_name(IndexEntry._meta.db_table)
    match = f"FROM {entries} e, to_tsquery('simple', %s) q WHERE e.content_type_id = %s AND e.body @@ q"
    with connection.cursor() as cursor:
        # Is it common? Stops after COMMON_MATCHES + 1 matches (no ranking, no full scan).
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 {match} LIMIT %s) s",  # noqa: S608
            [expression, engine.content_type_id, common_terms.COMMON_MATCHES + 1],
        )
        if cursor.fetchone()[0] <= common_terms.COMMON_MATCHES:
            return None
        cursor.execute(
            f"SELECT CAST(e.object_id AS INTEGER) AS doc_id, "  # noqa: S608
            f"ts_rank(e.title, q) * {TITLE_WEIGHT} + ts_rank(e.body, q) AS score, COUNT(*) OVER () AS matches "
            f"{match} ORDER BY score DESC, doc_id LIMIT %s",
            [expression, engine.content_type_id, TOP_CANDIDATES],
        )
        top = cursor.fetchall()
        cursor.execute(
            f"SELECT CAST(e.object_id AS INTEGER) {match} LIMIT %s",  # noqa: S608
            [expression, engine.content_type_id, FACET_SAMPLE],
        )
        sample = [row[0] for row in cursor.fetchall()]
    ranking = CommonTermRanking(
        key=key, matches=top[0][2], candidates=[[doc_id, score] for doc_id, score, _ in top], sample=sample
    )
    CommonTermRanking.objects.filter(key=key).delete()  # an expired one
    CommonTermRanking.objects.bulk_create([ranking], ignore_conflicts=True)  # a parallel search may store it too
    return ranking
