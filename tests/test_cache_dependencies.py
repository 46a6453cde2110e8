"""Cached pages that show other content are dropped when that content changes (issue 9 across the apps)."""

import pytest
from django.core.cache import caches
from wagtail.models import Site

from cms import cache as page_cache
from cms.models import SiteSettings
from competitions.models import WinnersHall
from competitions.tests.factories import announce_final, import_ok, make_event, make_series, publish, sample_rows
from curricula.tests.factories import make_module, make_occupation, make_package


@pytest.fixture
def cached(settings, site_tree):
    settings.PAGE_CACHE_ENABLED = True
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # created on first use: a settings change
    caches["default"].clear()
    page_cache._memo.clear()
    yield site_tree
    caches["default"].clear()
    page_cache._memo.clear()


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.headers.get("X-Page-Cache", ""), response.content.decode()


def test_editing_a_module_refreshes_every_cached_package_that_uses_it(client, cached, sections):
    index = sections["curricula"]
    occupation = make_occupation(index, "养老护理员", code="4-10-01-05", levels=(5, 4))
    module = make_module(index, "TY-01", title="职业道德")
    level5 = make_package(occupation, "PKG-5", level_number=5, modules=[module])
    level4 = make_package(occupation, "PKG-4", level_number=4, modules=[module])
    for package in (level5, level4):
        fetch(client, package.url)
        state, html = fetch(client, package.url)
        assert state == "hit" and "职业道德" in html

    module.title = "职业道德与职业守则"
    module.save_revision().publish()

    for package in (level5, level4):
        state, html = fetch(client, package.url)
        assert state != "hit"
        assert "职业道德与职业守则" in html


def test_importing_results_refreshes_the_cached_event_and_winners_hall(client, cached, sections, admin_user):
    competitions = sections["competitions"].specific
    event = make_event(make_series(competitions))
    hall = publish(competitions, WinnersHall(title="获奖名单", slug="winners"))
    other = type(admin_user).objects.create_superuser("second", "second@example.com", "pw-for-tests-only")
    announce_final(event, admin_user, other, rows=sample_rows(3))
    for url in (event.url, hall.url):
        fetch(client, url)
        assert fetch(client, url)[0] == "hit"

    from competitions.announcements import withdraw

    withdraw(event, admin_user)
    renamed = sample_rows(3)
    renamed[0][1] = "新冠军"
    import_ok(event, renamed)

    state, html = fetch(client, event.url)
    assert state != "hit"
    state, html = fetch(client, hall.url)
    assert state != "hit"
    assert "新冠军" not in html, "withdrawn results are no longer listed as final winners"
