"""axe-core (WCAG 2.0/2.1 A and AA) on one page of every page type and on the fixed URLs, at 360 px wide.

Each visit also checks what axe does not: the page never scrolls sideways at 360 px, there is one h1 and the
headings do not skip a level, and nothing fails to load. A screenshot of each page is saved.
"""

import pytest

from .pages import EXTRA_PATHS, project_page_types
from .support import DESKTOP, assert_accessible

pytestmark = pytest.mark.browser


def check_page(session, path, status=200):
    if status >= 400:
        session.expect_status(path.split("?")[0], status)
    session.goto(path, status=status)
    session.shot("home" if path == "/" else path)
    assert_accessible(session)
    assert session.horizontal_overflow() <= 0, f"{path} scrolls sideways at {session.page.viewport_size['width']} px"
    assert not session.heading_problems(), f"{path}: {session.heading_problems()}"
    session.check()


@pytest.mark.parametrize("label", project_page_types())
def test_page_type_is_accessible_on_a_narrow_phone(narrow_phone, live_site, label):
    sample = live_site.samples.get(label)
    if sample is None:
        pytest.skip(f"the demo content has no live {label} page")
    check_page(narrow_phone, sample["url"])


@pytest.mark.parametrize(("name", "path", "status"), EXTRA_PATHS, ids=[name for name, _, _ in EXTRA_PATHS])
def test_fixed_url_is_accessible_on_a_narrow_phone(narrow_phone, name, path, status):
    check_page(narrow_phone, path, status)
    if name.startswith("search-with-results"):
        assert narrow_phone.result_links(), f"{path} should list results"


@pytest.mark.parametrize("path", ["/", "/styleguide/"], ids=["home", "styleguide"])
def test_desktop_layout_is_accessible(open_session, path):
    check_page(open_session(DESKTOP), path)
