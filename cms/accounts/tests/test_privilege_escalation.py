"""Finding 1 (issue 15): 站点管理 must not make anyone a superuser, touch a superuser, or grant rights it lacks.

Every request goes through the real login form and the real Wagtail user/group admin views with real POSTs.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from cms.accounts import roles

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-only"  # noqa: S105 (make_user's password)


def logged_in(username):
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    return client


def refused(response) -> bool:
    """403, or Wagtail's answer to PermissionDenied: a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def user_form(username, **extra):
    data = {
        "username": username,
        "email": f"{username}@example.com",
        "first_name": "测",
        "last_name": "试",
        "password1": "A-long-new-password-2026",
        "password2": "A-long-new-password-2026",
        "is_active": "on",
    }
    data.update(extra)
    return data


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "Root-password-2026")


def test_site_admin_cannot_create_a_superuser(role_users, django_user_model):
    client = logged_in("siteadmin")
    response = client.post(reverse("wagtailusers_users:add"), user_form("mole", is_superuser="on"))
    assert refused(response)
    assert not django_user_model.objects.filter(username="mole").exists()


def test_site_admin_cannot_edit_or_reset_the_password_of_a_superuser(role_users, superuser):
    client = logged_in("siteadmin")
    url = reverse("wagtailusers_users:edit", args=[superuser.pk])
    assert refused(client.get(url))
    response = client.post(url, user_form("root", is_superuser="on"))
    assert refused(response)
    superuser.refresh_from_db()
    assert superuser.check_password("Root-password-2026") and superuser.is_active


def test_site_admin_cannot_elevate_another_user(role_users):
    client = logged_in("siteadmin")
    designer = role_users[roles.DESIGNER]
    url = reverse("wagtailusers_users:edit", args=[designer.pk])
    response = client.post(url, user_form("designer", is_superuser="on", password1="", password2=""))
    assert refused(response)
    designer.refresh_from_db()
    assert not designer.is_superuser


def test_site_admin_still_creates_and_edits_ordinary_users(role_users, django_user_model):
    client = logged_in("siteadmin")
    designer_group = Group.objects.get(name=roles.DESIGNER)
    response = client.post(reverse("wagtailusers_users:add"), user_form("newdesigner", groups=[designer_group.pk]))
    assert response.status_code == 302, response.content.decode()[:500]
    created = django_user_model.objects.get(username="newdesigner")
    assert not created.is_superuser and list(created.groups.all()) == [designer_group]


def test_a_user_manager_cannot_grant_a_group_with_rights_it_lacks(roles_ready, make_user):
    """A role that may manage users but holds no page rights cannot put itself (or anyone) into 站点管理."""
    managers = Group.objects.create(name="用户管理")
    managers.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="cms", codename__in=["add_user", "change_user"]),
    )
    manager = make_user("manager", "用户管理")
    client = logged_in("manager")
    site_admin_group = Group.objects.get(name=roles.SITE_ADMIN)
    url = reverse("wagtailusers_users:add")
    response = client.post(url, user_form("helper", groups=[site_admin_group.pk]))
    assert refused(response)
    other = make_user("other")
    edit = reverse("wagtailusers_users:edit", args=[other.pk])
    response = client.post(edit, user_form("other", groups=[site_admin_group.pk], password1="", password2=""))
    assert refused(response)
    assert not other.groups.exists() and list(manager.groups.all()) == [managers]
    # giving a group it belongs to itself is fine
    response = client.post(edit, user_form("other", groups=[managers.pk], password1="", password2=""))
    assert response.status_code == 302
    assert list(other.groups.all()) == [managers]
