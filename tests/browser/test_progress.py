"""The 进度 page on a 390 px phone: the charts are drawn and visible, each chart's data table is reachable, the
city chart names the 21 市州, axe finds nothing serious, and the page prints with its tables."""

import pytest

from cms.reference import CITY_NAMES

from .support import assert_accessible

pytestmark = pytest.mark.browser


def test_progress_page_on_a_phone(phone, live_site):
    sample = live_site.samples.get("progress.ProgressPage")
    assert sample, "the demo has a live 进度 page"
    phone.goto(sample["url"])
    page = phone.page
    charts = page.locator("svg.chart")
    assert charts.count() == 4
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box and box["width"] > 300 and box["height"] > 40, f"chart {index} is drawn: {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"chart {index} fits the phone: {box}"
    city_chart = page.locator("svg[aria-labelledby='chart-cities-title']").inner_html()
    assert all(f">{name}<" in city_chart for name in CITY_NAMES)
    # Every chart has a data table right after it; it can be scrolled to and read.
    for section in ("targets", "cities", "months", "rates"):
        table = page.locator(f"section[aria-labelledby='{section}-heading'] table")
        table.scroll_into_view_if_needed()
        assert table.is_visible(), f"{section} table is reachable"
    assert page.locator("section[aria-labelledby='cities-heading'] tbody tr").count() == 21
    # Sorting works without JavaScript: a plain link.
    page.get_by_role("link", name="按完成率").click()
    page.wait_for_url("**sort=percent**")
    assert_accessible(phone)
    assert phone.horizontal_overflow() <= 0
    assert not phone.heading_problems(), phone.heading_problems()
    # The downloads are links to files the site serves.
    href = page.locator("section[aria-labelledby='cities-heading'] .chart-downloads a").first.get_attribute("href")
    response = page.request.get(live_site(href))
    assert response.status == 200 and "市州" in response.text()
    page.emulate_media(media="print")
    assert page.locator("section[aria-labelledby='months-heading'] table").is_visible()
    phone.check()
