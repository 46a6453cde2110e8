"""Issue 19: a module page lists the packages that use it one page at a time, so a common module used by hundreds
of packages costs the same queries and shows the same number of lines as one used by two."""

import re

import pytest

from curricula.rules import USED_BY_PER_PAGE
from tests.query_counts import page_and_queries

from .factories import make_occupation, make_package

pytestmark = pytest.mark.django_db

# Site, routing (4), view restrictions, the prerequisites with one page of packages and their count (1), tags, site
# settings and menu (the chrome memo is off in tests): as many as when the page listed every package.
MODULE_PAGE_QUERIES = 10


def used_by(html: str) -> list[str]:
    """The package titles in the 使用本模块的培训包 list, in order."""
    match = re.search(r'<ul class="used-by">(.*?)</ul>', html, re.S)
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', match.group(1)) if match else []


@pytest.fixture
def many_users(small_tree, index):
    """TY-01 used by 25 live packages (2 + 23) under two occupations, and by one unpublished package."""
    other = make_occupation(index, "老年人能力评估师", code="4-10-01-07", levels=(5, 4), slug="pinggu")
    common = small_tree["common"]
    for number in range(11):
        make_package(small_tree["occupation"], f"YL-EXTRA-{number:02d}", level_number=5, modules=[common])
    for number in range(12):
        make_package(other, f"PG-{number:02d}", level_number=4, modules=[common])
    draft = make_package(other, "PG-DRAFT", level_number=4, modules=[common])
    draft.unpublish()
    return common


def test_few_packages_are_listed_without_a_pager(client, small_tree):
    html, queries = page_and_queries(client, small_tree["common"].url)
    assert used_by(html) == ["培训包 PKG-5", "培训包 PKG-4"]
    assert 'class="pagination"' not in html and "个培训包</span>" not in html
    assert queries == MODULE_PAGE_QUERIES
    # A module with a prerequisite still lists it, beside its one package.
    feeding, _ = page_and_queries(client, small_tree["feeding"].url)
    assert "TY-01</span> 职业道德" in feeding and used_by(feeding) == ["培训包 PKG-5"]


def test_many_packages_are_paged_in_the_same_queries(client, many_users):
    url = many_users.url
    first, queries = page_and_queries(client, url)
    assert queries == MODULE_PAGE_QUERIES
    titles = used_by(first)
    assert len(titles) == USED_BY_PER_PAGE == 10
    # Tree order: the packages of 养老护理员 (the first occupation) first, with their occupation and level.
    assert titles[:2] == ["培训包 PKG-5", "培训包 PKG-4"]
    assert '<span class="meta">养老护理员 · 五级/初级工</span>' in first
    assert "25 个培训包" in first and "第 1 页，共 3 页（25 条）" in first
    assert 'href="?page=2#used-by-heading" rel="next"' in first

    last, queries = page_and_queries(client, url + "?page=3")
    assert queries == MODULE_PAGE_QUERIES
    assert used_by(last) == [f"培训包 PG-{number:02d}" for number in range(7, 12)]
    assert '<span class="meta">老年人能力评估师 · 四级/中级工</span>' in last
    seen = used_by(first) + used_by(page_and_queries(client, url + "?page=2")[0]) + used_by(last)
    assert len(set(seen)) == 25 and "培训包 PG-DRAFT" not in seen

    # A visitor's URL past the end or not a number: the last page, the first page.
    assert used_by(page_and_queries(client, url + "?page=99")[0]) == used_by(last)
    assert used_by(page_and_queries(client, url + "?page=abc")[0]) == titles
