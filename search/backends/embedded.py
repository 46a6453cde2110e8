"""The embedded engine: public search on the project's own database, no extra service.

SearchDocument rows are indexed into Wagtail's index tables by the Chinese database backend (segmented text),
and queried here with one SQL statement per step: the full-text match (FTS5 + bm25 on SQLite, tsquery +
ts_rank on PostgreSQL) joined to the SearchDocument columns, so filters and facets cost the same everywhere.
"""

from __future__ import annotations

import datetime
import functools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.search.models import IndexEntry

from search.analysis import get_segmenter, index_text
from search.documents import SearchDocument

from . import common_terms
from .base import FACETS, TYPE_BOOST, BaseEngine, SearchRequest, SearchResponse, facet_counts
from .common_terms import RESULT_COLUMNS, TITLE_WEIGHT
from .database import SearchBackend
from .query_syntax import fts5_query, tsquery

BATCH_SIZE = 500
PARALLEL_THRESHOLD = 2000  # documents; below this, starting worker processes costs more than it saves
PARALLEL_WORKERS = 4
BOOST_SQL = (
    "CASE f.type " + " ".join(f"WHEN '{kind}' THEN {boost}" for kind, boost in TYPE_BOOST.items()) + " ELSE 1.0 END"
)


# modelsearch's title_norm is (average title length / this title's length); our ranking (bm25) does not use it, the
# ORM's `.search()` on SearchDocument does. A fixed average keeps bulk writes from rewriting every row afterwards.
TITLE_NORM_LENGTH = 60.0


def entry_texts(title: str, keywords: str, text: str) -> tuple[str, str]:
    """(title, body) exactly as the Chinese backend's indexer stores them for a SearchDocument: the title with
    pinyin keys (also the autocomplete text); the body is the other search fields in order (keywords with pinyin,
    then the text)."""
    return index_text(title, pinyin=True), " ".join([index_text(keywords, pinyin=True), index_text(text)])


@dataclass
class Answer:
    """What one search statement read: facet combinations (type, occupation, level, year, count), the page's
    documents best first, and the named figures asked for (see EmbeddedEngine.answer)."""

    combinations: list
    documents: dict
    stats: dict


def _entry_row(row):
    pk, title, keywords, text = row
    return (pk, *entry_texts(title, keywords, text))


def _batched(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class EmbeddedEngine(BaseEngine):
    name = "embedded"

    def __init__(self):
        self.vendor = connection.vendor

    @functools.cached_property
    def backend(self):
        """Resolved on first use: on SQLite the choice depends on the full-text table, created by migrate."""
        return SearchBackend({})

    # --- indexing --------------------------------------------------------------------------------------------

    @property
    def content_type_id(self) -> int:
        return ContentType.objects.get_for_model(SearchDocument).pk

    def index(self, documents) -> None:
        documents = list(documents)
        for start in range(0, len(documents), BATCH_SIZE):
            self.backend.get_index_for_model(SearchDocument).add_items(
                SearchDocument, documents[start : start + BATCH_SIZE]
            )

    def delete(self, ids) -> None:
        ids = [str(pk) for pk in ids]
        for start in range(0, len(ids), BATCH_SIZE):
            IndexEntry.objects.filter(
                content_type_id=self.content_type_id, object_id__in=ids[start : start + BATCH_SIZE]
            )._raw_delete(using=IndexEntry.objects.db)

    @transaction.atomic
    def rebuild(self, documents, total: int, progress=None) -> None:
        """Drop this model's entries and add them again, in one transaction: readers see the old index until
        the new one is complete. On SQLite the entries are written in bulk directly (the same texts the backend's
        indexer writes, see entry_texts), analysed on every core for large rebuilds; elsewhere through the
        backend's indexer."""
        IndexEntry.objects.filter(content_type_id=self.content_type_id)._raw_delete(using=IndexEntry.objects.db)
        if self.vendor == "sqlite" and self.backend.segments_chinese:
            batches = self._analysed_batches(documents, total)
            write = self._bulk_insert
        else:
            batches = _batched(documents, BATCH_SIZE)
            write = self.index
        done = 0
        for batch in batches:
            write(batch)
            done += len(batch)
            if progress:
                progress("index", done, total)
        if progress and not done:
            progress("index", 0, 0)

    def _analysed_batches(self, documents, total: int):
        """Batches of (document id, entry texts). A large rebuild spreads the analysis over worker processes
        (forked after the segmenter is loaded, so they start at once); the database work stays here."""
        rows = ((document.pk, document.title, document.keywords(), document.text or "") for document in documents)
        workers = min(os.cpu_count() or 1, PARALLEL_WORKERS)
        if workers < 2 or total < PARALLEL_THRESHOLD:
            yield from _batched(map(_entry_row, rows), BATCH_SIZE)
            return
        get_segmenter()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from _batched(pool.map(_entry_row, rows, chunksize=200), BATCH_SIZE)

    def _bulk_insert(self, rows) -> None:
        IndexEntry.objects.bulk_create(
            IndexEntry(
                content_type_id=self.content_type_id,
                object_id=str(pk),
                title=title,
                autocomplete=title,
                body=body,
                title_norm=TITLE_NORM_LENGTH / max(len(title), 1),
            )
            for pk, title, body in rows
        )

    def status(self) -> dict:
        documents = SearchDocument.objects.count()
        entries = IndexEntry.objects.filter(content_type_id=self.content_type_id).count()
        return {
            "engine": f"{self.name} ({self.vendor}, {type(self.backend).__name__})",
            "documents": documents,
            "indexed": entries,
            "in_sync": documents == entries,
        }

    # --- querying --------------------------------------------------------------------------------------------

    def expression(self, request: SearchRequest) -> str:
        """The full-text query string: an FTS5 expression on SQLite, a tsquery on PostgreSQL."""
        if self.vendor == "sqlite":
            return f"{{title body}} : ({fts5_query(request.query, mode=request.mode)})"
        if self.vendor == "postgresql":
            return tsquery(request.query, mode=request.mode)
        raise NotImplementedError(f"The embedded search engine supports SQLite and PostgreSQL, not {self.vendor}.")

    def match_sql(self, request: SearchRequest, scored: bool = True) -> tuple[str, list]:
        """SQL selecting the matching documents as (doc_id, score), the lowest score best (bm25 is; ts_rank is
        negated), or (doc_id) alone when not `scored`."""
        entries = connection.ops.quote_name(IndexEntry._meta.db_table)
        params = [self.expression(request), self.content_type_id]
        if self.vendor == "sqlite":
            fts = connection.ops.quote_name(f"{IndexEntry._meta.db_table}_fts")
            score = f", bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT}) AS score" if scored else ""
            # CROSS JOIN keeps the full-text match as the outer loop (SQLite otherwise may walk the entries by
            # content type and run the MATCH once per entry).
            return (
                f"SELECT CAST(e.object_id AS INTEGER) AS doc_id{score} "  # noqa: S608
                f"FROM {fts} CROSS JOIN {entries} e ON e.id = {fts}.rowid "
                f"WHERE {fts} MATCH %s AND e.content_type_id = %s"
            ), params
        score = f", -(ts_rank(e.title, q) * {TITLE_WEIGHT} + ts_rank(e.body, q)) AS score" if scored else ""
        return (
            f"SELECT CAST(e.object_id AS INTEGER) AS doc_id{score} "  # noqa: S608
            f"FROM {entries} e, to_tsquery('simple', %s) q WHERE e.content_type_id = %s AND e.body @@ q"
        ), params

    def _filters(self, request: SearchRequest) -> tuple[list[str], list]:
        """WHERE clauses every count and result shares: not expired, tag, not already shown as a pick."""
        clauses = ["(d.expire_at IS NULL OR d.expire_at > %s)"]
        params: list = [timezone.now()]
        if request.filters.get("tag"):
            tag = request.filters["tag"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append("d.tags LIKE %s ESCAPE '\\'")
            params.append(f"%|{tag}|%")
        if request.exclude_ids:
            clauses.append(f"d.id NOT IN ({', '.join(['%s'] * len(request.exclude_ids))})")
            params.extend(request.exclude_ids)
        return clauses, params

    def search(self, request: SearchRequest) -> SearchResponse:
        """One statement: the facet counts (every combination of facet values among the matches) and the
        requested page of matches with the columns a result needs. Very common terms are answered from their stored
        ranking (search.backends.common_terms)."""
        if not request.query:
            return SearchResponse(ids=[], total=0, facets={name: {} for name in FACETS})
        if request.sort != "date":
            common = common_terms.search_common_term(self, request)
            if common is not None:
                return common
        match, params = self.match_sql(request)
        answer = self.answer(request, f"m AS MATERIALIZED ({match})", params)
        facets, total = facet_counts(answer.combinations, request.filters)
        return SearchResponse(ids=list(answer.documents), total=total, facets=facets, documents=answer.documents)

    def answer(self, request: SearchRequest, sources: str, params: list, counted="m", stats=None) -> Answer:
        """The page of hits and the facet combinations in one statement. `sources` defines the CTE m (doc_id,
        score) of the candidates. `counted` names the CTE of the documents whose facets are counted (doc_id): the
        candidates, a sample s, or None for no facet counts. `stats` are named SQL expressions over the CTE r, read
        back as text in the same statement (absent when r has no row)."""
        table = connection.ops.quote_name(SearchDocument._meta.db_table)
        base_clauses, base_params = self._filters(request)
        where = " AND ".join(base_clauses)
        hit_clauses, hit_params = self._facet_filters(request)
        relevance = f"f.score * {BOOST_SQL}"
        order = f"(f.date IS NULL), f.date DESC, {relevance}" if request.sort == "date" else relevance
        order = f"{order}, f.id"
        columns = ", ".join(f"d.{name}" for name in RESULT_COLUMNS)
        join = "CROSS JOIN" if self.vendor == "sqlite" else "JOIN"  # SQLite: matches first, documents by key
        empty = ", ".join("NULL" for _ in RESULT_COLUMNS)
        # f keeps only the narrow columns of every candidate; the wide ones (text) are read for the page of hits only.
        sql = (
            f"WITH {sources}, "  # noqa: S608  (names quoted, values are parameters)
            f"f AS MATERIALIZED (SELECT d.id, d.type, d.occupation, d.level, d.year, d.date, m.score "
            f"FROM m {join} {table} d ON d.id = m.doc_id WHERE {where}) "
            f"SELECT 1 AS part, hits.ord, hits.type, hits.occupation, hits.level, hits.year, NULL AS n, {columns} "
            "FROM ("
            f"SELECT ROW_NUMBER() OVER (ORDER BY {order}) AS ord, f.id, f.type, f.occupation, f.level, f.year "
            f"FROM f WHERE {' AND '.join(hit_clauses)} ORDER BY {order} LIMIT %s OFFSET %s) hits "
            f"JOIN {table} d ON d.id = hits.id"
        )
        params = [*params, *base_params, *hit_params, request.limit, request.offset]
        if counted == "m":
            sql += f" UNION ALL SELECT 0, NULL, f.type, f.occupation, f.level, f.year, COUNT(*), {empty} FROM f "  # noqa: S608
            sql += "GROUP BY f.type, f.occupation, f.level, f.year"
        elif counted:
            sql += (
                f" UNION ALL SELECT 0, NULL, d.type, d.occupation, d.level, d.year, COUNT(*), {empty} "  # noqa: S608
                f"FROM {counted} {join} {table} d ON d.id = {counted}.doc_id WHERE {where} "
                "GROUP BY d.type, d.occupation, d.level, d.year"
            )
            params += base_params
        names = list(stats or {})
        rest = ", ".join("NULL" for _ in RESULT_COLUMNS[2:])
        for number, name in enumerate(names, start=2):  # the value as text in the key column
            value = f"CAST({stats[name]} AS TEXT)"
            sql += f" UNION ALL SELECT {number}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, {value}, {rest} FROM r"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        documents = {}
        for row in sorted((row for row in rows if row[0] == 1), key=lambda row: row[1]):
            values = dict(zip(("type", "occupation", "level", "year"), row[2:6], strict=True))
            values.update(zip(RESULT_COLUMNS, row[7:], strict=True))
            if isinstance(values["date"], str):
                values["date"] = datetime.date.fromisoformat(values["date"])
            documents[values["id"]] = SearchDocument(**values)
        return Answer(
            combinations=[row[2:7] for row in rows if row[0] == 0],
            documents=documents,
            stats={names[row[0] - 2]: row[8] for row in rows if row[0] >= 2},
        )

    def _facet_filters(self, request: SearchRequest) -> tuple[list[str], list]:
        clauses, params = ["1 = 1"], []
        for name in FACETS:
            if request.filters.get(name) not in (None, ""):
                clauses.append(f"f.{name} = %s")
                params.append(request.filters[name])
        return clauses, params
