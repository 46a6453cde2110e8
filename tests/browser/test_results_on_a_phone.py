"""Results on a phone (issue 16): on 390×844 and 320×640 the winners page and a finally announced event page do
not scroll sideways, and the first result's name, award and score are inside the first screen; axe is clean."""

import pytest

from .support import assert_accessible

pytestmark = pytest.mark.browser

SCREENS = {
    "390x844": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "320x640": {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True},
}


def first_card_facts(session, table_selector):
    """(text, bottom edge) of the first result's name, award and score cells, as laid out on screen."""
    row = session.page.locator(f"main {table_selector} tbody tr").first
    facts = {}
    for key in ("c-name", "c-award", "c-score"):
        cell = row.locator(f"td.{key}")
        if cell.count() == 0:
            continue
        box = cell.bounding_box()
        facts[key] = (cell.inner_text().strip(), box["y"] + box["height"] if box else None, box)
    return facts


def assert_in_first_screen(session, facts, keys):
    height = session.page.viewport_size["height"]
    width = session.page.viewport_size["width"]
    for key in keys:
        text, bottom, box = facts[key]
        assert text, f"{key} of the first result is empty"
        assert bottom is not None and bottom <= height, f"{key} ({text}) ends at {bottom} px, below the first screen"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{key} ({text}) is off-screen sideways: {box}"


@pytest.mark.parametrize("screen", SCREENS)
def test_event_results_are_cards_in_the_first_screen(open_session, live_site, screen):
    event_url = next(url for url in live_site.urls["competitions.CompetitionEvent"] if "final-past" in url)
    session = open_session(SCREENS[screen])
    session.goto(event_url)
    session.shot(f"event results {screen}", full_page=False)
    assert session.horizontal_overflow() <= 0, f"the event page scrolls sideways at {screen}"
    # The first screen: the first results, before the facts of the event.
    first = session.page.locator("main .podium-entry").first
    facts = {}
    for key in ("c-name", "c-award", "c-score"):
        box = first.locator(f".{key}").bounding_box()
        facts[key] = (first.locator(f".{key}").inner_text().strip(), box["y"] + box["height"], box)
    assert_in_first_screen(session, facts, ("c-name", "c-award", "c-score"))
    # The full list: cards without a 赛事 column.
    table = session.page.locator("main table.results-table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "block", "results are cards on a phone"
    assert "赛事" not in session.page.locator("main table.results-table thead").first.inner_text()
    card = session.page.locator("main table.results-table tbody tr").first
    card.scroll_into_view_if_needed()
    card_facts = first_card_facts(session, "table.results-table")
    assert_in_first_screen(session, card_facts, ("c-name", "c-award", "c-score"))
    assert_accessible(session)
    session.check()


@pytest.mark.parametrize("screen", SCREENS)
def test_winners_page_is_cards_without_sideways_scrolling(open_session, live_site, screen):
    winners_url = live_site.samples["competitions.WinnersHall"]["url"]
    session = open_session(SCREENS[screen])
    session.goto(winners_url)
    session.shot(f"winners {screen}")
    assert session.horizontal_overflow() <= 0, f"the winners page scrolls sideways at {screen}"
    # The filters fold away on a phone; opened, each control fits the screen and is tap-sized.
    facts = first_card_facts(session, "table.winners-table")
    assert_in_first_screen(session, facts, ("c-name", "c-award", "c-score"))
    summary = session.page.locator("main details.filters-box > summary")
    assert summary.is_visible() and summary.bounding_box()["height"] >= 44
    summary.click()
    for select in session.page.locator("main form.filters select").all():
        box = select.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SCREENS[screen]["viewport"]["width"]
        assert box["height"] >= 44, "filter controls are tap-sized"
    assert session.horizontal_overflow() <= 0
    rows = session.page.locator("main table.winners-table tbody tr")
    heights = sorted(rows.nth(index).bounding_box()["height"] for index in range(min(rows.count(), 7)))
    median = heights[len(heights) // 2]
    assert median < 180, f"winners' cards are {heights} px tall (a table row was 227 px at 390 px)"
    assert_accessible(session)
    session.check()


def test_results_are_a_table_from_a_tablet_width(open_session, live_site):
    event_url = next(url for url in live_site.urls["competitions.CompetitionEvent"] if "final-past" in url)
    session = open_session({"viewport": {"width": 820, "height": 1180}})
    session.goto(event_url)
    table = session.page.locator("main table.results-table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    assert session.horizontal_overflow() <= 0
    session.check()


def test_winners_filters_are_open_from_a_tablet_width(open_session, live_site):
    session = open_session({"viewport": {"width": 820, "height": 1180}})
    session.goto(live_site.samples["competitions.WinnersHall"]["url"])
    assert session.page.locator("main form.filters select").first.is_visible()
    table = session.page.locator("main table.winners-table")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    session.check()
