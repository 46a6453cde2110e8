"""大字版 on every page type: axe finds nothing serious, nothing scrolls sideways at 360 px, headings stay in order.
The normal mode is checked by test_accessibility.py; this is the same check with the display cookie set, reached
the way a visitor switches: the 大字版 link in the header (no JavaScript involved). The switch is made once; each test
starts a fresh phone with the cookie it set, and checks that its page is in 大字版."""

import pytest

from .pages import EXTRA_PATHS, project_page_types
from .support import NARROW_PHONE, VISITOR, BrowserSession
from .test_accessibility import check_page

pytestmark = pytest.mark.browser


def switch_to_large_text(session):
    session.goto("/")
    link = session.page.get_by_role("link", name="大字版")
    link.click()
    session.page.wait_for_load_state("load")
    assert "large-text" in session.page.evaluate("document.documentElement.className")
    assert session.page.get_by_role("link", name="标准版").is_visible()


def assert_large_text(session):
    assert "large-text" in session.page.evaluate("document.documentElement.className"), session.page.url
    assert "large-text" in session.page.evaluate("document.body.className"), session.page.url


@pytest.fixture(scope="module")
def large_text_cookies(browser, live_site):
    """The cookies a visitor has after switching with the header link (one switch for the module: the same
    clicks in every test cost about a third of the module's time and checked the same thing)."""
    context = browser.new_context(**VISITOR, **NARROW_PHONE)
    try:
        session = BrowserSession(page=context.new_page(), site=live_site, name="large-text-switch")
        switch_to_large_text(session)
        session.check()
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture
def large_text_phone(open_session, large_text_cookies):
    return open_session(NARROW_PHONE, storage_state=large_text_cookies)


@pytest.mark.parametrize("label", project_page_types())
def test_page_type_is_accessible_in_large_text(large_text_phone, live_site, label):
    sample = live_site.samples.get(label)
    if sample is None:
        pytest.skip(f"the demo content has no live {label} page")
    check_page(large_text_phone, sample["url"])
    assert_large_text(large_text_phone)
    size = large_text_phone.page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= 20, f"大字版 root font size is {size}px"


@pytest.mark.parametrize(("name", "path", "status"), EXTRA_PATHS, ids=[name for name, _, _ in EXTRA_PATHS])
def test_fixed_url_is_accessible_in_large_text(large_text_phone, name, path, status):
    check_page(large_text_phone, path, status)
    assert_large_text(large_text_phone)
