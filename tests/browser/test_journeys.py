"""The four user journeys of issue 7, in a real browser against the real server, with a screenshot per step.

Staff log in as users of the project's real role groups (cms.accounts.roles: 课程设计, 课程审核, 竞赛组织, 宣传,
站点管理; created by tests/browser/prepare_site.py), so each journey proves what the role may do and the
approval workflows (课程审核, 政策审核) as configured by `setup_roles`. A journey whose app is not installed is
skipped with the reason (needs()); every console error or failed request fails the journey (conftest).
"""

import datetime
import json
import re
import time
import zoneinfo

import pytest
from icalendar import Calendar

from .pages import page_model_installed
from .support import DESKTOP, STAFF_PASSWORD, assert_accessible, poll

pytestmark = pytest.mark.browser

CURRICULA = ["curricula.Occupation", "curricula.TrainingPackage", "curricula.ModuleLibrary", "curricula.CourseModule"]
COMPETITIONS = ["competitions.Competition", "competitions.CompetitionEvent"]
POLICY = ["policy.Campaign", "policy.CampaignCalendar"]


def installed(labels):
    return all(page_model_installed(label) for label in labels)


def needs(labels, area):
    return pytest.mark.skipif(not installed(labels), reason=f"needs {area} merged ({', '.join(labels)})")


# Shared steps ------------------------------------------------------------------------------------------------


def open_section_from_nav(session, title):
    session.page.get_by_role("navigation", name="主导航").get_by_role("link", name=title, exact=True).click()
    session.page.wait_for_load_state("load")
    heading = session.page.get_by_role("heading", level=1)
    assert heading.inner_text().strip() == title


def search_from_search_page(session, query):
    """Use the search page's own form (the box inside <main>), as a trainee would."""
    box = session.page.locator('main form[role="search"] input[name="q"]')
    box.fill(query)
    box.press("Enter")
    session.page.wait_for_load_state("load")
    assert query in session.page.url or query in session.page.evaluate("decodeURIComponent(location.search)")


def click_main_link_to(session, path):
    # The link may carry a query (a package's modules link to `<module>?package=<code>`).
    link = session.page.locator(f'main a[href="{path}"], main a[href^="{path}?"]').first
    link.click()
    session.page.wait_for_load_state("load")


# Wagtail 8's editor autosaves: 2 s after the form loads it snapshots the form, then every change is saved in
# the background (a new page is created as a draft and the editor turns into its edit view). Pressing an action
# while an autosave is in flight races it (two creations of the same page: one of them fails), so the steps
# below wait for the editor to be settled, as a person effectively does. Before the snapshot nothing is autosaved
# (changes made then are simply submitted with the form), so the editor counts as settled then too.
AUTOSAVE_PROBE = """
window.__autosave = {started: 0, finished: 0};
document.addEventListener('w-autosave:save', () => window.__autosave.started++);
for (const name of ['w-autosave:success', 'w-autosave:error']) {
  document.addEventListener(name, () => window.__autosave.finished++);
}
"""
EDITOR_STATE = """() => {
  const form = document.querySelector('[data-controller~="w-unsaved"]');
  const app = window.wagtail && window.wagtail.app;
  const unsaved = form && app && app.getControllerForElementAndIdentifier(form, 'w-unsaved');
  const autosave = window.__autosave || {started: 0, finished: 0};
  return {
    ready: Boolean(unsaved && unsaved.initialFormData),
    settled: Boolean(unsaved && (!unsaved.initialFormData || unsaved.initialFormData === unsaved.formData))
      && autosave.started === autosave.finished,
    autosaves: autosave.finished,
  };
}"""


def wait_for_editor_ready(session):
    """The editor has taken its first snapshot of the form: from now on, changes are autosaved."""
    session.wait_until(f"({EDITOR_STATE})().ready", "the page editor to be ready", timeout=15)


def wait_for_editor_settled(session):
    """Every change in the form has been autosaved and no autosave is in flight."""
    session.wait_until(f"({EDITOR_STATE})().settled", "the editor's autosave to finish", timeout=15)


def open_editor_from_userbar(session) -> int:
    """On a public page, as a logged-in editor: the Wagtail user bar's "编辑此页"; returns the page id."""
    userbar = session.page.locator("wagtail-userbar")
    userbar.get_by_role("button").first.click()
    userbar.get_by_role("menuitem", name="编辑此页").click()
    session.page.wait_for_url("**/admin/pages/*/edit/")
    return admin_edit_url(session)


def admin_edit_url(session) -> int:
    """The page id of the page editor currently shown (/admin/pages/<id>/edit/)."""
    match = re.search(r"/admin/pages/(\d+)/edit/", session.page.url)
    assert match, f"not in the page editor: {session.page.url}"
    return int(match.group(1))


def admin_login(session, username, password):
    page = session.page
    page.context.add_init_script(AUTOSAVE_PROBE)
    session.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    session.shot(f"admin dashboard as {username}", full_page=False)


def page_action(session, name=None, workflow_action=None):
    """Press an item of the page editor's action menu (the footer button or its dropdown), once the editor has
    autosaved every change."""
    page = session.page
    wait_for_editor_settled(session)
    if workflow_action:
        selector = f'footer button[data-workflow-action-name="{workflow_action}"]:not([data-workflow-action-modal-url])'
    else:
        selector = f'footer button[name="{name}"]'
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer .w-dropdown-button button[aria-expanded]").first.click()
    with page.expect_navigation():
        button.click()


# Journey 1: a trainee on a phone ------------------------------------------------------------------------------


def test_journey1_trainee_browses_curricula_and_searches_on_a_phone(phone):
    """Home → 课程中心 (→ filter by level → 养老护理员 → a package → a module) → search 护理 → open a result."""
    page = phone.page
    phone.goto("/")
    assert page.viewport_size == {"width": 390, "height": 844}
    phone.shot("home")
    assert_accessible(phone)

    open_section_from_nav(phone, "课程中心")
    phone.shot("curricula section")

    if installed(CURRICULA):
        # Filter the occupations by level with the listing's filter form (the design system's form.filters).
        filters = page.locator("main form.filters")
        level = filters.get_by_label("等级", exact=False).first
        options = level.locator("option").all_inner_texts()
        choice = next((text for text in options if "五级" in text), options[-1])
        level.select_option(label=choice)
        with page.expect_navigation():
            filters.locator("button[type=submit]").first.click()
        assert "?" in page.url, "filtering must put the level in the URL (shareable, works without JS)"
        phone.shot(f"occupations filtered by {choice}")

        page.locator("main").get_by_role("link", name="养老护理员").first.click()
        page.wait_for_load_state("load")
        assert "养老护理员" in page.get_by_role("heading", level=1).inner_text()
        phone.shot("occupation 养老护理员")
        assert_accessible(phone)

        packages = [path for path in phone.main_links() if path in phone.site.urls.get("curricula.TrainingPackage", [])]
        assert packages, "the occupation page must link to its training packages"
        click_main_link_to(phone, packages[0])
        phone.shot("training package")
        assert_accessible(phone)

        modules = [path for path in phone.main_links() if path in phone.site.urls.get("curricula.CourseModule", [])]
        assert modules, "the package page must link to its course modules"
        click_main_link_to(phone, modules[0])
        phone.shot("course module")
        assert_accessible(phone)

    open_section_from_nav(phone, "搜索")
    search_from_search_page(phone, "护理")
    phone.shot("search 护理")
    assert_accessible(phone)
    results = phone.result_links()
    if installed(CURRICULA):
        assert results, "searching 护理 must find the curricula"
    if results:
        click_main_link_to(phone, results[0])
        assert page.get_by_role("heading", level=1).inner_text().strip()
        phone.shot("search result opened")
    else:
        assert page.locator("main .empty-state").is_visible(), "a search without results must say so"
    assert phone.horizontal_overflow() <= 0
    phone.check()


# Journey 2: a curriculum designer and a reviewer ---------------------------------------------------------------

MODULE_MARKDOWN = """## 防跌倒要点

- 评估**跌倒风险**
- 清除通道障碍物

1. 扶老人慢慢坐起
2. 站稳后再行走

<script>window.injected = 1</script>
"""


def choose_page_in_chooser(session, open_button, page_id):
    """Open a page chooser and pick the page by id in the modal's listing."""
    page = session.page
    open_button.click()
    modal = page.locator(".modal")
    choice = modal.locator(f'a.choose-page[data-id="{page_id}"]')
    choice.wait_for(state="visible")
    session.shot("page chooser", full_page=False)
    choice.click()
    modal.wait_for(state="hidden")


@needs(CURRICULA, "curricula")
def test_journey2_curriculum_designer_adds_a_module_to_a_package(open_session, live_site):
    """A 课程设计 user creates a module (Markdown content, hours) in the module library and submits it, adds it to
    a package and submits that; a 课程审核 user approves both through the 课程审核 workflow; the module then
    appears on the public package page, its Markdown rendered and sanitised."""
    library = live_site.samples["curricula.ModuleLibrary"]
    package = live_site.samples["curricula.TrainingPackage"]
    code = f"BT-{time.time_ns() % 10**8}"
    title = f"老年人防跌倒照护（浏览器测试 {code}）"

    designer = open_session(DESKTOP, suffix="designer")
    page = designer.page
    admin_login(designer, "designer", STAFF_PASSWORD)
    # The module library's listing in the admin, and its "add child page" (the only child type: a module).
    designer.goto(f"/admin/pages/{library['id']}/")
    page.get_by_role("link", name="添加子页面").first.click()
    page.wait_for_url(f"**/admin/pages/add/curricula/coursemodule/{library['id']}/")
    wait_for_editor_ready(designer)
    page.locator("#id_title").fill(title)
    page.locator("#id_intro").fill("预防老年人跌倒的评估与照护（浏览器测试）。")
    page.locator("#id_code").fill(code)
    page.locator("#id_theory_hours").fill("2")
    page.locator("#id_practice_hours").fill("3.5")
    page.locator("#id_outcomes").fill("能评估跌倒风险\n能协助老年人安全起身")
    page.locator("#id_body").fill(MODULE_MARKDOWN)
    # The editor autosaves the new module as a draft and turns into its edit view.
    wait_for_editor_settled(designer)
    module_id = admin_edit_url(designer)
    designer.shot("new course module filled in (autosaved draft)")
    # A designer may not publish: the editor offers submission to the 课程审核 workflow instead.
    assert page.locator('footer button[name="action-publish"]').count() == 0
    page_action(designer, name="action-submit")
    assert page.locator(".messages .success").count(), "submitting the new module must be confirmed"
    designer.shot("module submitted to 课程审核")

    # Add the module at the end of the package's module sequence, then submit the package too.
    designer.goto(f"/admin/pages/{package['id']}/edit/")
    page.locator("#id_package_modules-ADD").click()
    new_row = page.locator("[id^=inline_child_package_modules-]").last
    choose_page_in_chooser(designer, new_row.locator("button[data-chooser-action-choose]"), module_id)
    assert title in new_row.inner_text()
    designer.shot("module added to the package")
    page_action(designer, name="action-submit")
    assert page.locator(".messages .success").count(), "submitting the package must be confirmed"
    designer.shot("package submitted to 课程审核")
    designer.check()

    mail = live_site.sent_mail()
    assert "reviewer@example.com" in mail and title in mail, "the 课程审核 group must be notified by e-mail"

    visitor = open_session(DESKTOP, suffix="visitor")
    visitor.goto(package["url"])
    assert title not in visitor.page.content(), "a module awaiting moderation must not be public"

    reviewer = open_session(DESKTOP, suffix="reviewer")
    admin_login(reviewer, "reviewer", STAFF_PASSWORD)
    reviewer.goto("/admin/")
    awaiting = reviewer.page.locator("main")
    assert title in awaiting.inner_text() and package["title"] in awaiting.inner_text(), (
        "the reviewer's dashboard must list both pages awaiting review"
    )
    reviewer.shot("dashboard: pages awaiting review")
    for page_id in (module_id, package["id"]):  # the module first: a package lists live modules only
        reviewer.goto(f"/admin/pages/{page_id}/edit/")
        page_action(reviewer, workflow_action="approve")
        assert reviewer.page.locator(".messages .success").count(), f"approving page {page_id} must be confirmed"
        reviewer.shot(f"page {page_id} approved and published", full_page=False)
    reviewer.check()

    visitor.reload()
    link = visitor.page.locator("main table").get_by_role("link", name=title)
    assert link.is_visible(), "the approved module must be listed on the public package page"
    row = visitor.page.locator("main table tbody tr", has=visitor.page.get_by_role("link", name=title))
    assert "5.5" in row.inner_text(), "the module's hours (2 + 3.5) must be shown"
    visitor.shot("public package page lists the module")
    link.click()
    visitor.page.wait_for_load_state("load")
    body = visitor.page.locator("main .module-body")
    assert body.locator("h3", has_text="防跌倒要点").is_visible(), "Markdown headings are rendered"
    assert body.locator("strong", has_text="跌倒风险").is_visible()
    assert body.locator("ol li").count() == 2 and body.locator("ul li").count() == 2
    assert body.locator("script").count() == 0 and visitor.page.evaluate("window.injected === undefined"), (
        "raw HTML in Markdown must be sanitised away"
    )
    visitor.shot("public module page")
    assert_accessible(visitor)
    visitor.check()


# Journey 3: a competition organiser -----------------------------------------------------------------------------


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
