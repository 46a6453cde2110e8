"""Finding 2 (issue 15): the login lockout is django-axes, per (user name, address), kept in the database, with
the address from the shared `cms.network.client_ip`, and 站点管理 can unlock. All through the real login form."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from cms.accounts import roles

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LOCKED = "登录已暂时锁定"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "right-password-123")


def attempt(client, username, password, **extra):
    response = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra)
    return response, response.status_code == 302 and "_auth_user_id" in client.session


def test_the_admin_login_page_still_works_and_counts_in_the_database(editor):
    response, ok = attempt(Client(REMOTE_ADDR="10.0.0.1"), "editor", "wrong")
    assert not ok and response.status_code == 200 and LOCKED not in response.content.decode()
    stored = AccessAttempt.objects.get()
    assert (stored.username, stored.ip_address, stored.failures_since_start) == ("editor", "10.0.0.1", 1)


def test_failures_from_many_addresses_do_not_lock_the_editor_out(editor):
    """The outside test: 9 wrong passwords for `admin` from 15 addresses locked it for everyone."""
    for number in range(15):
        for _ in range(4):
            _, ok = attempt(Client(REMOTE_ADDR=f"203.0.113.{number}"), "editor", "wrong")
            assert not ok
    _, ok = attempt(Client(REMOTE_ADDR="198.51.100.7"), "editor", "right-password-123")
    assert ok, "the editor's own address is not locked by other addresses' failures"


def test_five_failures_lock_that_user_at_that_address_only(editor):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        response, ok = attempt(attacker, "editor", "wrong")
        assert not ok
    response, ok = attempt(attacker, "EDITOR ", "right-password-123")
    assert not ok and response.status_code == 429 and LOCKED in response.content.decode()
    _, ok = attempt(Client(REMOTE_ADDR="198.51.100.7"), "editor", "right-password-123")
    assert ok


def test_behind_a_trusted_proxy_each_client_address_counts_apart(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.9.9.9"
    attacker = Client(REMOTE_ADDR=proxy)
    for _ in range(6):
        attempt(attacker, "editor", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.50"}
    _, ok = attempt(Client(REMOTE_ADDR=proxy), "editor", "right-password-123", HTTP_X_FORWARDED_FOR="198.51.100.3")
    assert ok, "the proxy's address is shared by everyone: it must not be what is locked"


def test_site_admin_unlocks_a_locked_user(editor, role_users):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        attempt(attacker, "editor", "wrong")
    _, ok = attempt(Client(REMOTE_ADDR="203.0.113.9"), "editor", "right-password-123")
    assert not ok

    site_admin = Client(REMOTE_ADDR="10.0.0.2")
    _, ok = attempt(site_admin, "siteadmin", "pw-for-tests-only")
    assert ok
    listing = site_admin.get(reverse("kangyang_lockouts"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "editor" in html and "203.0.113.9" in html and "已锁定" in html
    locked = AccessAttempt.objects.get(username="editor")
    response = site_admin.post(reverse("kangyang_lockouts"), {"attempt": locked.pk})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()
    _, ok = attempt(Client(REMOTE_ADDR="203.0.113.9"), "editor", "right-password-123")
    assert ok


def test_other_roles_cannot_unlock(role_users):
    client = Client()
    client.force_login(role_users[roles.DESIGNER])
    response = client.get(reverse("kangyang_lockouts"))
    assert response.status_code in (302, 403)
    assert "已锁定" not in response.content.decode()
