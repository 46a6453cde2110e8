"""axe-core (WCAG 2.0/2.1 A and AA) on one page of every page type and on the fixed URLs, at 360 px wide.

Each visit also checks what axe does not: the page never scrolls sideways at 360 px, there is one h1 and the
headings do not skip a level, and nothing fails to load. A screenshot of each page is saved.
"""

import re
import urllib.request

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


# The pages issue 7 names for the axe check, by page type: a missing demo page would turn its check into a skip.
ISSUE_PAGE_TYPES = {
    "home": "cms.HomePage",
    "occupation": "curricula.Occupation",
    "package": "curricula.TrainingPackage",
    "module": "curricula.CourseModule",
    "event": "competitions.CompetitionEvent",
    "results": "competitions.WinnersHall",
    "explainer": "policy.PolicyExplainer",
    "campaign": "policy.Campaign",
    "search": "search.SearchPage",
}


def test_axe_covers_every_page_the_issue_names(live_site):
    """Each page type above has a live demo page (so its axe check runs, not skips), the sample event shows a
    results table, and the sample campaign's poster is served from /media/ by the production server."""
    missing = [name for name, label in ISSUE_PAGE_TYPES.items() if label not in live_site.samples]
    assert not missing, f"no live demo page for: {missing}"
    event_html, _type = fetch(live_site(live_site.samples["competitions.CompetitionEvent"]["url"]))
    assert 'class="results-table result-cards"' in event_html.decode(), "the sample event must show its results table"
    campaign_html, _type = fetch(live_site(live_site.samples["policy.Campaign"]["url"]))
    posters = re.findall(r'src="(/media/[^"]+)"', campaign_html.decode())
    assert posters, "the sample campaign shows a poster"
    image, content_type = fetch(live_site(posters[0]))
    assert content_type.startswith("image/") and image, f"{posters[0]} is served as an image ({content_type})"


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  (the local test server)
        assert response.status == 200, url
        return response.read(), response.headers.get("Content-Type", "")
