"""Each role can do its job and cannot do the others', proved through the real Wagtail admin views.

Refusals are checked on direct GETs and POSTs to the edit, delete, publish, unpublish, move, copy and bulk
URLs of pages in another section, and every refusal is also checked in the database (nothing changed).
"""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from cms.accounts import roles

pytestmark = pytest.mark.django_db


def edit_form_data(admin_client, page, **changes):
    """The page's real edit form as the admin sees it, with some fields changed: what a browser would post."""
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key, value in changes.items():
        data[key.replace("_", "-")] = value
    return data


def assert_refused(response):
    """Wagtail answers a refused admin request with 403, or a redirect to the dashboard with an error message."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    else:
        assert response.status_code in (403, 404, 405), response.status_code


def snapshot(page):
    page = Page.objects.get(pk=page.pk)
    return (page.title, page.draft_title, page.live, page.has_unpublished_changes, page.revisions.count(), page.path)


def test_publicity_cannot_open_or_post_the_editor_of_a_course_module(admin_client, client_for, course_module):
    before = snapshot(course_module)
    publicity = client_for(roles.PUBLICITY)
    edit_url = reverse("wagtailadmin_pages:edit", args=[course_module.pk])
    assert_refused(publicity.get(edit_url))
    for action in ({}, {"action-publish": "action-publish"}, {"action-submit": "action-submit"}):
        data = edit_form_data(admin_client, course_module, title="被宣传人员篡改的标题")
        data.update(action)
        assert_refused(publicity.post(edit_url, data))
    assert snapshot(course_module) == before


def test_publicity_cannot_delete_publish_unpublish_move_or_copy_a_course_module(client_for, course_module, sections):
    before = snapshot(course_module)
    publicity = client_for(roles.PUBLICITY)
    page_id = course_module.pk
    for name in ("delete", "unpublish", "move", "copy"):
        url = reverse(f"wagtailadmin_pages:{name}", args=[page_id])
        assert_refused(publicity.get(url))
        assert_refused(publicity.post(url, {"new_parent_page": sections["policy"].pk, "new_title": "x"}))
    move_confirm = reverse("wagtailadmin_pages:move_confirm", args=[page_id, sections["policy"].pk])
    assert_refused(publicity.post(move_confirm))
    for action in ("publish", "unpublish", "delete"):
        bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={page_id}"
        publicity.post(bulk, {})
    assert snapshot(course_module) == before
    assert Page.objects.filter(pk=page_id, live=True).exists()


def test_publicity_cannot_add_pages_under_the_curricula_section(client_for, sections):
    publicity = client_for(roles.PUBLICITY)
    curricula = sections["curricula"]
    children = curricula.get_children().count()
    assert_refused(publicity.get(reverse("wagtailadmin_pages:add_subpage", args=[curricula.pk])))
    url = reverse("wagtailadmin_pages:add", args=["wagtailcore", "page", curricula.pk])
    assert_refused(publicity.post(url, {"title": "不应出现", "slug": "should-not-exist", "action-publish": "1"}))
    assert curricula.get_children().count() == children


def test_organiser_cannot_touch_policy_pages(admin_client, client_for, policy_page):
    before = snapshot(policy_page)
    organiser = client_for(roles.ORGANISER)
    edit_url = reverse("wagtailadmin_pages:edit", args=[policy_page.pk])
    assert_refused(organiser.get(edit_url))
    data = edit_form_data(admin_client, policy_page, title="被竞赛组织者篡改")
    data["action-publish"] = "action-publish"
    assert_refused(organiser.post(edit_url, data))
    for name in ("delete", "unpublish"):
        url = reverse(f"wagtailadmin_pages:{name}", args=[policy_page.pk])
        assert_refused(organiser.post(url))
    assert snapshot(policy_page) == before


def test_designer_and_reviewer_cannot_touch_competitions_or_policy(client_for, competition_page, policy_page):
    for role in (roles.DESIGNER, roles.REVIEWER):
        client = client_for(role)
        for page in (competition_page, policy_page):
            before = snapshot(page)
            assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
            assert_refused(client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])))
            assert snapshot(page) == before


def test_organiser_edits_and_publishes_within_competitions(admin_client, client_for, competition_page):
    organiser = client_for(roles.ORGANISER)
    edit_url = reverse("wagtailadmin_pages:edit", args=[competition_page.pk])
    assert organiser.get(edit_url).status_code == 200
    data = edit_form_data(admin_client, competition_page, title="2026 年养老护理职业技能竞赛（示例）")
    data["action-publish"] = "action-publish"
    response = organiser.post(edit_url, data)
    assert response.status_code == 302
    competition_page.refresh_from_db()
    assert competition_page.title == "2026 年养老护理职业技能竞赛（示例）"
    assert competition_page.live and not competition_page.has_unpublished_changes


def test_designer_cannot_publish_and_reviewer_approves_through_the_workflow(admin_client, client_for, course_module):
    designer, reviewer = client_for(roles.DESIGNER), client_for(roles.REVIEWER)
    edit_url = reverse("wagtailadmin_pages:edit", args=[course_module.pk])
    old_title = course_module.title
    new_title = "养老护理基础（第二版，示例）"

    # "Publish" from a designer is only a draft: the live page keeps its old title.
    data = edit_form_data(admin_client, course_module, title=new_title)
    data["action-publish"] = "action-publish"
    assert designer.post(edit_url, data).status_code == 302
    course_module.refresh_from_db()
    assert course_module.title == old_title
    assert course_module.draft_title == new_title and course_module.has_unpublished_changes

    # Submitting starts the 课程审核 workflow.
    data = edit_form_data(admin_client, course_module, title=new_title)
    data["action-submit"] = "action-submit"
    assert designer.post(edit_url, data).status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(course_module.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "课程审核"
    task_state = state.current_task_state
    course_module.refresh_from_db()
    assert course_module.title == old_title

    # The designer cannot approve their own submission.
    approve = reverse("wagtailadmin_pages:workflow_action", args=[course_module.pk, "approve", task_state.pk])
    assert_refused(designer.post(approve, {"comment": ""}))
    course_module.refresh_from_db()
    assert course_module.title == old_title

    # The reviewer approves: the page goes live with the new title.
    response = reviewer.post(approve, {"comment": "内容准确，同意发布。"})
    assert response.status_code in (200, 302)
    course_module.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert course_module.title == new_title and course_module.live
    assert not course_module.has_unpublished_changes


def test_publicity_submits_policy_pages_and_site_admin_approves(admin_client, client_for, policy_page):
    publicity, site_admin = client_for(roles.PUBLICITY), client_for(roles.SITE_ADMIN)
    edit_url = reverse("wagtailadmin_pages:edit", args=[policy_page.pk])
    assert publicity.get(edit_url).status_code == 200
    data = edit_form_data(admin_client, policy_page, title="政策解读：培训补贴怎么领（示例）")
    data["action-publish"] = "action-publish"
    publicity.post(edit_url, data)
    policy_page.refresh_from_db()
    assert policy_page.title == "康养职业技能培训政策解读（示例）", "publicity staff cannot bypass 政策审核"

    data["action-submit"] = "action-submit"
    del data["action-publish"]
    publicity.post(edit_url, data)
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(policy_page.pk))
    assert state.workflow.name == "政策审核"
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[policy_page.pk, "approve", state.current_task_state.pk]
    )
    assert_refused(publicity.post(approve, {"comment": ""}))
    site_admin.post(approve, {"comment": ""})
    policy_page.refresh_from_db()
    assert policy_page.title == "政策解读：培训补贴怎么领（示例）" and policy_page.live


def test_site_admin_reaches_every_section_settings_and_users(
    client_for, role_users, course_module, policy_page, competition_page
):
    site_admin = client_for(roles.SITE_ADMIN)
    for page in (course_module, policy_page, competition_page):
        assert site_admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert site_admin.get(reverse("wagtailusers_users:index")).status_code == 200
    assert site_admin.get(reverse("wagtailusers_groups:index")).status_code == 200
    settings_page = site_admin.get(reverse("wagtailsettings:edit", args=["cms", "sitesettings"]), follow=True)
    assert settings_page.status_code == 200
    assert 'name="organisation_name"' in settings_page.content.decode()
    assert site_admin.get(reverse("wagtailadmin_workflows:index")).status_code == 200
    assert not role_users[roles.SITE_ADMIN].is_superuser


def test_other_roles_cannot_reach_users_or_settings(client_for):
    for role in (roles.DESIGNER, roles.REVIEWER, roles.PUBLICITY, roles.ORGANISER):
        client = client_for(role)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200, "every role may enter the admin"
        assert_refused(client.get(reverse("wagtailusers_users:index")))
        settings_page = client.get(reverse("wagtailsettings:edit", args=["cms", "sitesettings"]), follow=True)
        assert settings_page.redirect_chain[-1][0] == reverse("wagtailadmin_home")
        assert 'name="organisation_name"' not in settings_page.content.decode()
