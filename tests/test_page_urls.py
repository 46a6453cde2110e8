"""cms.page_urls gives exactly Wagtail's page URLs (unicode slugs, a script prefix, the site root) without a
reverse() per link."""

from urllib.parse import quote

import pytest
from django.urls import reverse, set_script_prefix
from django.urls.base import get_script_prefix
from wagtail.models import Page

from cms.page_urls import RowUrls, descendant_url, related_url
from curricula.tests.factories import make_occupation, make_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def unicode_page(sections):
    return make_occupation(sections["curricula"], "养老护理员", slug="养老护理员")


@pytest.fixture
def pages(sections, home_page, unicode_page):
    return [
        home_page,
        *sections.values(),
        unicode_page,
        make_package(unicode_page, "PKG-5"),
        make_occupation(sections["curricula"], "Mixed-Case_slug", slug="mixed-case_slug-2"),
    ]


@pytest.mark.parametrize("script_prefix", ["/", "/sub/", "/子站/"])
def test_the_same_url_parts_as_wagtail(pages, unicode_page, script_prefix, rf):
    previous = get_script_prefix()
    set_script_prefix(script_prefix)
    try:
        request = rf.get("/")
        for page in pages:
            expected = Page.get_url_parts(page, request)
            assert page.get_url_parts(request) == expected, page.url_path
            assert page.get_url_parts() == Page.get_url_parts(page), page.url_path
            for ancestor in pages:  # from any ancestor's URL, a descendant's is Wagtail's
                below = page.url_path.startswith(ancestor.url_path)
                found = descendant_url(Page.get_url(ancestor, request), ancestor.url_path, page.url_path)
                assert found == (Page.get_url(page, request) if below else None), (ancestor.url_path, page.url_path)
                # from any page's URL of the same site, any other page's
                found = related_url(Page.get_url(ancestor, request), ancestor.url_path, page.url_path)
                assert found == Page.get_url(page, request), (ancestor.url_path, page.url_path)
        assert unicode_page.url.startswith(quote(script_prefix))
        assert unicode_page.url.endswith("/curricula/%E5%85%BB%E8%80%81%E6%8A%A4%E7%90%86%E5%91%98/")
    finally:
        set_script_prefix(previous)


def test_the_url_is_what_reverse_gives(unicode_page):
    assert unicode_page.url == reverse("wagtail_serve", args=(unicode_page.url_path[len("/home/") :],))


def test_a_related_url_is_never_guessed_outside_the_known_pages_site(pages, rf):
    """Above the site root the path no longer says the URL: a page of another tree gets None (Wagtail decides)."""
    request = rf.get("/")
    package = pages[-2]
    assert related_url(Page.get_url(package, request), package.url_path, "/other-site/page/") is None
    assert related_url("/elsewhere/", package.url_path, pages[1].url_path) is None  # a URL that is not its path's


def test_row_urls_place_listed_rows_and_ask_wagtail_for_the_rest(pages, rf):
    request = rf.get("/")
    for known in (pages[-2], Page(url_path="/outside-every-site/")):  # the second has no URL: Wagtail answers
        urls = RowUrls(known, request)
        for page in pages:
            assert urls({"pk": page.pk, "url_path": page.url_path}) == Page.get_url(page, request)
            assert urls({"id": page.pk, "url_path": page.url_path}) == Page.get_url(page, request)
