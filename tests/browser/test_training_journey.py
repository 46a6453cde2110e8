"""Issue 13's journey on a 390×844 phone: home → 养老护理员 → its 五级 package → pick 绵阳 → the subsidy and the
next class → the enrol link is a tel: link → the class's .ics downloads and parses; axe on the new page types."""

import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from .pages import page_model_installed
from .support import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (page_model_installed("training.TrainingIndexPage") and page_model_installed("curricula.TrainingPackage")),
        reason="needs the training and curricula apps",
    ),
]


def test_journey_trainee_finds_where_to_train_in_mianyang_on_a_phone(phone):
    page = phone.page
    phone.goto("/")
    assert page.viewport_size == {"width": 390, "height": 844}

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="课程中心", exact=True).click()
    page.wait_for_load_state("load")
    page.locator("main").get_by_role("link", name="养老护理员").first.click()
    page.wait_for_load_state("load")
    assert "养老护理员" in page.get_by_role("heading", level=1).inner_text()
    phone.shot("occupation 养老护理员 with 报名与补贴")

    page.locator("main a", has_text="职业培训包").filter(has_text="五级").first.click()
    page.wait_for_load_state("load")
    assert "五级" in page.get_by_role("heading", level=1).inner_text()
    phone.shot("the 五级 package")

    block = page.locator("section.enrolment-block")
    block.get_by_label("所在市州").select_option("绵阳")
    with page.expect_navigation():
        block.get_by_role("button", name="查看").click()
    assert "city=" in page.url, "the chosen 市州 is remembered in the URL"
    block = page.locator("section.enrolment-block")
    assert "绵阳的培训补贴" in block.inner_text()
    assert "元/人" in block.locator("dl.subsidy-facts").inner_text()
    cards = block.locator("li.training-card")
    assert cards.count() >= 1, "绵阳 has a 五级 class in the demo content"
    assert "绵阳" in cards.first.inner_text()
    tel = cards.first.locator("a.tel").first
    assert tel.get_attribute("href").startswith("tel:")
    tel.scroll_into_view_if_needed()
    phone.shot("绵阳: subsidy and the next class")
    assert_accessible(phone)

    cards.first.locator("h3 a").click()
    page.wait_for_load_state("load")
    phone.shot("the class")
    assert_accessible(phone)
    assert page.locator('main a.tel[href^="tel:"]').count() >= 1
    with page.expect_download() as info:
        page.locator('main a[href$="ics/"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert "绵阳" in str(event["summary"]) or "绵阳" in str(event["location"])
    assert event.decoded("dtstart") >= datetime.date.today() - datetime.timedelta(days=1)

    assert phone.horizontal_overflow() <= 0
    phone.check()


def test_the_training_pages_pass_axe_on_a_phone(phone):
    phone.goto("/training/")
    assert_accessible(phone)
    phone.shot("directory")
    phone.goto("/training/?show=providers&city=成都")
    assert_accessible(phone)
    provider = phone.page.locator("main li.training-card h3 a").first
    provider.click()
    phone.page.wait_for_load_state("load")
    assert_accessible(phone)
    phone.shot("provider")
    phone.goto("/training/?city=阿坝&occupation=4-10-01-05")
    assert "暂无开班" in phone.page.locator("main").inner_text()
    assert_accessible(phone)
    assert phone.horizontal_overflow() <= 0
    phone.check()
