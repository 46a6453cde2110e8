"""The routing memo (cms.cache.content_memo), as served: a URL routed once costs no routing query until content
changes, and every change that moves, hides, renames or restricts a page shows on the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms import cache as page_cache
from competitions.tests.factories import make_event, make_series
from curricula.tests.factories import make_occupation, make_package
from policy.models import PolicyDocument
from policy.tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(settings, sections):
    """The page cache off, the per-process memos on (as `bench/pages.py` measures uncached pages)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.CHROME_MEMO_ENABLED = True
    page_cache._memo.clear()
    page_cache.reset_local_state()
    occupation = make_occupation(sections["curricula"], "养老护理员", slug="ylhly")
    pages = {
        "occupation": occupation,
        "package": make_package(occupation, "PKG-5"),
        "document": publish(sections["policy"], PolicyDocument(title="实施方案", slug="plan")),
        "event": make_event(make_series(sections["competitions"])),
    }
    yield pages
    page_cache._memo.clear()
    page_cache.reset_local_state()


def queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return response.status_code, len(context.captured_queries)


def test_a_url_routed_again_costs_no_routing_query(client, served):
    for name, page in served.items():
        url = page.url
        for _ in range(2):  # the first may create settings rows (a change): the memos fill from the next one
            client.get(url)
        again_status, again = queries(client, url)
        assert again_status == 200, name
        assert queries(client, url) == (200, again), f"{name}: a warm process's count stays put"
        page_cache.reset_content_memo()  # what a fresh worker knows about routes (chrome still memoised)
        cold_status, cold = queries(client, url)
        assert cold_status == 200
        assert cold >= again + 2, f"{name}: a fresh process routes with {cold} queries, a warm one with {again}"


def test_unpublishing_a_page_shows_at_once(client, served):
    for page in served.values():
        url = page.url
        for _ in range(2):
            assert client.get(url).status_code == 200
    served["package"].unpublish()
    assert client.get(served["package"].url).status_code == 404
    served["document"].unpublish()
    assert client.get(served["document"].url).status_code == 404
    served["event"].unpublish()
    assert client.get(served["event"].url).status_code == 404
    assert client.get(served["occupation"].url).status_code == 200


def test_a_new_slug_moves_the_page_at_once(client, served):
    package = served["package"]
    old_url = package.url
    for _ in range(2):
        assert client.get(old_url).status_code == 200
    package.slug = "pkg-5-new"
    package.save_revision().publish()
    assert client.get(old_url).status_code == 404
    new_url = package.__class__.objects.get(pk=package.pk).url
    assert new_url != old_url
    assert client.get(new_url).status_code == 200


def test_a_new_title_shows_at_once_in_the_page_and_its_breadcrumbs(client, served):
    url = served["package"].url
    for _ in range(2):
        client.get(url)
    occupation = served["occupation"]
    occupation.title = "养老护理员（新名称）"
    occupation.save_revision().publish()
    assert "养老护理员（新名称）" in client.get(url).content.decode()
    # An event's breadcrumbs are rendered once per content generation (cms_tags.breadcrumbs): its series' new title
    # shows on the next request too.
    event = served["event"]
    for _ in range(2):
        client.get(event.url)
    series = event.get_parent().specific
    series.title = "第二届竞赛（新名称）"
    series.save_revision().publish()
    crumbs = client.get(event.url).content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "第二届竞赛（新名称）" in crumbs


def test_a_new_view_restriction_applies_at_once(client, served):
    urls = [page.url for page in served.values()]
    for url in urls * 2:
        assert 'name="password"' not in client.get(url).content.decode()
    PageViewRestriction.objects.create(page=served["occupation"], restriction_type="password", password="pw")
    answers = {url: 'name="password"' in client.get(url).content.decode() for url in urls}
    assert answers == {
        served["occupation"].url: True,
        served["package"].url: True,
        served["document"].url: False,
        served["event"].url: False,
    }


def test_each_request_gets_its_own_copy(rf, served):
    request = rf.get("/")
    request._content_generation = 1

    def factory():
        return [served["package"]]

    title = served["package"].title
    first = page_cache.content_memo(request, ("copy-test",), factory)
    first[0].title = "changed while serving one request"
    second = page_cache.content_memo(request, ("copy-test",), factory)
    third = page_cache.content_memo(request, ("copy-test",), factory)
    assert second[0] is not third[0]
    assert second[0].title == third[0].title == title
