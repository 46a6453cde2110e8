"""The anonymous page cache (cms.cache) follows the results: an announcement change drops the cached pages."""

import datetime

import pytest
from django.core.cache import caches
from wagtail.models import Site

from cms import cache as page_cache
from cms.models import SiteSettings
from competitions.announcements import confirm_final, publish_notice, withdraw

from .factories import import_ok

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_ENABLED = True
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # created on first use: a settings change
    caches["default"].clear()
    page_cache._memo.clear()
    yield
    caches["default"].clear()
    page_cache._memo.clear()


def fetch(client, url, cache_state=None):
    response = client.get(url)
    assert response.status_code == 200
    if cache_state:
        assert response.headers.get("X-Page-Cache") == cache_state, (url, response.headers.get("X-Page-Cache"))
    return response.content.decode()


def test_event_series_and_winners_pages_follow_the_announcement(
    cached, client, event, series, winners_hall, admin_user, other_admin
):
    for url in (event.url, series.url, winners_hall.url):
        fetch(client, url)
        fetch(client, url)  # the first request of a process settles the site chrome
        fetch(client, url, "hit")  # cached from now on
    import_ok(event)
    assert "选手001" not in fetch(client, event.url), "imported results stay private until 公示"

    today = datetime.date.today()
    publish_notice(event, admin_user, today - datetime.timedelta(days=8), today - datetime.timedelta(days=1), "028")
    assert "选手001" in fetch(client, event.url, "miss")
    assert "成绩公示中" in fetch(client, series.url, "miss")
    assert "选手001" not in fetch(client, winners_hall.url), "公示 results are not winners yet"

    confirm_final(event, other_admin)
    assert "成绩已正式公布" in fetch(client, event.url, "miss")
    assert "选手001" in fetch(client, winners_hall.url, "miss")

    withdraw(event, admin_user)
    assert "选手001" not in fetch(client, event.url, "miss")
    assert "选手001" not in fetch(client, winners_hall.url, "miss")
