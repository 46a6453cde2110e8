"""Login lockout through the real Wagtail admin login form: per username and per client address."""

import pytest
from django.contrib.auth import authenticate
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "right-password-123")


def attempt(client, username, password):
    response = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})
    return response, response.status_code == 302 and "_auth_user_id" in client.session


def test_the_admin_login_uses_the_lockout_form():
    response = Client().get(LOGIN)
    assert type(response.context["form"]).__name__ == "LockoutLoginForm"


def test_five_failures_lock_the_username_even_with_the_right_password(editor, settings):
    settings.LOGIN_LOCKOUT_USER_LIMIT = 5
    for number in range(5):
        response, ok = attempt(Client(REMOTE_ADDR=f"10.0.0.{number}"), "editor", "wrong")
        assert not ok
        locked = "登录失败次数过多" in response.content.decode()
        assert locked == (number == 4), f"attempts 1-4 are ordinary failures, the 5th locks (attempt {number + 1})"
    response, ok = attempt(Client(REMOTE_ADDR="10.0.1.1"), "editor", "right-password-123")
    assert not ok
    html = response.content.decode()
    assert "登录失败次数过多" in html and "15 分钟" in html
    # the username is locked for every login path that authenticates, case-insensitively
    assert authenticate(username="EDITOR", password="right-password-123") is None


def test_one_address_guessing_many_usernames_is_locked(editor, settings):
    settings.LOGIN_LOCKOUT_IP_LIMIT = 8
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(8):
        attempt(attacker, f"user{number}", "guess")
    response, ok = attempt(attacker, "editor", "right-password-123")
    assert not ok
    assert "登录失败次数过多" in response.content.decode()
    _, ok = attempt(Client(REMOTE_ADDR="198.51.100.7"), "editor", "right-password-123")
    assert ok, "another address is not affected"


def test_success_resets_the_username_counter(editor, settings):
    settings.LOGIN_LOCKOUT_USER_LIMIT = 3
    client = Client(REMOTE_ADDR="10.1.1.1")
    for _ in range(2):
        attempt(client, "editor", "wrong")
    _, ok = attempt(client, "editor", "right-password-123")
    assert ok
    client.logout()
    for _ in range(2):
        attempt(client, "editor", "wrong")
    _, ok = attempt(client, "editor", "right-password-123")
    assert ok, "the counter started again after the successful login"


def test_wrong_password_message_stays_generic_before_the_limit(editor):
    response, ok = attempt(Client(), "editor", "wrong")
    assert not ok
    assert response.status_code == 200
    assert "登录失败次数过多" not in response.content.decode()
