"""The four user journeys of issue 7, in a real browser against the real server, with a screenshot per step.

Staff log in as users of the project's real role groups (cms.accounts.roles: 课程设计, 课程审核, 竞赛组织, 宣传,
站点管理; created by tests/browser/prepare_site.py), so each journey proves what the role may do and the
approval workflows (课程审核, 政策审核) as configured by `setup_roles`. A journey whose app is not installed is
skipped with the reason (needs()); every console error or failed request fails the journey (conftest).
"""

import time

import pytest

from .journey_steps import (
    CURRICULA,
    admin_edit_url,
    admin_login,
    click_main_link_to,
    installed,
    needs,
    open_section_from_nav,
    page_action,
    search_from_search_page,
    wait_for_editor_ready,
    wait_for_editor_settled,
)
from .support import DESKTOP, STAFF_PASSWORD, assert_accessible

pytestmark = pytest.mark.browser


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
