"""The organisers' results journey (issue 16): an organiser imports results typed with ties as repeated ranks
(3, 3), the preview says it is a tie, the organiser publishes them for 公示; a second organiser cannot confirm them
before the notice period ends; 站点管理 confirms early with a written reason, and the public event page shows it."""

import pytest

from . import journey_steps as journeys
from .support import DESKTOP, STAFF_PASSWORD, assert_accessible
from .test_journeys_publishing import upload_results

pytestmark = pytest.mark.browser

TIED_RESULTS = (
    "名次,姓名,单位,市州,成绩,奖项\n"
    "1,赵一鸣（示例）,巴中市家政服务中心（示例）,巴中,96,一等奖\n"
    "2,钱二妹（示例）,达州市家政协会（示例）,达州,93.5,二等奖\n"
    "3,孙三立（示例）,广安市康养中心（示例）,广安,90,三等奖\n"
    "3,李四海（示例）,南充市家政学校（示例）,南充,90,三等奖\n"
    "5,周五福（示例）,遂宁市养老服务中心（示例）,遂宁,88,\n"
).encode()
REASON = "省人社厅表彰大会提前至本周举行，经竞赛组委会同意提前正式公布（示例值）。"


@journeys.needs(journeys.COMPETITIONS, "competitions")
def test_organiser_journey_ties_notice_and_early_final_with_a_reason(open_session, live_site):
    event_url = next(url for url in live_site.urls["competitions.CompetitionEvent"] if "tuopin-upcoming" in url)

    organiser = open_session(DESKTOP, suffix="organiser")
    page = organiser.page
    journeys.admin_login(organiser, "organiser", STAFF_PASSWORD)
    sidebar_link = page.locator("#wagtail-sidebar, aside").get_by_role("link", name="成绩公布").first
    assert sidebar_link.count() == 1, "竞赛组织 has 成绩公布 in the admin sidebar"
    organiser.goto(event_url)
    page_id = journeys.open_editor_from_userbar(organiser)
    header = page.locator("#w-slim-header-buttons")
    assert header.get_by_role("link", name="公示").is_visible(), "公示 is a visible header button"
    header.get_by_role("link", name="导入成绩").click()
    page.wait_for_url(f"**/admin/competitions/events/{page_id}/import/")

    upload_results(organiser, "家政决赛成绩.csv", TIED_RESULTS)
    assert page.locator(".import-errors li").count() == 0, "3, 3 is a tie, not an error"
    ties = page.locator(".import-ties").inner_text()
    assert "名次 3 并列 2 人" in ties and "第 4、5 行" in ties, ties
    assert page.locator("table.listing tbody tr").nth(2).inner_text().startswith("3=")
    organiser.shot("the preview says 3 is a tie")
    with page.expect_navigation():
        page.get_by_role("button", name="确认导入").click()
    page.wait_for_url(f"**/admin/competitions/events/{page_id}/announcement/")

    notice = page.locator("form", has=page.locator('input[name="action"][value="notice"]'))
    assert notice.locator("#id_notice_end").input_value().count("-") == 2, "dates are YYYY-MM-DD"
    notice.get_by_label("异议受理联系方式").fill("家政竞赛组委会办公室 028-87654321（示例值）")
    with page.expect_navigation():
        notice.get_by_role("button", name="发布公示").click()
    assert "成绩已进入公示期" in page.locator(".messages").inner_text()
    assert page.get_by_role("button", name="更新公示").count() == 1, "the notice form now says 更新公示"
    announcement_url = page.url
    organiser.shot("results in 公示")
    organiser.check()

    second = open_session(DESKTOP, suffix="second-organiser")
    journeys.admin_login(second, "organiser2", STAFF_PASSWORD)
    second.page.goto(announcement_url)
    final = second.page.locator("#final-heading").locator("xpath=..")
    assert "结束后才能确认正式公布" in final.inner_text()
    assert final.get_by_role("button").count() == 0, "no way to confirm before the end of the notice period"
    second.shot("a second organiser cannot confirm early")
    second.check()

    admin = open_session(DESKTOP, suffix="siteadmin")
    journeys.admin_login(admin, "siteadmin", STAFF_PASSWORD)
    admin.page.goto(announcement_url)
    admin.page.get_by_label("提前公布理由").fill(REASON)
    with admin.page.expect_navigation():
        admin.page.get_by_role("button", name="提前正式公布").click()
    assert "成绩已正式公布" in admin.page.locator(".messages").inner_text()
    assert REASON in admin.page.locator("main").inner_text()
    admin.shot("站点管理 confirmed early with a reason")
    admin.check()

    visitor = open_session(suffix="visitor")
    visitor.goto(event_url)
    box = visitor.page.locator("main .early-reason")
    assert "提前公布说明" in box.inner_text() and REASON in box.inner_text()
    first = visitor.page.locator("main table.results-table tbody tr").first
    assert "赵一鸣" in first.inner_text()
    assert visitor.horizontal_overflow() <= 0
    visitor.shot("the public page shows the reason")
    assert_accessible(visitor)
    visitor.check()
