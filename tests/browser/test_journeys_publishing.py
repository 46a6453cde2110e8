"""Journeys 3 and 4 of issue 7 (results for public notice; a publicity campaign scheduled and going live), in a
real browser against the real server, as the project's real role groups (see test_journeys.py)."""

import datetime
import json
import re
import time
import zoneinfo

import pytest
from icalendar import Calendar

from .journey_steps import (
    COMPETITIONS,
    POLICY,
    admin_edit_url,
    admin_login,
    needs,
    open_editor_from_userbar,
    page_action,
    wait_for_editor_ready,
    wait_for_editor_settled,
)
from .support import DESKTOP, STAFF_PASSWORD, assert_accessible, poll

pytestmark = pytest.mark.browser

RESULTS_HEADER = "名次,姓名,单位,市州,成绩,奖项\n"
RESULTS_ROWS = [
    "1,王晓梅（示例）,成都市第一社会福利院（示例）,成都,95.5,一等奖",
    "2,李建国（示例）,绵阳市社会福利院（示例）,绵阳,93,二等奖",
    "3,张丽（示例）,南充市康养中心（示例）,南充,{score},三等奖",
    "4,陈思远（示例）,宜宾市养老服务中心（示例）,宜宾,88.5,",
]


def results_csv(third_score):
    return (RESULTS_HEADER + "\n".join(RESULTS_ROWS).format(score=third_score) + "\n").encode("utf-8")


def upload_results(session, name, data):
    page = session.page
    page.locator('input[type="file"][name="file"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="检查并预览").click()


@needs(COMPETITIONS, "competitions")
def test_journey3_organiser_publishes_results_for_public_notice(open_session, live_site):
    """A 竞赛组织 user uploads a results CSV with one bad row on the event's import view, sees the error naming the
    row, uploads the fixed file, confirms the import and publishes the results for 公示; the results table and
    the notice appear on the public event page (read on a phone)."""
    event_url = next(url for url in live_site.urls["competitions.CompetitionEvent"] if "selection-current" in url)
    visitor = open_session(suffix="visitor")
    visitor.goto(event_url)
    assert visitor.page.locator("main .results-table").count() == 0, "the event starts without published results"
    visitor.shot("event page before the results")

    organiser = open_session(DESKTOP, suffix="organiser")
    page = organiser.page
    admin_login(organiser, "organiser", STAFF_PASSWORD)
    # From the public event page to its editor through the Wagtail user bar, then the header action "导入成绩".
    organiser.goto(event_url)
    page_id = open_editor_from_userbar(organiser)
    page.locator("#w-slim-header-buttons").get_by_role("link", name="导入成绩").click()
    page.wait_for_url(f"**/admin/competitions/events/{page_id}/import/")
    organiser.shot("results import form")

    upload_results(organiser, "决赛成绩.csv", results_csv("九十二"))
    problems = page.locator(".import-errors li").all_inner_texts()
    assert len(problems) == 1, problems
    assert "第 4 行" in problems[0] and "成绩" in problems[0], f"the error must name the row and column: {problems}"
    assert page.get_by_role("button", name="确认导入").count() == 0, "a file with errors cannot be imported"
    organiser.shot("the bad row is reported")

    upload_results(organiser, "决赛成绩-已更正.csv", results_csv("90"))
    assert page.locator(".import-errors li").count() == 0
    preview = page.locator("table.listing tbody tr")
    assert preview.count() == len(RESULTS_ROWS)
    organiser.shot("preview of the corrected file")
    with page.expect_navigation():
        page.get_by_role("button", name="确认导入").click()
    page.wait_for_url(f"**/admin/competitions/events/{page_id}/announcement/")
    assert "已导入 4 行成绩" in page.locator(".messages").inner_text()
    organiser.shot("imported: the announcement view")

    visitor.reload()
    assert visitor.page.locator("main .results-table").count() == 0, "imported results stay private until 公示"

    notice = page.locator("form", has=page.locator('input[name="action"][value="notice"]'))
    notice.get_by_label("异议受理联系方式").fill("省竞赛组委会办公室 028-12345678（示例值）")
    with page.expect_navigation():
        notice.get_by_role("button", name="发布公示").click()
    assert "成绩已进入公示期" in page.locator(".messages").inner_text()
    organiser.shot("results published for 公示")
    organiser.check()

    visitor.reload()
    results = visitor.page.locator("main .table-scroll table.results-table")
    assert results.is_visible(), "the results table must appear on the public event page, in a scroll box"
    assert results.locator("tbody tr").count() == len(RESULTS_ROWS)
    assert "王晓梅（示例）" in results.locator("tbody tr").first.inner_text()
    notice_box = visitor.page.locator("main .notice-box")
    assert "成绩公示中" in notice_box.inner_text() and "028-12345678" in notice_box.inner_text()
    assert visitor.horizontal_overflow() <= 0, "the results table scrolls inside its box, not the page"
    visitor.shot("public event page with the results in 公示")
    assert_accessible(visitor)
    visitor.check()


# Journey 4: publicity staff --------------------------------------------------------------------------------------
#
# Wagtail schedules to the minute, so a go-live time "a little in the future" is up to two minutes away. The
# journey is two tests: the first schedules a campaign in the admin at the start of the browser tests
# (browser_first), the second publishes it at the end (browser_last), and the other tests use the waiting time.
# The second part runs on its own too: without the first part's campaign it schedules one in the server's database.

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# Time from setting the go-live time to the end of the approval; the approval must happen before go-live, or
# Wagtail would publish at once. Typically 10-15 s here; a generous margin keeps a slow machine green.
GO_LIVE_MARGIN = datetime.timedelta(seconds=45)
SCHEDULED = {}


def go_live_time(now: datetime.datetime) -> datetime.datetime:
    """The first whole minute at least GO_LIVE_MARGIN after `now` (the admin's schedule has no seconds)."""
    soon = now + GO_LIVE_MARGIN
    return soon.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)


def fill_date(page, selector, value):
    """Type into a Wagtail date/time field and close its picker (it would cover the fields below)."""
    field = page.locator(selector)
    field.fill(value)
    field.press("Escape")


def calendar_events(session, ics_url) -> list:
    """The VEVENTs of the .ics feed, fetched with the visitor's browser context (cookies, no HTTP cache)."""
    response = session.page.request.get(session.site(ics_url))
    assert response.status == 200 and response.headers["content-type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.body()).walk("VEVENT"))


def campaign_events(session, ics_url, title) -> list:
    return [event for event in calendar_events(session, ics_url) if title in str(event.get("summary"))]


@pytest.mark.browser_first
@needs(POLICY, "policy")
def test_journey4_publicity_staff_schedule_a_campaign(open_session, live_site):
    """A 宣传 user writes a campaign with an activity, sets its go-live time a little ahead and submits it to
    政策审核; a 站点管理 user approves it; until its go-live time it is in neither the calendar nor the .ics feed.
    (Continued by test_journey4_scheduled_campaign_goes_live, the last browser test.)"""
    calendar = live_site.samples["policy.CampaignCalendar"]
    policy_index = live_site.samples["policy.PolicyIndexPage"]
    ics_url = calendar["url"] + "ics/"
    today = datetime.datetime.now(SHANGHAI).date()
    start = today + datetime.timedelta(days=3)
    title = f"康养政策进社区宣传周（浏览器测试 {time.time_ns() % 10**8}）"
    activity = "养老护理技能现场展示"

    visitor = open_session(suffix="visitor")
    visitor.goto(calendar["url"])
    assert title not in visitor.page.content()
    visitor.shot("calendar before")

    # The approver is logged in beforehand, so the approval follows the submission closely.
    approver = open_session(DESKTOP, suffix="siteadmin")
    admin_login(approver, "siteadmin", STAFF_PASSWORD)

    staff = open_session(DESKTOP, suffix="publicity")
    page = staff.page
    admin_login(staff, "publicity", STAFF_PASSWORD)
    staff.goto(f"/admin/pages/{policy_index['id']}/")
    page.get_by_role("link", name="添加子页面").first.click()
    page.locator("main").get_by_role("link", name="宣传活动", exact=True).click()
    page.wait_for_url(f"**/admin/pages/add/policy/campaign/{policy_index['id']}/")
    wait_for_editor_ready(staff)
    page.locator("#id_title").fill(title)
    page.locator("#id_intro").fill("走进社区讲解康养职业技能培训补贴政策（浏览器测试）。")
    page.get_by_label("节点").select_option(label="其他")
    page.locator("#id_theme").fill("技能培训进社区 康养服务暖人心")
    fill_date(page, "#id_start_date", start.isoformat())
    fill_date(page, "#id_end_date", (start + datetime.timedelta(days=6)).isoformat())
    page.get_by_label("12333 热线").check()
    # The schedule's own "insert a block" (the progress figures above it are a StreamField too).
    schedule = page.get_by_role("region", name="活动安排", exact=True)
    schedule.get_by_role("button", name=re.compile("Insert a block|插入")).first.click()
    fill_date(page, "#schedule-0-value-starts_at", f"{start.isoformat()} 09:30")
    fill_date(page, "#schedule-0-value-ends_at", f"{start.isoformat()} 11:30")
    page.locator("#schedule-0-value-place").fill("成都市锦江区某社区服务中心（示例值）")
    page.locator("#schedule-0-value-title").fill(activity)
    page.locator("#schedule-0-value-contact").fill("12333")
    staff.shot("campaign with an activity")

    # Autosave makes the new campaign a draft; its schedule is then set in the status side panel, "设置计划"
    # (its "保存计划" saves the draft).
    wait_for_editor_settled(staff)
    campaign_id = admin_edit_url(staff)
    page.get_by_role("button", name="状态开关").click()
    page.get_by_role("button", name="设置计划").click()
    dialog = page.get_by_role("dialog", name="设置发布计划")
    go_live = go_live_time(datetime.datetime.now(SHANGHAI))
    dialog.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # Escape would close the dialog: a click beside the field closes the date picker, once it has opened.
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.wait_for(state="visible")
    dialog.get_by_role("heading", name="设置发布计划").click()
    picker.wait_for(state="hidden")
    staff.shot(f"go-live at {go_live:%H:%M}", full_page=False)
    wait_for_editor_settled(staff)
    with page.expect_navigation():
        dialog.get_by_role("button", name="保存计划").click()
    assert admin_edit_url(staff) == campaign_id
    assert page.locator('footer button[name="action-publish"]').count() == 0, "publicity staff may not publish"
    page_action(staff, name="action-submit")
    assert page.locator(".messages .success").count(), "submitting the campaign must be confirmed"
    staff.shot("submitted to 政策审核")
    staff.check()
    mail = live_site.sent_mail()
    assert "siteadmin@example.com" in mail and title in mail, "the 站点管理 group must be notified by e-mail"

    approver.goto(f"/admin/pages/{campaign_id}/edit/")
    page_action(approver, workflow_action="approve")
    assert approver.page.locator(".messages .success").count(), "the approval must be confirmed"
    approved_at = datetime.datetime.now(SHANGHAI)
    assert approved_at < go_live, f"the approval ({approved_at:%H:%M:%S}) came after go-live: raise GO_LIVE_MARGIN"
    approver.goto(f"/admin/pages/{policy_index['id']}/")
    row = approver.page.locator("main table tbody tr", has=approver.page.get_by_text(title))
    assert "已计划" in row.inner_text(), "approved, the campaign waits for its go-live time (status 已计划)"
    approver.shot("approved: scheduled to go live")
    approver.check()

    visitor.reload()
    assert title not in visitor.page.content(), "a scheduled campaign is not in the calendar before its go-live time"
    assert not campaign_events(visitor, ics_url, title), "nor in the .ics feed"
    visitor.shot("calendar after the approval, before go-live")
    visitor.check()
    SCHEDULED.update(id=campaign_id, title=title, activity=activity, start=start, go_live=go_live)


def schedule_on_server(live_site, policy_index) -> dict:
    """What the first part of journey 4 leaves behind, made directly in the server's database (the same Wagtail
    calls as the admin's schedule and approval) so the go-live part also runs on its own. Due in a few seconds."""
    start = datetime.datetime.now(SHANGHAI).date() + datetime.timedelta(days=3)
    title = f"康养政策进社区宣传周（浏览器测试 {time.time_ns() % 10**8}）"
    activity = "养老护理技能现场展示"
    made = json.loads(
        live_site.manage_module(
            "tests.browser.scheduled_campaign",
            "schedule",
            str(policy_index["id"]),
            title,
            activity,
            start.isoformat(),
            "5",
        )
    )
    go_live = datetime.datetime.fromisoformat(made["go_live"])
    return {"id": made["id"], "title": title, "activity": activity, "start": start, "go_live": go_live}


def wait_until_due(live_site, campaign_id):
    """Until the server's database holds the campaign's approved revision with its go-live time passed."""
    poll(
        lambda: live_site.manage_module("tests.browser.scheduled_campaign", "due", str(campaign_id)).strip() == "yes",
        "the scheduled campaign's go-live time to pass on the server",
        timeout=(GO_LIVE_MARGIN + datetime.timedelta(minutes=2)).total_seconds(),
        interval=1,
    )


@pytest.mark.browser_last
@needs(POLICY, "policy")
def test_journey4_scheduled_campaign_goes_live(open_session, live_site):
    """Once the go-live time has passed, Wagtail's own `publish_scheduled` (run as cron would, against the server's
    database) publishes the campaign: the calendar lists it and the .ics feed has its activity. Continues the
    campaign scheduled in the admin by the first part when that ran in this session; otherwise (run on its own,
    or the first part failed) it schedules one itself in the server's database."""
    calendar = live_site.samples["policy.CampaignCalendar"]
    ics_url = calendar["url"] + "ics/"
    scheduled = (
        SCHEDULED
        if "go_live" in SCHEDULED
        else schedule_on_server(live_site, live_site.samples["policy.PolicyIndexPage"])
    )
    title = scheduled["title"]
    wait_until_due(live_site, scheduled["id"])

    visitor = open_session(suffix="visitor")
    visitor.goto(calendar["url"])
    assert title not in visitor.page.content(), "go-live time alone publishes nothing: publish_scheduled does"
    live_site.manage("publish_scheduled")
    visitor.reload()
    card = visitor.page.locator("main section", has_text="即将开始").get_by_role("link", name=title)
    assert card.is_visible(), "the campaign must be listed under 即将开始 once it is live"
    visitor.shot("calendar after go-live")
    (event,) = campaign_events(visitor, ics_url, title)
    assert scheduled["activity"] in str(event.get("summary"))
    starts = event.decoded("dtstart")
    assert starts == datetime.datetime.combine(scheduled["start"], datetime.time(9, 30), tzinfo=SHANGHAI), starts

    card.click()
    visitor.page.wait_for_load_state("load")
    assert visitor.page.get_by_role("heading", level=1).inner_text().strip() == title
    assert scheduled["activity"] in visitor.page.locator("main").inner_text()
    visitor.shot("the campaign page")
    assert_accessible(visitor)
    visitor.check()
