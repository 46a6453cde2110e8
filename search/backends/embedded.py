"""The embedded engine: public search on the project's own database, no extra service.

SearchDocument rows are indexed into Wagtail's index tables by the Chinese database backend (segmented text),
and queried here with one SQL statement per step: the full-text match (FTS5 + bm25 on SQLite, tsquery +
ts_rank on PostgreSQL) joined to the SearchDocument columns, so filters and facets cost the same everywhere.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.search.models import IndexEntry

from search.models import SearchDocument

from .base import FACETS, TYPE_BOOST, BaseEngine, SearchRequest, SearchResponse, facet_counts
from .query_syntax import fts5_query, tsquery

BATCH_SIZE = 500
TITLE_WEIGHT = 4.0
BOOST_SQL = "CASE d.type " + " ".join(f"WHEN '{kind}' THEN {boost}" for kind, boost in TYPE_BOOST.items()) + " ELSE 1.0 END"


class EmbeddedEngine(BaseEngine):
    name = "embedded"

    def __init__(self):
        from .database import SearchBackend

        self.backend = SearchBackend({})
        self.vendor = connection.vendor

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
        the new one is complete."""
        IndexEntry.objects.filter(content_type_id=self.content_type_id)._raw_delete(using=IndexEntry.objects.db)
        batch, done = [], 0
        for document in documents:
            batch.append(document)
            if len(batch) == BATCH_SIZE:
                self.index(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress("index", done, total)
        if batch:
            self.index(batch)
            done += len(batch)
        if progress:
            progress("index", done, total)

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

    def _match(self, request: SearchRequest) -> tuple[str, list, str]:
        """SQL selecting (doc_id, score) of the documents matching the query, and the ORDER BY for relevance."""
        entries = connection.ops.quote_name(IndexEntry._meta.db_table)
        if self.vendor == "sqlite":
            fts = connection.ops.quote_name(f"{IndexEntry._meta.db_table}_fts")
            expression = fts5_query(request.query, mode=request.mode)
            sql = (
                f"SELECT CAST(e.object_id AS INTEGER) AS doc_id, bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT}) AS score "  # noqa: S608
                f"FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
                f"WHERE {fts} MATCH %s AND e.content_type_id = %s"
            )
            return sql, [f"{{title body}} : ({expression})", self.content_type_id], f"m.score * {BOOST_SQL} ASC"
        if self.vendor == "postgresql":
            expression = tsquery(request.query, mode=request.mode)
            sql = (
                f"SELECT CAST(e.object_id AS INTEGER) AS doc_id, "  # noqa: S608
                f"ts_rank(e.title, q) * {TITLE_WEIGHT} + ts_rank(e.body, q) AS score "
                f"FROM {entries} e, to_tsquery('simple', %s) q "
                f"WHERE e.content_type_id = %s AND e.body @@ q"
            )
            return sql, [expression, self.content_type_id], f"m.score * {BOOST_SQL} DESC"
        raise NotImplementedError(f"The embedded search engine supports SQLite and PostgreSQL, not {self.vendor}.")

    def _filters(self, request: SearchRequest, facets: bool) -> tuple[list[str], list]:
        """WHERE clauses on the document columns. For facet counting the facet filters are applied in Python."""
        clauses = ["(d.expire_at IS NULL OR d.expire_at > %s)"]
        params: list = [timezone.now()]
        filters = request.filters
        if filters.get("tag"):
            tag = filters["tag"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append("d.tags LIKE %s ESCAPE '\\'")
            params.append(f"%|{tag}|%")
        if request.exclude_ids:
            clauses.append(f"d.id NOT IN ({', '.join(['%s'] * len(request.exclude_ids))})")
            params.extend(request.exclude_ids)
        if not facets:
            for name in FACETS:
                if filters.get(name) not in (None, ""):
                    clauses.append(f"d.{name} = %s")
                    params.append(filters[name])
        return clauses, params

    def search(self, request: SearchRequest) -> SearchResponse:
        if not request.query:
            return SearchResponse(ids=[], total=0, facets={name: {} for name in FACETS})
        match_sql, match_params, relevance = self._match(request)
        documents = connection.ops.quote_name(SearchDocument._meta.db_table)
        # Only quoted table names and our own clause strings go into the SQL; every value is a parameter.
        base = f"WITH m AS ({match_sql}) SELECT {{columns}} FROM m JOIN {documents} d ON d.id = m.doc_id "  # noqa: S608
        base += "WHERE {where}"

        clauses, params = self._filters(request, facets=True)
        sql = base.format(columns="d.type, d.occupation, d.level, d.year, COUNT(*)", where=" AND ".join(clauses))
        with connection.cursor() as cursor:
            cursor.execute(sql + " GROUP BY d.type, d.occupation, d.level, d.year", match_params + params)
            facets, total = facet_counts(cursor.fetchall(), request.filters)

        ids: list[int] = []
        if total and request.limit:
            clauses, params = self._filters(request, facets=False)
            order = relevance if request.sort != "date" else f"(d.date IS NULL), d.date DESC, {relevance}"
            sql = base.format(columns="d.id", where=" AND ".join(clauses))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"{sql} ORDER BY {order}, d.id LIMIT %s OFFSET %s",
                    match_params + params + [request.limit, request.offset],
                )
                ids = [row[0] for row in cursor.fetchall()]
        return SearchResponse(ids=ids, total=total, facets=facets)

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        from search.suggest import vocabulary

        return vocabulary().complete(prefix, limit)
