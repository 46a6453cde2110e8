"""The roles themselves: groups from the migration, setup_roles idempotent, the section helpers importers call,
demo users, and the import audit entry in the admin history."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry, WorkflowPage

from cms.accounts import demo, roles
from cms.accounts.audit import IMPORT_ACTION, log_import
from cms.accounts.permissions import user_can_edit_section, user_can_publish_section
from cms.models import SiteSettings

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.managed}


def test_the_migration_creates_the_five_groups_with_admin_access():
    for name in roles.ROLE_NAMES:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_setup_roles_is_idempotent(site_tree):
    assert roles.setup_roles(log=lambda message: None) > 0
    before = row_counts()
    assert roles.setup_roles(log=lambda message: None) == 0
    assert row_counts() == before


def test_setup_roles_command_reports_changes(site_tree, capsys):
    call_command("setup_roles")
    call_command("setup_roles")
    out = capsys.readouterr().out
    assert "setup_roles: 0 change(s)" in out


def test_page_permissions_sit_on_the_section_roots(roles_ready):
    _, sections = roles_ready
    granted = {
        (permission.group.name, permission.page_id, permission.permission.codename)
        for permission in GroupPagePermission.objects.select_related("group", "permission")
    }
    curricula, policy = sections["curricula"].pk, sections["policy"].pk
    assert (roles.DESIGNER, curricula, "add_page") in granted
    assert (roles.DESIGNER, curricula, "publish_page") not in granted
    assert (roles.REVIEWER, curricula, "publish_page") in granted
    assert (roles.PUBLICITY, policy, "change_page") in granted
    assert (roles.PUBLICITY, policy, "publish_page") not in granted
    assert (roles.ORGANISER, sections["competitions"].pk, "publish_page") in granted
    assert not any(group == roles.PUBLICITY and page == curricula for group, page, _ in granted)


def test_workflows_are_attached_to_curricula_and_policy(roles_ready):
    _, sections = roles_ready
    curricula = WorkflowPage.objects.get(page=sections["curricula"]).workflow
    policy = WorkflowPage.objects.get(page=sections["policy"]).workflow
    assert curricula.name == "课程审核"
    assert [g.name for g in curricula.tasks.get().specific.groups.all()] == [roles.REVIEWER]
    assert [g.name for g in policy.tasks.get().specific.groups.all()] == [roles.SITE_ADMIN]


def test_section_helpers_follow_the_page_permissions(role_users):
    expectations = {
        roles.DESIGNER: ({roles.CURRICULA}, set()),
        roles.REVIEWER: ({roles.CURRICULA}, {roles.CURRICULA}),
        roles.PUBLICITY: ({roles.POLICY}, set()),
        roles.ORGANISER: ({roles.COMPETITIONS}, {roles.COMPETITIONS}),
        roles.SITE_ADMIN: (set(roles.SECTIONS), set(roles.SECTIONS)),
    }
    for role, (editable, publishable) in expectations.items():
        user = role_users[role]
        assert {s for s in roles.SECTIONS if user_can_edit_section(user, s)} == editable, role
        assert {s for s in roles.SECTIONS if user_can_publish_section(user, s)} == publishable, role


def test_section_helpers_refuse_anonymous_inactive_and_unknown(role_users, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    organiser = role_users[roles.ORGANISER]
    assert not user_can_edit_section(AnonymousUser(), roles.COMPETITIONS)
    assert not user_can_edit_section(organiser, "nosuchapp.NoSuchPage")
    organiser.is_active = False
    assert not user_can_edit_section(organiser, roles.COMPETITIONS)


def test_demo_users_only_in_development(site_tree, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("DEMO_USERS", raising=False)
    lines = []
    demo.load(lines.append)
    assert not Group.objects.get(name=roles.DESIGNER).user_set.exists()
    assert any("只在开发环境" in line for line in lines)


def test_demo_users_one_per_role_with_printed_passwords(site_tree, settings):
    settings.DEBUG = False
    roles.setup_roles(log=lambda message: None)
    lines = []
    users = demo.create_demo_users(lines.append)
    assert {user.groups.get().name for user in users} == set(roles.ROLE_NAMES)
    for line in lines:
        username, password = re.search(r": (\w+) / (\S+)$", line).groups()
        client = Client()
        assert client.login(username=username, password=password), line
    again = []
    demo.create_demo_users(again.append)
    assert all("password set earlier" in line for line in again)


def test_log_import_shows_in_the_page_history_and_site_history(admin_client, admin_user, sections):
    competitions = sections["competitions"]
    entry = log_import(admin_user, competitions, "导入 12 条成绩（示例）")
    assert entry.action == IMPORT_ACTION
    assert PageLogEntry.objects.filter(page=competitions, action=IMPORT_ACTION).count() == 1
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[competitions.pk]))
    assert "导入 12 条成绩（示例）" in history.content.decode()
    site_history = admin_client.get(reverse("wagtailadmin_reports:site_history"))
    assert "导入 12 条成绩（示例）" in site_history.content.decode()


def test_log_import_works_for_any_model(admin_user, site_tree):
    from wagtail.models import ModelLogEntry, Site

    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    log_import(admin_user, settings_row, "导入站点设置")
    entry = ModelLogEntry.objects.get(action=IMPORT_ACTION)
    assert entry.user_id == admin_user.pk
    assert entry.data["summary"] == "导入站点设置"
    assert "导入站点设置" in entry.message
