"""The search results page on a phone (issue 14): results before the filters, the 筛选 disclosure opens without
JavaScript, every tap target is at least 44 px high, and axe finds nothing serious."""

import pytest

from .support import NARROW_PHONE, PHONE, assert_accessible

pytestmark = pytest.mark.browser

TAP_TARGETS = "main .search-results a, main .search-filters summary, main .search-filters a, main .search-box button"


def small_targets(session) -> list[str]:
    return session.page.eval_on_selector_all(
        TAP_TARGETS,
        "els => els.filter(e => e.getClientRects().length && e.getBoundingClientRect().height < 44)"
        ".map(e => e.textContent.trim() + ' ' + Math.round(e.getBoundingClientRect().height) + 'px')",
    )


@pytest.mark.parametrize("device", [PHONE, NARROW_PHONE], ids=["390px", "360px"])
def test_results_come_first_and_filters_fold_away_on_a_phone(open_session, device):
    session = open_session(device)
    session.goto("/search/?q=保姆")
    first = session.page.locator("main .result").first.bounding_box()
    filters = session.page.locator("main .search-filters").bounding_box()
    assert first["y"] < filters["y"], "the first result is above the filters"
    assert first["y"] < device["viewport"]["height"] / 2, "the first result is on the first screen"
    assert session.page.locator("main .result h3 a").first.inner_text() == "家政服务员"
    assert not session.page.locator(".search-filters").evaluate("d => d.open"), "filters folded on a phone"
    assert not small_targets(session), small_targets(session)
    assert_accessible(session)
    session.check()


def test_filters_disclosure_works_without_javascript(open_session):
    session = open_session(PHONE, java_script_enabled=False)
    session.goto("/search/?q=养老")
    facet = session.page.locator(".search-filters .facet a").first
    assert not facet.is_visible()
    session.page.locator(".search-filters summary").click()
    assert facet.is_visible()
    assert not small_targets(session), small_targets(session)
    session.check()


def test_zero_results_page_on_a_phone(open_session):
    session = open_session(NARROW_PHONE)
    session.goto("/search/?q=火箭")
    assert "没有找到" in session.page.locator("main").inner_text()
    assert session.page.locator(".search-filters").count() == 0
    assert session.page.locator('main a[href="tel:12333"]').count() == 1
    assert_accessible(session)
    session.check()
