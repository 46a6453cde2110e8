"""Wagtail's database search backend (modelsearch), taught Chinese.

Field values are segmented by `search.analysis` before they reach SQLite FTS5 or PostgreSQL (config `simple`),
and query strings are segmented the same way, so `Page.objects.search("护理员")` and the admin's page search
find 养老护理员 pages. Configured as WAGTAILSEARCH_BACKENDS["default"] = {"BACKEND": "search.backends.database"}.
The vendor modules are imported lazily: modelsearch's SQLite module cannot be imported on PostgreSQL.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.index import RelatedFields
from modelsearch.query import Phrase, PlainText

from search.analysis import analyse_query, index_text

from .query_syntax import AND


def plain_text(query):
    """The user's words of a PlainText or Phrase query (a Chinese phrase is matched as its segmented words)."""
    if isinstance(query, PlainText):
        return query.query_string, query.operator.lower()
    if isinstance(query, Phrase):
        return query.query_string, AND
    return None, None


class ChineseIndexerMixin:
    """Segment every value before modelsearch stores it, when the indexer works for one of our backends. Titles
    (and fields declared with pinyin=True) also get pinyin keys, so `yanglao` and `ylhly` find 养老护理员."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.chinese = getattr(backend, "segments_chinese", False)
        self._analysed = {}

    def prepare_field(self, obj, field):
        if not self.chinese or isinstance(field, RelatedFields):
            yield from super().prepare_field(obj, field)  # related sub-fields come back through this method
            return
        pinyin = field.field_name == "title" or bool(field.kwargs.get("pinyin"))
        for *head, value in super().prepare_field(obj, field):
            yield (*head, self._analyse(value, pinyin))

    def _analyse(self, value, pinyin):
        key = (value, pinyin)
        if key not in self._analysed:
            self._analysed[key] = index_text(value or "", pinyin=pinyin)
        return self._analysed[key]


class ChineseQueryMixin:
    def search(self, config, start, stop, score_field=None, **kwargs):
        text, _ = plain_text(self.query)
        if text is not None and not analyse_query(text):
            return self.queryset.none()  # nothing searchable in the query (only punctuation or spaces)
        return super().search(config, start, stop, score_field=score_field, **kwargs)


def SearchBackend(params):  # noqa: N802  (modelsearch looks this name up in a backend module)
    """Pick the Chinese backend for the default database, as modelsearch.backends.database does for its own."""
    if connection.vendor == "postgresql":
        from .database_postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            from .database_sqlite import ChineseSQLiteSearchBackend

            return ChineseSQLiteSearchBackend(params)
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)
