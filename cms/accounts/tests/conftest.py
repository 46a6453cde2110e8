"""Fixtures for the role tests: the real site tree, the roles applied by setup_roles, one user per role, and a
page in each section standing for its content (a course module, a policy document, a competition)."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from cms.accounts import roles

from .factories import add_section_child


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Lockout counters and Wagtail's per-process caches must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles_ready(site_tree):
    roles.setup_roles(log=lambda message: None)
    return site_tree


@pytest.fixture
def make_user(db, django_user_model):
    def make(username, *group_names):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw-for-tests-only")
        user.groups.add(*Group.objects.filter(name__in=group_names))
        return user

    return make


@pytest.fixture
def role_users(roles_ready, make_user):
    return {
        roles.DESIGNER: make_user("designer", roles.DESIGNER),
        roles.REVIEWER: make_user("reviewer", roles.REVIEWER),
        roles.PUBLICITY: make_user("publicity", roles.PUBLICITY),
        roles.ORGANISER: make_user("organiser", roles.ORGANISER),
        roles.SITE_ADMIN: make_user("siteadmin", roles.SITE_ADMIN),
    }


@pytest.fixture
def client_for(role_users):
    def make(role):
        client = Client()
        client.force_login(role_users[role])
        return client

    return make


@pytest.fixture
def course_module(roles_ready, role_users):
    _, sections = roles_ready
    return add_section_child(
        sections["curricula"], "养老护理基础（示例课程模块）", "module-demo", owner=role_users[roles.DESIGNER]
    )


@pytest.fixture
def policy_page(roles_ready, role_users):
    _, sections = roles_ready
    return add_section_child(
        sections["policy"], "康养职业技能培训政策解读（示例）", "policy-demo", owner=role_users[roles.PUBLICITY]
    )


@pytest.fixture
def competition_page(roles_ready, role_users):
    _, sections = roles_ready
    return add_section_child(
        sections["competitions"], "养老护理职业技能竞赛（示例）", "competition-demo", owner=role_users[roles.ORGANISER]
    )
