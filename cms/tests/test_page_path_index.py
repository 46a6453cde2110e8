"""Descendant queries (`path__startswith`) use an index on SQLite instead of scanning every page (issue 19)."""

import pytest
from django.db import connection
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has Django's pattern-ops index on path")
def test_descendant_query_searches_the_path_index():
    root = Page.objects.get(depth=1)
    descendants = Page.objects.filter(path__startswith=root.path, depth=3).values("id")
    text = plan(descendants)
    assert "cms_page_path_nocase" in text, text
    assert "SCAN wagtailcore_page" not in text, text


def test_descendants_found_through_the_index_are_the_right_pages():
    root = Page.objects.get(depth=1)
    home = root.add_child(instance=Page(title="首页", slug="home-path-index"))
    child = home.add_child(instance=Page(title="子页", slug="child"))
    other = root.add_child(instance=Page(title="别处", slug="elsewhere"))
    found = set(Page.objects.filter(path__startswith=home.path).values_list("id", flat=True))
    assert found == {home.id, child.id}
    assert other.id not in set(home.get_descendants().values_list("id", flat=True))
