"""A series page lists its events one page at a time: the same queries and at most a page of cards however many
events the series holds, latest first, each event on exactly one page."""

import datetime
import re

import pytest

from tests.query_counts import page_and_queries

from .factories import make_event

pytestmark = pytest.mark.django_db
PER_PAGE = 3  # the real page size is 10; three keeps the number of events these tests publish small
CARD_SLUG = re.compile(r'<li class="card event-card">\s*<h3><a href="/competitions/[^/]+/([^/]+)/">')


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr("competitions.paging.EVENTS_PER_PAGE", PER_PAGE)


def get(client, url):
    return page_and_queries(client, url)


def add_events(series, first, count):
    for number in range(first, first + count):
        make_event(
            series, f"e{number:02d}", start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=30 * number)
        )


def test_queries_and_cards_stay_bounded_as_events_grow(client, series):
    add_events(series, 0, 2)
    html, few_queries = get(client, series.url)
    assert CARD_SLUG.findall(html) == ["e01", "e00"]
    add_events(series, 2, 3 * PER_PAGE)
    html, many_queries = get(client, series.url)
    assert many_queries == few_queries <= 9
    assert CARD_SLUG.findall(html) == ["e10", "e09", "e08"]
    assert 'aria-label="分页"' in html and "共 4 页（11 条）" in html


def test_every_event_on_exactly_one_page_latest_first(client, series):
    add_events(series, 0, 2 * PER_PAGE + 1)
    slugs = []
    for number in (1, 2, 3):
        html, _queries = get(client, series.url + (f"?page={number}" if number > 1 else ""))
        slugs += CARD_SLUG.findall(html)
    assert slugs == [f"e{number:02d}" for number in reversed(range(2 * PER_PAGE + 1))]
    for beyond in ("99", "99999999999999999999"):  # the second overflowed SQL integers: a 500
        last, _queries = get(client, series.url + f"?page={beyond}")
        assert CARD_SLUG.findall(last) == ["e00"], beyond
    first, _queries = get(client, series.url + "?page=x")
    assert CARD_SLUG.findall(first)[0] == f"e{2 * PER_PAGE:02d}"


def test_series_without_events_keeps_its_empty_state(client, series):
    html, _queries = get(client, series.url)
    assert "这个系列还没有赛事。" in html and 'aria-label="分页"' not in html
