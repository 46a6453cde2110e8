"""Query-count pins for the shared pages; content apps pin theirs with the same helper."""

import pytest

from tests.query_counts import MAX_PAGE_QUERIES, assert_page_queries


@pytest.mark.django_db
def test_home_page_stays_within_the_query_budget(client, site_tree):
    assert assert_page_queries(client, "/") <= MAX_PAGE_QUERIES


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["curricula", "competitions", "policy", "search"])
def test_section_pages_stay_within_the_query_budget(client, sections, slug):
    assert_page_queries(client, sections[slug].url)


@pytest.mark.django_db
def test_the_helper_reports_the_queries_of_a_page_over_budget(client, sections):
    """The helper itself: with a budget of 1 it must fail and list the SQL it saw."""
    with pytest.raises(AssertionError) as failure:
        assert_page_queries(client, sections["policy"].url, max_queries=1)
    assert "SELECT" in str(failure.value)
    assert "limit 1" in str(failure.value)


@pytest.mark.django_db
def test_the_budget_is_measured_with_the_page_cache_off(client, site_tree, settings):
    settings.PAGE_CACHE_ENABLED = True
    count = assert_page_queries(client, "/")
    assert count > 0  # a cache hit would have run none
