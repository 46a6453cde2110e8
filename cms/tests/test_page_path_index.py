"""Page-tree queries whose cost must not grow with the number of pages on SQLite (issue 19).

The cost is counted in SQLite virtual-machine steps (a progress handler), so the test is exact, not timed: a query
that scans the page table costs about as many steps more as pages were added; an index lookup costs the same.
"""

import pytest
from django.db import connection
from wagtail.models import Page

from cms.routing import restricted_annotation
from cms.tests.sqlite_steps import sqlite_steps

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner; PostgreSQL indexes path for LIKE"),
]

EXTRA_PAGES = 300


def steps(queryset) -> int:
    """SQLite VM steps (in units of 10) to run the query."""
    return sqlite_steps(lambda: list(queryset))


@pytest.fixture
def tree():
    root = Page.objects.get(depth=1)
    home = root.add_child(instance=Page(title="首页", slug="home-flat"))
    section = home.add_child(instance=Page(title="栏目", slug="section"))
    leaf = section.add_child(instance=Page(title="页面", slug="leaf"))
    return root, home, section, leaf


def grow(root):
    """Many pages elsewhere in the tree, as the scale bench's generated search pages."""
    other = root.add_child(instance=Page(title="别处", slug="elsewhere"))
    last = other.path
    pages = []
    for number in range(EXTRA_PAGES):
        last = Page._get_path(other.path, other.depth + 1, number + 1)
        pages.append(
            Page(
                title=f"页{number}",
                slug=f"p{number}",
                path=last,
                depth=other.depth + 1,
                numchild=0,
                locale_id=other.locale_id,
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=other.pk).update(numchild=EXTRA_PAGES)


def assert_flat(make_queryset, root):
    before = steps(make_queryset())
    grow(root)
    after = steps(make_queryset())
    assert after < before * 1.5 + 50, f"{before} → {after} steps with {EXTRA_PAGES} more pages"


def test_descendants_by_path_prefix_do_not_scan_the_page_table(tree):
    root, home, section, leaf = tree
    assert_flat(lambda: Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).values("id"), root)
    assert set(Page.objects.filter(path__startswith=home.path).values_list("id", flat=True)) == {
        home.id,
        section.id,
        leaf.id,
    }


def test_lookup_by_url_path_does_not_scan_the_page_table(tree):
    root, home, section, leaf = tree
    leaf.refresh_from_db()
    assert_flat(lambda: Page.objects.filter(url_path__in=[leaf.url_path]).values("id"), root)


def test_restriction_flag_does_not_walk_every_page(tree):
    root, home, section, leaf = tree
    assert_flat(lambda: Page.objects.filter(pk=leaf.pk).annotate(r=restricted_annotation()).values("id", "r"), root)
