"""Planner statistics (cms.db_statistics): gathered after bulk loads, refreshed without ever failing a worker's exit."""

import pytest
from django.db import connection

from cms.db_statistics import analyse, optimise

pytestmark = pytest.mark.django_db


def _analysed_rows() -> int:
    """How many rows the planner believes the page table has; -1 (PostgreSQL) or absent (SQLite) before ANALYZE."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return -1
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page' LIMIT 1")
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else -1
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
        return int(cursor.fetchone()[0])


def test_analyse_gives_the_planner_the_table_sizes(site_tree):
    from wagtail.models import Page

    analyse()
    assert _analysed_rows() == Page.objects.count() > 1


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PRAGMA optimize is SQLite's; PostgreSQL's autovacuum analyses"
)
def test_optimise_analyses_the_tables_this_connection_needed(site_tree):
    from wagtail.models import Page

    assert _analysed_rows() == -1
    assert Page.objects.filter(slug="nothing-here", depth=3).count() == 0  # a query that wants statistics
    optimise()
    assert _analysed_rows() == Page.objects.count()
