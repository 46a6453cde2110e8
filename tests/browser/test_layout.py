"""The phone layout and keyboard use, checked in the browser: what axe cannot see."""

import pytest

from .support import NARROW_PHONE

pytestmark = pytest.mark.browser

SECTION_TITLES = ["课程中心", "技能竞赛", "政策解读与宣传", "培训进度", "搜索"]


def test_section_links_are_visible_and_work_without_javascript(open_session, live_site):
    session = open_session(NARROW_PHONE, java_script_enabled=False)
    session.goto("/")
    nav = session.page.get_by_role("navigation", name="主导航")
    for title in SECTION_TITLES:
        link = nav.get_by_role("link", name=title, exact=True)
        assert link.is_visible(), f"{title} is not visible in the phone navigation without JavaScript"
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, f"{title}: tap target {box['width']}x{box['height']}"
    session.shot("home without JavaScript", full_page=False)
    nav.get_by_role("link", name="搜索", exact=True).click()
    session.page.wait_for_url(live_site("/search/"))
    assert session.page.get_by_role("heading", level=1).inner_text() == "搜索"
    session.shot("search reached without JavaScript", full_page=False)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(narrow_phone):
    narrow_phone.goto("/curricula/")
    page = narrow_phone.page
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "跳到正文"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0, "the focused skip link must be on screen"
    narrow_phone.shot("skip link focused", full_page=False)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_keyboard_focus_is_clearly_visible(narrow_phone):
    """Even on the current section's tab, whose own colours are the strongest in the header."""
    narrow_phone.goto("/curricula/")
    page = narrow_phone.page
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand link
    page.keyboard.press("Tab")  # the 大字版 switch
    assert page.locator(":focus").inner_text() == "大字版"
    page.keyboard.press("Tab")  # the first section tab
    focused = page.locator(":focus")
    assert focused.inner_text() == "课程中心"
    assert focused.get_attribute("aria-current") == "page"
    style = focused.evaluate(
        "el => { const s = getComputedStyle(el); return {bg: s.backgroundColor, fg: s.color, shadow: s.boxShadow}; }"
    )
    assert style["bg"] == "rgb(255, 191, 71)", style  # the focus yellow…
    assert style["fg"] == "rgb(11, 12, 12)", style  # …behind dark text (9.6:1)
    assert style["shadow"] != "none", style
    narrow_phone.shot("focus on a section tab", full_page=False)


def test_page_language_and_landmarks(narrow_phone):
    narrow_phone.goto("/")
    page = narrow_phone.page
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert page.locator("header").count() >= 1
    assert page.locator("main#main").count() == 1
    assert page.locator("footer").count() >= 1
    assert page.get_by_role("search").count() >= 1


def test_wide_table_scrolls_in_its_own_focusable_region(narrow_phone):
    narrow_phone.goto("/styleguide/")
    page = narrow_phone.page
    box = page.locator(".table-scroll").first
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region"
    assert box.get_attribute("aria-label") == "获奖名单（示例值）"
    assert "is-scrollable" in box.get_attribute("class")
    assert narrow_phone.horizontal_overflow() <= 0
    box.focus()
    page.keyboard.press("ArrowRight")
    narrow_phone.wait_until("document.querySelector('.table-scroll').scrollLeft > 0", "the table to scroll")
    box.scroll_into_view_if_needed()
    narrow_phone.shot("wide table scrolled", full_page=False)


def test_a_bare_table_in_body_text_gets_the_scroll_box(narrow_phone):
    narrow_phone.goto("/styleguide/")
    table = narrow_phone.page.locator(".rich-text table")
    assert table.evaluate("t => t.parentElement.classList.contains('table-scroll')")
    assert narrow_phone.horizontal_overflow() <= 0


def test_pagination_keeps_the_filters(narrow_phone, live_site):
    narrow_phone.goto("/styleguide/?level=5&page=3")
    pager = narrow_phone.page.get_by_role("navigation", name="分页")
    assert pager.locator("[aria-current=page]").inner_text() == "3"
    pager.get_by_role("link", name="下一页").click()
    narrow_phone.page.wait_for_url(live_site("/styleguide/?level=5&page=4"))
    pager.get_by_role("link", name="第 1 页").click()
    narrow_phone.page.wait_for_url(live_site("/styleguide/?level=5"))
