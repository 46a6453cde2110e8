"""大字版 on every page type: axe finds nothing serious, nothing scrolls sideways at 360 px, headings stay in order.
The normal mode is checked by test_accessibility.py; this is the same check with the display cookie set, reached
the way a visitor switches: the 大字版 link in the header (no JavaScript involved)."""

import pytest

from .pages import EXTRA_PATHS, project_page_types
from .test_accessibility import check_page

pytestmark = pytest.mark.browser


def switch_to_large_text(session):
    session.goto("/")
    link = session.page.get_by_role("link", name="大字版")
    link.click()
    session.page.wait_for_load_state("load")
    assert "large-text" in session.page.evaluate("document.documentElement.className")
    assert session.page.get_by_role("link", name="标准版").is_visible()


@pytest.fixture
def large_text_phone(narrow_phone):
    switch_to_large_text(narrow_phone)
    return narrow_phone


@pytest.mark.parametrize("label", project_page_types())
def test_page_type_is_accessible_in_large_text(large_text_phone, live_site, label):
    sample = live_site.samples.get(label)
    if sample is None:
        pytest.skip(f"the demo content has no live {label} page")
    check_page(large_text_phone, sample["url"])
    assert "large-text" in large_text_phone.page.evaluate("document.body.className")
    size = large_text_phone.page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= 20, f"大字版 root font size is {size}px"


@pytest.mark.parametrize(("name", "path", "status"), EXTRA_PATHS, ids=[name for name, _, _ in EXTRA_PATHS])
def test_fixed_url_is_accessible_in_large_text(large_text_phone, name, path, status):
    check_page(large_text_phone, path, status)
