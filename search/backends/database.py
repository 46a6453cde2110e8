"""Wagtail's database search backend (modelsearch), taught Chinese.

Field values are segmented by `search.analysis` before they reach SQLite FTS5 or PostgreSQL (config `simple`),
and query strings are segmented the same way, so `Page.objects.search("护理员")` and the admin's page search
find 养老护理员 pages. Configured as WAGTAILSEARCH_BACKENDS["default"] = {"BACKEND": "search.backends.database"}.
The vendor modules are imported lazily: modelsearch's SQLite module cannot be imported on PostgreSQL.
"""

from __future__ import annotations

from django.db import connection


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
