"""Query discipline for public pages: render twice, pin the second (uncached) rendering's SQL query count.

Why twice: Wagtail caches the site's root paths per process on the first request; the pin is about what every
later request costs. The page cache is switched off for the measurement, so the figure is the uncached cost.

    from tests.query_counts import assert_page_queries
    assert_page_queries(client, page.url)            # at most 10 (the house limit)
    assert_page_queries(client, "/search/?q=养老", 12)
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

MAX_PAGE_QUERIES = 10


def assert_page_queries(client, url: str, max_queries: int = MAX_PAGE_QUERIES, status: int = 200) -> int:
    """Fail (listing the SQL) when `url` needs more than `max_queries` queries uncached; return the count."""
    with override_settings(PAGE_CACHE_ENABLED=False):
        warm = client.get(url)
        assert warm.status_code == status, f"{url} answered {warm.status_code}, expected {status}"
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}, expected {status}"
    count = len(context.captured_queries)
    if count > max_queries:
        listing = "\n".join(f"{index}. {query['sql']}" for index, query in enumerate(context.captured_queries, 1))
        raise AssertionError(f"{url} ran {count} SQL queries uncached (limit {max_queries}):\n{listing}")
    return count


def page_and_queries(client, url: str) -> tuple[str, int]:
    """The HTML of `url`'s second, uncached rendering (it must answer 200) and how many SQL queries it ran."""
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode(), len(context.captured_queries)
